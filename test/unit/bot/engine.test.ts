import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BotEngine, CodeHookError } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import { PIZZA_DELIVERY } from '../support';
import { plain, writeExport } from './support';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

const slot = (name: string, slotTypeName: string, question: string, extra: object = {}) => ({
  name,
  slotTypeName,
  valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: { messageGroupsList: [plain(question)], maxRetries: 1 }, ...extra },
});

/** A hotel bot written for these tests: built-in slots, an ORIGINAL_VALUE type, a failure path. */
const HOTEL = {
  'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
  'Hotel/Bot.json': { name: 'Hotel', idleSessionTTLInSeconds: 60 },
  'Hotel/BotLocales/en_US/BotLocale.json': { identifier: 'en_US', name: 'English (US)', nluConfidenceThreshold: 0.5 },
  'Hotel/BotLocales/en_US/SlotTypes/RoomType/SlotType.json': {
    name: 'RoomType',
    slotTypeValues: [
      { sampleValue: { value: 'king' }, synonyms: [{ value: 'king size' }] },
      { sampleValue: { value: 'twin' }, synonyms: [{ value: 'two beds' }] },
    ],
    valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE' },
  },
  'Hotel/BotLocales/en_US/Intents/BookHotel/Intent.json': {
    name: 'BookHotel',
    sampleUtterances: [
      { utterance: 'book a hotel' },
      { utterance: 'book a hotel in {City}' },
      { utterance: 'I need a room in {City} for {Nights} nights' },
      { utterance: 'reserve a {Room} room' },
    ],
    slotPriorities: [
      { priority: 1, slotName: 'City' },
      { priority: 2, slotName: 'CheckIn' },
      { priority: 3, slotName: 'Nights' },
      { priority: 4, slotName: 'Room' },
    ],
    intentConfirmationSetting: {
      promptSpecification: { messageGroupsList: [plain('{Nights} nights in {City} from {CheckIn}, a {Room} room. Book it?')], maxRetries: 1 },
      declinationResponse: { messageGroupsList: [plain('Booking cancelled.')] },
      active: true,
    },
    intentClosingSetting: {
      closingResponse: {
        messageGroupsList: [{ message: { plainTextMessage: { value: 'Booked!' } }, variations: [{ plainTextMessage: { value: 'All done!' } }] }],
      },
      active: true,
    },
  },
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/City/Slot.json': slot('City', 'AMAZON.City', 'Which city?'),
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/CheckIn/Slot.json': slot('CheckIn', 'AMAZON.Date', 'Which day do you arrive?'),
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/Nights/Slot.json': slot('Nights', 'AMAZON.Number', 'How many nights?', {
    slotCaptureSetting: {
      failureResponse: { messageGroupsList: [plain('Let me get someone to help.')] },
      failureNextStep: { dialogAction: { type: 'StartIntent' }, intent: { name: 'FallbackIntent' } },
    },
  }),
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/Room/Slot.json': slot('Room', 'RoomType', 'King or twin?'),
  'Hotel/BotLocales/en_US/Intents/CheckOut/Intent.json': {
    name: 'CheckOut',
    sampleUtterances: [{ utterance: 'what time is check out' }, { utterance: 'when do I have to leave' }],
    intentClosingSetting: { closingResponse: { messageGroupsList: [plain('Check-out is at 11.')] }, active: true },
  },
  'Hotel/BotLocales/en_US/Intents/FallbackIntent/Intent.json': {
    name: 'FallbackIntent',
    parentIntentSignature: 'AMAZON.FallbackIntent',
    intentClosingSetting: { closingResponse: { messageGroupsList: [plain('Sorry, I can book rooms.')] }, active: true },
  },
};

describe('bot/engine', () => {
  let dir: string;
  let now: Date;
  let engine: BotEngine;
  before(() => (dir = writeExport(HOTEL)));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    now = NOW;
    engine = new BotEngine(loadBot(dir).bot, { now: () => now, random: () => 0 });
  });
  const say = (text: string, session = 's') => engine.recognizeText('en_US', session, { text });
  const first = (answer: Answer) => {
    const message = answer.messages[0];
    return message && message.contentType !== 'ImageResponseCard' ? message.content : undefined;
  };
  type Answer = Awaited<ReturnType<typeof say>>;
  const slots = (answer: Answer) =>
    Object.fromEntries(Object.entries(answer.sessionState.intent?.slots ?? {}).map(([k, v]) => [k, v?.value.interpretedValue ?? null]));

  it('matches an intent despite a typo, and ranks up to five interpretations with scores', async () => {
    const answer = await say('I want to bok a hotel');
    assert.equal(answer.sessionState.intent?.name, 'BookHotel');
    assert.equal(answer.interpretations[0].intent.name, 'BookHotel');
    assert.ok(answer.interpretations.length <= 5);
    assert.ok(answer.interpretations.some((i) => i.intent.name === 'FallbackIntent' && i.nluConfidence === undefined));
  });

  it('fills slots from the utterance where the sample utterance puts them, then asks for the rest in priority order', async () => {
    const answer = await say('I need a room in Lisbon for 3 nights');
    assert.deepEqual(slots(answer), { City: 'Lisbon', CheckIn: null, Nights: '3', Room: null });
    assert.deepEqual(answer.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'CheckIn' });
    assert.equal(first(answer), 'Which day do you arrive?');
  });

  it('resolves dates against today, keeps the original value for ORIGINAL_VALUE types, confirms and closes', async () => {
    await say('book a hotel in Porto');
    assert.equal(slots(await say('tomorrow')).CheckIn, '2026-11-24');
    await say('4');
    const room = await say('king size please');
    assert.equal(room.sessionState.intent?.slots.Room?.value.interpretedValue, 'king size', 'ORIGINAL_VALUE keeps what was said');
    assert.deepEqual(room.sessionState.intent?.slots.Room?.value.resolvedValues, ['king']);
    assert.equal(first(room), '4 nights in Porto from 2026-11-24, a king size room. Book it?');
    const booked = await say('yes');
    assert.equal(booked.sessionState.intent?.state, 'Fulfilled');
    assert.equal(first(booked), 'Booked!');
  });

  it('picks among a message and its variations', async () => {
    const varied = new BotEngine(loadBot(dir).bot, { now: () => now, random: () => 0.99 });
    const turns: Answer[] = [];
    for (const text of ['book a hotel in Oslo', 'friday', '2', 'twin', 'yes']) turns.push(await varied.recognizeText('en_US', 'v', { text }));
    assert.equal(first(turns.at(-1)!), 'All done!');
    assert.equal(slots(turns[1]).CheckIn, '2026-11-27', 'friday is the next Friday');
  });

  it('declines: the intent fails with the declination response', async () => {
    for (const text of ['book a hotel in Rome', 'monday', '1', 'twin']) await say(text);
    const declined = await say('no, cancel that');
    assert.deepEqual([declined.sessionState.intent?.state, declined.sessionState.intent?.confirmationState], ['Failed', 'Denied']);
    assert.equal(first(declined), 'Booking cancelled.');
  });

  it('re-prompts an invalid value, then follows failureNextStep after maxRetries', async () => {
    await say('book a hotel in Rome');
    await say('monday');
    const retry = await say('lots');
    assert.deepEqual(retry.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Nights' });
    const failed = await say('many');
    assert.deepEqual(
      failed.messages.map((m) => m.contentType !== 'ImageResponseCard' && m.content),
      ['Let me get someone to help.', 'Sorry, I can book rooms.'],
    );
    assert.equal(failed.sessionState.intent?.name, 'FallbackIntent');
  });

  it('lets the user change the subject in the middle of a slot', async () => {
    await say('book a hotel');
    const switched = await say('what time is check out');
    assert.equal(switched.sessionState.intent?.name, 'CheckOut');
    assert.equal(first(switched), 'Check-out is at 11.');
  });

  it('passes SSML and custom payload messages through, filling slots in SSML', async () => {
    const files: Record<string, unknown> = structuredClone(HOTEL);
    files['Hotel/BotLocales/en_US/Intents/CheckOut/Intent.json'] = {
      name: 'CheckOut',
      sampleUtterances: [{ utterance: 'what time is check out' }],
      intentClosingSetting: {
        closingResponse: {
          messageGroupsList: [
            { message: { ssmlMessage: { value: '<speak>Check-out is at <say-as interpret-as="time">11:00</say-as>.</speak>' } } },
            { message: { customPayload: { value: '{"card":"checkout","time":"11:00"}' } } },
          ],
        },
        active: true,
      },
    };
    const custom = writeExport(files);
    try {
      const answer = await new BotEngine(loadBot(custom).bot, { now: () => now }).recognizeText('en_US', 'c', { text: 'what time is check out' });
      assert.deepEqual(answer.messages, [
        { contentType: 'SSML', content: '<speak>Check-out is at <say-as interpret-as="time">11:00</say-as>.</speak>' },
        { contentType: 'CustomPayload', content: '{"card":"checkout","time":"11:00"}' },
      ]);
    } finally {
      fs.rmSync(custom, { recursive: true, force: true });
    }
  });

  it("forgets a session after the bot's idle TTL", async () => {
    await say('book a hotel');
    now = new Date(NOW.getTime() + 61_000);
    assert.throws(() => engine.getSession('en_US', 's'), /does not exist/);
    assert.equal((await say('Lisbon')).sessionState.intent?.name, 'FallbackIntent', 'the old prompt is gone');
  });

  it('holds a PizzaDelivery conversation, following its captureNextStep to confirmation', async () => {
    const pizza = new BotEngine(loadBot(PIZZA_DELIVERY).bot, { now: () => now, random: () => 0 });
    const turn = (text: string) => pizza.recognizeText('en_US', 'p', { text });
    assert.equal((await turn('I want pizza')).sessionState.dialogAction?.slotToElicit, 'PizzaSize');
    assert.equal((await turn('large')).sessionState.dialogAction?.slotToElicit, 'PizzaType');
    const confirm = await turn('cheese');
    assert.equal(confirm.sessionState.dialogAction?.type, 'ConfirmIntent');
    assert.match(first(confirm) ?? '', /large cheese/);
    assert.equal((await turn('yes')).sessionState.intent?.state, 'Fulfilled');
  });
});

/** The parts of the Lex V2 Lambda input event these tests read. */
interface HookEvent {
  messageVersion: string;
  invocationSource: string;
  inputTranscript: string;
  bot: { id: string };
  interpretations: Array<{ intent: { name: string; state?: string; confirmationState?: string }; nluConfidence?: number }>;
  requestAttributes: Record<string, string>;
  sessionState: { intent: { name: string; state: string; slots: Record<string, { value: { interpretedValue: string } } | null> } };
}

describe('bot/engine: local code hooks', () => {
  let dir: string;
  before(() => {
    const files: Record<string, unknown> = structuredClone(HOTEL);
    const intent = files['Hotel/BotLocales/en_US/Intents/BookHotel/Intent.json'] as Record<string, unknown>;
    intent.fulfillmentCodeHook = { enabled: true };
    intent.dialogCodeHook = { enabled: true };
    intent.intentConfirmationSetting = null;
    dir = writeExport(files);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const engineWith = (codeHook: (event: never) => unknown) =>
    new BotEngine(loadBot(dir).bot, { now: () => NOW, random: () => 0, codeHook: codeHook as never, botId: 'HOTELBOT01' });
  const text = (answer: { messages: Array<{ contentType: string; content?: string }> }) => answer.messages.map((m) => m.content);

  it('calls the dialog hook with the Lex V2 Lambda event and applies its answer (Delegate fills a slot, ElicitSlot asks)', async () => {
    const events: HookEvent[] = [];
    const engine = engineWith((event: HookEvent) => {
      events.push(event);
      if (event.invocationSource === 'FulfillmentCodeHook') {
        return {
          sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'BookHotel', state: 'Fulfilled' } },
          messages: [{ contentType: 'PlainText', content: `Reserved in ${event.sessionState.intent.slots.City?.value.interpretedValue}.` }],
        };
      }
      if (!event.sessionState.intent.slots.Room) {
        const slots = { ...event.sessionState.intent.slots, Room: { value: { originalValue: 'twin', interpretedValue: 'twin', resolvedValues: ['twin'] } } };
        return { sessionState: { dialogAction: { type: 'Delegate' }, intent: { ...event.sessionState.intent, slots } } };
      }
      if (event.sessionState.intent.slots.CheckIn && !event.sessionState.intent.slots.Nights) {
        return {
          sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Nights' }, intent: event.sessionState.intent },
          messages: [{ contentType: 'PlainText', content: 'How many nights, asks the hook?' }],
        };
      }
      return { sessionState: { dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent } };
    });
    const first = await engine.recognizeText('en_US', 's', { text: 'book a hotel in Oslo', requestAttributes: { channel: 'web' } });
    assert.deepEqual(
      [
        events[0].messageVersion,
        events[0].invocationSource,
        events[0].inputTranscript,
        events[0].bot.id,
        events[0].sessionState.intent.name,
        events[0].requestAttributes.channel,
      ],
      ['1.0', 'DialogCodeHook', 'book a hotel in Oslo', 'HOTELBOT01', 'BookHotel', 'web'],
    );
    assert.equal(first.sessionState.intent?.slots.Room?.value.interpretedValue, 'twin', "Delegate applied the hook's slot");
    assert.deepEqual(text(first), ['Which day do you arrive?']);
    const second = await engine.recognizeText('en_US', 's', { text: 'friday' });
    assert.deepEqual(text(second), ['How many nights, asks the hook?']);
    assert.deepEqual(second.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Nights' });
    const done = await engine.recognizeText('en_US', 's', { text: '2' });
    assert.equal(events.at(-1)?.invocationSource, 'FulfillmentCodeHook');
    assert.deepEqual(text(done), ['Reserved in Oslo.']);
    assert.equal(done.sessionState.intent?.state, 'Fulfilled');
  });

  it("gives the hook the turn's interpretations as the Lambda event has them: the intent being filled first, scores as numbers", async () => {
    const events: HookEvent[] = [];
    const engine = engineWith((event: HookEvent) => {
      events.push(structuredClone(event));
      return { sessionState: { dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent } };
    });
    await engine.recognizeText('en_US', 's', { text: 'I want to bok a hotel' });
    await engine.recognizeText('en_US', 's', { text: 'Oslo' });
    for (const event of events) {
      const [first, ...rest] = event.interpretations;
      assert.deepEqual(first.intent, event.sessionState.intent);
      assert.equal(typeof first.nluConfidence, 'number');
      assert.deepEqual(
        rest.map((i) => [i.intent.name, i.intent.state, i.intent.confirmationState]),
        [
          ['FallbackIntent', event.sessionState.intent.state, 'None'],
          ['CheckOut', event.sessionState.intent.state, 'None'],
        ],
      );
    }
    assert.ok(events[0].interpretations[0].nluConfidence! < 1, 'the utterance chose the intent');
    assert.equal(events[1].interpretations[0].nluConfidence, 1, 'the dialog chose the intent');
  });

  it('reports a hook that throws, or answers without a valid dialog action, as a failed Lambda', async () => {
    const throwing = engineWith(() => {
      throw new TypeError('slots is undefined');
    });
    await assert.rejects(
      throwing.recognizeText('en_US', 's', { text: 'book a hotel' }),
      (error: Error) => error instanceof CodeHookError && /Received error response from Lambda: Unhandled: TypeError: slots is undefined/.test(error.message),
    );
    const invalid = engineWith(() => ({ sessionState: { dialogAction: { type: 'Finish' } } }));
    await assert.rejects(invalid.recognizeText('en_US', 's', { text: 'book a hotel' }), /Invalid Lambda Response: Received invalid response from Lambda/);
  });
});

describe('bot/engine: interpretations on every turn', () => {
  let dir: string;
  let engine: BotEngine;
  before(() => (dir = writeExport(HOTEL)));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (engine = new BotEngine(loadBot(dir).bot, { now: () => NOW, random: () => 0 })));
  const say = (text: string) => engine.recognizeText('en_US', 's', { text });
  type Answer = Awaited<ReturnType<typeof say>>;
  const names = (answer: Answer) => answer.interpretations.map((i) => i.intent.name);
  /** Lex names the intent the session is on first, as the session state has it; the rest by name and slots. */
  const assertSessionIntentFirst = (answer: Answer) => {
    assert.deepEqual(answer.interpretations[0]?.intent, answer.sessionState.intent);
    assert.ok(answer.interpretations.slice(1).every((i) => i.intent.state === undefined && i.intent.confirmationState === undefined));
  };

  it('names the intent being filled first on slot turns, a retry and a confirmation, scored 1, with the fallback next', async () => {
    await say('book a hotel in Rome');
    const turns = [await say('monday'), await say('lots'), await say('2'), await say('twin'), await say('yes')];
    assert.deepEqual(
      turns.map((t) => [t.sessionState.dialogAction?.type, t.sessionState.dialogAction?.slotToElicit]),
      [
        ['ElicitSlot', 'Nights'],
        ['ElicitSlot', 'Nights'],
        ['ElicitSlot', 'Room'],
        ['ConfirmIntent', undefined],
        ['Close', undefined],
      ],
    );
    for (const turn of turns) {
      assertSessionIntentFirst(turn);
      assert.deepEqual(names(turn), ['BookHotel', 'FallbackIntent', 'CheckOut']);
      assert.deepEqual(
        turn.interpretations.slice(0, 2).map((i) => i.nluConfidence),
        [{ score: 1 }, undefined],
      );
    }
    const done = turns.at(-1)!.interpretations[0].intent;
    assert.deepEqual([done.state, done.confirmationState, done.slots.Room?.value.interpretedValue], ['Fulfilled', 'Confirmed', 'twin']);
  });

  it('names a declined intent first as the session has it: failed and denied', async () => {
    for (const text of ['book a hotel in Rome', 'monday', '1', 'twin']) await say(text);
    const declined = await say('no');
    assertSessionIntentFirst(declined);
    assert.deepEqual([declined.interpretations[0].intent.state, declined.interpretations[0].intent.confirmationState], ['Failed', 'Denied']);
  });

  it('scores an intent the utterance chose as matched, and puts the fallback where the scores drop below the threshold', async () => {
    const typo = await say('I want to bok a hotel');
    assertSessionIntentFirst(typo);
    const score = typo.interpretations[0].nluConfidence?.score ?? 0;
    assert.ok(score >= 0.5 && score < 1, `scored ${score}`);
    assert.deepEqual(names(typo), ['BookHotel', 'FallbackIntent', 'CheckOut']);
    const both = await engine.recognizeText('en_US', 'both', { text: 'book a hotel, what time is check out' });
    assert.deepEqual(names(both), ['CheckOut', 'BookHotel', 'FallbackIntent'], 'both intents are above the threshold');
    const neither = await engine.recognizeText('en_US', 'neither', { text: 'sing me a song' });
    assertSessionIntentFirst(neither);
    assert.deepEqual(names(neither), ['FallbackIntent', 'BookHotel', 'CheckOut']);
    assert.equal(neither.interpretations[0].nluConfidence, undefined, 'the fallback is never scored');
  });

  it('names the new intent first when the user changes the subject, or a failed slot starts the fallback', async () => {
    await say('book a hotel');
    const switched = await say('what time is check out');
    assertSessionIntentFirst(switched);
    assert.deepEqual(names(switched), ['CheckOut', 'FallbackIntent', 'BookHotel']);
    for (const text of ['book a hotel in Rome', 'monday', 'lots']) await say(text);
    const failed = await say('many');
    assert.equal(failed.sessionState.intent?.name, 'FallbackIntent');
    assertSessionIntentFirst(failed);
    assert.equal(failed.interpretations[0].nluConfidence, undefined);
    assert.ok(names(failed).includes('BookHotel'));
  });

  it("keeps the last turn's interpretations for GetSession, and PutSession clears them", async () => {
    await say('book a hotel in Rome');
    const turn = await say('monday');
    assert.deepEqual(engine.getSession('en_US', 's').interpretations, turn.interpretations);
    assert.deepEqual(names(turn), ['BookHotel', 'FallbackIntent', 'CheckOut']);
    engine.putSession('en_US', 's', { sessionAttributes: {} });
    assert.deepEqual(engine.getSession('en_US', 's').interpretations, []);
  });
});
