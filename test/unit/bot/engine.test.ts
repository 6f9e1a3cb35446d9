import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BotEngine } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import { plain, writeExport } from './support';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const PIZZA = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'lex-exports', 'PizzaDelivery-DRAFT-LexJson.zip');

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
    sampleUtterances: [{ utterance: 'book a hotel' }, { utterance: 'book a hotel in {City}' }, { utterance: 'I need a room in {City} for {Nights} nights' }, { utterance: 'reserve a {Room} room' }],
    slotPriorities: [
      { priority: 1, slotName: 'City' },
      { priority: 2, slotName: 'CheckIn' },
      { priority: 3, slotName: 'Nights' },
      { priority: 4, slotName: 'Room' },
    ],
    intentConfirmationSetting: { promptSpecification: { messageGroupsList: [plain('{Nights} nights in {City} from {CheckIn}, a {Room} room. Book it?')], maxRetries: 1 }, declinationResponse: { messageGroupsList: [plain('Booking cancelled.')] }, active: true },
    intentClosingSetting: { closingResponse: { messageGroupsList: [{ message: { plainTextMessage: { value: 'Booked!' } }, variations: [{ plainTextMessage: { value: 'All done!' } }] }] }, active: true },
  },
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/City/Slot.json': slot('City', 'AMAZON.City', 'Which city?'),
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/CheckIn/Slot.json': slot('CheckIn', 'AMAZON.Date', 'Which day do you arrive?'),
  'Hotel/BotLocales/en_US/Intents/BookHotel/Slots/Nights/Slot.json': slot('Nights', 'AMAZON.Number', 'How many nights?', {
    slotCaptureSetting: { failureResponse: { messageGroupsList: [plain('Let me get someone to help.')] }, failureNextStep: { dialogAction: { type: 'StartIntent' }, intent: { name: 'FallbackIntent' } } },
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
  const first = (answer: ReturnType<typeof say>) => {
    const message = answer.messages[0];
    return message && message.contentType !== 'ImageResponseCard' ? message.content : undefined;
  };
  const slots = (answer: ReturnType<typeof say>) => Object.fromEntries(Object.entries(answer.sessionState.intent?.slots ?? {}).map(([k, v]) => [k, v?.value.interpretedValue ?? null]));

  it('matches an intent despite a typo, and ranks up to five interpretations with scores', () => {
    const answer = say('I want to bok a hotel');
    assert.equal(answer.sessionState.intent?.name, 'BookHotel');
    assert.equal(answer.interpretations[0].intent.name, 'BookHotel');
    assert.ok(answer.interpretations.length <= 5);
    assert.ok(answer.interpretations.some((i) => i.intent.name === 'FallbackIntent' && i.nluConfidence === undefined));
  });

  it('fills slots from the utterance where the sample utterance puts them, then asks for the rest in priority order', () => {
    const answer = say('I need a room in Lisbon for 3 nights');
    assert.deepEqual(slots(answer), { City: 'Lisbon', CheckIn: null, Nights: '3', Room: null });
    assert.deepEqual(answer.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'CheckIn' });
    assert.equal(first(answer), 'Which day do you arrive?');
  });

  it('resolves dates against today, keeps the original value for ORIGINAL_VALUE types, confirms and closes', () => {
    say('book a hotel in Porto');
    assert.equal(slots(say('tomorrow')).CheckIn, '2026-11-24');
    say('4');
    const room = say('king size please');
    assert.equal(room.sessionState.intent?.slots.Room?.value.interpretedValue, 'king size', 'ORIGINAL_VALUE keeps what was said');
    assert.deepEqual(room.sessionState.intent?.slots.Room?.value.resolvedValues, ['king']);
    assert.equal(first(room), '4 nights in Porto from 2026-11-24, a king size room. Book it?');
    const booked = say('yes');
    assert.equal(booked.sessionState.intent?.state, 'Fulfilled');
    assert.equal(first(booked), 'Booked!');
  });

  it('picks among a message and its variations', () => {
    const varied = new BotEngine(loadBot(dir).bot, { now: () => now, random: () => 0.99 });
    const turns = ['book a hotel in Oslo', 'friday', '2', 'twin', 'yes'].map((text) => varied.recognizeText('en_US', 'v', { text }));
    assert.equal(first(turns.at(-1)!), 'All done!');
    assert.equal(slots(turns[1]).CheckIn, '2026-11-27', 'friday is the next Friday');
  });

  it('declines: the intent fails with the declination response', () => {
    for (const text of ['book a hotel in Rome', 'monday', '1', 'twin']) say(text);
    const declined = say('no, cancel that');
    assert.deepEqual([declined.sessionState.intent?.state, declined.sessionState.intent?.confirmationState], ['Failed', 'Denied']);
    assert.equal(first(declined), 'Booking cancelled.');
  });

  it('re-prompts an invalid value, then follows failureNextStep after maxRetries', () => {
    say('book a hotel in Rome');
    say('monday');
    const retry = say('lots');
    assert.deepEqual(retry.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Nights' });
    const failed = say('many');
    assert.deepEqual(
      failed.messages.map((m) => m.contentType !== 'ImageResponseCard' && m.content),
      ['Let me get someone to help.', 'Sorry, I can book rooms.'],
    );
    assert.equal(failed.sessionState.intent?.name, 'FallbackIntent');
  });

  it('lets the user change the subject in the middle of a slot', () => {
    say('book a hotel');
    const switched = say('what time is check out');
    assert.equal(switched.sessionState.intent?.name, 'CheckOut');
    assert.equal(first(switched), 'Check-out is at 11.');
  });

  it('forgets a session after the bot\'s idle TTL', () => {
    say('book a hotel');
    now = new Date(NOW.getTime() + 61_000);
    assert.throws(() => engine.getSession('en_US', 's'), /does not exist/);
    assert.equal(say('Lisbon').sessionState.intent?.name, 'FallbackIntent', 'the old prompt is gone');
  });

  (fs.existsSync(PIZZA) ? it : it.skip)('holds a PizzaDelivery conversation, following its captureNextStep to confirmation', () => {
    const pizza = new BotEngine(loadBot(PIZZA).bot, { now: () => now, random: () => 0 });
    const turn = (text: string) => pizza.recognizeText('en_US', 'p', { text });
    assert.equal(turn('I want pizza').sessionState.dialogAction?.slotToElicit, 'PizzaSize');
    assert.equal(turn('large').sessionState.dialogAction?.slotToElicit, 'PizzaType');
    const confirm = turn('cheese');
    assert.equal(confirm.sessionState.dialogAction?.type, 'ConfirmIntent');
    assert.match(first(confirm) ?? '', /large cheese/);
    assert.equal(turn('yes').sessionState.intent?.state, 'Fulfilled');
  });
});
