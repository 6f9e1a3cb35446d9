import * as assert from 'node:assert/strict';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { lexRunBotsOnlyArn } from '../../../../src/aws/arns';
import { ClientFactory } from '../../../../src/aws/clientFactory';
import type { AwsContext } from '../../../../src/aws/context';
import { LEX_WEB_UI_KEYS } from '../../../../src/inject/configFiles';
import { KNOWN_CONFIG_KEYS } from '../../../../src/inject/rules';
import { OUTPUT_CONFIG_KEYS } from '../../../../src/provisioning/export/model';
import { readSetup } from '../../../../src/provisioning/export/read';
import { linkUserPool } from '../../../../src/provisioning/identityPool';
import { createUserPool, parseCreateUserPoolArgs } from '../../../../src/provisioning/userPool';
import { parseBotWebAccessArgs, setUpBotWebAccess } from '../../../../src/provisioning/webAccess';
import { cognitoTrustPolicy } from '../../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { awsContextFor } from '../../support';

describe('export: reading the live setup (against the sandbox)', () => {
  let sandbox: RunningSandbox;
  let ctx: AwsContext;

  before(async () => {
    sandbox = await startSandboxServer();
    const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
  });
  after(() => sandbox.close());

  it('reads the pool, both roles (trust, managed and inline policies) and, when asked, the user pool with the client the pool names', async () => {
    const access = await setUpBotWebAccess(ctx, parseBotWebAccessArgs({ name: 'ReadMe' }));
    const users = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'ReadMeUsers' }));
    await linkUserPool(ctx, access.identityPoolId, users.userPoolId, users.clientId);
    const authRole = access.authRoleArn.slice(access.authRoleArn.lastIndexOf('/') + 1);
    const s3 = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}*' }],
    };
    const iam = await ctx.client('iam');
    await iam.send(new PutRolePolicyCommand({ RoleName: authRole, PolicyName: 'PerUser', PolicyDocument: JSON.stringify(s3) }));

    const without = await readSetup(ctx, access.identityPoolId);
    assert.deepEqual(without.userPools, []);
    const model = await readSetup(ctx, access.identityPoolId, { includeUserPool: true });
    assert.equal(model.account, ctx.account);
    assert.equal(model.identityPool.name, 'ReadMe');
    assert.equal(model.identityPool.allowUnauthenticated, true);
    assert.deepEqual(
      model.identityPool.providers.map((p) => [p.userPoolId, p.clientId]),
      [[users.userPoolId, users.clientId]],
    );
    assert.deepEqual(
      model.roles.map((r) => r.kind),
      ['authenticated', 'unauthenticated'],
    );
    const [auth, unauth] = model.roles;
    assert.equal(auth.name, authRole);
    assert.deepEqual(unauth.trustPolicy, cognitoTrustPolicy(access.identityPoolId, 'unauthenticated'));
    assert.deepEqual(unauth.managedPolicyArns, [lexRunBotsOnlyArn('us-east-1')]);
    assert.deepEqual(auth.inlinePolicies, [{ name: 'PerUser', document: s3 }]);
    const [pool] = model.userPools;
    assert.equal(pool.name, 'ReadMeUsers');
    assert.deepEqual(pool.usernameAttributes, ['email']);
    assert.deepEqual([...pool.requiredAttributes].sort(), ['email', 'name']);
    assert.deepEqual(pool.clients, [{ id: users.clientId, name: 'chatapp', authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }]);
  });

  it('says what to do when a role the pool names is gone', async () => {
    const access = await setUpBotWebAccess(ctx, parseBotWebAccessArgs({ name: 'Orphaned' }));
    const iam = await ctx.client('iam');
    const unauthRole = access.unauthRoleArn.slice(access.unauthRoleArn.lastIndexOf('/') + 1);
    await iam.send(new ctx.sdk.DetachRolePolicyCommand({ RoleName: unauthRole, PolicyArn: lexRunBotsOnlyArn('us-east-1') }));
    await iam.send(new ctx.sdk.DeleteRoleCommand({ RoleName: unauthRole }));
    await assert.rejects(readSetup(ctx, access.identityPoolId), /unauthenticated role .* does not exist in this account\. Run Check Setup/);
  });

  it('names, in the outputs’ comments, config keys the injector really knows', () => {
    const known = new Set([
      ...KNOWN_CONFIG_KEYS.map((k) => k.key),
      ...LEX_WEB_UI_KEYS.map((k) => k.path.join('.')),
      'auth.user_pool_id',
      'auth.user_pool_client_id',
      'auth.identity_pool_id',
    ]);
    for (const [kind, text] of Object.entries(OUTPUT_CONFIG_KEYS))
      for (const key of text.split(/, | and /).map((part) => part.replace(/ \(.*\)$/, '')))
        assert.ok(known.has(key), `${kind}: ${key} is not a key src/inject knows`);
  });
});
