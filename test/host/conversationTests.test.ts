import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, commandError, run } from './support';

const PIZZA_DELIVERY = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'lex-exports', 'PizzaDelivery-DRAFT-LexJson.zip');

interface Summary {
  passed: number;
  failed: number;
  results: {
    file: string;
    conversation: string;
    passed: boolean;
    error?: string;
    failures: { turn: number; field: string; expected: string; actual: string }[];
  }[];
  coverage: { bot: string; untested: string[]; intentsExercised: number; intents: number }[];
}

/** The sample, against the real PizzaDelivery export, with one conversation that expects wrongly. */
function pizzaTests(botId: string): string {
  return `# Conversation tests of the PizzaDelivery bot
bot: { botId: ${botId}, botAliasId: TSTALIASID, localeId: en_US }
conversations:
  - name: order a large cheese pizza
    sessionAttributes: { channel: web }
    turns:
      - user: I want to order pizza
        intent: PizzaOrdering
        state: InProgress
        elicit: PizzaSize
        says: /what size/i
      - user: large
        slots: { PizzaSize: large }
        elicit: PizzaType
      - user: cheese
        says: /large cheese/
      - user: "yes"
        state: Fulfilled
  - name: expects the wrong size
    turns:
      - user: I want pizza
        elicit: PizzaSize
      - user: small
        slots: { PizzaSize: large }
`;
}

describe('conversation tests in the Test Explorer, against the sandbox (extension host)', function () {
  this.timeout(120_000);
  let stateDir: string;
  let testsDir: string;
  let botId: string;
  const file = (name: string) => path.join(testsDir, name);

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-convtests-'));
    await run('startSandbox', { stateDir });
    ({ botId } = await run<{ botId: string }>('importBot', { path: PIZZA_DELIVERY }));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host opens a workspace folder');
    testsDir = fs.mkdtempSync(path.join(folder, 'convtests-'));
    fs.writeFileSync(file('pizza.lextest.yaml'), pizzaTests(botId));
  });
  after(async () => {
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(testsDir, { recursive: true, force: true });
  });

  it('shows each file, its conversations (with their lines) and their turns in the Test Explorer', async () => {
    const rows = await (await activeExtension()).exports.conversationTestRows();
    const pizza = rows.find((row) => row.file.endsWith('pizza.lextest.yaml'));
    assert.ok(pizza, JSON.stringify(rows));
    assert.deepEqual(
      pizza.conversations.map((c) => [c.label, c.line, c.turns.length]),
      [
        ['order a large cheese pizza', 3, 4],
        ['expects the wrong size', 18, 2],
      ],
    );
    assert.equal(pizza.conversations[0].turns[0], '1. I want to order pizza');
  });

  it('runs them: a conversation that holds passes, a wrong expectation fails at its turn with expected and actual; coverage names what no test reached', async () => {
    const summary = await run<Summary>('runConversationTests', { files: [file('pizza.lextest.yaml')] });
    assert.deepEqual([summary.passed, summary.failed], [1, 1], JSON.stringify(summary, null, 2));
    const failed = summary.results.find((r) => !r.passed)!;
    assert.equal(failed.conversation, 'expects the wrong size');
    assert.deepEqual(failed.failures, [
      { turn: 1, field: 'slots', expected: JSON.stringify({ PizzaSize: 'large' }, null, 2), actual: JSON.stringify({ PizzaSize: 'small' }, null, 2) },
    ]);
    assert.equal(summary.coverage.length, 1);
    assert.deepEqual(summary.coverage[0].untested.slice().sort(), ['Drinkordering', 'FallbackIntent', 'Greetings']);
  });

  it('through an identity pool, as the web page calls: a guest of a pool allowed on this alias', async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', {
      name: 'ConvTestsPool',
      botId,
      botAliasId: 'TSTALIASID',
      localeId: 'en_US',
    });
    const summary = await run<Summary>('runConversationTests', { files: [file('pizza.lextest.yaml')], target: { identityPoolId } });
    assert.deepEqual([summary.passed, summary.failed], [1, 1], JSON.stringify(summary.results, null, 2));
    const { identityPoolId: closed } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ConvTestsNoLex', allowUnauthenticated: true });
    const denied = await run<Summary>('runConversationTests', { files: [file('pizza.lextest.yaml')], target: { identityPoolId: closed } });
    assert.equal(denied.passed, 0);
    assert.match(denied.results[0].error ?? '', /AccessDeniedException/);
    // A file may not send just any secret of this machine as a password.
    const greedy = file('greedy.lextest.yaml');
    fs.writeFileSync(
      greedy,
      pizzaTests(botId).replace(
        'conversations:',
        'as: { userPoolId: us-east-1_AbCdEf123, clientId: 1example23456789abcdefghij, username: ana, passwordEnv: HOME }\nconversations:',
      ),
    );
    const refused = await run<Summary>('runConversationTests', { files: [greedy], target: { identityPoolId } });
    assert.equal(refused.passed, 0);
    assert.match(refused.results[0].error ?? '', /passwordEnv must name a variable that starts with LEXTEST_/);
  });

  it('a bad file: its problems are in Problems at their lines, and its tests error with them', async () => {
    const bad = file('bad.lextest.yaml');
    fs.writeFileSync(
      bad,
      `bot: { botId: ${botId}, botAliasId: TSTALIASID, localeId: en_US }\nconversations:\n  - name: typo\n    turns:\n      - user: hi\n        intnet: Greetings\n`,
    );
    const summary = await run<Summary>('runConversationTests', { files: [bad] });
    assert.equal(summary.failed, 1);
    assert.match(summary.results[0].error ?? '', /^Line 6: .*intnet/);
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(bad));
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, /intnet/.test(d.message)]),
      [[5, true]],
    );
  });

  it('Save as Test writes the chat conversation as a test, which then passes; a second one is appended, the file kept', async () => {
    const saved = file('saved.lextest.yaml');
    const conversation = {
      name: 'hello',
      turns: [{ user: 'Hello', expect: { intent: 'Greetings', state: 'Fulfilled' } }],
    };
    const bot = { botId, botAliasId: 'TSTALIASID', localeId: 'en_US' };
    await run('saveConversationTest', { bot, conversation, path: saved });
    const again = await run<{ name: string }>('saveConversationTest', { bot, conversation, path: saved });
    assert.equal(again.name, 'hello (2)');
    const summary = await run<Summary>('runConversationTests', { files: [saved] });
    assert.deepEqual([summary.passed, summary.failed], [2, 0], JSON.stringify(summary.results, null, 2));
  });

  it('exports a test file as a Test Workbench CSV and imports it back to the same conversations', async () => {
    const csv = file('pizza.csv');
    await run('exportTestWorkbenchCsv', { path: file('pizza.lextest.yaml'), out: csv });
    assert.match(fs.readFileSync(csv, 'utf8'), /I want to order pizza/);
    // A test set names no bot: the import is told which.
    const bot = { botId, botAliasId: 'TSTALIASID', localeId: 'en_US' };
    const imported = await run<{ file: string; conversations: number; problems: unknown[] }>('importTestWorkbenchCsv', {
      path: csv,
      out: file('imported.lextest.yaml'),
      bot,
    });
    assert.equal(imported.conversations, 2);
    assert.match(fs.readFileSync(imported.file, 'utf8'), new RegExp(`bot: \\{ botId: ${botId}`), 'the bot given is written in');
    assert.deepEqual(imported.problems, []);
    // The CSV has no names, states or regexes: turns, intents, slots and exact texts come back.
    const summary = await run<Summary>('runConversationTests', { files: [imported.file] });
    assert.deepEqual(
      summary.results.map((r) => r.passed),
      [true, false],
      JSON.stringify(summary.results, null, 2),
    );
    assert.deepEqual(
      summary.results[1].failures.map((f) => f.field),
      ['slots'],
    );
  });

  it('with no files given, runs every test file in the workspace (as Run All does)', async () => {
    const summary = await run<Summary>('runConversationTests', {});
    const pizza = summary.results.filter((r) => r.file === file('pizza.lextest.yaml'));
    assert.deepEqual(
      pizza.map((r) => [r.conversation, r.passed]),
      [
        ['order a large cheese pizza', true],
        ['expects the wrong size', false],
      ],
    );
  });

  it('says what it needs for bad args', async () => {
    assert.match((await commandError('cognitoBot.runConversationTests', { files: [] })).message, /"files" must be a list/);
    assert.match((await commandError('cognitoBot.runConversationTests', { target: { botId: 'nope' } })).message, /"target" needs/);
    assert.match(
      (
        await commandError('cognitoBot.saveConversationTest', {
          bot: { botId, botAliasId: 'TSTALIASID', localeId: 'en_US' },
          conversation: { name: 'x', turns: [] },
        })
      ).message,
      /must list the turns/,
    );
  });
});
