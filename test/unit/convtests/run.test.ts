import * as assert from 'node:assert/strict';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { loadSdk, type Sdk } from '../../../src/aws/loadSdk';
import { intentsWithSlots } from '../../../src/aws/services/lexModels';
import { coverageOf, describeCoverage } from '../../../src/convtests/coverage';
import type { Conversation, TestTurn, TurnExpectation } from '../../../src/convtests/model';
import { runConversations } from '../../../src/convtests/run';
import { lexSession } from '../../../src/convtests/sessions';
import { type RunningSandbox, sandboxBotId, startSandboxServer } from '../../../src/sandbox';
import { awsContextFor } from '../support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };
const AT = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };

function turn(user: string, expect: TurnExpectation, line = 0): TestTurn {
  const range = { start: { line, column: 0 }, end: { line, column: 10 } };
  return { user, expect, range, ranges: Object.fromEntries(Object.keys(expect).map((key) => [key, range])) };
}

function conversation(name: string, ...turns: TestTurn[]): Conversation {
  return { name, turns, range: AT, nameRange: AT };
}

describe('conversation tests running against the sandbox (convtests/run)', () => {
  let sandbox: RunningSandbox;
  let factory: ClientFactory;
  let connection: Connection;
  let sdk: Sdk;
  const deleted: string[] = [];

  before(async () => {
    sandbox = await startSandboxServer({});
    connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000, maxAttempts: 1 });
    sdk = await loadSdk();
  });
  after(async () => {
    factory.clear();
    await sandbox.close();
  });

  async function open() {
    const session = lexSession(sdk, await factory.client(connection, 'lexRuntime'), BOT);
    return {
      recognize: session.recognize,
      async end() {
        await session.end();
        deleted.push('session');
      },
    };
  }

  it('passes a conversation whose turns do what it expects, and fails one at the turn and field that differ', async () => {
    const ordering = conversation(
      'order a coffee',
      turn('I want to order a coffee', { intent: 'OrderCoffee', state: 'InProgress', elicit: 'Drink' }),
      turn('a latte', { slots: { Drink: 'latte' }, elicit: 'Size' }),
    );
    const wrong = conversation(
      'wrong expectations',
      turn('when are you open', { intent: 'OpeningHours', says: { kind: 'regex', source: 'open', flags: 'i' } }),
      turn('I want to order a coffee', { intent: 'OpeningHours', elicit: 'Size' }, 7),
    );
    const started: string[] = [];
    const [passing, failing] = await runConversations([ordering, wrong], open, { onStart: (c) => started.push(c.name) });
    assert.deepEqual(started.sort(), ['order a coffee', 'wrong expectations']);
    assert.equal(passing.passed, true, JSON.stringify(passing, null, 2));
    assert.equal(failing.passed, false);
    assert.deepEqual(
      failing.failures.map((f) => [f.turn, f.field, f.expected, f.actual, f.range?.start.line]),
      [
        [1, 'intent', 'OpeningHours', 'OrderCoffee', 7],
        [1, 'elicit', 'Size', 'Drink', 7],
      ],
    );
    assert.equal(deleted.length, 2, 'each conversation had its own session, deleted afterwards');
  });

  it('a call that fails ends the conversation as an error on that turn, the session still deleted', async () => {
    const before = deleted.length;
    const noSuchAlias = async () => {
      const session = lexSession(sdk, await factory.client(connection, 'lexRuntime'), { ...BOT, botAliasId: 'NOSUCHALIA' });
      return { recognize: session.recognize, end: async () => void deleted.push('session') };
    };
    const [result] = await runConversations([conversation('nowhere', turn('hello', {}), turn('again', {}))], noSuchAlias);
    assert.equal(result.passed, false);
    assert.equal(result.turns.length, 1, 'the later turns do not run');
    assert.match(result.turns[0].error ?? '', /ResourceNotFoundException/);
    assert.equal(deleted.length, before + 1);
  });

  it("reports which of the bot's intents and slots the run exercised, and names the ones no test reached", async () => {
    const ctx = await awsContextFor(factory, connection);
    const outline = { intents: await intentsWithSlots(ctx, BOT.botId, 'DRAFT', BOT.localeId) };
    assert.deepEqual(outline.intents.map((i) => i.name).sort(), ['FallbackIntent', 'Greeting', 'OpeningHours', 'OrderCoffee']);
    const results = await runConversations([conversation('order', turn('I want to order a coffee', {}), turn('a latte', {}))], open);
    const coverage = coverageOf(outline, results);
    assert.deepEqual(coverage.untested.slice().sort(), ['FallbackIntent', 'Greeting', 'OpeningHours']);
    const order = coverage.intents.find((i) => i.name === 'OrderCoffee')!;
    assert.deepEqual(
      order.slots.filter((s) => s.exercised).map((s) => s.name),
      ['Drink'],
    );
    assert.match(describeCoverage('CoffeeShop', coverage), /1 of 4 intents, 1 of \d+ slots exercised[\s\S]*No test reaches: /);
  });
});

describe('conversation tests: cancelling a run', () => {
  it('conversations not started when the run is cancelled do not start, and are not reported', async () => {
    const abort = new AbortController();
    const reported: string[] = [];
    const session = {
      async recognize() {
        abort.abort(); // cancelled while the first conversation talks
        return { sessionState: { intent: { name: 'Greeting', state: 'Fulfilled' as const } }, messages: [] };
      },
      end: async () => undefined,
    };
    const conversations = ['one', 'two', 'three'].map((name) => ({ name, turns: [turn('hi', {})], range: AT, nameRange: AT }));
    const results = await runConversations(conversations, async () => session, {
      concurrency: 1,
      signal: abort.signal,
      onResult: (r) => reported.push(r.conversation),
    });
    assert.deepEqual(
      results.map((r) => r.conversation),
      ['one'],
    );
    assert.deepEqual(reported, ['one']);
  });
});
