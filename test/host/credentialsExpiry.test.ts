import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type RunningSandbox, startSandboxServer } from '../../src/sandbox';
import { emptyState } from '../../src/sandbox/state';
import { activeExtension, commandError } from './support';

// Temporary credentials expire as a user meets it: a profile with session keys (as SSO or
// `aws sts` leave in the credentials file) that a sandbox issued for an hour; the sandbox's
// clock then moves past the hour, and the next command gets ExpiredTokenException.
describe('expired credentials show on the status bar', function () {
  this.timeout(60_000);
  const KEY = 'ASIAEXPIRYTEST000001';
  let sandbox: RunningSandbox;
  let dir: string;
  let hoursAhead = 0;
  const saved = { endpoint: process.env.AWS_ENDPOINT_URL, config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-host-expiry-'));
    const state = emptyState();
    state.sts.sessions[KEY] = {
      accessKeyId: KEY,
      secretAccessKey: 'expiry-test-secret',
      sessionToken: 'expiry-test-session-token',
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
      roleArn: 'arn:aws:iam::000000000000:role/Developer',
      roleName: 'Developer',
      roleId: 'AROAEXPIRYTEST000001',
      sessionName: 'dev',
      context: {},
    };
    fs.mkdirSync(path.join(dir, 'state'));
    fs.writeFileSync(path.join(dir, 'state', 'sandbox-state.json'), JSON.stringify(state));
    sandbox = await startSandboxServer({ stateDir: path.join(dir, 'state'), clock: () => new Date(Date.now() + hoursAhead * 3_600_000) });
    fs.writeFileSync(path.join(dir, 'config'), '[profile expiring]\nregion = us-east-1\n');
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      `[expiring]\naws_access_key_id = ${KEY}\naws_secret_access_key = expiry-test-secret\naws_session_token = expiry-test-session-token\n`,
    );
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });
  after(async () => {
    process.env.AWS_ENDPOINT_URL = saved.endpoint;
    process.env.AWS_CONFIG_FILE = saved.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns red with the fix when a command meets ExpiredTokenException, and back to normal on reconnect', async () => {
    const { exports: api } = await activeExtension();
    hoursAhead = 0;
    const connected = await vscode.commands.executeCommand<{ arn: string }>('cognitoBot.selectConnection', { profile: 'expiring', region: 'us-east-1' });
    assert.match(connected.arn, /assumed-role\/Developer\/dev$/);
    const before = api.connectionStatus();
    assert.equal(before.errorColours, false);
    assert.equal(before.command, 'cognitoBot.selectConnection');
    assert.doesNotMatch(before.text, /expired/);

    // An hour and more later, the session keys have expired.
    hoursAhead = 2;
    const error = await commandError('cognitoBot.createUserPool', { name: 'expiry-check' });
    assert.match(error.message, /credentials of profile "expiring" have expired.*aws sso login --profile expiring/);
    const expired = api.connectionStatus();
    assert.equal(expired.errorColours, true, JSON.stringify(expired));
    assert.equal(expired.command, 'cognitoBot.fixCredentials');
    // AWS_ENDPOINT_URL sends it to this suite's sandbox: a custom endpoint.
    assert.match(expired.text, /^\$\(warning\) expiring · us-east-1 · custom endpoint: credentials expired$/);
    assert.match(expired.tooltip, /have expired.*aws sso login/s);

    // Reconnecting while the keys are still expired keeps it red; once they are fresh, it clears.
    await commandError('cognitoBot.fixCredentials', { action: 'reconnect' });
    assert.equal(api.connectionStatus().errorColours, true);
    hoursAhead = 0;
    await vscode.commands.executeCommand('cognitoBot.fixCredentials', { action: 'reconnect' });
    assert.deepEqual(api.connectionStatus(), before);
  });

  it('a failed switch to another connection with expired keys leaves the current one normal', async () => {
    const { exports: api } = await activeExtension();
    hoursAhead = 0;
    await vscode.commands.executeCommand('cognitoBot.startSandbox', {});
    hoursAhead = 2;
    const error = await commandError('cognitoBot.selectConnection', { profile: 'expiring', region: 'us-east-1' });
    assert.match(error.message, /credentials of profile "expiring" have expired/);
    assert.equal(api.currentConnection()?.kind, 'sandbox');
    assert.equal(api.connectionStatus().errorColours, false);
    hoursAhead = 0;
  });
});
