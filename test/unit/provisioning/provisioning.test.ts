import * as assert from 'node:assert/strict';
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetIdentityPoolRolesCommand, GetIdCommand, GetCredentialsForIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { AwsContext } from '../../../src/aws/context';
import { createIdentityPool, deleteIdentityPool, linkUserPool, parseCreateIdentityPoolArgs, setGuestAccess } from '../../../src/provisioning/identityPool';
import { describeIdentityPool, listIdentityPools } from '../../../src/aws/services/cognitoIdentity';
import { Journal, PartialCreationError } from '../../../src/provisioning/journal';
import { trustBindsToPool } from '../../../src/policies/trust';
import { createUserPool, parseCreateUserPoolArgs } from '../../../src/provisioning/userPool';
import { deleteUserPool, describeAppClient, listUserPools } from '../../../src/aws/services/cognitoIdp';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { awsContextFor, type CognitoLocal, intercepting, startCognitoLocal } from '../support';

describe('provisioning against the sandbox', () => {
  let sandbox: RunningSandbox;
  let ctx: AwsContext;
  let factory: ClientFactory;

  before(async () => {
    sandbox = await startSandboxServer();
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
  });
  after(() => sandbox.close());

  it('creates a user pool with the webchat tutorial defaults: email sign-in, email and name required, public client chatapp', async () => {
    const result = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'WebChatPool' }));
    assert.equal(result.region, 'us-east-1');
    const idp = await ctx.client('cognitoIdentityProvider');
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: result.userPoolId }));
    assert.deepEqual(UserPool?.UsernameAttributes, ['email']);
    assert.deepEqual(
      UserPool?.SchemaAttributes?.filter((a) => a.Required)
        .map((a) => a.Name)
        .sort(),
      ['email', 'name', 'sub'],
    );
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: result.userPoolId, ClientId: result.clientId }));
    assert.equal(UserPoolClient?.ClientName, 'chatapp');
    assert.equal(UserPoolClient?.ClientSecret, undefined);
    assert.deepEqual(UserPoolClient?.ExplicitAuthFlows?.sort(), ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('refuses a user pool name already taken, creating nothing', async () => {
    const before = (await listUserPools(ctx)).items.length;
    await assert.rejects(createUserPool(ctx, parseCreateUserPoolArgs({ name: 'WebChatPool' })), /A user pool named "WebChatPool" already exists/);
    assert.equal((await listUserPools(ctx)).items.length, before);
  });

  it('rejects bad arguments before sending anything, saying what is expected', () => {
    assert.throws(() => parseCreateUserPoolArgs({ name: ' padded ' }), /leading or trailing spaces/);
    assert.throws(() => parseCreateUserPoolArgs({ name: 'P', signInAliases: ['twitter'] }), /"signInAliases" must be a list of: email, phone_number/);
    assert.throws(() => parseCreateUserPoolArgs({ name: 'P', authFlows: [] }), /at least one flow/);
    assert.throws(() => parseCreateIdentityPoolArgs({ name: 'P', allowUnauthenticated: 'yes' }), /allowUnauthenticated/);
    assert.throws(
      () => parseCreateIdentityPoolArgs({ name: 'P', allowUnauthenticated: true, userPoolId: 'us-east-1_abc' }),
      /both "userPoolId" and "clientId"/,
    );
    assert.throws(() => parseCreateIdentityPoolArgs({ name: 'P', allowUnauthenticated: true, authRoleName: 'has space' }), /authRoleName: An IAM role name/);
  });

  it('creates an identity pool whose roles trust exactly it, per amr, and are set on it', async () => {
    const pool = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'NotesUsers' }));
    const result = await createIdentityPool(
      ctx,
      parseCreateIdentityPoolArgs({
        name: 'NotesPool',
        allowUnauthenticated: false,
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        attachLexRunBotsOnly: true,
      }),
    );
    const iam = await ctx.client('iam');
    for (const [name, amr] of [
      ['Cognito_NotesPoolAuth_Role', 'authenticated'],
      ['Cognito_NotesPoolUnauth_Role', 'unauthenticated'],
    ] as const) {
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
      assert.deepEqual(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)), cognitoTrustPolicy(result.identityPoolId, amr));
      const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
      assert.deepEqual(
        AttachedPolicies?.map((p) => p.PolicyName),
        ['AmazonLexRunBotsOnly'],
      );
    }
    const identity = await ctx.client('cognitoIdentity');
    const { Roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: result.identityPoolId }));
    assert.deepEqual(Roles, { authenticated: result.authRoleArn, unauthenticated: result.unauthRoleArn });
    const details = await describeIdentityPool(ctx, result.identityPoolId);
    assert.deepEqual(details.providers, [
      {
        providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.userPoolId}`,
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        serverSideTokenCheck: false,
      },
    ]);
    assert.equal(details.allowUnauthenticated, false);
  });

  it('refuses a role name already taken before creating anything', async () => {
    const before = (await listIdentityPools(ctx)).items.length;
    await assert.rejects(
      createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'OtherPool', allowUnauthenticated: true, authRoleName: 'Cognito_NotesPoolAuth_Role' })),
      /An IAM role named Cognito_NotesPoolAuth_Role already exists/,
    );
    assert.equal((await listIdentityPools(ctx)).items.length, before);
  });

  it('when a step fails mid-way, reports what exists and its journal rolls all of it back', async () => {
    const iam = await ctx.client('iam');
    const rolesBefore = (await iam.send(new ListRolesCommand({}))).Roles?.length;
    const poolsBefore = (await listIdentityPools(ctx)).items.length;
    const broken = intercepting(ctx, (name) =>
      name === 'SetIdentityPoolRolesCommand' ? Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }) : undefined,
    );
    const journal = new Journal();
    const error = await createIdentityPool(
      broken,
      parseCreateIdentityPoolArgs({ name: 'HalfPool', allowUnauthenticated: true, attachLexRunBotsOnly: true }),
      journal,
    ).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PartialCreationError);
    assert.match(
      error.message,
      /^Could not set the roles on identity pool HalfPool: Rate exceeded Already created: identity pool HalfPool \(us-east-1:[0-9a-f-]{36}\), IAM role Cognito_HalfPoolAuth_Role, IAM role Cognito_HalfPoolUnauth_Role\.$/,
    );
    assert.equal((await listIdentityPools(ctx)).items.length, poolsBefore + 1, 'the pool exists until rolled back');
    const rollback = await journal.rollback();
    assert.deepEqual(rollback.left, []);
    assert.equal(rollback.removed.length, 3);
    assert.equal((await listIdentityPools(ctx)).items.length, poolsBefore);
    assert.equal((await iam.send(new ListRolesCommand({}))).Roles?.length, rolesBefore);
    // Re-run after the failure: nothing is created twice, the names are free again.
    const again = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'HalfPool', allowUnauthenticated: true }));
    assert.match(again.identityPoolId, /^us-east-1:/);
  });

  it('waits for IAM when a new role is not yet usable (eventual consistency), then goes on', async () => {
    let refusals = 2;
    const slept: number[] = [];
    const eventual = intercepting(ctx, (name) =>
      name === 'SetIdentityPoolRolesCommand' && refusals-- > 0
        ? Object.assign(new Error('Invalid role ARN: the role does not exist yet'), { name: 'InvalidParameterException' })
        : undefined,
    );
    const result = await createIdentityPool(eventual, parseCreateIdentityPoolArgs({ name: 'EventualPool', allowUnauthenticated: true }), new Journal(), {
      attempts: 6,
      sleep: async (ms) => void slept.push(ms),
    });
    assert.deepEqual(slept, [500, 1000]);
    const identity = await ctx.client('cognitoIdentity');
    const { Roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: result.identityPoolId }));
    assert.equal(Roles?.unauthenticated, result.unauthRoleArn);
  });

  it('tells when a trust policy binds to its pool and amr, and when it does not', async () => {
    const id = 'us-east-1:11111111-2222-3333-4444-555555555555';
    assert.equal(trustBindsToPool(JSON.stringify(cognitoTrustPolicy(id, 'unauthenticated')), id, 'unauthenticated'), true);
    assert.equal(trustBindsToPool(JSON.stringify(cognitoTrustPolicy(id, 'unauthenticated')), id, 'authenticated'), false);
    assert.equal(
      trustBindsToPool(JSON.stringify(cognitoTrustPolicy('us-east-1:99999999-2222-3333-4444-555555555555', 'unauthenticated')), id, 'unauthenticated'),
      false,
    );
    const anyPool = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    };
    assert.equal(trustBindsToPool(JSON.stringify(anyPool), id, 'unauthenticated'), false, 'a role any pool may assume is not bound');
  });

  it('links a user pool as provider once, toggles guest access, and deletes the pool with the roles made for it', async () => {
    const users = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'LinkUsers' }));
    const created = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'LinkPool', allowUnauthenticated: false }));
    assert.deepEqual(await linkUserPool(ctx, created.identityPoolId, users.userPoolId, users.clientId), { added: true });
    assert.deepEqual(await linkUserPool(ctx, created.identityPoolId, users.userPoolId, users.clientId), { added: false });
    await assert.rejects(linkUserPool(ctx, created.identityPoolId, users.userPoolId, 'nosuchclient'), /has no app client nosuchclient/);
    assert.deepEqual(await setGuestAccess(ctx, created.identityPoolId, true), { allowUnauthenticated: true, warning: undefined });
    const details = await describeIdentityPool(ctx, created.identityPoolId);
    assert.equal(details.providers.length, 1);
    assert.equal(details.allowUnauthenticated, true);
    // Guests get credentials now.
    const identity = await ctx.client('cognitoIdentity');
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: created.identityPoolId }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);

    const result = await deleteIdentityPool(ctx, created.identityPoolId, true);
    assert.deepEqual([...result.deletedRoles].sort(), ['Cognito_LinkPoolAuth_Role', 'Cognito_LinkPoolUnauth_Role']);
    const iam = await ctx.client('iam');
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'Cognito_LinkPoolAuth_Role' })), { name: 'NoSuchEntityException' });
    await deleteUserPool(ctx, users.userPoolId);
    await assert.rejects(describeAppClient(ctx, users.userPoolId, users.clientId), /has no app client/);
  });
});

describe('provisioning and cognito-idp user-pool operations against cognito-local', function () {
  this.timeout(60_000);
  let cognitoLocal: CognitoLocal;
  let ctx: AwsContext;

  before(async () => {
    cognitoLocal = await startCognitoLocal();
    const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: cognitoLocal.endpoint, region: 'us-east-1' });
  });
  after(() => cognitoLocal?.stop());

  it('creates, lists, describes and deletes the tutorial user pool on an emulator nobody here wrote', async () => {
    const result = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'WebChatPool' }));
    assert.ok((await listUserPools(ctx)).items.some((p) => p.id === result.userPoolId && p.name === 'WebChatPool'));
    const client = await describeAppClient(ctx, result.userPoolId, result.clientId);
    assert.deepEqual([client.name, client.hasSecret], ['chatapp', false]);
    await assert.rejects(createUserPool(ctx, parseCreateUserPoolArgs({ name: 'WebChatPool' })), /already exists/);
    await deleteUserPool(ctx, result.userPoolId);
    assert.ok(!(await listUserPools(ctx)).items.some((p) => p.id === result.userPoolId));
  });
});
