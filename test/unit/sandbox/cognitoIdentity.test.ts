import * as assert from 'node:assert/strict';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  paginateListIdentityPools,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxAdminCredentials, type SandboxCredentials as Credentials, sandboxClientConfig } from '../../support/sandboxClients';
import { sandboxBotId } from '../../../src/sandbox/bots';

const COFFEE_SHOP = sandboxBotId('CoffeeShop');

const trustPolicy = (poolId: string, amr: 'authenticated' | 'unauthenticated') => JSON.stringify(cognitoTrustPolicy(poolId, amr));

/** Conformance of the sandbox's Cognito identity pools, and the chain to Lex, with the real SDK clients. */
describe('sandbox: Cognito identity pools and the credential chain', () => {
  let sandbox: RunningSandbox;
  let offsetMs: number;
  const admin = sandboxAdminCredentials();
  const config = (credentials: Credentials = admin) => sandboxClientConfig(sandbox.endpoint, { credentials });
  const identity = () => new CognitoIdentityClient(config());
  const iam = () => new IAMClient(config());

  beforeEach(async () => {
    offsetMs = 0;
    sandbox = await startSandboxServer({ clock: () => new Date(Date.now() + offsetMs) });
  });
  afterEach(() => sandbox.close());

  const createPool = async (name = 'BotPool', allowUnauthenticatedIdentities = true) =>
    (await identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: allowUnauthenticatedIdentities })))
      .IdentityPoolId!;

  const wireRoles = async (poolId: string, trustedPool = poolId) => {
    const unauth = await iam().send(
      new CreateRoleCommand({ RoleName: 'Cognito_BotPoolUnauth_Role', AssumeRolePolicyDocument: trustPolicy(trustedPool, 'unauthenticated') }),
    );
    const auth = await iam().send(
      new CreateRoleCommand({ RoleName: 'Cognito_BotPoolAuth_Role', AssumeRolePolicyDocument: trustPolicy(trustedPool, 'authenticated') }),
    );
    await identity().send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { unauthenticated: unauth.Role!.Arn!, authenticated: auth.Role!.Arn! } }),
    );
  };

  const guestCredentials = async (poolId: string): Promise<Credentials> => {
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId }));
    const { Credentials } = await identity().send(new GetCredentialsForIdentityCommand({ IdentityId }));
    return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
  };

  const recognize = (credentials: Credentials, text = 'hello') =>
    new LexRuntimeV2Client(config(credentials)).send(
      new RecognizeTextCommand({ botId: COFFEE_SHOP, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'us-east-1:session-1', text }),
    );

  it('walks the guest tutorial: no roles, roles, Lex denied, AmazonLexRunBotsOnly, Lex allowed', async () => {
    const poolId = await createPool();
    assert.match(poolId, /^us-east-1:[0-9a-f-]{36}$/);
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId }));
    assert.match(IdentityId ?? '', /^us-east-1:[0-9a-f-]{36}$/);

    await assert.rejects(identity().send(new GetCredentialsForIdentityCommand({ IdentityId })), {
      name: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    });

    await wireRoles(poolId);
    const unused = await iam().send(new GetRoleCommand({ RoleName: 'Cognito_BotPoolUnauth_Role' }));
    assert.deepEqual(unused.Role?.RoleLastUsed, {}, 'IAM says nothing of a role not yet used');
    const credentials = await guestCredentials(poolId);
    assert.match(credentials.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    const used = await iam().send(new GetRoleCommand({ RoleName: 'Cognito_BotPoolUnauth_Role' }));
    assert.equal(used.Role?.RoleLastUsed?.Region, 'us-east-1');
    assert.ok(Date.now() - (used.Role?.RoleLastUsed?.LastUsedDate?.getTime() ?? 0) < 60_000, 'last used when the guest got credentials');

    const who = await new STSClient(config(credentials)).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolUnauth_Role/CognitoIdentityCredentials');

    await assert.rejects(recognize(credentials), {
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolUnauth_Role/CognitoIdentityCredentials is not authorized to perform: lex:RecognizeText on resource: arn:aws:lex:us-east-1:000000000000:bot-alias/${COFFEE_SHOP}/TSTALIASID because no identity-based policy allows the lex:RecognizeText action`,
    });

    // IAM (awsQuery) words a denial its own way: AccessDenied, the role named as `role NAME`.
    const guestIam = new IAMClient(config(credentials));
    await assert.rejects(guestIam.send(new GetRoleCommand({ RoleName: 'Cognito_BotPoolUnauth_Role' })), {
      name: 'AccessDenied',
      message:
        'User: arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolUnauth_Role/CognitoIdentityCredentials is not authorized to perform: iam:GetRole on resource: role Cognito_BotPoolUnauth_Role because no identity-based policy allows the iam:GetRole action',
    });
    await assert.rejects(guestIam.send(new ListRolesCommand({})), { name: 'AccessDenied', message: /on resource: arn:aws:iam::000000000000:role\/ because/ });

    await iam().send(new AttachRolePolicyCommand({ RoleName: 'Cognito_BotPoolUnauth_Role', PolicyArn: 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly' }));
    const answer = await recognize(credentials);
    assert.match(answer.messages?.[0]?.content ?? '', /^Hello! I can take a coffee order/);
    assert.equal(answer.sessionId, 'us-east-1:session-1');
  });

  it('refuses guests when guest access is off', async () => {
    const poolId = await createPool('SignedInOnly', false);
    await assert.rejects(identity().send(new GetIdCommand({ IdentityPoolId: poolId })), {
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  it('refuses a role whose trust policy names another pool', async () => {
    const poolId = await createPool();
    await wireRoles(poolId, 'us-east-1:00000000-0000-0000-0000-000000000000');
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId }));
    await assert.rejects(identity().send(new GetCredentialsForIdentityCommand({ IdentityId })), { name: 'InvalidIdentityPoolConfigurationException' });
  });

  it('refuses logins from a provider the pool does not list, and tokens it cannot verify', async () => {
    const poolId = (
      await identity().send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'WithUserPool',
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [{ ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI', ClientId: '1example23456789abcdefghij' }],
        }),
      )
    ).IdentityPoolId!;
    await assert.rejects(
      identity().send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000': 'x.y.z' } })),
      {
        name: 'NotAuthorizedException',
        message: 'Token is not from a supported provider of this identity pool.',
      },
    );
    await assert.rejects(
      identity().send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI': 'eyJhbGciOiJub25lIn0.e30.' } }),
      ),
      {
        name: 'NotAuthorizedException',
        message: /^Invalid login token\./,
      },
    );
  });

  it('expires issued credentials after an hour (ExpiredTokenException)', async () => {
    const poolId = await createPool();
    await wireRoles(poolId);
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'Cognito_BotPoolUnauth_Role', PolicyArn: 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly' }));
    const credentials = await guestCredentials(poolId);
    await recognize(credentials);
    offsetMs = 61 * 60 * 1000;
    await assert.rejects(recognize(credentials), { name: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });

  it('refuses a session key with the wrong secret (InvalidSignatureException)', async () => {
    const poolId = await createPool();
    await wireRoles(poolId);
    const credentials = await guestCredentials(poolId);
    await assert.rejects(recognize({ ...credentials, secretAccessKey: 'wrong' }), { name: 'InvalidSignatureException' });
  });

  it('issues an OpenID token for an identity', async () => {
    const poolId = await createPool();
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId }));
    const { Token } = await identity().send(new GetOpenIdTokenCommand({ IdentityId }));
    const claims = JSON.parse(Buffer.from(Token!.split('.')[1], 'base64url').toString('utf8'));
    assert.deepEqual([claims.iss, claims.sub, claims.aud, claims.amr], ['https://cognito-identity.amazonaws.com', IdentityId, poolId, ['unauthenticated']]);
  });

  it('describes, updates, lists (paged) and deletes identity pools', async () => {
    const ids = [await createPool('Alpha'), await createPool('Beta'), await createPool('Gamma')];
    const described = await identity().send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids[0] }));
    assert.deepEqual([described.IdentityPoolName, described.AllowUnauthenticatedIdentities], ['Alpha', true]);
    await identity().send(new UpdateIdentityPoolCommand({ IdentityPoolId: ids[0], IdentityPoolName: 'Alpha', AllowUnauthenticatedIdentities: false }));
    assert.equal((await identity().send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids[0] }))).AllowUnauthenticatedIdentities, false);
    const names: string[] = [];
    for await (const page of paginateListIdentityPools({ client: identity(), pageSize: 2 }, { MaxResults: 2 }))
      names.push(...(page.IdentityPools ?? []).map((p) => p.IdentityPoolName!));
    assert.deepEqual(names, ['Alpha', 'Beta', 'Gamma']);
    assert.deepEqual((await identity().send(new GetIdentityPoolRolesCommand({ IdentityPoolId: ids[1] }))).Roles, {});
    await identity().send(new DeleteIdentityPoolCommand({ IdentityPoolId: ids[2] }));
    await assert.rejects(identity().send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids[2] })), {
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${ids[2]}' not found.`,
    });
  });

  it('requires signed requests for pool administration', async () => {
    const anonymous = new CognitoIdentityClient(config({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }));
    await assert.rejects(anonymous.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'X', AllowUnauthenticatedIdentities: true })), {
      name: 'UnrecognizedClientException',
    });
  });
});
