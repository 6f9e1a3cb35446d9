import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findVsCodeRipgrep } from '../../../src/inject/ripgrep';
import { applyPlanToDisk, type FilePlan, scanWorkspace, type ScanOptions, type ScanResult } from '../../../src/inject/workspace';
import { makeTree } from '../../support/files';
import { CODE_SERVER_APP_ROOT, VALUES } from './support';

const BOM = '\uFEFF';
const OLD_POOL = 'us-west-2_OldPool99';
const OLD_IDENTITY_POOL = 'us-west-2:11111111-2222-3333-4444-555555555555';
const LIMIT = 64 * 1024;

/** A workspace with something of everything the scan must find, skip or leave alone. */
function workspaceFiles(): Record<string, string | Uint8Array> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(' YOUR_USER_POOL_ID ')]);
  return {
    'webchat/config.js': "window.chatConfig = {\n  region: 'YOUR_REGION',\n  cognito: { userPoolId: 'userpoolId', clientId: 'ClientId' },\n};\n",
    'src/auth.ts': "export const poolData = { UserPoolId: 'YOUR_USER_POOL_ID', ClientId: 'YOUR_APP_CLIENT_ID' };\nconst ClientIdentifier = 'x';\n",
    // The same key with a placeholder in one file and a stale id in another: one replacement each.
    '.env.example': 'VITE_USER_POOL_ID=YOUR_USER_POOL_ID\r\nVITE_IDENTITY_POOL_ID=YOUR_IDENTITY_POOL_ID\r\n',
    '.env': `${BOM}# local\r\nVITE_USER_POOL_ID=${OLD_POOL}\r\nVITE_IDENTITY_POOL_ID="${OLD_IDENTITY_POOL}"\r\n`,
    'deploy/values.yaml': 'cognito:\n  user_pool_id: YOUR_USER_POOL_ID\n  region: YOUR_REGION\n',
    'docs/setup.md': '# Setup\n\nReplace `YOUR_APP_CLIENT_ID` with the app client id.\n',
    'public/lex-web-ui-loader-config.json': `{\n  "cognito": { "poolId": "${OLD_IDENTITY_POOL}" },\n  "lex": { "v2BotId": "YOUR_BOT_ID" }\n}\n`,
    '.hidden/settings.json': '{ "userPoolId": "YOUR_USER_POOL_ID" }\n',
    'src/clean.ts': 'export const nothing = 1;\n',
    'src/keys-only.ts': 'const params = { ClientId: clientId };\n',
    // Left alone: node_modules, excluded globs, .gitignore'd files; reported: binaries and large files.
    'node_modules/amazon-cognito-identity-js/README.md': "UserPoolId: 'YOUR_USER_POOL_ID'\n",
    'packages/app/node_modules/x/index.js': "const a = 'YOUR_REGION';\n",
    'dist/bundle.js': "var a='YOUR_REGION';\n",
    'src/generated/api.js': "const a = 'YOUR_REGION';\n",
    'src/vendor.min.js': "const a = 'YOUR_REGION';\n",
    '.gitignore': 'ignored/\n*.log\n!keep.log\n',
    'ignored/secret.js': "const a = 'YOUR_REGION';\n",
    'logs/app.log': 'YOUR_REGION\n',
    'logs/keep.log': 'region=YOUR_REGION\n',
    'sub/.gitignore': 'local.js\n',
    'sub/local.js': "const a = 'YOUR_REGION';\n",
    'sub/shared.js': "const a = 'YOUR_REGION';\n",
    'media/logo.png': png,
    'media/records.bin': 'YOUR_REGION\0\0\0\u0001',
    'data/big.json': `{ "pad": "${'x'.repeat(LIMIT)}", "region": "YOUR_REGION" }\n`,
    'data/big-clean.txt': 'y'.repeat(LIMIT + 10),
    'data/latin1.txt': Buffer.from('caf\xe9 YOUR_REGION\n', 'latin1'),
  };
}

const EXCLUDE = ['dist', '**/generated/**', '**/*.min.js'];

function options(root: string | string[], overrides: Partial<ScanOptions> = {}): ScanOptions {
  return { roots: Array.isArray(root) ? root : [root], exclude: EXCLUDE, useGitignore: true, maxFileBytes: LIMIT, ...overrides };
}

/** A plan as { relativePath: ["oldText -> kind (reason, key)", …] }. */
function summary(result: ScanResult): Record<string, string[]> {
  return Object.fromEntries(
    result.files.map((f) => [f.relativePath, f.replacements.map((r) => `${r.oldText} -> ${r.kind} (${r.reason}${r.key ? `, ${r.key}` : ''})`)]),
  );
}

const EXPECTED_PLAN: Record<string, string[]> = {
  '.env': [`${OLD_POOL} -> userPoolId (stale, VITE_USER_POOL_ID)`, `${OLD_IDENTITY_POOL} -> identityPoolId (stale, VITE_IDENTITY_POOL_ID)`],
  '.env.example': [
    'YOUR_USER_POOL_ID -> userPoolId (placeholder, VITE_USER_POOL_ID)',
    'YOUR_IDENTITY_POOL_ID -> identityPoolId (placeholder, VITE_IDENTITY_POOL_ID)',
  ],
  '.hidden/settings.json': ['YOUR_USER_POOL_ID -> userPoolId (placeholder, userPoolId)'],
  'deploy/values.yaml': ['YOUR_USER_POOL_ID -> userPoolId (placeholder, user_pool_id)', 'YOUR_REGION -> region (placeholder, cognito.region)'],
  'docs/setup.md': ['YOUR_APP_CLIENT_ID -> clientId (placeholder)'],
  'logs/keep.log': ['YOUR_REGION -> region (placeholder)'],
  'public/lex-web-ui-loader-config.json': [`${OLD_IDENTITY_POOL} -> identityPoolId (stale, cognito.poolId)`, 'YOUR_BOT_ID -> botId (placeholder, v2BotId)'],
  'src/auth.ts': ['YOUR_USER_POOL_ID -> userPoolId (placeholder, UserPoolId)', 'YOUR_APP_CLIENT_ID -> clientId (placeholder, ClientId)'],
  'sub/shared.js': ['YOUR_REGION -> region (placeholder)'],
  'webchat/config.js': [
    'YOUR_REGION -> region (placeholder)',
    'userpoolId -> userPoolId (placeholder, userPoolId)',
    'ClientId -> clientId (placeholder, clientId)',
  ],
};

/** rg binaries on this machine: VS Code's (in the code-server the tests install) and Debian's. */
const RIPGREPS: Array<[string, string | undefined]> = [
  ["VS Code's ripgrep", fs.existsSync(CODE_SERVER_APP_ROOT) ? findVsCodeRipgrep(CODE_SERVER_APP_ROOT) : undefined],
  ["Debian's ripgrep", fs.existsSync('/usr/bin/rg') ? '/usr/bin/rg' : undefined],
];

function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(root, rel);
    if (fs.lstatSync(file).isFile()) files.set(rel.split(path.sep).join('/'), fs.readFileSync(file));
  }
  return files;
}

describe('inject/workspace', () => {
  const temps: string[] = [];
  const tree = (files: Record<string, string | Uint8Array> = workspaceFiles()) => {
    const root = makeTree(files, 'cbw-inject-');
    temps.push(root);
    return root;
  };
  afterEach(() => {
    for (const dir of temps.splice(0)) {
      for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) fs.chmodSync(path.join(dir, rel), 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the Node walk', () => {
    it('plans every placeholder and stale id, once per occurrence, in JS, TS, .env, YAML, Markdown and JSON files', async () => {
      const root = tree();
      const result = await scanWorkspace(options(root), VALUES);
      assert.equal(result.usedRipgrep, false);
      assert.deepEqual(summary(result), EXPECTED_PLAN);
      assert.ok(result.files.every((f) => f.root === root && f.path === path.join(root, f.relativePath) && !f.readOnly));
    });

    it('leaves out node_modules, excluded globs and ignored files; reports binaries and large files that hold a token', async () => {
      const root = tree();
      const result = await scanWorkspace(options(root), VALUES);
      assert.deepEqual(
        result.skipped.map((s) => [path.relative(root, s.path), s.reason]),
        [
          ['data/big.json', 'too large'],
          ['data/latin1.txt', 'binary'],
          ['media/logo.png', 'binary'],
          ['media/records.bin', 'binary'],
        ],
      );
      const planned = result.files.map((f) => f.relativePath);
      for (const rel of [
        'node_modules/amazon-cognito-identity-js/README.md',
        'packages/app/node_modules/x/index.js',
        'dist/bundle.js',
        'src/generated/api.js',
        'src/vendor.min.js',
        'ignored/secret.js',
        'logs/app.log',
        'sub/local.js',
      ]) {
        assert.ok(!planned.includes(rel), rel);
      }
    });

    it("reads .gitignore'd files when told not to use .gitignore", async () => {
      const root = tree();
      const planned = (await scanWorkspace(options(root, { useGitignore: false }), VALUES)).files.map((f) => f.relativePath);
      for (const rel of ['ignored/secret.js', 'logs/app.log', 'sub/local.js']) assert.ok(planned.includes(rel), rel);
      assert.ok(!planned.includes('node_modules/amazon-cognito-identity-js/README.md'), 'node_modules stays out');
    });

    it('takes VS Code globs: {a,b}, anchored at the root unless they start with **', async () => {
      const root = tree({
        'a/x.js': "'YOUR_REGION'",
        'b/x.js': "'YOUR_REGION'",
        'c/a/x.js': "'YOUR_REGION'",
        'top.log': "'YOUR_REGION'",
        'c/deep.log': "'YOUR_REGION'",
      });
      const result = await scanWorkspace(options(root, { exclude: ['{a,b}', '*.log'] }), VALUES);
      assert.deepEqual(
        result.files.map((f) => f.relativePath),
        ['c/a/x.js', 'c/deep.log'],
      );
    });

    it('scans several roots, each file once, and nothing when there are no values', async () => {
      const first = tree({ 'x.js': "'YOUR_REGION'" });
      const second = tree({ 'y.js': "'YOUR_BOT_ID'" });
      const result = await scanWorkspace(options([first, second, first]), VALUES);
      assert.deepEqual(
        result.files.map((f) => [f.root, f.relativePath]),
        [
          [first, 'x.js'],
          [second, 'y.js'],
        ],
      );
      assert.deepEqual(await scanWorkspace(options(first), {}), { files: [], skipped: [], usedRipgrep: false, filesSearched: 0 });
    });

    it('marks a file without write permission read-only', async function () {
      // The owner's write bit decides (VS Code shows such a file locked), so this holds as root too.
      const root = tree({ 'locked.js': "'YOUR_REGION'", 'open.js': "'YOUR_REGION'" });
      fs.chmodSync(path.join(root, 'locked.js'), 0o444);
      const result = await scanWorkspace(options(root), VALUES);
      assert.deepEqual(
        result.files.map((f) => [f.relativePath, f.readOnly]),
        [
          ['locked.js', true],
          ['open.js', false],
        ],
      );
    });

    it('stops when aborted', async () => {
      const root = tree();
      const controller = new AbortController();
      controller.abort(new Error('cancelled'));
      await assert.rejects(scanWorkspace(options(root, { signal: controller.signal }), VALUES), /cancelled/);
    });
  });

  describe('with ripgrep', () => {
    for (const [name, rg] of RIPGREPS) {
      if (!rg) {
        it.skip(
          `gives the same plan as the Node walk with ${name} (skipped: no such rg binary here; npm start installs code-server's, apt-get install ripgrep Debian's)`,
        );
        continue;
      }
      it(`gives the same plan and skips as the Node walk, with ${name}`, async () => {
        const root = tree();
        fs.chmodSync(path.join(root, 'src/auth.ts'), 0o444);
        const walked = await scanWorkspace(options(root), VALUES);
        const searched = await scanWorkspace(options(root, { ripgrepPath: rg }), VALUES);
        assert.equal(searched.usedRipgrep, true, searched.ripgrepProblem);
        assert.deepEqual(summary(searched), EXPECTED_PLAN);
        assert.deepEqual(searched.files, walked.files);
        assert.deepEqual(searched.skipped, walked.skipped);
        assert.ok((searched.filesSearched ?? 0) > 10);

        const noGitignore = { useGitignore: false, exclude: [] };
        assert.deepEqual(
          (await scanWorkspace(options(root, { ...noGitignore, ripgrepPath: rg }), VALUES)).files,
          (await scanWorkspace(options(root, noGitignore), VALUES)).files,
        );
      });
    }

    it('falls back to the Node walk when ripgrep cannot run, and says why', async () => {
      const root = tree();
      const result = await scanWorkspace(options(root, { ripgrepPath: path.join(root, 'no-such-rg') }), VALUES);
      assert.equal(result.usedRipgrep, false);
      assert.match(result.ripgrepProblem ?? '', /^ripgrep \(.*no-such-rg\) could not run: spawn .* ENOENT/);
      assert.deepEqual(summary(result), EXPECTED_PLAN);
    });
  });

  describe('applyPlanToDisk', () => {
    it('changes exactly the planned ranges, keeping BOM and CRLF; every other file stays byte for byte', async () => {
      const root = tree();
      const before = snapshot(root);
      const { files } = await scanWorkspace(options(root), VALUES);
      const { changed, failed } = await applyPlanToDisk(files);
      assert.deepEqual(failed, []);
      assert.deepEqual(
        changed,
        files.map((f) => f.path),
      );
      const after = snapshot(root);
      const planned = new Set(files.map((f) => f.relativePath));
      for (const [rel, bytes] of before) if (!planned.has(rel)) assert.deepEqual(after.get(rel), bytes, rel);
      assert.equal(
        after.get('.env')!.toString('utf8'),
        `${BOM}# local\r\nVITE_USER_POOL_ID=${VALUES.userPoolId}\r\nVITE_IDENTITY_POOL_ID="${VALUES.identityPoolId}"\r\n`,
      );
      assert.equal(after.get('.env.example')!.toString('utf8'), `VITE_USER_POOL_ID=${VALUES.userPoolId}\r\nVITE_IDENTITY_POOL_ID=${VALUES.identityPoolId}\r\n`);
      assert.equal(
        after.get('webchat/config.js')!.toString('utf8'),
        `window.chatConfig = {\n  region: 'us-east-1',\n  cognito: { userPoolId: '${VALUES.userPoolId}', clientId: '${VALUES.clientId}' },\n};\n`,
      );
      // Scanned again, nothing is left to do.
      assert.deepEqual((await scanWorkspace(options(root), VALUES)).files, []);
    });

    it('reports a read-only file and leaves it unchanged', async () => {
      const root = tree({ 'locked.js': "'YOUR_REGION'", 'open.js': "'YOUR_REGION'" });
      const { files } = await scanWorkspace(options(root), VALUES);
      fs.chmodSync(path.join(root, 'locked.js'), 0o444); // after the scan, as when it changes in between
      const { changed, failed } = await applyPlanToDisk(files);
      assert.deepEqual(changed, [path.join(root, 'open.js')]);
      assert.deepEqual(failed, [{ path: path.join(root, 'locked.js'), error: 'The file is read-only: it was left unchanged.' }]);
      assert.equal(fs.readFileSync(path.join(root, 'locked.js'), 'utf8'), "'YOUR_REGION'");
    });

    it('refuses a file that changed since the scan', async () => {
      const root = tree({ 'a.js': "x = 'YOUR_REGION'" });
      const { files } = await scanWorkspace(options(root), VALUES);
      fs.writeFileSync(path.join(root, 'a.js'), "xyz = 'YOUR_REGION'");
      const { failed } = await applyPlanToDisk(files as FilePlan[]);
      assert.match(failed[0].error, /no longer "YOUR_REGION": scan again/);
      assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), "xyz = 'YOUR_REGION'");
    });
  });
});
