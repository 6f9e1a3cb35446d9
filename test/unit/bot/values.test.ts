import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalise, resolveSlotValue, withinOneEdit } from '../../../src/bot/values';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const value = (type: string, text: string) => resolveSlotValue(type, [], text, NOW)?.interpretedValue;

describe('bot/values: built-in slot types', () => {
  it('AMAZON.Number reads digits and number words', () => {
    assert.deepEqual(
      ['3', 'three please', 'twenty one', 'about 2.5', 'none'].map((t) => value('AMAZON.Number', t)),
      ['3', '3', '21', '2.5', undefined],
    );
  });

  it('AMAZON.Time reads clock times, am/pm and named times, but not a bare count', () => {
    assert.deepEqual(
      ['9am', '3:30 pm', '15:45', 'noon', '2 lattes'].map((t) => value('AMAZON.Time', t)),
      ['09:00', '15:30', '15:45', '12:00', undefined],
    );
    // Either half of the day: no interpretedValue, both readings resolved, as the guide shows for "10 o'clock".
    assert.deepEqual(resolveSlotValue('AMAZON.Time', [], 'at 8', NOW), { originalValue: '8', resolvedValues: ['08:00', '20:00'] });
  });

  it('AMAZON.Time reads a.m. and p.m. with their dots', () => {
    assert.deepEqual(
      ['3 p.m.', 'at 3 p.m. please', '9 a.m.', '10:15 P.M.', '7p.m.'].map((t) => value('AMAZON.Time', t)),
      ['15:00', '15:00', '09:00', '22:15', '19:00'],
    );
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
    const types = [
      {
        name: 'OrderId',
        parentSlotTypeSignature: 'AMAZON.AlphaNumeric',
        values: [{ value: 'A1', synonyms: [] }],
        resolutionStrategy: 'ORIGINAL_VALUE' as const,
      },
    ];
    assert.equal(resolveSlotValue('OrderId', types, 'order ZX99', NOW)?.interpretedValue, 'ZX99');
  });
});

/** Levenshtein distance by the textbook table, as the oracle. */
function levenshtein(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) table[i][j] = Math.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return table[a.length][b.length];
}

describe('bot/values: typos', () => {
  it('withinOneEdit agrees with the Levenshtein distance being at most 1', () => {
    const word = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c') });
    // Near pairs too: a word and itself with one random edit, which random pairs rarely are.
    const edited = fc.tuple(word, fc.nat(8), fc.constantFrom('insert', 'delete', 'substitute'), fc.constantFrom('a', 'b', 'c')).map(([w, at, edit, letter]) => {
      const i = Math.min(at, w.length);
      const next =
        edit === 'insert' ? w.slice(0, i) + letter + w.slice(i) : edit === 'delete' ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + letter + w.slice(i + 1);
      return [w, next] as const;
    });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(word, word), edited), ([a, b]) => {
        assert.equal(withinOneEdit(a, b), levenshtein(a, b) <= 1, `${a} / ${b}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bot/values: normalise', () => {
  it('keeps a dot only inside a number, and reads U.S.A. as letters', () => {
    assert.deepEqual(['U.S.A.', 'a.b.c', 'about 2.5 cups.', 'Hello... there!'].map(normalise), ['u s a', 'a b c', 'about 2.5 cups', 'hello there']);
  });

  it('changes nothing when given normalised text (the engine normalises a turn once)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom(..."aApPmM .,:!?'-/09é".split('')) }), (text) => {
        assert.equal(normalise(normalise(text)), normalise(text));
      }),
      { numRuns: 3000 },
    );
  });
});
