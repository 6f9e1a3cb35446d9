import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findVsCodeRipgrep, ripgrepArgs, toRipgrepExclude } from '../../../src/inject/ripgrep';
import { makeTree } from '../../support/files';
import { CODE_SERVER_APP_ROOT } from './support';

describe('inject/ripgrep', () => {
  const temps: string[] = [];
  afterEach(() => temps.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const appRoot = (rel: string) => {
    const root = makeTree({ [rel]: 'binary' }, 'cbw-inject-');
    temps.push(root);
    return root;
  };

  it('finds rg in each layout VS Code ships it in', () => {
    const layouts: Array<[string, NodeJS.Platform, string]> = [
      ['node_modules/@vscode/ripgrep/bin/rg', 'linux', 'x64'],
      ['node_modules.asar.unpacked/@vscode/ripgrep/bin/rg', 'darwin', 'arm64'],
      ['node_modules/@vscode/ripgrep/bin/rg.exe', 'win32', 'x64'],
      ['node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg', 'linux', 'x64'],
      ['node_modules/@vscode/ripgrep-universal/bin/darwin-arm64/rg', 'darwin', 'arm64'],
      ['node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/win32-arm64/rg.exe', 'win32', 'arm64'],
      ['node_modules/vscode-ripgrep/bin/rg', 'linux', 'x64'],
    ];
    for (const [rel, platform, arch] of layouts) {
      const root = appRoot(rel);
      assert.equal(findVsCodeRipgrep(root, platform, arch), path.join(root, rel), rel);
    }
  });

  it('picks the binary of the platform and arch asked for, and none when there is none', () => {
    const root = appRoot('node_modules/@vscode/ripgrep-universal/bin/linux-arm64/rg');
    assert.equal(findVsCodeRipgrep(root, 'linux', 'x64'), undefined);
    assert.equal(findVsCodeRipgrep(root, 'linux', 'arm64'), path.join(root, 'node_modules/@vscode/ripgrep-universal/bin/linux-arm64/rg'));
    assert.equal(findVsCodeRipgrep(root, 'win32', 'arm64'), undefined, 'rg is not rg.exe');
    assert.equal(findVsCodeRipgrep(path.join(root, 'nowhere')), undefined);
  });

  it('finds the rg of the code-server that the tests run', function () {
    if (!fs.existsSync(CODE_SERVER_APP_ROOT)) this.skip(); // code-server is installed by npm start or npm test
    assert.match(findVsCodeRipgrep(CODE_SERVER_APP_ROOT) ?? '', /@vscode[\\/]ripgrep(-universal)?[\\/]bin[\\/]/);
  });

  it('anchors VS Code globs at the root unless they start with **', () => {
    assert.equal(toRipgrepExclude('out'), '!/out');
    assert.equal(toRipgrepExclude('build/'), '!/build');
    assert.equal(toRipgrepExclude('./dist/**'), '!/dist/**');
    assert.equal(toRipgrepExclude('**/*.min.js'), '!**/*.min.js');
    assert.equal(toRipgrepExclude('{a,b}/**'), '!/{a,b}/**');
    assert.equal(toRipgrepExclude('  '), undefined);
  });

  it('searches fixed strings, hidden files and binaries too, honouring only the ignore files inside the root', () => {
    const args = ripgrepArgs({ strings: ['-x', 'YOUR_REGION'], exclude: ['out'], useGitignore: true });
    for (const flag of [
      '--fixed-strings',
      '--files-with-matches',
      '--null',
      '--hidden',
      '--binary',
      '--no-config',
      '--no-require-git',
      '--no-ignore-parent',
      '--no-ignore-global',
    ]) {
      assert.ok(args.includes(flag), flag);
    }
    assert.deepEqual(args.slice(-7), ['--glob', '!/out', '-e', '-x', '-e', 'YOUR_REGION', './']);
    assert.ok(args.join(' ').includes('--glob !**/node_modules --glob !**/.git'));
    assert.ok(ripgrepArgs({ strings: ['x'], exclude: [], useGitignore: false }).includes('--no-ignore'));
  });
});
