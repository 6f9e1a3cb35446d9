import * as assert from 'node:assert/strict';
import { CreateUserPoolClientCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import type { AwsContext } from '../../../src/aws/context';
import type { Sdk } from '../../../src/aws/loadSdk';
import { CredentialsError, loginsKey, PoolCredentials, type SignIn, SignInChallengeError } from '../../../src/aws/poolCredentials';
import { createIdentityPool, type CreateIdentityPoolResult, parseCreateIdentityPoolArgs } from '../../../src/provisioning/identityPool';
import { signInSandbox, spying } from '../support';

// Identity pool credentials as a web page gets them (the chat and the conversation tests sign
// with them), against the sandbox: guest, signed in with SRP, the password fallback, challenges.

const PASSWORD = 'Creds-Passw0rd!';

/** The client, with what each command sent recorded (its name and input as JSON). */
describe('aws/poolCredentials against the sandbox', () => {
  let factory: ClientFactory;
  let connection: Connection;
  let ctx: AwsContext;
  let sdk: Sdk;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let guests: CreateIdentityPoolResult;
  let users: { userPoolId: string; clientId: string; identityPoolId: string };

  const credentialsFor = async (identityPoolId: string, signIn?: SignIn) => {
    const identity = spying(await factory.client(connection, 'cognitoIdentity'));
    const idp = spying(await factory.client(connection, 'cognitoIdentityProvider'));
    const credentials = new PoolCredentials(
      { sdk, cognitoIdentity: identity.client, cognitoIdentityProvider: idp.client, region: 'us-east-1', now },
      { identityPoolId, signIn },
    );
    return { credentials, identitySent: identity.sent, userPoolSent: idp.sent };
  };

  let createUser: (username: string, permanent: boolean) => Promise<void>;

  let close: () => Promise<void>;

  before(async () => {
    ({ factory, connection, ctx, sdk, guests, users, createUser, close } = await signInSandbox('Creds', PASSWORD, now));
  });
  after(() => close());
  afterEach(() => {
    offsetMs = 0;
  });

  it('gets guest credentials with GetId once and GetCredentialsForIdentity, reuses them, and shares one fetch between callers', async () => {
    const { credentials, identitySent } = await credentialsFor(guests.identityPoolId);
    const [a, b] = await Promise.all([credentials.get(), credentials.get()]);
    assert.equal(a, b, 'concurrent callers share one fetch');
    for (let i = 0; i < 5; i++) assert.equal(await credentials.get(), a);
    assert.deepEqual(
      identitySent.map((s) => s.name),
      ['GetIdCommand', 'GetCredentialsForIdentityCommand'],
    );
    assert.equal(credentials.cognitoCalls, 2);
    assert.equal(credentials.userPoolCalls, 0);
    assert.equal(credentials.mode, 'guest');
    assert.equal(credentials.signInPool(), undefined);
    const view = credentials.view();
    assert.deepEqual(
      { ...view, expiration: undefined },
      { mode: 'guest', identityId: a.identityId, identityPoolId: guests.identityPoolId, region: 'us-east-1', expiration: undefined },
    );
    assert.equal(view.expiration, a.credentials.expiration.toISOString());
    assert.doesNotMatch(JSON.stringify(view), /ASIA|secret|token/i, 'the view never holds keys');
  });

  it('refreshes five minutes before expiry, and after invalidate(), for the same identity', async () => {
    const { credentials, identitySent } = await credentialsFor(guests.identityPoolId);
    const first = await credentials.get();
    offsetMs = 54 * 60_000; // six minutes left: still reused
    assert.equal(await credentials.get(), first);
    offsetMs = 56 * 60_000; // four minutes left: refreshed
    const second = await credentials.get();
    assert.equal(second.identityId, first.identityId);
    assert.notEqual(second.credentials.accessKeyId, first.credentials.accessKeyId);
    credentials.invalidate();
    const third = await credentials.get();
    assert.equal(third.identityId, first.identityId);
    assert.notEqual(third.credentials.accessKeyId, second.credentials.accessKeyId);
    assert.deepEqual(
      identitySent.map((s) => s.name),
      ['GetIdCommand', 'GetCredentialsForIdentityCommand', 'GetCredentialsForIdentityCommand', 'GetCredentialsForIdentityCommand'],
    );
  });

  it('signs in with USER_SRP_AUTH and passes the ID token in Logins under cognito-idp.REGION.amazonaws.com/POOL_ID', async () => {
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'ada@example.com', password: PASSWORD };
    const { credentials, identitySent, userPoolSent } = await credentialsFor(users.identityPoolId, signIn);
    const { identityId } = await credentials.get();
    assert.deepEqual(
      userPoolSent.map((s) => JSON.parse(s.input).AuthFlow ?? JSON.parse(s.input).ChallengeName),
      ['USER_SRP_AUTH', 'PASSWORD_VERIFIER'],
    );
    assert.ok(
      userPoolSent.every((s) => !s.input.includes(PASSWORD)),
      'the password never leaves the process (SRP)',
    );
    const key = `cognito-idp.us-east-1.amazonaws.com/${users.userPoolId}`;
    assert.equal(loginsKey(users.userPoolId), key);
    assert.equal(identitySent.length, 2);
    for (const sent of identitySent) {
      const logins = JSON.parse(sent.input).Logins as Record<string, string>;
      assert.deepEqual(Object.keys(logins), [key]);
      const claims = JSON.parse(Buffer.from(logins[key].split('.')[1], 'base64url').toString('utf8'));
      assert.equal(claims.token_use, 'id');
      assert.equal(claims.aud, users.clientId);
    }
    assert.equal(credentials.view().mode, 'signedIn');
    assert.equal(credentials.view().username, 'ada@example.com');
    assert.deepEqual(credentials.signInPool(), { userPoolId: users.userPoolId, clientId: users.clientId });
    // The signed-in identity is not the guest one.
    assert.notEqual(identityId, (await (await credentialsFor(guests.identityPoolId)).credentials.get()).identityId);
  });

  it('says a wrong password came from the sign-in step, before any identity pool call', async () => {
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'ada@example.com', password: 'Wrong-Passw0rd!' };
    const { credentials, userPoolSent } = await credentialsFor(users.identityPoolId, signIn);
    await assert.rejects(
      credentials.get(),
      (error: unknown) => error instanceof CredentialsError && error.step === 'signIn' && (error.cause as { name?: string }).name === 'NotAuthorizedException',
    );
    assert.equal(credentials.cognitoCalls, 0);
    assert.ok(userPoolSent.every((s) => !s.input.includes('Wrong-Passw0rd!')));
  });

  it('answers NEW_PASSWORD_REQUIRED with the new password, or says one is needed', async () => {
    await createUser('grace@example.com', false);
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'grace@example.com', password: 'Temp-Passw0rd!' };
    const without = (await credentialsFor(users.identityPoolId, signIn)).credentials;
    await assert.rejects(
      without.get(),
      (error: unknown) =>
        error instanceof SignInChallengeError && error.challenge === 'NEW_PASSWORD_REQUIRED' && /must choose a new password/.test(error.message),
    );
    const withNew = (await credentialsFor(users.identityPoolId, { ...signIn, newPassword: 'Grace-New-Passw0rd!' })).credentials;
    const { identityId } = await withNew.get();
    // The new password is the password now.
    const again = (await credentialsFor(users.identityPoolId, { ...signIn, password: 'Grace-New-Passw0rd!' })).credentials;
    assert.equal((await again.get()).identityId, identityId);
  });

  it('falls back to USER_PASSWORD_AUTH when the client does not allow SRP', async () => {
    const idp = await factory.client(connection, 'cognitoIdentityProvider');
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: users.userPoolId, ClientName: 'passwordsOnly', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    const clientId = UserPoolClient!.ClientId!;
    await assert.rejects(
      idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ada@example.com', SRP_A: 'ab' } })),
      /USER_SRP_AUTH/,
    );
    const pool = await createIdentityPool(
      ctx,
      parseCreateIdentityPoolArgs({
        name: 'CredsPasswordUsers',
        allowUnauthenticated: false,
        userPoolId: users.userPoolId,
        clientId,
        attachLexRunBotsOnly: true,
      }),
    );
    const { credentials } = await credentialsFor(pool.identityPoolId, {
      userPoolId: users.userPoolId,
      clientId,
      username: 'ada@example.com',
      password: PASSWORD,
    });
    await credentials.get();
    assert.equal(credentials.userPoolCalls, 2, 'USER_SRP_AUTH refused, then USER_PASSWORD_AUTH');
  });

  it("keys Logins by the user pool's own region, else the one given", () => {
    assert.equal(loginsKey('eu-west-1_AbCdEf123', 'us-east-1'), 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123');
    assert.equal(loginsKey('local_AbCdEf123', 'us-east-1'), 'cognito-idp.us-east-1.amazonaws.com/local_AbCdEf123');
  });
});
