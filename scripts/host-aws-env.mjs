// The AWS world of the host suite, shared by both launchers (code-server and test-electron).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';

/**
 * The host suite's AWS world: config files with test profiles, and a sandbox of the launcher's
 * own as the SDK's AWS_ENDPOINT_URL, so profile connections are tested offline through the
 * real credential providers (the extension's own sandbox is tested separately).
 */
export async function hostAwsEnvironment() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-host-aws-'));
  const credentialProcess = `"${process.execPath}" "${path.join(repoRoot, 'test', 'fixtures', 'credential-process.js')}"`;
  fs.writeFileSync(
    path.join(dir, 'config'),
    `[profile broker]\ncredential_process = ${credentialProcess}\n\n[profile broker-in-paris]\ncredential_process = ${credentialProcess}\nregion = eu-west-3\n`,
  );
  fs.writeFileSync(path.join(dir, 'credentials'), '');
  const { startSandboxServer } = createRequire(import.meta.url)(path.join(repoRoot, 'out', 'src', 'sandbox', 'index.js'));
  const sandbox = await startSandboxServer();
  return {
    env: {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL: sandbox.endpoint,
    },
    async dispose() {
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
