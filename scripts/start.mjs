// `npm start`: opens the extension in a real VS Code (code-server on loopback) with the demo
// workspace, as an extension development host: edit, `npm run watch`, then reload the window.
//   node scripts/start.mjs [--port N]
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, startCodeServer } from './code-server.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const portArg = process.argv.indexOf('--port');
const preferredPort = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT || 8765);

ensureSystemDeps(['libkrb5-dev']);
const cache = path.join(repoRoot, '.vscode-test');
const workspace = path.join(cache, 'demo-workspace');
if (!fs.existsSync(workspace)) fs.cpSync(path.join(repoRoot, 'demo'), workspace, { recursive: true });

async function portToUse() {
  const net = await import('node:net');
  const free = await new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false));
    probe.listen(preferredPort, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? preferredPort : freePort();
}

const port = await portToUse();
const server = await startCodeServer({ workspace, stateDir: path.join(cache, 'start-state'), port });
const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(repoRoot)],
  ['skipWelcome', 'true'],
];
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log('\nCognito Bot Workbench is running in VS Code (code-server) at:\n');
console.log(`  ${url}\n`);
console.log('Open it in a browser on this machine. The Cognito Bot icon is in the activity bar.');
console.log('Rebuild on change with "npm run watch" in another terminal, then run "Developer: Reload Window".');
console.log('Press Ctrl+C to stop.\n');

const shutdown = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
