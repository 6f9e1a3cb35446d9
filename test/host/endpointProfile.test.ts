import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as vscode from 'vscode';
import { SANDBOX_PROFILE, sandboxProfileSections } from '../../src/aws/sandboxAccount';
import { type RunningSandbox, startSandboxServer } from '../../src/sandbox';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension } from './support';

// A profile whose ~/.aws/config section sets endpoint_url, as `npm run sandbox` prints it, points
// at a sandbox started apart from the extension (as LocalStack or moto would be). The launcher's
// AWS_ENDPOINT_URL would win over any profile's endpoint_url, so this suite unsets it.
describe('a profile with endpoint_url connects to that endpoint', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let dir: string;
  const saved = { endpoint: process.env.AWS_ENDPOINT_URL, config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  before(async () => {
    sandbox = await startSandboxServer();
    const idp = new CognitoIdentityProviderClient(sandboxClientConfig(sandbox.endpoint));
    await idp.send(new CreateUserPoolCommand({ PoolName: 'OnlyAtTheCustomEndpoint' }));
    idp.destroy();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-host-endpoint-'));
    const sections = sandboxProfileSections(sandbox.endpoint, 'us-east-1');
    fs.writeFileSync(path.join(dir, 'config'), sections.config);
    fs.writeFileSync(path.join(dir, 'credentials'), sections.credentials);
    delete process.env.AWS_ENDPOINT_URL;
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });
  after(async () => {
    // Leave the extension unconnected for the suites after: connect to its own sandbox, then stop it.
    await vscode.commands.executeCommand('cognitoBot.startSandbox', {});
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
    for (const [key, value] of [
      ['AWS_ENDPOINT_URL', saved.endpoint],
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('selectConnection { profile } reaches it; the connection, status bar and explorer show the custom endpoint and its pools', async () => {
    const { exports: api } = await activeExtension();
    const result = await vscode.commands.executeCommand<{ kind: string; profile: string; region: string; account: string; endpoints?: Record<string, string> }>(
      'cognitoBot.selectConnection',
      { profile: SANDBOX_PROFILE },
    );
    assert.deepEqual([result.kind, result.profile, result.region, result.account], ['profile', SANDBOX_PROFILE, 'us-east-1', '000000000000']);
    assert.deepEqual(new Set(Object.values(result.endpoints ?? {})), new Set([sandbox.endpoint]));

    const current = api.currentConnection() as { kind: string; profile?: string; endpoints?: Record<string, string> } | undefined;
    assert.equal(current?.kind, 'profile', 'a profile connection, not the built-in sandbox');
    assert.equal(current?.endpoints?.cognitoIdentityProvider, sandbox.endpoint);

    const status = api.connectionStatus();
    assert.equal(status.text, `$(cloud) ${SANDBOX_PROFILE} · us-east-1 · custom endpoint`);
    assert.ok(status.tooltip.includes(`custom endpoint: \`${sandbox.endpoint}\``), status.tooltip);

    const [root] = (await api.explorerItems([]))!;
    assert.equal(root.label, `${SANDBOX_PROFILE} · us-east-1 · custom endpoint`);
    const pools = (await api.explorerItems([root.label, 'User pools']))!.map((item) => item.label);
    assert.deepEqual(pools, ['OnlyAtTheCustomEndpoint']);
  });
});
