// `npm run test:electron`: the same host suite in desktop VS Code through @vscode/test-electron,
// for a machine that can download VS Code (this project's CI machine cannot; it uses
// code-server through scripts/test-host.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './code-server.mjs';
import { hostAwsEnvironment } from './host-aws-env.mjs';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-electron-workspace-'));
const aws = await hostAwsEnvironment();
try {
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'host', 'index.js'),
    extensionTestsEnv: aws.env,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`Host tests under @vscode/test-electron failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await aws.dispose();
  fs.rmSync(workspace, { recursive: true, force: true });
}
