import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { decodeText, encodeText } from '../../../src/inject/files';
import { DEFAULT_PLACEHOLDERS, KNOWN_CONFIG_KEYS } from '../../../src/inject/rules';
import { applyReplacements, findReplacements, type Replacement, searchStrings } from '../../../src/inject/scan';
import { ID_KINDS } from '../../../src/aws/ids';
import { type InjectValues } from '../../../src/inject/values';
import { VALUES } from './support';

// Text made of placeholder tokens, config keys and ids, glued with the characters that decide
// whether they count: letters and digits (inside a word), quotes, colons, equals signs, braces,
// line breaks (LF and CRLF), white space, and characters outside ASCII and the BMP.
const tokens = DEFAULT_PLACEHOLDERS.map((r) => r.token);
const keys = KNOWN_CONFIG_KEYS.map((r) => r.key.split('.').pop()!);
const ids = [...Object.values(VALUES), 'us-west-2_Old123456', 'zyxwvutsrqponmlkjihgfedcba', 'ZZZZZ99999', 'fr_FR', 'eu-west-1'];
const glue = fc.string({
  unit: fc.constantFrom('a', 'Z', '9', '_', '$', '-', ' ', '\t', '"', "'", '`', ':', '=', ',', '{', '}', '[', '\n', '\r\n', '#', '.', 'é', '🤖'),
  maxLength: 6,
});
const piece = fc.oneof(
  { weight: 3, arbitrary: glue },
  { weight: 3, arbitrary: fc.constantFrom(...tokens) },
  { weight: 1, arbitrary: fc.constantFrom(...keys) },
  { weight: 1, arbitrary: fc.constantFrom(...ids) },
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const values: fc.Arbitrary<InjectValues> = fc.subarray([...ID_KINDS], { minLength: 1 }).map((kinds) => Object.fromEntries(kinds.map((k) => [k, VALUES[k]])));

/** Checks, without applyReplacements' own logic, that `after` is `before` with exactly the planned ranges changed. */
function changedExactly(before: string, after: string, plan: readonly Replacement[]): void {
  let from = 0; // in before
  let to = 0; // in after
  for (const r of plan) {
    assert.ok(r.start >= from, 'sorted, not overlapping');
    assert.equal(after.slice(to, to + (r.start - from)), before.slice(from, r.start), 'the text before the range is unchanged');
    to += r.start - from;
    assert.equal(after.slice(to, to + r.newText.length), r.newText, 'the range holds newText');
    to += r.newText.length;
    from = r.end;
  }
  assert.equal(after.slice(to), before.slice(from), 'the text after the last range is unchanged');
}

describe('inject properties (fast-check)', () => {
  it('applying a plan changes exactly the planned ranges and nothing else', () => {
    fc.assert(
      fc.property(text, values, (t, v) => {
        const plan = findReplacements(t, v);
        const lines = t.split('\n');
        for (const r of plan) {
          assert.equal(t.slice(r.start, r.end), r.oldText);
          assert.equal(r.newText, v[r.kind]);
          assert.notEqual(r.oldText, r.newText);
          assert.equal(lines[r.line].slice(r.character, r.character + r.oldText.length), r.oldText);
        }
        changedExactly(t, applyReplacements(t, plan), plan);
      }),
      { numRuns: 500 },
    );
  });

  it('a text with none of the searched strings has no plan, and applying none is the identity', () => {
    fc.assert(
      fc.property(text, values, (t, v) => {
        fc.pre(searchStrings(v).every((s) => !t.includes(s)));
        const plan = findReplacements(t, v);
        assert.deepEqual(plan, []);
        assert.equal(applyReplacements(t, plan), t);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every placeholder that stands as a whole quoted value, whatever surrounds it', () => {
    const quoted = fc.array(fc.tuple(fc.constantFrom(...DEFAULT_PLACEHOLDERS), fc.constantFrom('"', "'", '`'), glue), { maxLength: 12 });
    fc.assert(
      fc.property(quoted, values, (parts, v) => {
        // Each value on its own line after "x = ", then free text that ends before the line break.
        const t = parts.map(([rule, q, after]) => `x = ${q}${rule.token}${q};${after.replace(/[\r\n]/g, '')}\n`).join('');
        const expected = parts.filter(([rule]) => v[rule.kind] !== undefined).map(([rule]) => rule.token);
        const found = findReplacements(t, v).filter((r) => r.reason === 'placeholder');
        assert.deepEqual(
          found.map((r) => r.oldText),
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('decoding an encoded text gives it back, BOM and line breaks included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), (body, bom, eol) => {
        const t = body.replace(/\0/g, '').replace(/\n/g, eol);
        const decoded = decodeText(encodeText({ text: t, bom, eol }));
        assert.ok(decoded);
        assert.equal(decoded.text, t);
        assert.equal(decoded.bom, bom);
      }),
      { numRuns: 300 },
    );
  });
});
