import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DescribeBotAliasCommand,
  DescribeBotCommand,
  LexModelsV2Client,
  ListBotAliasesCommand,
  ListBotLocalesCommand,
  ListBotsCommand,
} from '@aws-sdk/client-lex-models-v2';
import {
  DeleteSessionCommand,
  GetSessionCommand,
  LexRuntimeV2Client,
  PutSessionCommand,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
} from '@aws-sdk/client-lex-runtime-v2';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';
import { sandboxBotId } from '../../../src/sandbox/bots';
import { writeTree } from '../../support/files';
import { PIZZA_DELIVERY } from '../support';
import { documentedErrors, loadModel } from '../../support/conformance/models';
import { checkJson } from '../../support/conformance/shapes';
import { type Exchange, RecordingHandler } from '../../support/conformance/wire';

const COFFEE_SHOP = sandboxBotId('CoffeeShop');
const TEXT = 'text/plain; charset=utf-8';
const MODEL = loadModel('lexv2-runtime');

/** An answer as it came over the wire: status, lower-case headers, body text. */
const rawOf = ({ response }: Exchange) => ({ status: response.status, headers: response.headers, body: response.body.toString('utf8') });
const shapeProblems = (shape: string, value: unknown) => checkJson(MODEL, shape, value, '$');

/** The output shape's members bound to headers, by lower-case header name. */
function headerMembers(operation: string): Set<string> {
  const output = MODEL.shapes[MODEL.operations[operation].output!.shape];
  return new Set(
    Object.values(output.members ?? {})
      .filter((m) => m.location === 'header')
      .map((m) => m.locationName!.toLowerCase()),
  );
}

/** As the Lex web UI sends sessionState and requestAttributes to RecognizeUtterance: gzip, then base64. */
const compressAndEncode = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');
/** As the Lex web UI reads the answer's header members back. */
const decodeCompressed = (value: string | undefined): unknown =>
  value === undefined ? undefined : JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8'));

/**
 * The Lex V2 runtime over restJson and HTTP/2 (as the SDK's Lex client speaks it), answered by
 * the offline engine running the sample bot: the responses are read through the SDK's own types.
 */
describe('sandbox: Lex V2 runtime with the sample bot', () => {
  let sandbox: RunningSandbox;
  let lex: LexRuntimeV2Client;
  let offsetMs = 0;
  const ids = { botId: COFFEE_SHOP, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'us-east-1:5f0c1f4e-1111-2222-3333-444455556666' };
  const say = (text: string, sessionId = ids.sessionId) => lex.send(new RecognizeTextCommand({ ...ids, sessionId, text }));

  before(async () => {
    sandbox = await startSandboxServer({ clock: () => new Date(Date.now() + offsetMs) });
    lex = new LexRuntimeV2Client(sandboxClientConfig(sandbox.endpoint));
  });
  after(() => sandbox.close());

  it('orders a coffee across turns: slots from the first utterance, prompts, confirmation, closing', async () => {
    const first = await say('can I get a large cafe latte', 'order-1');
    assert.equal(first.interpretations?.[0]?.intent?.name, 'OrderCoffee');
    assert.ok((first.interpretations?.[0]?.nluConfidence?.score ?? 0) >= 0.4);
    assert.deepEqual(first.sessionState?.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Quantity' });
    assert.deepEqual(first.sessionState?.intent?.slots?.Drink?.value, { originalValue: 'cafe latte', interpretedValue: 'latte', resolvedValues: ['latte'] });
    assert.equal(first.messages?.[0]?.content, 'How many would you like?');
    const quantity = await say('two', 'order-1');
    const confirm = await say('at 9am', 'order-1');
    assert.equal(confirm.sessionState?.dialogAction?.type, 'ConfirmIntent');
    assert.equal(confirm.messages?.[0]?.content, "So that's 2 large latte for 09:00. Shall I place the order?");
    const done = await say('yes please', 'order-1');
    assert.deepEqual(
      [done.sessionState?.intent?.state, done.sessionState?.intent?.confirmationState, done.sessionState?.dialogAction?.type],
      ['Fulfilled', 'Confirmed', 'Close'],
    );
    assert.equal(done.messages?.[0]?.content, 'Your order is in. See you at 09:00!');
    for (const turn of [quantity, confirm, done]) {
      assert.deepEqual(turn.interpretations?.[0]?.intent, turn.sessionState?.intent, 'the intent being filled comes first on every turn');
      assert.equal(turn.interpretations?.[0]?.nluConfidence?.score, 1);
    }
  });

  it('answers a greeting with a response card whose buttons carry values', async () => {
    const answer = await say('hi there', 'greeting-1');
    const card = answer.messages?.find((m) => m.contentType === 'ImageResponseCard')?.imageResponseCard;
    assert.equal(card?.title, 'Welcome to the Coffee Shop');
    assert.deepEqual(
      card?.buttons?.map((b) => b.value),
      ['I want to order a coffee', 'when are you open'],
    );
  });

  it('falls back below the confidence threshold', async () => {
    const answer = await say('the quantum flux capacitor is broken', 'fallback-1');
    assert.equal(answer.sessionState?.intent?.name, 'FallbackIntent');
    assert.match(answer.messages?.[0]?.content ?? '', /^Sorry, I did not get that/);
  });

  it('keeps session attributes, and gets, puts and deletes the session', async () => {
    const answer = await lex.send(new RecognizeTextCommand({ ...ids, text: 'when are you open', sessionState: { sessionAttributes: { table: '7' } } }));
    assert.equal(answer.sessionState?.sessionAttributes?.table, '7');
    const session = await lex.send(new GetSessionCommand(ids));
    assert.equal(session.sessionState?.intent?.name, 'OpeningHours');
    const put = await lex.send(new PutSessionCommand({ ...ids, sessionState: { sessionAttributes: { step: '2' }, dialogAction: { type: 'ElicitIntent' } } }));
    assert.equal(JSON.parse(gunzipSync(Buffer.from(put.sessionState ?? '', 'base64')).toString('utf8')).sessionAttributes.step, '2');
    assert.equal((await lex.send(new GetSessionCommand(ids))).sessionState?.sessionAttributes?.step, '2');
    await lex.send(new DeleteSessionCommand(ids));
    await assert.rejects(lex.send(new GetSessionCommand(ids)), { name: 'ResourceNotFoundException' });
  });

  it("ends a session after the bot's idle time (300 s)", async () => {
    await say('I want a coffee', 'idle-1');
    offsetMs = 301_000;
    try {
      await assert.rejects(lex.send(new GetSessionCommand({ ...ids, sessionId: 'idle-1' })), { name: 'ResourceNotFoundException' });
      const fresh = await say('espresso', 'idle-1');
      assert.notEqual(fresh.sessionState?.dialogAction?.slotToElicit, 'Drink', 'the answer to the old prompt starts afresh');
    } finally {
      offsetMs = 0;
    }
  });

  it('says so for a bot, alias or locale it does not have, and for empty text', async () => {
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, botId: 'NOSUCHBOT0', text: 'hi' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, botAliasId: 'OTHERALIAS', text: 'hi' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, localeId: 'fr_FR', text: 'salut' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, text: '' })), { name: 'ValidationException' });
  });
});

describe('sandbox: Lex V2 runtime as the model describes it', () => {
  let sandbox: RunningSandbox;
  let lex: LexRuntimeV2Client;
  const raw: Exchange[] = [];
  const ids = { botId: COFFEE_SHOP, botAliasId: 'TSTALIASID', localeId: 'en_US' };
  const utterance = (sessionId: string, text: string, extra: Partial<ConstructorParameters<typeof RecognizeUtteranceCommand>[0]> = {}) =>
    lex.send(new RecognizeUtteranceCommand({ ...ids, sessionId, requestContentType: TEXT, responseContentType: TEXT, inputStream: text, ...extra }));
  const last = () => rawOf(raw[raw.length - 1]);

  before(async () => {
    sandbox = await startSandboxServer();
    lex = new LexRuntimeV2Client({ ...sandboxClientConfig(sandbox.endpoint), requestHandler: new RecordingHandler(raw) as never });
  });
  after(() => sandbox.close());

  /** The x-amz-lex-* headers of the last answer: each one the operation's output has, each decoding to its member's shape. */
  const checkHeaders = (operation: string, compressed: Record<string, string>) => {
    const members = headerMembers(operation);
    const { headers } = last();
    for (const name of Object.keys(headers).filter((h) => h.startsWith('x-amz-lex-'))) {
      assert.ok(members.has(name), `${operation} has no header ${name}`);
    }
    for (const [header, shape] of Object.entries(compressed)) {
      if (headers[header] === undefined) continue;
      assert.deepEqual(shapeProblems(shape, decodeCompressed(headers[header])), [], `${header} decodes to ${shape}`);
    }
  };

  it('answers RecognizeUtterance with text as the Lex web UI reads it: the turn in compressed headers, an empty body', async () => {
    const sessionState = { sessionAttributes: { table: '7' } };
    const answer = await utterance('web-ui-1', 'can I get a large cafe latte', {
      sessionState: compressAndEncode(sessionState),
      requestAttributes: compressAndEncode({ channel: 'web' }),
    });
    assert.equal(answer.contentType, TEXT);
    assert.equal(answer.inputMode, 'Text');
    assert.equal(answer.sessionId, 'web-ui-1');
    assert.equal(decodeCompressed(answer.inputTranscript), 'can I get a large cafe latte');
    const messages = decodeCompressed(answer.messages) as { content: string }[];
    assert.equal(messages[0].content, 'How many would you like?');
    const state = decodeCompressed(answer.sessionState) as { sessionAttributes: Record<string, string>; dialogAction: unknown };
    assert.deepEqual(state.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Quantity' });
    assert.equal(state.sessionAttributes.table, '7', 'the sessionState header was read');
    assert.equal((decodeCompressed(answer.interpretations) as { intent: { name: string } }[])[0].intent.name, 'OrderCoffee');
    assert.deepEqual(decodeCompressed(answer.requestAttributes), { channel: 'web' });
    assert.equal((await answer.audioStream?.transformToByteArray())?.length ?? 0, 0, 'a text answer has no audio');
    checkHeaders('RecognizeUtterance', {
      'x-amz-lex-messages': 'Messages',
      'x-amz-lex-session-state': 'SessionState',
      'x-amz-lex-interpretations': 'Interpretations',
      'x-amz-lex-request-attributes': 'StringMap',
    });
    assert.equal(last().headers['content-type'], TEXT);

    // The same engine turn as RecognizeText: the same answer, and the session carries on from either.
    const text = await lex.send(
      new RecognizeTextCommand({ ...ids, sessionId: 'web-ui-2', text: 'can I get a large cafe latte', sessionState, requestAttributes: { channel: 'web' } }),
    );
    assert.deepEqual([messages, state, decodeCompressed(answer.interpretations)], [text.messages, text.sessionState, text.interpretations]);
    const next = await lex.send(new RecognizeTextCommand({ ...ids, sessionId: 'web-ui-1', text: 'two' }));
    assert.equal(next.sessionState?.dialogAction?.slotToElicit, 'PickupTime');
    const [byUtterance] = decodeCompressed((await utterance('web-ui-2', 'two')).messages) as { content: string }[];
    assert.equal(byUtterance.content, next.messages?.[0]?.content);
  });

  it('refuses audio in RecognizeUtterance, and an audio answer, with ValidationException saying the sandbox understands text only', async () => {
    await assert.rejects(utterance('audio-1', '', { requestContentType: 'audio/l16; rate=16000; channels=1', inputStream: Buffer.alloc(3200) }), {
      name: 'ValidationException',
      message: /understands text only/,
    });
    assert.equal(last().status, 400);
    await assert.rejects(utterance('audio-1', 'hi there', { responseContentType: 'audio/mpeg' }), {
      name: 'ValidationException',
      message: /answers in text only/,
    });
  });

  it('answers GetSession, DeleteSession and RecognizeText with the body members and types of their output shapes', async () => {
    const body = () => JSON.parse(last().body) as unknown;
    await lex.send(
      new RecognizeTextCommand({ ...ids, sessionId: 'shapes-1', text: 'can I get a large cafe latte', sessionState: { sessionAttributes: { a: 'b' } } }),
    );
    assert.deepEqual(shapeProblems('RecognizeTextResponse', body()), []);
    await lex.send(new RecognizeTextCommand({ ...ids, sessionId: 'shapes-1', text: 'hi there' }));
    assert.deepEqual(shapeProblems('RecognizeTextResponse', body()), [], 'with a response card');
    await lex.send(new GetSessionCommand({ ...ids, sessionId: 'shapes-1' }));
    assert.deepEqual(shapeProblems('GetSessionResponse', body()), []);
    await lex.send(new DeleteSessionCommand({ ...ids, sessionId: 'shapes-1' }));
    assert.deepEqual(shapeProblems('DeleteSessionResponse', body()), []);
    assert.ok(raw.slice(-4).every((r) => r.response.headers['content-type'] === 'application/json'));
  });

  it('answers PutSession in its header members only, with the content type asked for and no audio', async () => {
    const put = await lex.send(
      new PutSessionCommand({
        ...ids,
        sessionId: 'put-1',
        responseContentType: TEXT,
        sessionState: { sessionAttributes: { step: '2' }, dialogAction: { type: 'ElicitIntent' } },
        messages: [{ contentType: 'PlainText', content: 'What can I get you?' }],
        requestAttributes: { channel: 'web' },
      }),
    );
    assert.equal(put.contentType, TEXT);
    assert.equal(put.sessionId, 'put-1');
    assert.deepEqual(decodeCompressed(put.messages), [{ contentType: 'PlainText', content: 'What can I get you?' }]);
    assert.deepEqual(decodeCompressed(put.requestAttributes), { channel: 'web' });
    assert.equal((await put.audioStream?.transformToByteArray())?.length ?? 0, 0);
    assert.equal(last().body, '');
    checkHeaders('PutSession', { 'x-amz-lex-messages': 'Messages', 'x-amz-lex-session-state': 'SessionState', 'x-amz-lex-request-attributes': 'StringMap' });
  });

  it("fails only with the errors each operation's model lists, with the model's status, in restJson's form", async () => {
    // A body the SDK would never send, put in before the request is signed.
    const brokenRaw: Exchange[] = [];
    const broken = new LexRuntimeV2Client({ ...sandboxClientConfig(sandbox.endpoint), requestHandler: new RecordingHandler(brokenRaw) as never });
    broken.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { body: unknown; headers: Record<string, string> };
        request.body = 'not json';
        request.headers['content-length'] = '8';
        return next(args);
      },
      { step: 'build', name: 'breakBody' },
    );
    const lastBroken = () => rawOf(brokenRaw[brokenRaw.length - 1]);
    const attempts: [string, () => Promise<unknown>, () => ReturnType<typeof last>][] = [
      ['RecognizeText', () => lex.send(new RecognizeTextCommand({ ...ids, sessionId: 'e', botId: 'NOSUCHBOT0', text: 'hi' })), last],
      ['RecognizeText', () => lex.send(new RecognizeTextCommand({ ...ids, sessionId: 'e', text: '' })), last],
      ['RecognizeText', () => broken.send(new RecognizeTextCommand({ ...ids, sessionId: 'e', text: 'hi' })), lastBroken],
      ['RecognizeUtterance', () => utterance('e', 'hi', { requestContentType: 'audio/l16; rate=16000; channels=1' }), last],
      ['RecognizeUtterance', () => utterance('e', 'hi', { sessionState: 'bm90IGpzb24=' }), last],
      ['GetSession', () => lex.send(new GetSessionCommand({ ...ids, sessionId: 'never-started' })), last],
      ['DeleteSession', () => lex.send(new DeleteSessionCommand({ ...ids, sessionId: 'never-started' })), last],
      ['PutSession', () => lex.send(new PutSessionCommand({ ...ids, sessionId: 'e', sessionState: undefined as never })), last],
      ['PutSession', () => broken.send(new PutSessionCommand({ ...ids, sessionId: 'e', sessionState: {} })), lastBroken],
    ];
    for (const [operation, attempt, response] of attempts) {
      const error = (await attempt().then(
        () => assert.fail(`${operation} should fail`),
        (e: unknown) => e,
      )) as Error;
      const allowed = documentedErrors(MODEL, operation);
      const { status, headers, body } = response();
      assert.ok(allowed.has(error.name), `${operation} may not fail with ${error.name}: ${error.message}`);
      assert.equal(status, allowed.get(error.name)?.error?.httpStatusCode, `${operation} ${error.name} status`);
      assert.equal(headers['x-amzn-errortype'], error.name);
      assert.deepEqual(shapeProblems(error.name, JSON.parse(body)), [], `${operation} ${error.name} body`);
    }
  });
});

describe('sandbox: Lex V2 model building (read-only)', () => {
  let sandbox: RunningSandbox;
  let models: LexModelsV2Client;
  before(async () => {
    sandbox = await startSandboxServer({ bots: [PIZZA_DELIVERY] });
    models = new LexModelsV2Client(sandboxClientConfig(sandbox.endpoint));
  });
  after(() => sandbox.close());

  it('lists and describes the bots, aliases and locales the sandbox runs', async () => {
    const { botSummaries } = await models.send(new ListBotsCommand({}));
    assert.deepEqual(botSummaries?.[0] && [botSummaries[0].botId, botSummaries[0].botName, botSummaries[0].botStatus], [
      COFFEE_SHOP,
      'CoffeeShop',
      'Available',
    ]);
    assert.deepEqual(botSummaries?.[1]?.botName, 'PizzaDelivery', 'an exported bot given at start joins the sample bot');
    assert.equal((await models.send(new DescribeBotCommand({ botId: COFFEE_SHOP }))).botName, 'CoffeeShop');
    const { botAliasSummaries } = await models.send(new ListBotAliasesCommand({ botId: COFFEE_SHOP }));
    assert.deepEqual(
      botAliasSummaries?.map((a) => [a.botAliasId, a.botAliasName]),
      [['TSTALIASID', 'TestBotAlias']],
    );
    const alias = await models.send(new DescribeBotAliasCommand({ botId: COFFEE_SHOP, botAliasId: 'TSTALIASID' }));
    assert.deepEqual(alias.botAliasLocaleSettings, { en_US: { enabled: true } });
    const { botLocaleSummaries } = await models.send(new ListBotLocalesCommand({ botId: COFFEE_SHOP, botVersion: 'DRAFT' }));
    assert.deepEqual(
      botLocaleSummaries?.map((l) => [l.localeId, l.localeName]),
      [['en_US', 'English (US)']],
    );
    await assert.rejects(models.send(new DescribeBotCommand({ botId: 'NOSUCHBOT0' })), { name: 'ResourceNotFoundException' });
  });
});

describe('sandbox: a bot with a local code hook', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  const hook = () => path.join(dir, 'hook.js');
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-hook-'));
    const files: Record<string, unknown> = {
      'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
      'Quote/Bot.json': { name: 'Quote', idleSessionTTLInSeconds: 300 },
      'Quote/BotLocales/en_US/BotLocale.json': { identifier: 'en_US', nluConfidenceThreshold: 0.4 },
      'Quote/BotLocales/en_US/Intents/GetQuote/Intent.json': {
        name: 'GetQuote',
        sampleUtterances: [{ utterance: 'give me a quote' }],
        fulfillmentCodeHook: { enabled: true },
      },
    };
    writeTree(path.join(dir, 'bot'), files);
    fs.writeFileSync(hook(), "exports.handler = async () => { throw new Error('quotes service down'); };\n");
    sandbox = await startSandboxServer();
    sandbox.addBot(path.join(dir, 'bot'), hook());
  });
  after(async () => {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a failing hook as Lex reports a failing Lambda, and picks up an edited hook on the next turn', async () => {
    const lex = new LexRuntimeV2Client(sandboxClientConfig(sandbox.endpoint));
    const ask = () =>
      lex.send(
        new RecognizeTextCommand({ botId: sandboxBotId('Quote'), botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'q', text: 'give me a quote' }),
      );
    await assert.rejects(ask(), { name: 'DependencyFailedException', message: /Received error response from Lambda: Unhandled: Error: quotes service down/ });
    fs.writeFileSync(
      hook(),
      "exports.handler = async (event) => ({ sessionState: { dialogAction: { type: 'Close' }, intent: { name: event.sessionState.intent.name, state: 'Fulfilled' } }, messages: [{ contentType: 'PlainText', content: 'Simplicity is the soul of efficiency.' }] });\n",
    );
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(hook(), later, later);
    const answer = await ask();
    assert.equal(answer.messages?.[0]?.content, 'Simplicity is the soul of efficiency.');
    assert.equal(answer.sessionState?.intent?.state, 'Fulfilled');
  });
});
