import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BOT_KEYS,
  CONFIRMATION_STATES,
  CONVERSATION_KEYS,
  FILE_KEYS,
  INTENT_STATES,
  parseTestFile,
  serializeTestFile,
  SIGNED_IN_KEYS,
  TURN_KEYS,
} from '../../../src/convtests/format';
import type { TestFile, TestFileSource, TextRange } from '../../../src/convtests/model';

// The issue's sample file, as written there.
const SAMPLE = `bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US }  # optional
as: guest            # or: { userPoolId, clientId, username, passwordEnv: VAR }
conversations:
  - name: order a large cheese pizza
    sessionAttributes: { channel: web }   # optional, sent with the first turn
    turns:
      - user: I want to order pizza
        intent: PizzaOrdering          # expected intent name
        state: InProgress              # dialog state (intent.state)
        elicit: PizzaSize              # slot being elicited
        says: /what size/i             # bot text: exact string, or /regex/flags
      - user: large
        slots: { PizzaSize: large }    # interpreted (or resolved) values
      - user: "yes"
        state: Fulfilled
`;

/** A range on one line, 0-based: line, from column, to column. */
function at(line: number, from: number, to: number): TextRange {
  return { start: { line, column: from }, end: { line, column: to } };
}

/** The file's one problem (failing when there are none or more). */
function onlyProblem(text: string) {
  const { problems } = parseTestFile(text);
  assert.equal(problems.length, 1, `expected one problem, got ${JSON.stringify(problems, null, 1)}`);
  return problems[0];
}

/** A file of one conversation whose one turn has these lines (indented as a turn's keys). */
function withTurn(...lines: string[]): string {
  return ['conversations:', '  - name: c', '    turns:', `      - ${lines[0]}`, ...lines.slice(1).map((l) => `        ${l}`), ''].join('\n');
}

/** Conversations and expectations only: what a round trip keeps. */
function content(file: TestFile | TestFileSource) {
  return {
    bot: file.bot,
    as: file.as,
    conversations: file.conversations.map((c) => ({
      name: c.name,
      sessionAttributes: c.sessionAttributes,
      turns: c.turns.map((t) => ({ user: t.user, expect: t.expect })),
    })),
  };
}

describe('convtests/format', () => {
  it("reads the issue's sample file into the model, with where each part is", () => {
    const file = parseTestFile(SAMPLE);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.bot, { botId: 'QZDHGFY6D5', botAliasId: 'TSTALIASID', localeId: 'en_US' });
    assert.deepEqual(file.as, { kind: 'guest' });
    assert.equal(file.conversations.length, 1);
    const [conversation] = file.conversations;
    assert.equal(conversation.name, 'order a large cheese pizza');
    assert.deepEqual(conversation.sessionAttributes, { channel: 'web' });
    assert.deepEqual(conversation.nameRange, at(3, 10, 36));
    assert.deepEqual(conversation.range.start, { line: 3, column: 4 });
    assert.deepEqual(
      conversation.turns.map((t) => ({ user: t.user, expect: t.expect })),
      [
        {
          user: 'I want to order pizza',
          expect: { intent: 'PizzaOrdering', state: 'InProgress', elicit: 'PizzaSize', says: { kind: 'regex', source: 'what size', flags: 'i' } },
        },
        { user: 'large', expect: { slots: { PizzaSize: 'large' } } },
        { user: 'yes', expect: { state: 'Fulfilled' } },
      ],
    );
    const [first, second, third] = conversation.turns;
    assert.deepEqual(first.range.start, { line: 6, column: 8 });
    assert.deepEqual(first.ranges, { user: at(6, 14, 35), intent: at(7, 16, 29), state: at(8, 15, 25), elicit: at(9, 16, 25), says: at(10, 14, 26) });
    assert.deepEqual(second.ranges, { user: at(11, 14, 19), slots: at(12, 15, 35) });
    assert.deepEqual(third.ranges, { user: at(13, 14, 19), state: at(14, 15, 24) });
  });

  it('reads YAML 1.2 core scalars as text: yes stays "yes", numbers keep the text written, null and ~ mean an empty slot', () => {
    const file = parseTestFile(withTurn('user: yes', 'slots: { Confirm: no, Size: 1.0, Count: 12, Flag: true, Topping: null, Crust: ~ }', 'intent: 42'));
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.conversations[0].turns[0].user, 'yes');
    assert.deepEqual(file.conversations[0].turns[0].expect, {
      slots: { Confirm: 'no', Size: '1.0', Count: '12', Flag: 'true', Topping: null, Crust: null },
      intent: '42',
    });
  });

  it('reads signed-in callers, and checks their ids and the variable name', () => {
    const as = (value: string) => parseTestFile(`as: ${value}\nconversations: []\n`);
    assert.deepEqual(as('{ userPoolId: us-east-1_AbC123, clientId: 1example23456789abcdefghij, username: ana, passwordEnv: ANA_PASSWORD }').as, {
      kind: 'signedIn',
      userPoolId: 'us-east-1_AbC123',
      clientId: '1example23456789abcdefghij',
      username: 'ana',
      passwordEnv: 'ANA_PASSWORD',
    });
    const badPool = onlyProblem('as: { userPoolId: pool, clientId: 1example23456789abcdefghij, username: ana, passwordEnv: P }\nconversations: []\n');
    assert.match(badPool.message, /userPoolId "pool" is not a user pool id: expected the region, an underscore/);
    assert.deepEqual(badPool.range, at(0, 18, 22));
    const badEnv = onlyProblem(
      'as: { userPoolId: us-east-1_A, clientId: 1example23456789abcdefghij, username: ana, passwordEnv: MY-PASS }\nconversations: []\n',
    );
    assert.match(badEnv.message, /passwordEnv "MY-PASS" is not an environment variable's name/);
    assert.deepEqual(badEnv.range, at(0, 97, 104));
    const notGuest = onlyProblem('as: anonymous\nconversations: []\n');
    assert.match(notGuest.message, /"as" is "guest" or a map/);
    assert.deepEqual(notGuest.range, at(0, 4, 13));
  });

  it('reports an unknown key with the expected keys and the nearest one, on the key', () => {
    const problem = onlyProblem(withTurn('user: hi', 'intnet: Order'));
    assert.equal(
      problem.message,
      'Unknown key "intnet" in a turn: expected one of user, intent, state, elicit, confirmation, slots, says, sessionAttributes. Did you mean "intent"?',
    );
    assert.deepEqual(problem.range, at(4, 8, 14));
    assert.doesNotMatch(onlyProblem(withTurn('user: hi', 'colour: red')).message, /Did you mean/, 'no suggestion when nothing is near');
    const misspelt = parseTestFile('conversation: []\n').problems;
    assert.match(misspelt[0].message, /^Unknown key "conversation" at the top of a test file: .*Did you mean "conversations"\?/);
    assert.match(misspelt[1].message, /^Missing key "conversations"/);
  });

  it('reports unknown keys in bot, in a conversation and in as', () => {
    assert.match(
      onlyProblem('bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US, region: us-east-1 }\nconversations: []\n').message,
      /Unknown key "region" in "bot"/,
    );
    const conversation = onlyProblem('conversations:\n  - name: c\n    turn: []\n    turns:\n      - user: hi\n');
    assert.match(conversation.message, /Unknown key "turn" in a conversation: expected one of name, sessionAttributes, turns. Did you mean "turns"\?/);
    assert.deepEqual(conversation.range, at(2, 4, 8));
  });

  it('checks the bot ids: TSTALIASID is an alias id, a bot id is 10 capitals and digits', () => {
    const problem = onlyProblem('bot: { botId: pizza, botAliasId: TSTALIASID, localeId: en_US }\nconversations: []\n');
    assert.equal(problem.message, 'botId "pizza" is not a Lex bot id: expected 10 uppercase letters and digits, like ABCDE12345.');
    assert.deepEqual(problem.range, at(0, 14, 19));
    assert.match(onlyProblem('bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: english }\nconversations: []\n').message, /not a Lex locale id/);
    const missing = onlyProblem('bot: { botId: QZDHGFY6D5, localeId: en_US }\nconversations: []\n');
    assert.match(missing.message, /^Missing key "botAliasId"/);
    assert.deepEqual(missing.range, at(0, 7, 12), 'a missing key is shown on the first key of its map');
  });

  it('checks state and confirmation against Lex V2, suggesting the right spelling', () => {
    const state = onlyProblem(withTurn('user: hi', 'state: fulfilled'));
    assert.equal(
      state.message,
      'state "fulfilled" is not one of Failed, Fulfilled, InProgress, ReadyForFulfillment, Waiting, FulfillmentInProgress. Did you mean "Fulfilled"?',
    );
    assert.deepEqual(state.range, at(4, 15, 24));
    const confirmation = onlyProblem(withTurn('user: hi', 'confirmation: Yes'));
    assert.match(confirmation.message, /^confirmation "Yes" is not one of Confirmed, Denied, None\.$/);
    assert.deepEqual(confirmation.range, at(4, 22, 25));
    assert.deepEqual(parseTestFile(withTurn('user: hi', 'state: Waiting', 'confirmation: Denied')).conversations[0].turns[0].expect, {
      state: 'Waiting',
      confirmation: 'Denied',
    });
  });

  it('reads says as exact text or /regex/flags, and reports a bad regex or flag', () => {
    const says = (value: string) => parseTestFile(withTurn('user: hi', `says: ${value}`));
    assert.deepEqual(says('"What size?"').conversations[0].turns[0].expect.says, { kind: 'exact', text: 'What size?' });
    assert.deepEqual(says('/^what (size|crust)/im').conversations[0].turns[0].expect.says, { kind: 'regex', source: '^what (size|crust)', flags: 'im' });
    assert.deepEqual(says('a/b/').conversations[0].turns[0].expect.says, { kind: 'exact', text: 'a/b/' }, 'only a text starting with / is a regex');
    const invalid = onlyProblem(withTurn('user: hi', 'says: /what (size/i'));
    assert.match(invalid.message, /^"\/what \(size\/i" is not a valid regular expression: /);
    assert.deepEqual(invalid.range, at(4, 14, 27));
    const flag = onlyProblem(withTurn('user: hi', 'says: /size/x'));
    assert.equal(flag.message, '"/size/x" has the flag x: a regular expression\'s flags are g, i, m, s, u, y.');
    assert.deepEqual(flag.range, at(4, 14, 21));
    assert.equal(says('/size/x').conversations[0].turns[0].expect.says, undefined, 'a bad says is not kept');
  });

  it('reports values of the wrong type, saying what is expected', () => {
    const list = onlyProblem(withTurn('user: hi', 'intent: [A, B]'));
    assert.equal(list.message, 'intent must be text, not a list.');
    assert.deepEqual(list.range, at(4, 16, 22));
    const slots = onlyProblem(withTurn('user: hi', 'slots: [Size]'));
    assert.match(slots.message, /^"slots" is a map of names to values/);
    assert.deepEqual(slots.range, at(4, 15, 21));
    const slotValue = onlyProblem(withTurn('user: hi', 'slots: { Size: { value: large } }'));
    assert.equal(slotValue.message, '"slots.Size" must be text, or null for "the slot is empty".');
    assert.deepEqual(slotValue.range, at(4, 23, 39));
    const attribute = onlyProblem(withTurn('user: hi', 'sessionAttributes: { channel: ~ }'));
    assert.equal(attribute.message, '"sessionAttributes.channel" must be text.');
    const turns = onlyProblem('conversations:\n  - name: c\n    turns: hello\n');
    assert.match(turns.message, /^"turns" is a list of one or more turns/);
    assert.deepEqual(turns.range, at(2, 11, 16));
    const top = onlyProblem('- just a list\n');
    assert.match(top.message, /^A test file is a map with the keys bot, as, conversations/);
  });

  it('reports a turn without user on its first key, and drops that turn', () => {
    const text = 'conversations:\n  - name: c\n    turns:\n      - intent: Order\n        state: Fulfilled\n      - user: hi\n';
    const problem = onlyProblem(text);
    assert.equal(problem.message, 'Missing key "user": a turn starts with what the user says.');
    assert.deepEqual(problem.range, at(3, 8, 14));
    assert.deepEqual(
      parseTestFile(text).conversations[0].turns.map((t) => t.user),
      ['hi'],
    );
    assert.match(onlyProblem(withTurn('user: ""')).message, /^user must not be empty\.$/);
  });

  it('reports a conversation without a name or turns, and keeps conversations in order', () => {
    const noName = onlyProblem('conversations:\n  - turns:\n      - user: hi\n');
    assert.match(noName.message, /^Missing key "name"/);
    assert.deepEqual(noName.range, at(1, 4, 9));
    assert.match(onlyProblem('conversations:\n  - name: c\n').message, /^Missing key "turns"/);
    assert.match(onlyProblem('bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US }\n').message, /^Missing key "conversations"/);
    const names = ['zeta', 'alpha', 'mid'];
    const file = parseTestFile(`conversations:\n${names.map((n) => `  - name: ${n}\n    turns: [{ user: hi }]\n`).join('')}`);
    assert.deepEqual(
      file.conversations.map((c) => c.name),
      names,
    );
  });

  it('reports a duplicate conversation name on the second, which is dropped', () => {
    const text = 'conversations:\n  - name: order\n    turns: [{ user: a }]\n  - name: order\n    turns: [{ user: b }]\n';
    const problem = onlyProblem(text);
    assert.equal(problem.message, 'Conversation "order" is already named on line 2: each conversation needs its own name (it is the test\'s id).');
    assert.deepEqual(problem.range, at(3, 10, 15));
    assert.deepEqual(
      parseTestFile(text).conversations.map((c) => c.turns[0].user),
      ['a'],
    );
  });

  it('reports YAML syntax errors and duplicate keys where they are', () => {
    const syntax = parseTestFile('conversations:\n  - name: c\n    turns: [{ user: hi }\n  - name: d\n    turns: [{ user: x }]\n');
    assert.ok(syntax.problems.length >= 1);
    assert.ok(
      syntax.problems.every((p) => p.message.startsWith('YAML syntax error: ')),
      'only the YAML errors, not their echoes',
    );
    assert.equal(syntax.problems[0].message, 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]');
    assert.deepEqual(syntax.problems[0].range, at(3, 2, 3));
    const duplicate = parseTestFile(withTurn('user: hi', 'intent: A', 'intent: B'));
    assert.equal(duplicate.problems.length, 1);
    assert.match(duplicate.problems[0].message, /^YAML syntax error: Map keys must be unique/);
    assert.equal(duplicate.problems[0].range.start.line, 5);
  });

  it('lists problems in the order of the file', () => {
    const { problems } = parseTestFile(withTurn('user: hi', 'state: done', 'intnet: A', 'confirmation: maybe'));
    assert.deepEqual(
      problems.map((p) => p.range.start.line),
      [4, 5, 6],
    );
  });

  it('writes a file that reads back to the same conversations and expectations', () => {
    const source: TestFileSource = {
      bot: { botId: 'QZDHGFY6D5', botAliasId: 'TSTALIASID', localeId: 'en_US' },
      as: { kind: 'signedIn', userPoolId: 'us-east-1_AbC123', clientId: '1example23456789abcdefghij', username: 'ana', passwordEnv: 'ANA_PASSWORD' },
      conversations: [
        {
          name: 'order: a "large" pizza # tonight',
          sessionAttributes: { channel: 'web', tier: '1' },
          turns: [
            {
              user: 'I want to order pizza',
              expect: { intent: 'PizzaOrdering', state: 'InProgress', elicit: 'PizzaSize', says: { kind: 'regex', source: 'what size\\?', flags: 'i' } },
            },
            { user: 'large', expect: { slots: { PizzaSize: 'large', Crust: null, Count: '1' } } },
            {
              user: 'yes',
              expect: {
                confirmation: 'Confirmed',
                state: 'Fulfilled',
                says: { kind: 'exact', text: 'Done: your order # is 1.' },
                sessionAttributes: { paid: 'no' },
              },
            },
            { user: 'no', expect: { says: { kind: 'exact', text: '1' } } },
            { user: '1', expect: { intent: 'true', says: { kind: 'regex', source: 'a: b #c', flags: '' } } },
            { user: ' spaced ', expect: { slots: { A: 'one', B: 'two', C: 'three', D: 'four' } } },
          ],
        },
        { name: 'yes', turns: [{ user: '~', expect: { says: { kind: 'exact', text: 'null' } } }] },
      ],
    };
    const text = serializeTestFile(source);
    const back = parseTestFile(text);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(content(back), content(source));
    assert.match(text, /^# Conversation tests for an Amazon Lex V2 bot/, 'a header says what the file is');
    assert.match(text, /Test Explorer/, 'and how to run it');
    assert.match(text, /^bot: \{ botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US \}$/m, 'bot is a flow map');
    assert.match(text, /slots: \{ PizzaSize: large, Crust: null, Count: "1" \}/, 'small slots are a flow map');
    assert.match(text, /- user: "yes"$/m, 'YAML 1.1 booleans are quoted for other readers');
    assert.match(text, /says: \/what size\\\?\/i$/m, 'a regex is written /source/flags');
  });

  it('writes an exact says that looks like a regex as a regex matching just that text', () => {
    const source: TestFileSource = { conversations: [{ name: 'c', turns: [{ user: 'hi', expect: { says: { kind: 'exact', text: '/help/i' } } }] }] };
    const says = parseTestFile(serializeTestFile(source)).conversations[0].turns[0].expect.says;
    assert.ok(says?.kind === 'regex');
    const regex = new RegExp(says.source, says.flags);
    assert.ok(regex.test('/help/i'));
    assert.ok(!regex.test('/HELP/i') && !regex.test('say /help/i'));
  });

  describe('the JSON schema (schemas/lextest.schema.json)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../schemas/lextest.schema.json'), 'utf8'));
    const keys = (object: { properties: object }) => Object.keys(object.properties);

    it('lists the keys the parser takes, map by map, and its enums', () => {
      assert.deepEqual(keys(schema), [...FILE_KEYS]);
      assert.deepEqual(keys(schema.properties.bot), [...BOT_KEYS]);
      assert.deepEqual(keys(schema.properties.as.oneOf[1]), [...SIGNED_IN_KEYS]);
      assert.equal(schema.properties.as.oneOf[0].const, 'guest');
      assert.deepEqual(keys(schema.definitions.conversation), [...CONVERSATION_KEYS]);
      assert.deepEqual(keys(schema.definitions.turn), [...TURN_KEYS]);
      assert.deepEqual(schema.definitions.turn.properties.state.enum, [...INTENT_STATES]);
      assert.deepEqual(schema.definitions.turn.properties.confirmation.enum, [...CONFIRMATION_STATES]);
    });

    it('describes a file the parser reads without a problem, every key given', () => {
      // A document with every property the schema lists, in its JSON form: the parser takes all of it.
      const file = {
        bot: { botId: 'QZDHGFY6D5', botAliasId: 'TSTALIASID', localeId: 'en_US' },
        as: { userPoolId: 'us-east-1_AbC123', clientId: '1example23456789abcdefghij', username: 'ana', passwordEnv: 'P' },
        conversations: [
          {
            name: 'c',
            sessionAttributes: { a: 'b' },
            turns: [
              {
                user: 'hi',
                intent: 'I',
                state: 'Fulfilled',
                elicit: 'S',
                confirmation: 'None',
                slots: { S: null },
                says: '/x/',
                sessionAttributes: { a: 'b' },
              },
            ],
          },
        ],
      };
      assert.deepEqual(keys(schema.definitions.turn), Object.keys(file.conversations[0].turns[0]));
      assert.deepEqual(parseTestFile(JSON.stringify(file, null, 2)).problems, []);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      for (const [name, property] of Object.entries({ ...schema.properties, ...schema.definitions.turn.properties }))
        assert.ok((property as { description?: string }).description, `${name} has a description`);
    });
  });
});
