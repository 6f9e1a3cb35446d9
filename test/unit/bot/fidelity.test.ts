import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BotEngine } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import { compareTurn, observe } from '../../../src/convtests/compare';
import { parseTestFile } from '../../../src/convtests/format';

// The fidelity suite: for each dialog feature, a small export under
// test/fixtures/lex-exports/fidelity/<Feature>/ (the console's LexJson layout) and its
// conversations.lextest.yaml, whose expectations are what the Lex V2 developer guide documents
// (each file names its pages). Every conversation runs turn by turn against a fresh engine and
// each turn is compared as the conversation-test runner compares it.

const FIDELITY = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lex-exports', 'fidelity');
const LOCALE = 'en_US';
/** The first turn's time, the guide's "today" in AMAZON.Date's examples (2020-11-25). */
const START = Date.parse('2020-11-25T12:00:00Z');
/** Each turn comes this much after the one before, so a context's time to live in seconds can run out. */
const TURN_GAP_MS = 40_000;
/** Problems a fixture has on purpose (none so far): the file and field of each. */
const EXPECTED_PROBLEMS: Record<string, string[]> = {};

const features = fs
  .readdirSync(FIDELITY, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('fidelity: exports and conversations as the Lex V2 guide documents them', () => {
  for (const feature of features) {
    describe(feature, () => {
      const folder = path.join(FIDELITY, feature);
      const file = parseTestFile(fs.readFileSync(path.join(folder, 'conversations.lextest.yaml'), 'utf8'));

      it('loads without problems and its conversation file reads cleanly', () => {
        const { problems } = loadBot(folder);
        assert.deepEqual(
          problems.map((p) => `${p.file} ${p.field}`),
          EXPECTED_PROBLEMS[feature] ?? [],
          problems.map((p) => `${p.file} ${p.field}: ${p.message}`).join('\n'),
        );
        assert.deepEqual(file.problems, []);
        assert.ok(file.conversations.length > 0, 'the file has conversations');
      });

      for (const conversation of file.conversations) {
        it(`${feature}: ${conversation.name}`, async () => {
          let turnIndex = 0;
          const engine = new BotEngine(loadBot(folder).bot, { now: () => new Date(START + turnIndex * TURN_GAP_MS), random: () => 0 });
          const failures: string[] = [];
          for (const [index, turn] of conversation.turns.entries()) {
            turnIndex = index;
            const response = await engine.recognizeText(LOCALE, 'fidelity', {
              text: turn.user,
              ...(index === 0 && conversation.sessionAttributes ? { sessionState: { sessionAttributes: { ...conversation.sessionAttributes } } } : {}),
            });
            const observation = observe(response as Parameters<typeof observe>[0]);
            for (const difference of compareTurn(turn.expect, observation)) {
              failures.push(
                `turn ${index + 1} ("${turn.user}", line ${turn.range.start.line + 1}) ${difference.field}:\n    expected ${difference.expected}\n    actual   ${difference.actual}`,
              );
            }
          }
          assert.ok(failures.length === 0, `${feature} / ${conversation.name}: the bot differs from what Lex documents:\n  ${failures.join('\n  ')}`);
        });
      }
    });
  }
});
