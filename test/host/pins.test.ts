import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { sandboxBotId } from '../../src/sandbox/bots';
import type { CognitoBotApi } from '../../src/extension';
import type { ExplorerItem } from '../../src/pools/explorer';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, commandError, run } from './support';

interface PinResult {
  kind: string;
  id: string;
  name: string;
  alreadyPinned: boolean;
}

const COFFEE_SHOP = sandboxBotId('CoffeeShop');

describe('pinned resources: Add … by Id (extension host, sandbox)', function () {
  this.timeout(60_000);
  let api: CognitoBotApi;
  let stateDir: string;
  let endpoint: string;

  /** The rows under a group of the current connection ("User pools", …), or under a row of it. */
  async function rows(...labels: string[]): Promise<ExplorerItem[]> {
    const [root] = (await api.explorerItems([]))!;
    const items = await api.explorerItems([root.label, ...labels], { loadAll: true });
    assert.ok(items, `no rows under ${labels.join(' / ')}`);
    return items;
  }

  const named = (items: ExplorerItem[], label: string) => items.filter((item) => item.label === label);
  const isPinned = (item: ExplorerItem | undefined) => /\bpinned\b/.test(item?.contextValue ?? '');

  before(async () => {
    api = (await activeExtension()).exports;
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-pins-'));
  });
  beforeEach(async () => {
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir }));
  });
  afterEach(async () => {
    await run('stopSandbox', undefined);
  });
  after(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it('shows a pinned user pool, identity pool and bot first under their group, once, marked, with their children; Remove Pin takes the mark away', async () => {
    const { userPoolId } = await run<{ userPoolId: string }>('createUserPool', { name: 'PinnedPool' });
    const pinned = await run<PinResult>('addUserPoolById', { userPoolId });
    assert.deepEqual(pinned, { kind: 'userPool', id: userPoolId, name: 'PinnedPool', alreadyPinned: false });
    assert.equal((await run<PinResult>('addUserPoolById', { userPoolId })).alreadyPinned, true);

    const pools = await rows('User pools');
    // Listed by ListUserPools and pinned: one row, not two.
    assert.equal(named(pools, 'PinnedPool').length, 1, JSON.stringify(pools));
    const [pool] = pools;
    assert.equal(pool.label, 'PinnedPool', 'pinned rows come first');
    assert.equal(pool.description, `${userPoolId} · pinned`);
    assert.equal(pool.icon, 'pinned');
    assert.ok(isPinned(pool) && /\buserPool\b/.test(pool.contextValue ?? ''), `keeps its own actions: ${pool.contextValue}`);
    assert.deepEqual(
      (await rows('User pools', 'PinnedPool')).map((item) => item.label),
      ['chatapp'],
    );

    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', {
      name: 'PinnedIdentities',
      allowUnauthenticated: true,
      attachLexRunBotsOnly: false,
    });
    await run('addIdentityPoolById', { identityPoolId });
    const identityPool = named(await rows('Identity pools'), 'PinnedIdentities');
    assert.equal(identityPool.length, 1);
    assert.equal(identityPool[0].description, 'guest access on · pinned');
    assert.deepEqual(
      (await rows('Identity pools', 'PinnedIdentities')).map((item) => item.description),
      ['0', 'authenticated role', 'unauthenticated role'],
    );

    assert.equal((await run<PinResult>('addBotById', { botId: COFFEE_SHOP })).name, 'CoffeeShop');
    const bot = named(await rows('Bots'), 'CoffeeShop');
    assert.equal(bot.length, 1);
    assert.ok(isPinned(bot[0]));
    assert.ok(
      (await rows('Bots', 'CoffeeShop')).some((item) => item.description?.startsWith('TSTALIASID')),
      'its aliases under it',
    );

    assert.deepEqual(
      api.pinnedResources().map((pin) => [pin.kind, pin.id]),
      [
        ['userPool', userPoolId],
        ['identityPool', identityPoolId],
        ['bot', COFFEE_SHOP],
      ],
    );
    assert.deepEqual(await run('removePin', { userPoolId }), { kind: 'userPool', id: userPoolId, removed: true });
    const after = named(await rows('User pools'), 'PinnedPool');
    assert.equal(after.length, 1, 'still listed');
    assert.ok(!isPinned(after[0]));
    assert.equal(after[0].description, userPoolId);
    assert.deepEqual(await run('removePin', { userPoolId }), { kind: 'userPool', id: userPoolId, removed: false });
    assert.equal(api.pinnedResources().length, 2);
    await run('removePin', { identityPoolId });
    await run('removePin', { botId: COFFEE_SHOP });
    assert.deepEqual(api.pinnedResources(), []);
  });

  it('refuses a wrong id with why, and pins nothing', async () => {
    const before = api.pinnedResources();
    const malformed = await commandError('cognitoBot.addUserPoolById', { userPoolId: 'WebChatPool' });
    assert.match(malformed.message, /^Give "userPoolId"\. User pool ids are the region, an underscore .*like us-east-1_AbCdEfGhI\.$/);
    const missing = await commandError('cognitoBot.addUserPoolById', { userPoolId: 'us-east-1_NoSuchPool' });
    assert.match(
      missing.message,
      /^There is no user pool us-east-1_NoSuchPool on Sandbox 127\.0\.0\.1:\d+ · us-east-1\. Check the id, .* Nothing was pinned\.$/,
    );
    const elsewhere = await commandError('cognitoBot.addUserPoolById', { userPoolId: 'eu-west-1_AbCdEf123' });
    assert.match(elsewhere.message, /eu-west-1_AbCdEf123 is a user pool of eu-west-1, and this connection is in us-east-1.*Connect in eu-west-1/);
    const noIdentityPool = await commandError('cognitoBot.addIdentityPoolById', { identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' });
    assert.match(noIdentityPool.message, /^There is no identity pool us-east-1:00000000-0000-4000-8000-000000000000 on .*Nothing was pinned\.$/);
    const noBot = await commandError('cognitoBot.addBotById', { botId: 'ZZZZZZZZZZ' });
    assert.match(noBot.message, /^There is no Lex bot ZZZZZZZZZZ on .*Nothing was pinned\.$/);
    assert.deepEqual(api.pinnedResources(), before);
  });

  it('shows a pinned pool that was deleted as not found, with what to do, and the rest of the tree still loads', async () => {
    const { userPoolId } = await run<{ userPoolId: string }>('createUserPool', { name: 'SoonGone' });
    await run('addUserPoolById', { userPoolId });
    await run('deleteUserPool', { userPoolId });
    const [gone, ...rest] = await rows('User pools');
    assert.equal(gone.label, 'SoonGone');
    assert.equal(gone.description, `${userPoolId} · not found · pinned`);
    assert.match(gone.tooltip ?? '', /not in us-east-1 any more: it was deleted.*Remove the pin/);
    assert.ok(isPinned(gone) && /\bid\b/.test(gone.contextValue ?? ''), gone.contextValue);
    assert.equal(gone.accessibilityLabel, `SoonGone, ${userPoolId} · not found · pinned`);
    assert.ok(
      rest.every((item) => item.label !== 'SoonGone'),
      'once',
    );
    assert.ok((await rows('Identity pools')).length > 0);
    await run('removePin', { userPoolId });
  });

  // A real reload ends the extension host these tests run in. What a reload reads is
  // globalState: the pins are read back from it through a store of their own
  // (pinnedResources), and the tree is built again from them when the connection comes back.
  it('keeps pins across the connection ending and coming back (read afresh from globalState); another connection does not show them', async () => {
    const { userPoolId } = await run<{ userPoolId: string }>('createUserPool', { name: 'KeptPool' });
    await run('addUserPoolById', { userPoolId });
    const port = Number(new URL(endpoint).port);
    await run('stopSandbox', undefined);
    assert.deepEqual(await api.explorerItems([]), [], 'not connected: an empty tree');

    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir, port }));
    assert.ok(api.pinnedResources().some((pin) => pin.id === userPoolId && pin.name === 'KeptPool'));
    assert.ok(isPinned(named(await rows('User pools'), 'KeptPool')[0]));

    // The same sandbox in another region is another connection: its own pins (none).
    await run('selectConnection', { sandbox: { endpoint, region: 'eu-west-1' } });
    assert.deepEqual(api.pinnedResources(), []);
    assert.ok((await rows('User pools')).every((item) => !isPinned(item)));
    await run('selectConnection', { sandbox: { endpoint, region: 'us-east-1' } });
    assert.ok(isPinned(named(await rows('User pools'), 'KeptPool')[0]));
    await run('removePin', { userPoolId });
  });

  // People whose role has Describe* but no List*: a profile with the session keys of a role
  // that may describe user pools and list their app clients, but not list user pools.
  describe('where listing is denied', () => {
    const saved = { endpoint: process.env.AWS_ENDPOINT_URL, config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    let awsDir: string;
    afterEach(() => {
      process.env.AWS_ENDPOINT_URL = saved.endpoint;
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      fs.rmSync(awsDir, { recursive: true, force: true });
    });

    it('shows the pinned user pool above the error of ListUserPools, and names the permission a denied pin needs', async () => {
      const { userPoolId } = await run<{ userPoolId: string }>('createUserPool', { name: 'HiddenPool' });
      const { identityPoolId, unauthRoleArn } = await run<{ identityPoolId: string; unauthRoleArn: string }>('createIdentityPool', {
        name: 'ReaderPool',
        allowUnauthenticated: true,
        attachLexRunBotsOnly: false,
      });
      const iam = new IAMClient(sandboxClientConfig(endpoint));
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: unauthRoleArn.split('/').pop(),
          PolicyName: 'DescribeOnly',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['cognito-idp:DescribeUserPool', 'cognito-idp:ListUserPoolClients', 'cognito-idp:DescribeUserPoolClient'],
                Resource: '*',
              },
            ],
          }),
        }),
      );
      iam.destroy();
      const identity = new CognitoIdentityClient(sandboxClientConfig(endpoint));
      const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
      const { Credentials: keys } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
      identity.destroy();

      awsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-pins-aws-'));
      fs.writeFileSync(path.join(awsDir, 'config'), '[profile describe-only]\nregion = us-east-1\n');
      fs.writeFileSync(
        path.join(awsDir, 'credentials'),
        `[describe-only]\naws_access_key_id = ${keys!.AccessKeyId}\naws_secret_access_key = ${keys!.SecretKey}\naws_session_token = ${keys!.SessionToken}\n`,
      );
      process.env.AWS_ENDPOINT_URL = endpoint;
      process.env.AWS_CONFIG_FILE = path.join(awsDir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(awsDir, 'credentials');
      await run('selectConnection', { profile: 'describe-only', region: 'us-east-1' });

      const denied = await rows('User pools');
      assert.equal(denied.length, 1);
      assert.match(denied[0].label, /^Could not load: Access denied: .*cognito-idp:ListUserPools/);

      await run('addUserPoolById', { userPoolId });
      const [pool, error] = await rows('User pools');
      assert.equal(pool.label, 'HiddenPool');
      assert.equal(pool.description, `${userPoolId} · pinned`);
      assert.match(error.label, /^Could not load: Access denied: .*cognito-idp:ListUserPools/);
      assert.deepEqual(
        (await rows('User pools', 'HiddenPool')).map((item) => item.label),
        ['chatapp'],
      );

      const noDescribe = await commandError('cognitoBot.addIdentityPoolById', { identityPoolId });
      assert.match(
        noDescribe.message,
        /^Pinning identity pool .* needs cognito-identity:DescribeIdentityPool and cognito-identity:GetIdentityPoolRoles on it\. Access denied: .*cognito-identity:DescribeIdentityPool.* Nothing was pinned\.$/,
      );
      assert.deepEqual(
        api.pinnedResources().map((pin) => pin.id),
        [userPoolId],
      );
      await run('removePin', { userPoolId });
    });
  });
});
