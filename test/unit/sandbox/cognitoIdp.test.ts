import * as assert from 'node:assert/strict';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  type ExplicitAuthFlowsType,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  paginateListUserPools,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const PASSWORD = 'Corr3ct-Horse!';

/**
 * Conformance of the sandbox's user pools with the real SDK client, and its SRP with
 * amazon-cognito-identity-js (AWS's own browser SRP client, a dev dependency: an independent
 * implementation of the protocol).
 */
describe('sandbox: Cognito user pools', () => {
  let sandbox: RunningSandbox;
  let messages: string[];
  const config = () => sandboxClientConfig(sandbox.endpoint);
  const idp = () => new CognitoIdentityProviderClient(config());

  beforeEach(async () => {
    messages = [];
    sandbox = await startSandboxServer({ onMessage: (m) => messages.push(m) });
  });
  afterEach(() => sandbox.close());

  /** The webchat tutorial's pool: email sign-in, email and name required, public client chatapp. */
  async function webchatPool(flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']) {
    const { UserPool } = await idp().send(
      new CreateUserPoolCommand({
        PoolName: 'WebChatPool',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
        ],
      }),
    );
    const { UserPoolClient } = await idp().send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'chatapp', GenerateSecret: false, ExplicitAuthFlows: flows }),
    );
    return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, pool: UserPool! };
  }

  async function confirmedUser(clientId: string, email = 'ana@example.com') {
    await idp().send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Ana' }] }));
    const code = /: (\d{6})$/.exec(messages.at(-1) ?? '')?.[1];
    await idp().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
  }

  it("creates the webchat tutorial's pool and public client with AWS's id formats", async () => {
    const { poolId, clientId, pool } = await webchatPool();
    assert.match(poolId, /^us-east-1_[0-9A-Za-z]{9}$/);
    assert.match(clientId, /^[a-z0-9]{26}$/);
    assert.equal(pool.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId}`);
    const described = (await idp().send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool;
    assert.deepEqual(described?.UsernameAttributes, ['email']);
    assert.deepEqual(
      described?.SchemaAttributes?.filter((a) => a.Required).map((a) => a.Name),
      ['sub', 'name', 'email'],
    );
  });

  it('signs up with the required attributes and a policy-conforming password, then confirms with the code', async () => {
    const { clientId } = await webchatPool();
    await assert.rejects(idp().send(new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: PASSWORD })), {
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: name: The attribute name is required',
    });
    await assert.rejects(
      idp().send(new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: 'short', UserAttributes: [{ Name: 'name', Value: 'Ana' }] })),
      {
        name: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password not long enough',
      },
    );
    await assert.rejects(
      idp().send(new SignUpCommand({ ClientId: clientId, Username: 'not-an-email', Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Ana' }] })),
      {
        name: 'InvalidParameterException',
        message: 'Username should be an email.',
      },
    );
    const signUp = await idp().send(
      new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Ana' }] }),
    );
    assert.equal(signUp.UserConfirmed, false);
    assert.equal(signUp.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    await assert.rejects(
      idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana@example.com', PASSWORD } })),
      { name: 'UserNotConfirmedException', message: 'User is not confirmed.' },
    );
    await assert.rejects(idp().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: '000000' })), {
      name: 'CodeMismatchException',
    });
    const code = /: (\d{6})$/.exec(messages.at(-1) ?? '')?.[1];
    assert.ok(code, `the confirmation code goes to the sandbox's messages: ${messages.join(' | ')}`);
    await idp().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    await assert.rejects(
      idp().send(new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Ana' }] })),
      {
        name: 'UsernameExistsException',
        message: 'An account with the given email already exists.',
      },
    );
  });

  it('signs in with USER_PASSWORD_AUTH: tokens with the pool as issuer and the client as audience, then refreshes', async () => {
    const { poolId, clientId } = await webchatPool();
    await confirmedUser(clientId);
    const { AuthenticationResult } = await idp().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana@example.com', PASSWORD } }),
    );
    const id = claimsOf(AuthenticationResult!.IdToken!);
    assert.equal(id.iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    assert.equal(id.aud, clientId);
    assert.equal(id.token_use, 'id');
    assert.deepEqual([id.email, id.name, id.email_verified], ['ana@example.com', 'Ana', true]);
    assert.equal(claimsOf(AuthenticationResult!.AccessToken!).client_id, clientId);
    const refreshed = await idp().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! } }),
    );
    assert.equal(claimsOf(refreshed.AuthenticationResult!.IdToken!).sub, id.sub);
    await assert.rejects(
      idp().send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Wr0ng-password!' },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    );
  });

  it('signs in with USER_SRP_AUTH through amazon-cognito-identity-js, and refuses a wrong password', async () => {
    const { poolId, clientId } = await webchatPool(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    await confirmedUser(clientId);
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.endpoint });
    const signIn = (password: string) =>
      new Promise<string>((resolve, reject) => {
        new CognitoUser({ Username: 'ana@example.com', Pool: pool }).authenticateUser(
          new AuthenticationDetails({ Username: 'ana@example.com', Password: password }),
          {
            onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
            onFailure: reject,
          },
        );
      });
    const idToken = await signIn(PASSWORD);
    assert.equal(claimsOf(idToken).email, 'ana@example.com');
    await assert.rejects(signIn('Wr0ng-password!'), { code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a flow the client does not allow, and a secret client without SECRET_HASH', async () => {
    const { poolId, clientId } = await webchatPool(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    await confirmedUser(clientId);
    await assert.rejects(
      idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana@example.com', PASSWORD } })),
      { name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
    );
    const { UserPoolClient } = await idp().send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    assert.ok(UserPoolClient?.ClientSecret);
    await assert.rejects(
      idp().send(
        new InitiateAuthCommand({
          ClientId: UserPoolClient!.ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ana@example.com', PASSWORD },
        }),
      ),
      { name: 'NotAuthorizedException', message: /configured with secret but SECRET_HASH was not received/ },
    );
  });

  it('makes a user created by an admin choose a new password (NEW_PASSWORD_REQUIRED)', async () => {
    const { poolId, clientId } = await webchatPool();
    await idp().send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'bo@example.com',
        TemporaryPassword: 'Temp-Pass1!',
        UserAttributes: [{ Name: 'name', Value: 'Bo' }],
      }),
    );
    const first = await idp().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bo@example.com', PASSWORD: 'Temp-Pass1!' } }),
    );
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const answered = await idp().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'bo@example.com', NEW_PASSWORD: PASSWORD },
      }),
    );
    assert.ok(answered.AuthenticationResult?.IdToken);
    const users = await idp().send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "bo@example.com"' }));
    assert.deepEqual(
      users.Users?.map((u) => u.UserStatus),
      ['CONFIRMED'],
    );
  });

  it("gives a signed-in user the identity pool's authenticated role (Logins with the ID token)", async () => {
    const { poolId, clientId } = await webchatPool();
    await confirmedUser(clientId);
    const { AuthenticationResult } = await idp().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana@example.com', PASSWORD } }),
    );
    const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    const identity = new CognitoIdentityClient(config());
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'NotesPool',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }],
      }),
    );
    const trust = JSON.stringify(cognitoTrustPolicy(IdentityPoolId!, 'authenticated'));
    const { Role } = await new IAMClient(config()).send(new CreateRoleCommand({ RoleName: 'Cognito_NotesPoolAuth_Role', AssumeRolePolicyDocument: trust }));
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: Role!.Arn! } }));
    const Logins = { [provider]: AuthenticationResult!.IdToken! };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId, Logins }));
    assert.equal((await identity.send(new GetIdCommand({ IdentityPoolId, Logins }))).IdentityId, IdentityId, 'the same user gets the same identity');
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const who = await new STSClient({
      ...config(),
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! },
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::000000000000:assumed-role/Cognito_NotesPoolAuth_Role/CognitoIdentityCredentials');
  });

  it('lists, describes and deletes app clients; an admin sets a permanent password', async () => {
    const { poolId, clientId } = await webchatPool();
    await idp().send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'admin-tool', GenerateSecret: true }));
    const { UserPoolClients } = await idp().send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    assert.deepEqual(UserPoolClients?.map((c) => c.ClientName).sort(), ['admin-tool', 'chatapp']);
    const described = await idp().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual(described.UserPoolClient?.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    assert.equal(described.UserPoolClient?.ClientSecret, undefined);

    await idp().send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'cy@example.com',
        TemporaryPassword: 'Temp-Pass1!',
        UserAttributes: [{ Name: 'name', Value: 'Cy' }],
      }),
    );
    await idp().send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'cy@example.com', Password: PASSWORD, Permanent: true }));
    const signedIn = await idp().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'cy@example.com', PASSWORD } }),
    );
    assert.ok(signedIn.AuthenticationResult?.AccessToken, 'a permanent password signs in without a challenge');

    await idp().send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await assert.rejects(idp().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })), { name: 'ResourceNotFoundException' });
    await assert.rejects(
      idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'cy@example.com', PASSWORD } })),
      { name: 'ResourceNotFoundException', message: `User pool client ${clientId} does not exist.` },
    );
  });

  it('lists pools page by page and deletes one', async () => {
    for (let i = 0; i < 3; i++) await webchatPool();
    const ids: string[] = [];
    for await (const page of paginateListUserPools({ client: idp(), pageSize: 2 }, { MaxResults: 2 })) ids.push(...(page.UserPools ?? []).map((p) => p.Id!));
    assert.equal(ids.length, 3);
    await idp().send(new DeleteUserPoolCommand({ UserPoolId: ids[0] }));
    await assert.rejects(idp().send(new DescribeUserPoolCommand({ UserPoolId: ids[0] })), { name: 'ResourceNotFoundException' });
  });
});
