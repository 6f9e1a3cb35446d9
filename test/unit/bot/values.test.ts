import * as assert from 'node:assert/strict';
import { resolveSlotValue } from '../../../src/bot/values';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const value = (type: string, text: string) => resolveSlotValue(type, [], text, NOW)?.interpretedValue;

describe('bot/values: built-in slot types', () => {
  it('AMAZON.Number reads digits and number words', () => {
    assert.deepEqual(['3', 'three please', 'twenty one', 'about 2.5', 'none'].map((t) => value('AMAZON.Number', t)), ['3', '3', '21', '2.5', undefined]);
  });

  it('AMAZON.Time reads clock times, am/pm and named times, but not a bare count', () => {
    assert.deepEqual(['9am', '3:30 pm', '15:45', 'noon', 'at 8', '2 lattes'].map((t) => value('AMAZON.Time', t)), ['09:00', '15:30', '15:45', '12:00', '08:00', undefined]);
  });

  it('AMAZON.Date reads relative days, weekdays, month days and ISO dates', () => {
    assert.deepEqual(
      ['tomorrow', 'on friday', 'monday', 'June 5th', '3 january', '2027-02-01', 'soon'].map((t) => value('AMAZON.Date', t)),
      ['2026-11-24', '2026-11-27', '2026-11-30', '2027-06-05', '2027-01-03', '2027-02-01', undefined],
    );
  });

  it('AMAZON.City, FirstName, AlphaNumeric and FreeFormInput take their words as said', () => {
    assert.equal(value('AMAZON.City', 'to new york'), 'New York');
    assert.equal(value('AMAZON.City', '42'), undefined);
    assert.equal(value('AMAZON.FirstName', "it's maria"), 'Maria');
    assert.equal(value('AMAZON.AlphaNumeric', 'my code is AB12C'), 'AB12C');
    assert.equal(value('AMAZON.FreeFormInput', ' anything at all, really '), 'anything at all, really');
  });

  it('a custom type extending AMAZON.AlphaNumeric accepts values outside its list', () => {
    const types = [{ name: 'OrderId', parentSlotTypeSignature: 'AMAZON.AlphaNumeric', values: [{ value: 'A1', synonyms: [] }], resolutionStrategy: 'ORIGINAL_VALUE' as const }];
    assert.equal(resolveSlotValue('OrderId', types, 'order ZX99', NOW)?.interpretedValue, 'ZX99');
  });
});
