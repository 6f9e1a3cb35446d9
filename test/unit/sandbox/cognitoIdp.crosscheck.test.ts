import * as assert from 'node:assert/strict';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';
import { type CognitoLocal, startCognitoLocal } from '../support';

// The user-pool scenario of the webchat tutorial, run against the sandbox and against
// cognito-local (an emulator nobody here wrote, a dev dependency). Each step's outcome is
// compared; where they differ, the difference must be one of the departures listed below, each
// with what AWS's API reference says. Any other difference fails the test.

/** Known ways cognito-local departs from AWS (per the Cognito API reference), not the sandbox. */
const COGNITO_LOCAL_DEPARTURES: Record<string, string> = {
  'pool id format': 'cognito-local names pools local_XXXXXXXX; AWS (and the sandbox) use REGION_XXXXXXXXX.',
  'client id format': 'cognito-local client ids are 25 characters; AWS (and the sandbox) use 26 lowercase alphanumerics.',
  'sign up without required attribute': 'cognito-local does not check required attributes at SignUp; AWS fails with InvalidParameterException.',
  'sign up with a weak password': 'cognito-local does not apply the password policy at SignUp; AWS fails with InvalidPasswordException.',
  'wrong password':
    'cognito-local answers a wrong password with InvalidPasswordException; AWS answers InitiateAuth with NotAuthorizedException "Incorrect username or password." (InvalidPasswordException is for a password that breaks the policy).',
  'token issuer': 'cognito-local issues tokens from http://HOST:PORT/POOL_ID; AWS (and the sandbox) from https://cognito-idp.REGION.amazonaws.com/POOL_ID.',
};

type Outcome = string;

async function scenario(client: CognitoIdentityProviderClient): Promise<Record<string, Outcome>> {
  const outcome: Record<string, Outcome> = {};
  const attempt = async (name: string, run: () => Promise<Outcome>) => {
    try {
      outcome[name] = await run();
    } catch (error) {
      outcome[name] = `error ${(error as Error).name}`;
    }
  };
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'WebChatPool',
      UsernameAttributes: ['email'],
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      ],
    }),
  );
  const poolId = UserPool!.Id!;
  outcome['pool id format'] = /^[a-z]{2}-[a-z]+-\d_[0-9A-Za-z]{9}$/.test(poolId) ? 'REGION_ID' : 'other';
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'chatapp',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  outcome['client id format'] = /^[a-z0-9]{26}$/.test(clientId) ? '26 lowercase alphanumerics' : 'other';
  await attempt('client is public', async () => {
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    return `${described.UserPoolClient?.ClientName} secret:${described.UserPoolClient?.ClientSecret !== undefined}`;
  });
  await attempt('sign up without required attribute', async () => {
    await client.send(new SignUpCommand({ ClientId: clientId, Username: 'no-name@example.com', Password: 'Corr3ct-Horse!' }));
    return 'accepted';
  });
  await attempt('sign up with a weak password', async () => {
    await client.send(
      new SignUpCommand({ ClientId: clientId, Username: 'weak@example.com', Password: 'short', UserAttributes: [{ Name: 'name', Value: 'W' }] }),
    );
    return 'accepted';
  });
  await attempt('sign up', async () => {
    const answer = await client.send(
      new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: 'Corr3ct-Horse!', UserAttributes: [{ Name: 'name', Value: 'Ana' }] }),
    );
    return `confirmed:${answer.UserConfirmed}`;
  });
  await attempt('sign in before confirmation', async () => {
    await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Corr3ct-Horse!' },
      }),
    );
    return 'signed in';
  });
  await attempt('admin confirms', async () => {
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    return 'confirmed';
  });
  await attempt('username is the email', async () => {
    const { Users } = await client.send(new ListUsersCommand({ UserPoolId: poolId }));
    const ana = Users?.find((u) => u.Attributes?.some((a) => a.Name === 'email' && a.Value === 'ana@example.com'));
    return ana?.Username === 'ana@example.com' ? 'email' : 'uuid';
  });
  await attempt('wrong password', async () => {
    await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Wr0ng-password!' },
      }),
    );
    return 'signed in';
  });
  let idToken = '';
  await attempt('sign in', async () => {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Corr3ct-Horse!' },
      }),
    );
    idToken = AuthenticationResult?.IdToken ?? '';
    return AuthenticationResult?.AccessToken && AuthenticationResult.RefreshToken ? 'access, id and refresh tokens' : 'incomplete';
  });
  const claims = idToken ? JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')) : {};
  outcome['token audience'] = claims.aud === clientId ? 'client id' : String(claims.aud);
  outcome['token issuer'] = claims.iss === `https://cognito-idp.us-east-1.amazonaws.com/${poolId}` ? 'AWS form' : 'other';
  outcome['token email'] = String(claims.email);
  return outcome;
}

describe('sandbox user pools, cross-checked against cognito-local', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let cognitoLocal: CognitoLocal;
  let cognitoLocalEndpoint: string;

  before(async () => {
    sandbox = await startSandboxServer();
    cognitoLocal = await startCognitoLocal();
    cognitoLocalEndpoint = cognitoLocal.endpoint;
  });
  after(async () => {
    cognitoLocal?.stop();
    await sandbox?.close();
  });

  it('agrees with cognito-local on the webchat scenario, but for the departures listed (where AWS sides with the sandbox)', async () => {
    const client = (endpoint: string) => new CognitoIdentityProviderClient(sandboxClientConfig(endpoint));
    const ours = await scenario(client(sandbox.endpoint));
    const theirs = await scenario(client(cognitoLocalEndpoint));
    const unexplained = Object.keys(ours).filter((step) => ours[step] !== theirs[step] && !(step in COGNITO_LOCAL_DEPARTURES));
    assert.deepEqual(
      unexplained.map((step) => `${step}: sandbox "${ours[step]}", cognito-local "${theirs[step]}"`),
      [],
    );
    // The steps both must get right, as AWS does.
    assert.equal(ours['sign in before confirmation'], 'error UserNotConfirmedException');
    assert.equal(ours['wrong password'], 'error NotAuthorizedException');
    assert.equal(ours['sign in'], 'access, id and refresh tokens');
    assert.equal(ours['sign up without required attribute'], 'error InvalidParameterException');
    assert.equal(ours['sign up with a weak password'], 'error InvalidPasswordException');
    // A listed departure that no longer differs should be removed from the list.
    const stale = Object.keys(COGNITO_LOCAL_DEPARTURES).filter((step) => ours[step] === theirs[step]);
    assert.deepEqual(stale, [], 'departures listed that no longer differ');
  });
});
