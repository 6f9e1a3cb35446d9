import * as assert from 'node:assert/strict';
import { appendConversation } from '../../../src/convtests/append';
import { compareTurn, observe, REGEX_TIME_LIMIT_MS } from '../../../src/convtests/compare';
import { parseTestFile } from '../../../src/convtests/format';

const FILE = `# my tests: keep this comment
bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US }
conversations:
  - name: hello
    turns:
      - user: hi there, this is a rather long line that a YAML writer folding at eighty columns would break in two
        intent: Greeting
  - name: open
    turns:
      - user: when are you open
`;

describe('convtests: appending, ranges, and patterns from a file', () => {
  it('appends a conversation at the end, keeping the comments and the long lines; a taken name gets (2)', () => {
    const { text, name } = appendConversation(FILE, { name: 'hello', turns: [{ user: 'Hello', expect: { intent: 'Greeting' } }] });
    assert.equal(name, 'hello (2)');
    assert.ok(text.startsWith('# my tests: keep this comment\n'), text);
    assert.ok(text.includes('      - user: hi there, this is a rather long line that a YAML writer folding at eighty columns would break in two\n'), text);
    const parsed = parseTestFile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.conversations.map((c) => c.name),
      ['hello', 'open', 'hello (2)'],
    );
  });

  it("a conversation's range ends on its own last line, not where the next one begins", () => {
    const [hello, open] = parseTestFile(FILE).conversations;
    assert.equal(hello.range.end.line, 6);
    assert.equal(open.range.start.line, 7);
    assert.ok(hello.turns[0].range.end.line < open.range.start.line);
  });

  it('a pattern that would take forever on the answer stops at the time limit and says so', () => {
    const observation = observe({ messages: [{ contentType: 'PlainText', content: `${'a'.repeat(40)}!` }] });
    const started = Date.now();
    assert.throws(() => compareTurn({ says: { kind: 'regex', source: '^(a+)+$', flags: '' } }, observation), /took longer than 50 ms/);
    assert.ok(Date.now() - started < REGEX_TIME_LIMIT_MS * 20, 'it did not run on');
    assert.deepEqual(compareTurn({ says: { kind: 'regex', source: 'A+!', flags: 'i' } }, observation), []);
  });
});
