import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BotEngine } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import type { SlotTypeDefinition } from '../../../src/bot/model';
import { BUILT_IN_SLOT_TYPES, builtInSlotValue, type SlotElicitationStyle } from '../../../src/bot/slotTypes';
import { resolveSlotValue } from '../../../src/bot/values';

// Each built-in type: found inside a carrier phrase, refused when the answer holds none, and
// resolved in the format the Lex V2 developer guide documents for it (examples from its pages).

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const value = (type: string, text: string, style?: SlotElicitationStyle) => builtInSlotValue(type, text, NOW, style);
const interpreted = (type: string, text: string, style?: SlotElicitationStyle) => value(type, text, style)?.interpretedValue;

/** For one type: each answer and the interpretedValue it resolves to (undefined: refused). */
function resolves(type: string, expected: Record<string, string | undefined>): void {
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((text) => [text, interpreted(type, text)])), expected);
}

describe('bot/slotTypes: the built-in slot types', () => {
  it('has every English built-in type the guide lists', () => {
    assert.deepEqual(Object.keys(BUILT_IN_SLOT_TYPES).sort(), [
      'AMAZON.AlphaNumeric',
      'AMAZON.City',
      'AMAZON.Confirmation',
      'AMAZON.Country',
      'AMAZON.Currency',
      'AMAZON.Date',
      'AMAZON.Duration',
      'AMAZON.EmailAddress',
      'AMAZON.FirstName',
      'AMAZON.FreeFormInput',
      'AMAZON.LastName',
      'AMAZON.Number',
      'AMAZON.Percentage',
      'AMAZON.PhoneNumber',
      'AMAZON.State',
      'AMAZON.StreetName',
      'AMAZON.Time',
      'AMAZON.UKPostalCode',
    ]);
  });

  it('AMAZON.EmailAddress takes the address out of the answer, typed or said, and refuses an answer without one', () => {
    assert.deepEqual(value('AMAZON.EmailAddress', 'it is john.smith@example.com'), {
      originalValue: 'john.smith@example.com',
      interpretedValue: 'john.smith@example.com',
      resolvedValues: ['john.smith@example.com'],
    });
    resolves('AMAZON.EmailAddress', {
      'my email is Jane_Doe+news@mail.example.co.uk.': 'jane_doe+news@mail.example.co.uk',
      'john dot smith at example dot com': 'john.smith@example.com',
      'my email is nothing at all': undefined,
      'I would rather not say': undefined,
      'john at home': undefined,
    });
  });

  it('AMAZON.Number gives digits for numbers said in words or digits, decimals included', () => {
    resolves('AMAZON.Number', {
      'one hundred twenty three point four five': '123.45',
      'one hundred twenty three dot four five': '123.45',
      'point four two': '0.42',
      'point forty two': '0.42',
      '232.998': '232.998',
      'it is 50': '50',
      'about twenty-five please': '25',
      'a dozen': '12',
      'two thousand and five': '2005',
      '1,500': '1500',
      'minus three': '-3',
      'none of them': undefined,
      'a few': undefined,
    });
  });

  it('AMAZON.Percentage gives a number and a percent sign, or the number alone when said without one', () => {
    resolves('AMAZON.Percentage', {
      '50 percent': '50%',
      '0.4 percent': '0.4%',
      'it is 23.5%': '23.5%',
      'twenty five percent': '25%',
      'ten per cent please': '10%',
      'about 30': '30',
      'a lot': undefined,
    });
  });

  it('AMAZON.Currency gives an ISO 4217 code and an amount with two decimals', () => {
    resolves('AMAZON.Currency', {
      '3USD': 'USD 3.00',
      USD300: 'USD 300.00',
      '3 dimes': 'USD 0.30',
      'it is $1.56': 'USD 1.56',
      '5c': 'USD 0.05',
      '1 dollar': 'USD 1.00',
      'five fifteen': 'USD 515.00',
      'five dollars fifteen cents': 'USD 5.15',
      '5 usd and 1/2': 'USD 5.50',
      'about 20 euros': 'EUR 20.00',
      '£12.50 please': 'GBP 12.50',
      'no money at all': undefined,
    });
  });

  it('AMAZON.PhoneNumber gives digits without punctuation, a leading plus kept', () => {
    resolves('AMAZON.PhoneNumber', {
      '+61 7 4445 1061': '+61744451061',
      'my number is +1 (509) 555-1212': '+15095551212',
      '1 (509) 555-1212': '15095551212',
      '(03) 5115 4444': '0351154444',
      'call me on 555-1212': '5551212',
      'five oh nine five five five one two one two': '5095551212',
      'double five five one two one two': '5551212',
      'my number is 12': undefined,
      "I don't have a phone": undefined,
    });
  });

  it('AMAZON.Date gives ISO 8601 dates, on or after today, and weeks, months and years as the guide says', () => {
    resolves('AMAZON.Date', {
      'it is tomorrow': '2026-11-24',
      'on friday': '2026-11-27',
      'November twenty-fifth': '2026-11-25',
      'the 3rd of January': '2027-01-03',
      'June 5th 2028': '2028-06-05',
      '2027-02-01': '2027-02-01',
      '12/24/2026': '2026-12-24',
      'in 3 days': '2026-11-26',
      // A future week, month or year: its last day; this or a past one: its first.
      'next week': '2026-11-29',
      'last week': '2026-11-16',
      'this week': '2026-11-23',
      'next month': '2026-12-31',
      'this month': '2026-11-01',
      'next year': '2027-12-31',
      'last year': '2025-01-01',
      soon: undefined,
      'may I ask why': undefined,
      'February 30th': undefined,
    });
  });

  it('AMAZON.Time gives HH:MM, both readings for a time either half of the day, and parts of the day', () => {
    assert.deepEqual(value('AMAZON.Time', "10 o'clock"), { originalValue: "10 o'clock", resolvedValues: ['10:00', '22:00'] });
    assert.deepEqual(value('AMAZON.Time', '10 AM'), { originalValue: '10 am', interpretedValue: '10:00', resolvedValues: ['10:00'] });
    assert.deepEqual(value('AMAZON.Time', 'in the morning'), { originalValue: 'morning', interpretedValue: 'MO', resolvedValues: ['MO'] });
    resolves('AMAZON.Time', {
      'at 7:15 pm please': '19:15',
      'ten thirty pm': '22:30',
      '18:05': '18:05',
      '09:30': '09:30',
      'at 8 in the evening': '20:00',
      midnight: '00:00',
      afternoon: 'AF',
      'this evening': 'EV',
      whenever: undefined,
      '2 lattes': undefined,
    });
  });

  it('AMAZON.Duration gives ISO 8601 durations', () => {
    resolves('AMAZON.Duration', {
      'ten minutes': 'PT10M',
      'five hours': 'PT5H',
      'three days': 'P3D',
      'forty five seconds': 'PT45S',
      'eight weeks': 'P8W',
      'seven years': 'P7Y',
      'five hours ten minutes': 'PT5H10M',
      'two years three hours ten minutes': 'P2YT3H10M',
      'for about 2 hours please': 'PT2H',
      'half an hour': 'PT30M',
      'an hour and a half': 'PT1H30M',
      'a long time': undefined,
    });
  });

  it("AMAZON.Confirmation gives Yes, No, Maybe or Don't know", () => {
    resolves('AMAZON.Confirmation', {
      Yeah: 'Yes',
      'I can agree': 'Yes',
      'nope, forget it': 'No',
      'no way': 'No',
      "it's possible": 'Maybe',
      perhaps: 'Maybe',
      dunno: "Don't know",
      'no idea': "Don't know",
      'not sure about it': "Don't know",
      purple: undefined,
    });
  });

  it('AMAZON.FirstName and LastName take the name out of the carrier phrase and refuse what no name is made of', () => {
    resolves('AMAZON.FirstName', {
      "it's maria": 'Maria',
      'my name is Anil Kumar': 'Anil Kumar',
      'call me Emily please': 'Emily',
      "I don't want to tell you": undefined,
      nothing: undefined,
      '12345': undefined,
    });
    resolves('AMAZON.LastName', { 'my last name is Garcia': 'Garcia', "it's O'Brien": "O'Brien", 'no idea': undefined });
  });

  it('AMAZON.City, Country, State and StreetName take the place out of the answer', () => {
    resolves('AMAZON.City', { 'to new york': 'New York', 'I live in Lisbon': 'Lisbon', '42': undefined, 'I have no idea': undefined });
    resolves('AMAZON.Country', {
      'I live in Germany': 'Germany',
      'it is the united states': 'United States',
      'from new zealand': 'New Zealand',
      nowhere: undefined,
      'a nice place': undefined,
    });
    resolves('AMAZON.State', {
      'it is Queensland': 'Queensland',
      'I live in new south wales': 'New South Wales',
      'Fukushima Prefecture': 'Fukushima Prefecture',
      'the pacific northwest': 'Pacific Northwest',
      'somewhere nice': undefined,
    });
    resolves('AMAZON.StreetName', {
      'I live at 123 Canal Street': 'Canal Street',
      'on fifth avenue': 'Fifth Avenue',
      '42nd street': '42nd Street',
      'route 66': 'Route 66',
      somewhere: undefined,
    });
  });

  it('AMAZON.UKPostalCode gives the standard form with its space, typed or said', () => {
    resolves('AMAZON.UKPostalCode', {
      'my postcode is sw1a 1aa': 'SW1A 1AA',
      EC1A1BB: 'EC1A 1BB',
      'it is W1A 0AX': 'W1A 0AX',
      'M1 1AE': 'M1 1AE',
      'B33 8TH': 'B33 8TH',
      'CR2 6XH': 'CR2 6XH',
      'DN55 1PT': 'DN55 1PT',
      's w one a one double a': 'SW1A 1AA',
      'I have no idea': undefined,
      '12345': undefined,
    });
  });

  it('AMAZON.AlphaNumeric takes letters and digits out of the answer', () => {
    resolves('AMAZON.AlphaNumeric', {
      'my code is APQ123': 'APQ123',
      'it is a b c 1 2 3': 'abc123',
      ABC: 'ABC',
      "I don't have one": undefined,
      no: undefined,
    });
  });

  it('AMAZON.FreeFormInput takes the whole answer as it is', () => {
    assert.equal(interpreted('AMAZON.FreeFormInput', ' I got the answers to all of my questions. '), 'I got the answers to all of my questions.');
    assert.equal(interpreted('AMAZON.FreeFormInput', '   '), undefined);
  });
});

describe('bot/slotTypes: dates and places at the edges', () => {
  it('"this week" and "last week" across a month boundary give the Mondays of those weeks', () => {
    const wednesday = new Date('2026-12-02T10:00:00Z');
    assert.equal(builtInSlotValue('AMAZON.Date', 'this week', wednesday)?.interpretedValue, '2026-11-30');
    assert.equal(builtInSlotValue('AMAZON.Date', 'last week', wednesday)?.interpretedValue, '2026-11-23');
  });

  it('February 29th without a year is the next one, in a leap year', () => {
    assert.equal(builtInSlotValue('AMAZON.Date', 'on february 29th', NOW)?.interpretedValue, '2028-02-29');
  });

  it('"us" as a word is not a country; US written so is', () => {
    assert.equal(builtInSlotValue('AMAZON.Country', 'can you send us a brochure', NOW), undefined);
    assert.equal(builtInSlotValue('AMAZON.Country', 'I live in the US', NOW)?.interpretedValue, 'US');
  });
});

describe('bot/slotTypes: spelling styles', () => {
  it('SpellByLetter reads letters one by one: names, codes and addresses', () => {
    assert.equal(interpreted('AMAZON.LastName', 'x i u l a n', 'SpellByLetter'), 'Xiulan');
    assert.equal(interpreted('AMAZON.AlphaNumeric', 'it is a p q one two three', 'SpellByLetter'), 'apq123');
    assert.equal(interpreted('AMAZON.EmailAddress', 'j o h n at e x a m p l e dot c o m', 'SpellByLetter'), 'john@example.com');
    assert.equal(interpreted('AMAZON.UKPostalCode', 's w 1 a 1 a a', 'SpellByLetter'), 'SW1A 1AA');
  });

  it('SpellByWord reads the letter each word stands for', () => {
    assert.equal(interpreted('AMAZON.FirstName', 'b as in boy o as in oscar b as in boy', 'SpellByWord'), 'Bob');
    assert.equal(interpreted('AMAZON.AlphaNumeric', 'alpha bravo 7', 'SpellByWord'), 'ab7');
    assert.equal(interpreted('AMAZON.LastName', 't for tango o for oscar m for mike', 'SpellByWord'), 'Tom');
  });

  it('a spelling that spells nothing is refused, and types that take no spelling read the answer as usual', () => {
    assert.equal(interpreted('AMAZON.FirstName', "I won't spell it", 'SpellByLetter'), undefined);
    assert.equal(interpreted('AMAZON.Number', 'twenty one', 'SpellByLetter'), '21');
  });
});

describe('bot/slotTypes: custom slot types', () => {
  const type = (fields: Partial<SlotTypeDefinition>): SlotTypeDefinition[] => [{ name: 'Custom', values: [], resolutionStrategy: 'ORIGINAL_VALUE', ...fields }];

  it('keep their ORIGINAL_VALUE and TOP_RESOLUTION strategies and synonyms', () => {
    const values = [{ value: 'large', synonyms: ['big', 'huge'] }];
    assert.deepEqual(resolveSlotValue('Custom', type({ values }), 'a big one please', NOW), {
      originalValue: 'big',
      interpretedValue: 'big',
      resolvedValues: ['large'],
    });
    assert.equal(resolveSlotValue('Custom', type({ values, resolutionStrategy: 'TOP_RESOLUTION' }), 'huge', NOW)?.interpretedValue, 'large');
    assert.equal(resolveSlotValue('Custom', type({ values }), 'tiny', NOW), undefined);
  });

  it('with a regular expression (regexFilter), take the value it matches whole, and refuse any other', () => {
    const member = type({ parentSlotTypeSignature: 'AMAZON.AlphaNumeric', regexPattern: '[A-Z]{2}[0-9]{4}' });
    assert.equal(resolveSlotValue('Custom', member, 'my member number is AB1234', NOW)?.interpretedValue, 'AB1234');
    assert.equal(resolveSlotValue('Custom', member, 'it is ab 1234', NOW)?.interpretedValue, 'AB1234');
    assert.equal(resolveSlotValue('Custom', member, 'it is AB123', NOW), undefined);
    assert.equal(resolveSlotValue('Custom', member, 'ABC12345', NOW), undefined);
    const unicode = type({ parentSlotTypeSignature: 'AMAZON.AlphaNumeric', regexPattern: 'CP[0-9]{9}US' });
    assert.equal(resolveSlotValue('Custom', unicode, 'tracking CP123456789US thanks', NOW)?.interpretedValue, 'CP123456789US');
  });
});

describe('bot/slotTypes: in a conversation (fixture export slot-types/Contact)', () => {
  const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lex-exports', 'slot-types');
  let engine: BotEngine;
  beforeEach(() => {
    const { bot, problems } = loadBot(fixture);
    assert.deepEqual(problems, []);
    engine = new BotEngine(bot, { now: () => NOW, random: () => 0 });
  });
  const say = async (text: string) => {
    const answer = await engine.recognizeText('en_US', 's', { text });
    const message = answer.messages[0];
    return { answer, message: message && message.contentType !== 'ImageResponseCard' ? message.content : undefined };
  };

  it('fills each slot from a carrier phrase, and elicits again an answer holding no value', async () => {
    assert.equal((await say('update my contact details')).message, 'What is your member number?');
    assert.equal((await say('it is AB123')).message, 'What is your member number?', 'the regular expression refuses AB123');
    assert.equal((await say('my member number is AB1234')).message, 'What is your email address?');
    const refused = await say('my email is nothing at all');
    assert.equal(refused.message, 'What is your email address?');
    assert.deepEqual(refused.answer.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Email' });
    assert.equal(refused.answer.sessionState.intent?.slots.Email, null);
    const email = await say('it is john.smith@example.com');
    assert.deepEqual(email.answer.sessionState.intent?.slots.Email?.value, {
      originalValue: 'john.smith@example.com',
      interpretedValue: 'john.smith@example.com',
      resolvedValues: ['john.smith@example.com'],
    });
    assert.equal(email.message, 'What is your phone number?');
    assert.equal((await say('my number is +1 (509) 555-1212')).message, 'When shall we call you back?');
    const closed = await say('at 3 pm please');
    assert.equal(closed.message, 'Updated member AB1234: john.smith@example.com, +15095551212, call back 15:00.');
    assert.equal(closed.answer.sessionState.intent?.state, 'Fulfilled');
  });

  it('finds an e-mail address in the utterance that starts the intent, as a value that stands out', async () => {
    const first = await say('please change my email to jane.doe@example.org');
    assert.equal(first.answer.sessionState.intent?.name, 'UpdateContact');
    assert.equal(first.answer.sessionState.intent?.slots.Email?.value.interpretedValue, 'jane.doe@example.org');
    assert.equal(first.message, 'What is your member number?');
  });

  it('reads the answer as spelled when the slot was elicited with a spelling style', async () => {
    await say('update my contact details');
    const spelled = await engine.recognizeText('en_US', 's', {
      text: 'a b 1 2 3 4',
      sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Member', slotElicitationStyle: 'SpellByLetter' } },
    });
    assert.equal(spelled.sessionState.intent?.slots.Member?.value.interpretedValue, 'AB1234');
    const asWords = await engine.recognizeText('en_US', 't', { text: 'update my contact details' }).then(() =>
      engine.recognizeText('en_US', 't', {
        text: 'a as in alpha b as in bravo 1 2 3 4',
        sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'Member', slotElicitationStyle: 'SpellByWord' } },
      }),
    );
    assert.equal(asWords.sessionState.intent?.slots.Member?.value.interpretedValue, 'AB1234');
  });

  it('after maxRetries refusals, says the failure response and ends', async () => {
    await say('change my email');
    await say('AB1234');
    assert.equal((await say('I would rather not say')).message, 'What is your email address?');
    const failed = await say('no');
    assert.equal(failed.message, 'Sorry, I could not get your email address.');
    assert.equal(failed.answer.sessionState.intent?.slots.Email, null);
  });
});

describe('bot/slotTypes: the request time zone (x-amz-lex:time-zone)', () => {
  const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lex-exports', 'fidelity', 'BuiltInSlotTypes');
  const lateEvening = new Date('2020-11-26T02:00:00Z'); // 21:00 on the 25th in New York

  const remindedOn = async (requestAttributes?: Record<string, string>) => {
    const { bot } = loadBot(fixture);
    const engine = new BotEngine(bot, { now: () => lateEvening, random: () => 0 });
    const answer = await engine.recognizeText('en_US', 's', { text: 'remind me tomorrow', requestAttributes });
    return answer.sessionState.intent?.slots.ReminderDate?.value.interpretedValue;
  };

  it('resolves "tomorrow" from the date where the user is, UTC without one', async () => {
    assert.equal(await remindedOn(), '2020-11-27');
    assert.equal(await remindedOn({ 'x-amz-lex:time-zone': 'America/New_York' }), '2020-11-26');
    assert.equal(await remindedOn({ 'x-amz-lex:time-zone': 'Not/AZone' }), '2020-11-27', 'an unknown zone: UTC');
  });
});
