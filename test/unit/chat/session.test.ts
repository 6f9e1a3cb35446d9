import * as assert from 'node:assert/strict';
import type { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import type { Sdk } from '../../../src/aws/loadSdk';
import { PoolCredentials, type SignIn } from '../../../src/aws/poolCredentials';
import { ChatErrorException, ChatSession, parseAccessDenied } from '../../../src/chat/session';
import type { AwsContext } from '../../../src/aws/context';
import { createIdentityPool, type CreateIdentityPoolResult, parseCreateIdentityPoolArgs, setGuestAccess } from '../../../src/provisioning/identityPool';
import { attachPolicy } from '../../../src/provisioning/roles';
import { roleNameFromArn } from '../../../src/aws/arns';
import { SANDBOX_ACCOUNT_ID, sandboxBotId } from '../../../src/sandbox';
import { signInSandbox, spying } from '../support';

const target = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };
const PASSWORD = 'Chat-Passw0rd!';

describe('chat session against the sandbox', () => {
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
    const credentials = new PoolCredentials(
      { sdk, cognitoIdentity: identity.client, cognitoIdentityProvider: await factory.client(connection, 'cognitoIdentityProvider'), region: 'us-east-1', now },
      { identityPoolId, signIn },
    );
    return { credentials, sent: identity.names };
  };
  const sessionFor = (credentials: PoolCredentials, identityPoolName?: string) =>
    new ChatSession({ sdk, credentials, lexClient: (c) => factory.clientWith(connection, 'lexRuntime', c), identityPoolName, now }, target);

  let createUser: (username: string, permanent: boolean) => Promise<void>;

  let close: () => Promise<void>;

  before(async () => {
    ({ factory, connection, ctx, sdk, guests, users, createUser, close } = await signInSandbox('Chat', PASSWORD, now));
  });
  after(() => close());
  afterEach(() => {
    offsetMs = 0;
  });

  it('talks as a guest: two Cognito Identity calls for many turns, the identity id as Lex session id', async () => {
    const { credentials, sent } = await credentialsFor(guests.identityPoolId);
    const session = sessionFor(credentials);
    for (let i = 0; i < 10; i++) {
      const turn = await session.send('when are you open');
      assert.equal(turn.error, undefined, turn.error?.message);
      assert.equal(turn.inspection?.intent?.name, 'OpeningHours');
    }
    assert.equal(credentials.cognitoCalls, 2);
    assert.deepEqual(sent, ['GetIdCommand', 'GetCredentialsForIdentityCommand']);
    const { identityId } = await credentials.get();
    const last = session.turns.at(-1)!;
    assert.equal((last.inspection?.raw.request as { sessionId: string }).sessionId, identityId);
    assert.equal((last.inspection?.raw.response as { sessionId: string }).sessionId, identityId);
    assert.equal(session.turns.length, 10);
    const view = credentials.view();
    assert.deepEqual(
      { ...view, expiration: undefined },
      { mode: 'guest', identityId, identityPoolId: guests.identityPoolId, region: 'us-east-1', expiration: undefined },
    );
    assert.ok(Date.parse(view.expiration!) > Date.now() + 50 * 60_000);
    assert.doesNotMatch(JSON.stringify(view), /ASIA|secret|token/i, 'the view never holds keys');
    session.dispose();
  });

  it('refreshes credentials five minutes before they expire, for the same identity', async () => {
    const { credentials, sent } = await credentialsFor(guests.identityPoolId);
    const session = sessionFor(credentials);
    await session.send('hello');
    const first = await credentials.get();
    offsetMs = 54 * 60_000; // six minutes left: still reused
    assert.equal((await session.send('when are you open')).error, undefined);
    assert.equal(credentials.cognitoCalls, 2);
    offsetMs = 56 * 60_000; // four minutes left: refreshed
    const turn = await session.send('when are you open');
    assert.equal(turn.error, undefined, turn.error?.message);
    const second = await credentials.get();
    assert.deepEqual(sent, ['GetIdCommand', 'GetCredentialsForIdentityCommand', 'GetCredentialsForIdentityCommand']);
    assert.equal(second.identityId, first.identityId);
    assert.notEqual(second.credentials.accessKeyId, first.credentials.accessKeyId);
    assert.ok(second.credentials.expiration > first.credentials.expiration);
    session.dispose();
  });

  it('gets new credentials once when Lex says they expired early (a clock off), and the turn goes through', async () => {
    // Our clock is real time; only the sandbox's moves past the credentials' expiry.
    const credentials = new PoolCredentials(
      {
        sdk,
        cognitoIdentity: await factory.client(connection, 'cognitoIdentity'),
        cognitoIdentityProvider: await factory.client(connection, 'cognitoIdentityProvider'),
        region: 'us-east-1',
      },
      { identityPoolId: guests.identityPoolId },
    );
    const session = new ChatSession({ sdk, credentials, lexClient: (c) => factory.clientWith(connection, 'lexRuntime', c) }, target);
    assert.equal((await session.send('hello')).error, undefined);
    offsetMs = 61 * 60_000;
    const turn = await session.send('when are you open');
    assert.equal(turn.error, undefined, turn.error?.message);
    assert.equal(credentials.cognitoCalls, 3, 'GetId, GetCredentialsForIdentity, and once more after ExpiredTokenException');
    session.dispose();
  });

  it("shows the bot's messages, the inspector and session attributes sent with the turn", async () => {
    const { credentials } = await credentialsFor(guests.identityPoolId);
    const session = sessionFor(credentials);
    const greeting = await session.send('hi there');
    const card = greeting.bot.find((m) => m.contentType === 'ImageResponseCard')?.imageResponseCard;
    assert.equal(card?.title, 'Welcome to the Coffee Shop');
    assert.deepEqual(
      card?.buttons?.map((b) => b.value),
      ['I want to order a coffee', 'when are you open'],
    );
    session.sessionAttributes = { table: '7' };
    const order = await session.send('can I get a large cafe latte');
    assert.deepEqual(
      order.inspection?.intent?.slots.find((s) => s.name === 'Drink'),
      { name: 'Drink', original: 'cafe latte', interpreted: 'latte', resolved: ['latte'] },
    );
    assert.deepEqual(order.inspection?.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Quantity' });
    assert.equal(order.inspection?.interpretations[0]?.intent, 'OrderCoffee');
    assert.equal(order.inspection?.sessionAttributes.table, '7');
    assert.deepEqual((order.inspection?.raw.request as { sessionState: unknown }).sessionState, { sessionAttributes: { table: '7' } });
    assert.equal('$metadata' in (order.inspection?.raw.response as object), false);
    assert.equal(order.bot[0]?.content, 'How many would you like?');
    assert.equal(order.bot[0]?.html, '<p>How many would you like?</p>');
    assert.doesNotMatch(JSON.stringify(order.inspection), /ASIA[A-Z0-9]{12}|secretAccessKey|sessionToken/i, 'no credentials in the raw view');
    // A new conversation: the slot prompt is gone, and attributes start empty.
    await session.restart();
    assert.deepEqual(session.sessionAttributes, {});
    const fresh = await session.send('two');
    assert.equal(fresh.inspection?.intent?.slots.find((slot) => slot.name === 'Drink')?.interpreted, undefined, 'the latte is forgotten');
    assert.equal(fresh.inspection?.sessionAttributes.table, undefined);
    session.dispose();
  });

  it('sends session attributes when there are any, and an empty set once to clear them', async () => {
    const { credentials } = await credentialsFor(guests.identityPoolId);
    const session = sessionFor(credentials);
    const sent = (turn: { inspection?: { raw: { request: unknown } } }) => (turn.inspection?.raw.request as { sessionState?: unknown }).sessionState;
    assert.equal(sent(await session.send('hello')), undefined, 'nothing to send');
    session.sessionAttributes = { table: '7' };
    assert.deepEqual(sent(await session.send('when are you open')), { sessionAttributes: { table: '7' } });
    assert.deepEqual(session.sessionAttributes, { table: '7' }, 'as Lex answered');
    assert.deepEqual(sent(await session.send('when are you open')), { sessionAttributes: { table: '7' } });
    session.sessionAttributes = {};
    const cleared = await session.send('when are you open');
    assert.deepEqual(sent(cleared), { sessionAttributes: {} });
    assert.deepEqual(cleared.inspection?.sessionAttributes, {});
    assert.equal(sent(await session.send('when are you open')), undefined);
    session.dispose();
  });

  it('says which role lacks lex:RecognizeText on which ARN, and works once the offered policy is attached', async () => {
    const bare = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'ChatNoPolicy', allowUnauthenticated: true }));
    const { credentials } = await credentialsFor(bare.identityPoolId);
    const session = sessionFor(credentials);
    const denied = await session.send('hello');
    const roleName = roleNameFromArn(bare.unauthRoleArn);
    const arn = `arn:aws:lex:us-east-1:${SANDBOX_ACCOUNT_ID}:bot-alias/${target.botId}/TSTALIASID`;
    assert.equal(denied.error?.name, 'AccessDeniedException');
    assert.equal(denied.error?.message, `Role ${roleName} lacks lex:RecognizeText on ${arn}`);
    assert.match(denied.error?.advice ?? '', /unauthenticated \(guest\) role/);
    assert.deepEqual(denied.error?.fix, { title: 'Attach least-privilege policy', id: 'attachLexPolicy' });
    assert.deepEqual(denied.bot, []);
    const fix = session.pendingFix!;
    assert.deepEqual(
      { roleName: fix.roleName, template: fix.template, params: fix.params, resourceArn: fix.resourceArn },
      { roleName, template: 'lexBotAlias', params: { botId: target.botId, botAliasId: 'TSTALIASID', region: 'us-east-1' }, resourceArn: arn },
    );
    await attachPolicy(ctx, { roleName: fix.roleName, template: fix.template, params: fix.params });
    const allowed = await session.send('hello');
    assert.equal(allowed.error, undefined, allowed.error?.message);
    assert.equal(session.pendingFix, undefined);
    session.dispose();
  });

  it('says guest access is off for the pool by name and id, with the fix that turns it on', async () => {
    const closed = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'ChatClosed', allowUnauthenticated: false, attachLexRunBotsOnly: true }));
    const { credentials } = await credentialsFor(closed.identityPoolId);
    const session = sessionFor(credentials, 'ChatClosed');
    const turn = await session.send('hello');
    assert.equal(turn.error?.name, 'NotAuthorizedException');
    assert.ok(turn.error?.advice.startsWith(`Guest access is off for identity pool ChatClosed (${closed.identityPoolId}).`), turn.error?.advice);
    const unnamed = sessionFor((await credentialsFor(closed.identityPoolId)).credentials);
    assert.ok(
      (await unnamed.send('hello')).error?.advice.startsWith(`Guest access is off for identity pool ${closed.identityPoolId}.`),
      'the id alone when no name is known',
    );
    unnamed.dispose();
    assert.equal(turn.error?.fix?.id, 'enableGuestAccess');
    await setGuestAccess(ctx, closed.identityPoolId, true);
    assert.equal((await session.send('hello')).error, undefined);
    session.dispose();
  });

  it('explains a missing role, an unknown bot alias, and an unreachable endpoint', async () => {
    const identity = await factory.client(connection, 'cognitoIdentity');
    const { IdentityPoolId } = await identity.send(
      new sdk.CreateIdentityPoolCommand({ IdentityPoolName: 'ChatNoRoles', AllowUnauthenticatedIdentities: true }),
    );
    const noRoles = sessionFor((await credentialsFor(IdentityPoolId!)).credentials);
    const misconfigured = await noRoles.send('hello');
    assert.equal(misconfigured.error?.name, 'InvalidIdentityPoolConfigurationException');
    assert.match(misconfigured.error?.advice ?? '', /no unauthenticated \(guest\) role, or that role's trust policy/);
    assert.deepEqual(misconfigured.error?.fix, { title: 'Check Setup', id: 'diagnose' }, 'a setup error with no fix of its own offers the setup check');

    const { credentials } = await credentialsFor(guests.identityPoolId);
    const wrongAlias = new ChatSession(
      { sdk, credentials, lexClient: (c) => factory.clientWith(connection, 'lexRuntime', c) },
      { ...target, botAliasId: 'NOSUCHALIA' },
    );
    const notFound = await wrongAlias.send('hello');
    assert.equal(notFound.error?.name, 'ResourceNotFoundException');
    assert.match(notFound.error?.advice ?? '', /Check the bot id .* alias id NOSUCHALIA and locale en_US/);
    assert.equal(notFound.error?.fix?.id, 'diagnose');

    const down: Connection = { kind: 'sandbox', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' };
    const offline = new PoolCredentials(
      {
        sdk,
        cognitoIdentity: await factory.client(down, 'cognitoIdentity'),
        cognitoIdentityProvider: await factory.client(down, 'cognitoIdentityProvider'),
        region: 'us-east-1',
      },
      { identityPoolId: guests.identityPoolId },
    );
    const unreachable = await sessionFor(offline).send('hello');
    assert.match(unreachable.error?.advice ?? '', /refused/);
    assert.equal(unreachable.error?.fix, undefined, 'the network is not a setup problem');
    noRoles.dispose();
    wrongAlias.dispose();
  });

  it('talks signed in to a user pool (the sign-in itself is tested in aws/poolCredentials)', async () => {
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'ada@example.com', password: PASSWORD };
    const { credentials } = await credentialsFor(users.identityPoolId, signIn);
    const session = sessionFor(credentials);
    const turn = await session.send('when are you open');
    assert.equal(turn.error, undefined, turn.error?.message);
    assert.equal(credentials.view().mode, 'signedIn');
    const { identityId } = await credentials.get();
    assert.equal((turn.inspection?.raw.request as { sessionId: string }).sessionId, identityId);
    session.dispose();
  });

  it('refuses a wrong password with advice', async () => {
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'ada@example.com', password: 'Wrong-Passw0rd!' };
    const { credentials } = await credentialsFor(users.identityPoolId, signIn);
    const turn = await sessionFor(credentials).send('hello');
    assert.equal(turn.error?.name, 'NotAuthorizedException');
    assert.match(turn.error?.advice ?? '', /username or password is wrong/);
    assert.equal(turn.error?.fix, undefined, 'a sign-in error is not a setup problem');
  });

  it('says a user with a temporary password must choose a new one', async () => {
    await createUser('grace@example.com', false);
    const signIn = { userPoolId: users.userPoolId, clientId: users.clientId, username: 'grace@example.com', password: 'Temp-Passw0rd!' };
    const turn = await sessionFor((await credentialsFor(users.identityPoolId, signIn)).credentials).send('hello');
    assert.equal(turn.error?.name, 'NEW_PASSWORD_REQUIRED');
    assert.match(turn.error?.advice ?? '', /give a new password/);
  });

  it('parses the parts of an AccessDenied message', () => {
    assert.deepEqual(
      parseAccessDenied(
        'User: arn:aws:sts::123456789012:assumed-role/Cognito_WebUnauth_Role/CognitoIdentityCredentials is not authorized to perform: lex:RecognizeText on resource: arn:aws:lex:eu-west-1:123456789012:bot-alias/ABCDE12345/TSTALIASID because no identity-based policy allows the lex:RecognizeText action',
      ),
      {
        account: '123456789012',
        roleName: 'Cognito_WebUnauth_Role',
        action: 'lex:RecognizeText',
        resource: 'arn:aws:lex:eu-west-1:123456789012:bot-alias/ABCDE12345/TSTALIASID',
      },
    );
  });

  it('throws a ChatError from restart when Lex refuses DeleteSession', async () => {
    const bare = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'ChatNoDelete', allowUnauthenticated: true }));
    const session = sessionFor((await credentialsFor(bare.identityPoolId)).credentials);
    await assert.rejects(
      session.restart(),
      (error: unknown) =>
        error instanceof ChatErrorException && error.chatError.name === 'AccessDeniedException' && /lacks lex:DeleteSession/.test(error.chatError.message),
    );
    session.dispose();
  });
});
