// `npm start`: opens the extension in a real VS Code (code-server on loopback) with the demo
// workspace, as an extension development host: edit, `npm run watch`, then reload the window.
// Next to it, it serves the demo's web chat page, pointed at the sandbox the extension starts.
//   node scripts/start.mjs [--port N] [--reset-demo]
// The demo workspace is a copy of demo/ in .vscode-test/demo-workspace, made when it is missing
// and kept across starts (so ids put into it stay); --reset-demo replaces it with a fresh copy.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, startCodeServer } from './code-server.mjs';
import { ensureSystemDeps } from './system-deps.mjs';
import { serveWebchat } from './webchat.mjs';

const USAGE = 'Usage: npm start [-- [--port N] [--reset-demo]]';
const args = process.argv.slice(2);
const resetDemo = args.includes('--reset-demo');
const portArg = args.indexOf('--port');
const preferredPort = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT || 8765);
const unknown = args.filter((arg, i) => arg !== '--reset-demo' && arg !== '--port' && !(portArg >= 0 && i === portArg + 1));
if (unknown.length > 0 || !Number.isInteger(preferredPort) || preferredPort < 1 || preferredPort > 65535) {
  console.error(unknown.length > 0 ? `Unknown option: ${unknown.join(' ')}` : `Not a port: ${portArg >= 0 ? args[portArg + 1] : `PORT=${process.env.PORT}`}`);
  console.error(USAGE);
  process.exit(2);
}

ensureSystemDeps(['libkrb5-dev']);
const cache = path.join(repoRoot, '.vscode-test');
const workspace = path.join(cache, 'demo-workspace');
const demo = path.join(repoRoot, 'demo');
const inCwd = workspace.startsWith(process.cwd() + path.sep);
const shown = inCwd ? path.relative(process.cwd(), workspace) : workspace;
let demoNote;
if (resetDemo && fs.existsSync(workspace)) {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(demo, workspace, { recursive: true });
  demoNote = `Demo workspace: ${shown} (replaced with a fresh copy of demo/, as --reset-demo asked).`;
} else if (!fs.existsSync(workspace)) {
  fs.cpSync(demo, workspace, { recursive: true });
  demoNote = `Demo workspace: ${shown} (a fresh copy of demo/).`;
} else {
  demoNote = `Demo workspace: ${shown} (your copy from an earlier start, kept; "npm start -- --reset-demo" replaces it with a fresh copy of demo/).`;
}

/** `preferred` when it is free on loopback, else any free port. */
async function portToUse(preferred) {
  const net = await import('node:net');
  const free = await new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

const port = await portToUse(preferredPort);
// The sandbox gets a known port, so the web page can be pointed at it before it starts.
const sandboxPort = await portToUse(4599);
const sandboxEndpoint = `http://127.0.0.1:${sandboxPort}`;
const server = await startCodeServer({
  workspace,
  stateDir: path.join(cache, 'start-state'),
  port,
  // The copy sits inside this repository's git folder: without this, VS Code's git extension
  // offers to open the repository around it. The demo's own settings say the same; this also
  // covers a copy made before they did.
  settings: { 'git.openRepositoryInParentFolders': 'never' },
  machineSettings: { 'cognitoBot.sandbox.port': sandboxPort },
});
// A copy made before the page had its script has nothing to serve.
const webchatFolder = path.join(workspace, 'webchat');
const webchat = fs.existsSync(path.join(webchatFolder, 'app.js'))
  ? await serveWebchat({ folder: webchatFolder, sandboxEndpoint, port: await portToUse(8766) })
  : undefined;
const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(repoRoot)],
  ['skipWelcome', 'true'],
];
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log('\nCognito Bot Workbench is running in VS Code (code-server) at:\n');
console.log(`  ${url}\n`);
console.log('Open it in a browser on this machine. The Cognito Bot icon is in the activity bar.');
console.log(demoNote);
if (webchat) {
  console.log(`\nThe demo's web chat page (${path.join(shown, 'webchat')}), calling the sandbox at ${sandboxEndpoint}:\n`);
  console.log(`  ${webchat.url}\n`);
  console.log('Put the ids into it first: in VS Code, "Cognito Bot: Put Ids into Workspace…" (see demo/README.md).');
} else {
  console.log(
    `No web chat page served: ${path.join(shown, 'webchat', 'app.js')} is missing (a copy from before it existed); "npm start -- --reset-demo" makes a fresh copy.`,
  );
}
console.log('Rebuild on change with "npm run watch" in another terminal, then run "Developer: Reload Window".');
console.log('Press Ctrl+C to stop.\n');

const shutdown = async () => {
  await webchat?.stop();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
