import * as assert from 'node:assert/strict';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { checkSetup } from '../../../src/doctor/check';
import { gatherSetup } from '../../../src/doctor/gather';
import { parseBotWebAccessArgs, setUpBotWebAccess } from '../../../src/provisioning/webAccess';
import { type RunningSandbox, SANDBOX_ACCOUNT_ID, sandboxBotId, startSandboxServer } from '../../../src/sandbox';
import { awsContextFor, intercepting } from '../support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

function accessDenied(action: string): Error {
  const error = new Error(
    `User: arn:aws:iam::111122223333:user/dev is not authorized to perform: ${action} on resource: role Cognito_X because no identity-based policy allows the ${action} action`,
  );
  error.name = 'AccessDenied';
  return error;
}

describe('the setup check reading the sandbox (gatherSetup)', () => {
  let sandbox: RunningSandbox;
  let factory: ClientFactory;
  let connection: Connection;
  let identityPoolId: string;

  before(async () => {
    sandbox = await startSandboxServer({});
    connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000, maxAttempts: 1 });
    const ctx = await awsContextFor(factory, connection);
    ({ identityPoolId } = await setUpBotWebAccess(ctx, parseBotWebAccessArgs({ name: 'GatherPool', ...BOT })));
  });
  after(async () => {
    factory.clear();
    await sandbox.close();
  });

  const contextFor = (sent: string[], refuse?: (command: string) => Error | undefined) => async (region: string) =>
    intercepting(await awsContextFor(factory, { ...connection, region }), refuse, sent);

  it('reads a working guest chain with only read calls, in parallel where it can, and finds it whole', async () => {
    const sent: string[] = [];
    const result = checkSetup(await gatherSetup(contextFor(sent), { identityPoolId, ...BOT }, { region: 'us-east-1', account: SANDBOX_ACCOUNT_ID }));
    assert.deepEqual(result.findings, []);
    assert.ok(
      sent.every((name) => /^(Describe|Get|List)/.test(name)),
      `only reads: ${sent.join(', ')}`,
    );
    assert.ok(sent.length <= 15, `${sent.length} calls: ${sent.join(', ')}`);
  });

  it('a permission the connection lacks (iam:GetRolePolicy) is an info finding saying what was not checked; the rest is checked', async () => {
    const sent: string[] = [];
    const refuse = (name: string) => (name === 'GetRolePolicyCommand' ? accessDenied('iam:GetRolePolicy') : undefined);
    const result = checkSetup(await gatherSetup(contextFor(sent, refuse), { identityPoolId, ...BOT }, { region: 'us-east-1', account: SANDBOX_ACCOUNT_ID }));
    const unchecked = result.findings.filter((f) => f.code === 'could-not-check');
    assert.equal(unchecked.length, 1, JSON.stringify(result.findings, null, 2));
    assert.equal(unchecked[0].severity, 'info');
    assert.match(unchecked[0].title, /inline policy LexRunBot-QZDHGFY6D5-TSTALIASID of role Cognito_GatherPoolUnauth_Role/);
    assert.match(unchecked[0].detail, /iam:GetRolePolicy/);
    // Unread, the role's only Lex permission is unknown: not called denied; the rest is still checked.
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['could-not-check'],
    );
    assert.match(unchecked[0].detail, /nor what the role may do/);
    assert.equal(result.links.find((l) => l.link === 'identityPool')?.status, 'ok');
    assert.equal(result.links.find((l) => l.link === 'bot')?.status, 'ok');
  });

  it('a failure that is not "denied" or "not found" (the network, expired keys) fails the whole check with its own error', async () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
    await assert.rejects(
      gatherSetup(
        contextFor([], (name) => (name === 'DescribeIdentityPoolCommand' ? expired : undefined)),
        { identityPoolId, ...BOT },
        { region: 'us-east-1', account: SANDBOX_ACCOUNT_ID },
      ),
      /expired/,
    );
  });

  it('reads the pool in the region its id names, and the bot in the Lex region, each with its own context', async () => {
    const regions: string[] = [];
    const sent: string[] = [];
    const recording = async (region: string) => {
      regions.push(region);
      return contextFor(sent)(region);
    };
    await gatherSetup(recording, { identityPoolId, ...BOT, lexRegion: 'eu-west-2' }, { region: 'eu-central-1', account: SANDBOX_ACCOUNT_ID });
    assert.deepEqual([...new Set(regions)].sort(), ['eu-west-2', 'us-east-1']);
  });
});
