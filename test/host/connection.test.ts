import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, commandError } from './support';

// The host launcher points AWS_CONFIG_FILE at a file with a `broker` profile (credential_process)
// and AWS_ENDPOINT_URL at a sandbox of its own, so a profile connection is tested offline too.
describe('connection commands', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
  });

  it('startSandbox starts the sandbox on loopback and connects to it, checked with STS', async () => {
    const { exports: api } = await activeExtension();
    const result = await vscode.commands.executeCommand<{ kind: string; endpoint: string; account: string; arn: string }>('cognitoBot.startSandbox', {});
    assert.equal(result.kind, 'sandbox');
    assert.match(result.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(result.account, '000000000000');
    assert.deepEqual(api.currentConnection(), { kind: 'sandbox', endpoint: result.endpoint, region: 'us-east-1', account: '000000000000' });
  });

  it('selectConnection { sandbox: { endpoint } } connects to a running sandbox and returns its account', async () => {
    const { endpoint } = await vscode.commands.executeCommand<{ endpoint: string }>('cognitoBot.startSandbox', {});
    const result = await vscode.commands.executeCommand<{ account: string; region: string }>('cognitoBot.selectConnection', {
      sandbox: { endpoint, region: 'eu-west-1' },
    });
    assert.equal(result.account, '000000000000');
    assert.equal(result.region, 'eu-west-1');
  });

  it('selectConnection { profile, region } resolves the profile with the SDK and shows its account', async () => {
    const { exports: api } = await activeExtension();
    const result = await vscode.commands.executeCommand<{ kind: string; profile: string; account: string }>('cognitoBot.selectConnection', {
      profile: 'broker',
      region: 'us-east-1',
    });
    assert.deepEqual([result.kind, result.profile, result.account], ['profile', 'broker', '000000000000']);
    assert.equal(api.currentConnection()?.kind, 'profile');
  });

  it('selectConnection takes the region from the profile when args name none', async () => {
    const result = await vscode.commands.executeCommand<{ region: string }>('cognitoBot.selectConnection', { profile: 'broker-in-paris' });
    assert.equal(result.region, 'eu-west-3');
  });

  it('a wrong profile, a bad endpoint or bad args fail with a message that says what to do, and keep the connection', async () => {
    const { exports: api } = await activeExtension();
    const { endpoint } = await vscode.commands.executeCommand<{ endpoint: string }>('cognitoBot.startSandbox', {});
    const before = api.currentConnection();

    const noProfile = await commandError('cognitoBot.selectConnection', { profile: 'nobody', region: 'us-east-1' });
    assert.match(noProfile.message, /no AWS profile named "nobody".*aws configure --profile nobody/);

    const remote = await commandError('cognitoBot.selectConnection', { sandbox: { endpoint: 'http://192.0.2.10:4599' } });
    assert.match(remote.message, /must be on loopback/);

    const badRegion = await commandError('cognitoBot.selectConnection', { profile: 'broker', region: 'moon-1' });
    assert.match(badRegion.message, /region code such as us-east-1/);

    assert.deepEqual(api.currentConnection(), before);
    assert.equal(api.currentConnection()?.endpoint, endpoint);
  });

  it('stopSandbox stops it and ends a connection to it; connecting there again says to start it', async () => {
    const { exports: api } = await activeExtension();
    const { endpoint } = await vscode.commands.executeCommand<{ endpoint: string }>('cognitoBot.startSandbox', {});
    assert.deepEqual(await vscode.commands.executeCommand('cognitoBot.stopSandbox'), { stopped: true });
    assert.equal(api.currentConnection(), undefined);
    const error = await commandError('cognitoBot.selectConnection', { sandbox: { endpoint } });
    assert.match(error.message, /Nothing answers at .*Start Local Sandbox/);
    assert.deepEqual(await vscode.commands.executeCommand('cognitoBot.stopSandbox'), { stopped: false });
  });

  it('startSandbox { stateDir } keeps the sandbox state in that folder; a bad stateDir says what it takes', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-host-state-'));
    try {
      await vscode.commands.executeCommand('cognitoBot.startSandbox', { stateDir });
      assert.equal(JSON.parse(fs.readFileSync(path.join(stateDir, 'sandbox-state.json'), 'utf8')).version, 1);
    } finally {
      await vscode.commands.executeCommand('cognitoBot.stopSandbox');
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
    const error = await commandError('cognitoBot.startSandbox', { stateDir: '' });
    assert.match(error.message, /"stateDir" must be a folder path/);
  });

  it('startSandbox on a port already in use says so and names the setting', async () => {
    const { endpoint } = await vscode.commands.executeCommand<{ endpoint: string }>('cognitoBot.startSandbox', {});
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
    const net = await import('node:net');
    const blocker = net.createServer();
    const port = Number(new URL(endpoint).port);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = await commandError('cognitoBot.startSandbox', { port });
      assert.match(error.message, new RegExp(`Port ${port} .* already in use.*cognitoBot\\.sandbox\\.port`));
    } finally {
      blocker.close();
    }
  });
});
