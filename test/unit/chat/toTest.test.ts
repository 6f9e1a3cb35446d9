import * as assert from 'node:assert/strict';
import type { RecognizeTextCommandInput, RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { PoolCredentials } from '../../../src/aws/poolCredentials';
import { inspectTurn } from '../../../src/chat/inspect';
import type { BotView, Turn } from '../../../src/chat/protocol';
import { ChatSession } from '../../../src/chat/session';
import { conversationTestOf, defaultTestName, saveConversationTestArgs, testNamePrompt } from '../../../src/chat/toTest';
import { createIdentityPool, parseCreateIdentityPoolArgs } from '../../../src/provisioning/identityPool';
import { type RunningSandbox, sandboxBotId, startSandboxServer } from '../../../src/sandbox';
import { awsContextFor, PIZZA_DELIVERY } from '../support';

const PIZZA = { botId: sandboxBotId('PizzaDelivery'), botAliasId: 'TSTALIASID', localeId: 'en_US' };
const BOT_VIEW: BotView = { ...PIZZA, botName: 'PizzaDelivery' };

/** A turn as ChatSession.send makes it: the text sent, and inspectTurn of RecognizeText's answer. */
function turnOf(user: string, response: Omit<RecognizeTextCommandOutput, '$metadata'>, id = user): Turn {
  const request: RecognizeTextCommandInput = { ...PIZZA, sessionId: 'us-east-1:0000', text: user };
  return { id, user, at: '2024-05-01T10:00:00.000Z', ...inspectTurn(request, { $metadata: {}, ...response }) };
}

/** An empty slot, as Lex sends it (null, which the SDK's types leave out). */
const EMPTY = null as never;
const slot = (original: string, interpreted: string) => ({ value: { originalValue: original, interpretedValue: interpreted, resolvedValues: [interpreted] } });

const orderPizza = turnOf('I want to order pizza', {
  messages: [{ contentType: 'PlainText', content: 'What size of pizza would you like?' }],
  sessionState: {
    dialogAction: { type: 'ElicitSlot', slotToElicit: 'PizzaSize' },
    intent: { name: 'PizzaOrdering', state: 'InProgress', confirmationState: 'None', slots: { PizzaSize: EMPTY, PizzaType: EMPTY } },
  },
  interpretations: [{ intent: { name: 'PizzaOrdering' }, nluConfidence: { score: 0.92 } }],
});
const large = turnOf('large', {
  messages: [{ contentType: 'PlainText', content: 'What kind of pizza?' }],
  sessionState: {
    dialogAction: { type: 'ElicitSlot', slotToElicit: 'PizzaType' },
    intent: { name: 'PizzaOrdering', state: 'InProgress', confirmationState: 'None', slots: { PizzaSize: slot('large', 'Large'), PizzaType: EMPTY } },
  },
});
const cheese = turnOf('cheese', {
  messages: [{ contentType: 'PlainText', content: 'A large cheese pizza, is that right?' }],
  sessionState: {
    dialogAction: { type: 'ConfirmIntent' },
    intent: {
      name: 'PizzaOrdering',
      state: 'InProgress',
      confirmationState: 'None',
      slots: { PizzaSize: slot('large', 'Large'), PizzaType: slot('cheese', 'Cheese') },
    },
  },
});
const yes = turnOf('yes', {
  messages: [{ contentType: 'PlainText', content: 'Your **large cheese** pizza is on its way.' }],
  sessionState: {
    dialogAction: { type: 'Close' },
    intent: {
      name: 'PizzaOrdering',
      state: 'Fulfilled',
      confirmationState: 'Confirmed',
      slots: { PizzaSize: slot('large', 'Large'), PizzaType: slot('cheese', 'Cheese') },
    },
  },
});
const denied: Turn = {
  id: 'denied',
  user: 'and a drink',
  at: '2024-05-01T10:01:00.000Z',
  bot: [],
  error: { name: 'AccessDeniedException', message: 'Role Web_Unauth lacks lex:RecognizeText', advice: 'Attach the policy.' },
};

describe('chat/toTest: a chat conversation as a conversation test', () => {
  it('takes what was sent and what the bot did on each turn', () => {
    assert.deepEqual(conversationTestOf([orderPizza, large, cheese, yes]), [
      {
        user: 'I want to order pizza',
        expect: { intent: 'PizzaOrdering', state: 'InProgress', elicit: 'PizzaSize', says: { kind: 'exact', text: 'What size of pizza would you like?' } },
      },
      {
        user: 'large',
        expect: {
          intent: 'PizzaOrdering',
          state: 'InProgress',
          elicit: 'PizzaType',
          slots: { PizzaSize: 'Large' },
          says: { kind: 'exact', text: 'What kind of pizza?' },
        },
      },
      {
        user: 'cheese',
        expect: {
          intent: 'PizzaOrdering',
          state: 'InProgress',
          slots: { PizzaSize: 'Large', PizzaType: 'Cheese' },
          says: { kind: 'exact', text: 'A large cheese pizza, is that right?' },
        },
      },
      {
        user: 'yes',
        expect: {
          intent: 'PizzaOrdering',
          state: 'Fulfilled',
          confirmation: 'Confirmed',
          slots: { PizzaSize: 'Large', PizzaType: 'Cheese' },
          // The Markdown as the bot sent it, not as the panel rendered it.
          says: { kind: 'exact', text: 'Your **large cheese** pizza is on its way.' },
        },
      },
    ]);
  });

  it('leaves out turns that errored, and says how many in the name prompt', () => {
    const turns = [orderPizza, denied, large];
    assert.deepEqual(
      conversationTestOf(turns).map((t) => t.user),
      ['I want to order pizza', 'large'],
    );
    assert.equal(testNamePrompt(turns), 'Name of the conversation test (2 turns). 1 turn that ended in an error is left out.');
    assert.equal(testNamePrompt([orderPizza]), 'Name of the conversation test (1 turn)');
    assert.equal(testNamePrompt([denied, denied, orderPizza]), 'Name of the conversation test (1 turn). 2 turns that ended in an error are left out.');
  });

  it('says only what a test can compare exactly: no card, no payload the panel reformatted, no empty text', () => {
    const card = turnOf('hi', {
      messages: [
        { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Welcome', buttons: [{ text: 'Pizza', value: 'I want pizza' }] } },
        { contentType: 'PlainText', content: 'How can I help?' },
      ],
      sessionState: { dialogAction: { type: 'ElicitIntent' }, intent: { name: 'Greetings', state: 'Fulfilled', slots: {} } },
    });
    assert.deepEqual(conversationTestOf([card])[0].expect, { intent: 'Greetings', state: 'Fulfilled' });
    const payload = turnOf('menu', { messages: [{ contentType: 'CustomPayload', content: '{"menu":[1,2]}' }], sessionState: {} });
    assert.deepEqual(conversationTestOf([payload])[0].expect, {});
    const ssml = turnOf('speak', { messages: [{ contentType: 'SSML', content: '<speak>Hello</speak>' }], sessionState: {} });
    assert.deepEqual(conversationTestOf([ssml])[0].expect, { says: { kind: 'exact', text: '<speak>Hello</speak>' } });
    const silent = turnOf('...', { messages: [{ contentType: 'PlainText', content: '' }], sessionState: {} });
    assert.deepEqual(conversationTestOf([silent])[0].expect, {});
  });

  it('joins the values of a multi-valued slot as the inspector shows them, and leaves out a confirmation of None', () => {
    const toppings = turnOf('ham and olives', {
      messages: [{ contentType: 'PlainText', content: 'Anything else?' }],
      sessionState: {
        dialogAction: { type: 'ConfirmIntent' },
        intent: {
          name: 'PizzaOrdering',
          state: 'InProgress',
          confirmationState: 'None',
          slots: { Toppings: { values: [slot('ham', 'Ham'), slot('olives', 'Olives')] }, PizzaType: EMPTY },
        },
      },
    });
    assert.deepEqual(conversationTestOf([toppings])[0].expect, {
      intent: 'PizzaOrdering',
      state: 'InProgress',
      slots: { Toppings: 'Ham, Olives' },
      says: { kind: 'exact', text: 'Anything else?' },
    });
  });

  it('keeps what a turn restored after a reload still has (its messages; no inspection)', () => {
    const restored: Turn = { id: 'r', user: 'large', at: '', bot: [{ contentType: 'PlainText', content: 'What kind of pizza?' }] };
    assert.deepEqual(conversationTestOf([restored]), [{ user: 'large', expect: { says: { kind: 'exact', text: 'What kind of pizza?' } } }]);
  });

  it('names the test after the first message, on one line and shortened', () => {
    assert.equal(defaultTestName([orderPizza, large]), 'I want to order pizza');
    assert.equal(defaultTestName([]), 'conversation');
    const long = { ...orderPizza, user: `I would like\n to order ${'a very large pizza '.repeat(5)}` };
    const name = defaultTestName([long]);
    assert.ok(name.length <= 60 && name.endsWith('…') && !name.includes('\n'), name);
  });

  it('builds the args of cognitoBot.saveConversationTest: the bot, and the conversation under its name', () => {
    assert.deepEqual(saveConversationTestArgs(BOT_VIEW, 'order a large cheese pizza', [orderPizza, denied]), {
      bot: PIZZA,
      conversation: {
        name: 'order a large cheese pizza',
        turns: [
          {
            user: 'I want to order pizza',
            expect: { intent: 'PizzaOrdering', state: 'InProgress', elicit: 'PizzaSize', says: { kind: 'exact', text: 'What size of pizza would you like?' } },
          },
        ],
      },
    });
  });
});

describe('chat/toTest against the sandbox: a PizzaDelivery chat as the session makes it', () => {
  let sandbox: RunningSandbox;
  let factory: ClientFactory;
  let connection: Connection;
  let identityPoolId: string;

  before(async () => {
    sandbox = await startSandboxServer({ bots: [PIZZA_DELIVERY] });
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
    const ctx = await awsContextFor(factory, connection);
    ({ identityPoolId } = await createIdentityPool(
      ctx,
      parseCreateIdentityPoolArgs({ name: 'ToTestGuests', allowUnauthenticated: true, attachLexRunBotsOnly: true }),
    ));
  });
  after(async () => {
    factory.clear();
    await sandbox.close();
  });

  it('turns each turn into its expectations, up to the confirmed order', async () => {
    const ctx = await awsContextFor(factory, connection);
    const credentials = new PoolCredentials(
      {
        sdk: ctx.sdk,
        cognitoIdentity: await factory.client(connection, 'cognitoIdentity'),
        cognitoIdentityProvider: await factory.client(connection, 'cognitoIdentityProvider'),
        region: 'us-east-1',
      },
      { identityPoolId },
    );
    const session = new ChatSession({ sdk: ctx.sdk, credentials, lexClient: (c) => factory.clientWith(connection, 'lexRuntime', c) }, PIZZA);
    for (const text of ['I want pizza', 'large', 'cheese', 'yes']) {
      const turn = await session.send(text);
      assert.equal(turn.error, undefined, turn.error?.message);
    }
    session.dispose();
    const test = conversationTestOf(session.turns);
    const says = session.turns.map((turn) => turn.bot[0]?.content);
    assert.deepEqual(
      test.map((t) => t.user),
      ['I want pizza', 'large', 'cheese', 'yes'],
    );
    assert.deepEqual(
      test.map(({ expect }) => [expect.intent, expect.state, expect.elicit, expect.confirmation]),
      [
        ['PizzaOrdering', 'InProgress', 'PizzaSize', undefined],
        ['PizzaOrdering', 'InProgress', 'PizzaType', undefined],
        ['PizzaOrdering', 'InProgress', undefined, undefined],
        ['PizzaOrdering', 'Fulfilled', undefined, 'Confirmed'],
      ],
    );
    assert.deepEqual(test[0].expect.slots, undefined, 'no slot is filled yet');
    assert.deepEqual(Object.keys(test[1].expect.slots ?? {}), ['PizzaSize']);
    assert.deepEqual(Object.keys(test[3].expect.slots ?? {}).sort(), ['PizzaSize', 'PizzaType']);
    assert.deepEqual(
      test.map((t) => t.expect.says?.text),
      says,
    );
    assert.match(test[2].expect.says?.text ?? '', /large cheese/);
  });
});
