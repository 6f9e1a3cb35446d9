import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The layout's arrows (shared/DESIGN.md) are enforced by `npm run check`: the ESLint config's
// import rules and scripts/check-cycles.mjs. These tests hand both a wrong import and a cycle.
const REPO = path.resolve(__dirname, '..', '..', '..');

describe('the layout rules', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO });

  async function importProblems(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\nexport const used = imported;\n`, { filePath: path.join(REPO, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it('refuses a feature importing another feature', async () => {
    const problems = await importProblems('src/chat/panel/wrong.ts', "import { imported } from '../../pools/nodes';");
    assert.equal(problems.length, 1, String(problems));
    assert.match(problems[0], /Features never import each other/);
    assert.match((await importProblems('src/inject/wrong.ts', "import { imported } from '../chat/session';"))[0] ?? '', /Features never import each other/);
  });

  it('refuses vscode in the plain folders, and a plain folder importing a feature or the connection manager', async () => {
    for (const folder of ['aws', 'policies', 'provisioning', 'bot', 'sandbox']) {
      const problems = await importProblems(`src/${folder}/wrong.ts`, "import { imported } from 'vscode';");
      assert.equal(problems.length, 1, `${folder}: ${problems}`);
      assert.match(problems[0], /no vscode here/);
    }
    assert.match(
      (await importProblems('src/provisioning/wrong.ts', "import { imported } from '../connection/connectionManager';"))[0] ?? '',
      /Plain folders never import features/,
    );
  });

  it('lets only the sandbox host import src/sandbox', async () => {
    assert.match((await importProblems('src/aws/wrong.ts', "import { imported } from '../sandbox/account';"))[0] ?? '', /Only the sandbox host/);
    assert.match((await importProblems('src/pools/commands/wrong.ts', "import { imported } from '../../sandbox';"))[0] ?? '', /Only the sandbox host/);
    assert.deepEqual(await importProblems('src/connection/sandboxHost.ts', "import { imported } from '../sandbox';"), []);
  });

  it('lets the chat page import src/chat/protocol and nothing else of the host', async () => {
    assert.deepEqual(await importProblems('src/webview/wrong.ts', "import { imported } from '../chat/protocol';"), []);
    assert.match((await importProblems('src/webview/wrong.ts', "import { imported } from '../chat/session';"))[0] ?? '', /only src\/chat\/protocol/);
  });

  it('allows what the layout allows: a feature using src/aws, src/ui and the connection manager; a file named like a folder', async () => {
    assert.deepEqual(await importProblems('src/chat/panel/right.ts', "import { imported } from '../../aws/ids';"), []);
    assert.deepEqual(await importProblems('src/pools/right.ts', "import { imported } from '../connection/connectionManager';"), []);
    assert.deepEqual(await importProblems('src/pools/right.ts', "import { imported } from '../ui/pickers';"), []);
    assert.deepEqual(await importProblems('src/aws/right.ts', "import { imported } from './connection';"), []);
  });

  describe('scripts/check-cycles.mjs', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const check = () => spawnSync(process.execPath, [path.join(REPO, 'scripts', 'check-cycles.mjs'), dir], { encoding: 'utf8' });

    it('fails on a cycle and names its files, type-only imports included', () => {
      fs.mkdirSync(path.join(dir, 'pools'));
      fs.writeFileSync(path.join(dir, 'pools', 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'pools', 'b.ts'), "import type { Shape } from '../c';\nexport const b = 1;\nexport type Uses = Shape;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './pools/a';\nexport type Shape = typeof a;\n");
      const result = check();
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /a\.ts <-> .*b\.ts <-> .*c\.ts|c\.ts/);
      for (const name of ['pools/a.ts', 'pools/b.ts', 'c.ts']) assert.ok(result.stderr.includes(name), `${name} in: ${result.stderr}`);
    });

    it('passes imports that point one way', () => {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), 'export const b = 1;\n');
      const result = check();
      assert.equal(result.status, 0, result.stdout + result.stderr);
    });
  });
});
