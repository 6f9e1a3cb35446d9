import * as assert from 'node:assert/strict';
import { type Pin, pinIdProblem, PinStore, type PinState } from '../../../src/pools/pins';

/** Global state kept in memory, storing copies as VS Code's Memento does (JSON). */
function memoryState(): PinState & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(JSON.stringify(values.get(key))) as T) : undefined),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

const HERE = 'profile:dev@us-east-1';
const THERE = 'profile:dev@eu-west-1';
const POOL: Pin = { kind: 'userPool', id: 'us-east-1_AbCdEf123', name: 'WebChatPool' };
const IDENTITY: Pin = { kind: 'identityPool', id: 'us-east-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', name: 'BotPool' };
const BOT: Pin = { kind: 'bot', id: 'ABCDE12345', name: 'CoffeeShop' };

describe('pools/pins: resources opened by id, kept per connection', () => {
  it('keeps pins per connection: another connection has none of them', async () => {
    const store = new PinStore(memoryState());
    await store.add(HERE, POOL);
    await store.add(HERE, BOT);
    await store.add(THERE, IDENTITY);
    assert.deepEqual(store.list(HERE), [POOL, BOT]);
    assert.deepEqual(store.list(THERE), [IDENTITY]);
    assert.deepEqual(store.list('sandbox:http://127.0.0.1:4599@us-east-1'), []);
    assert.deepEqual(store.list(HERE, 'bot'), [BOT]);
    assert.ok(store.has(HERE, 'userPool', POOL.id));
    assert.ok(!store.has(THERE, 'userPool', POOL.id));
  });

  it('pins an id once: pinning it again keeps its place and takes the new name', async () => {
    const store = new PinStore(memoryState());
    assert.equal(await store.add(HERE, POOL), true);
    await store.add(HERE, BOT);
    assert.equal(await store.add(HERE, { ...POOL, name: 'RenamedPool' }), false);
    assert.deepEqual(store.list(HERE), [{ ...POOL, name: 'RenamedPool' }, BOT]);
    // The same id text of another kind is another pin (a bot id is also an alias id's shape).
    assert.equal(await store.add(HERE, { kind: 'identityPool', id: IDENTITY.id, name: 'x' }), true);
    assert.equal(store.list(HERE).length, 3);
  });

  it('removes a pin of that connection only, and leaves no key behind for an empty list', async () => {
    const state = memoryState();
    const store = new PinStore(state);
    await store.add(HERE, POOL);
    await store.add(THERE, POOL);
    assert.equal(await store.remove(HERE, 'userPool', POOL.id), true);
    assert.equal(await store.remove(HERE, 'userPool', POOL.id), false);
    assert.deepEqual(store.list(HERE), []);
    assert.deepEqual(store.list(THERE), [POOL]);
    assert.deepEqual([...state.values.keys()], [`cognitoBot.pins/${THERE}`]);
  });

  it('reads the state afresh: a new store over the same state (a reloaded window) has the pins', async () => {
    const state = memoryState();
    await new PinStore(state).add(HERE, POOL);
    assert.deepEqual(new PinStore(state).list(HERE), [POOL]);
  });

  it('skips what is not a pin in the state (a hand-edited or older value)', async () => {
    const state = memoryState();
    await state.update(`cognitoBot.pins/${HERE}`, [POOL, { kind: 'toString', id: 'x', name: 'x' }, { kind: 'bot', id: 'lowercase1', name: 'x' }, null, 'text']);
    assert.deepEqual(new PinStore(state).list(HERE), [POOL]);
    await state.update(`cognitoBot.pins/${THERE}`, { not: 'a list' });
    assert.deepEqual(new PinStore(state).list(THERE), []);
  });

  it('says, as an id is typed, what an id of the kind looks like', () => {
    assert.equal(pinIdProblem('userPool', 'us-east-1_AbCdEf123'), undefined);
    assert.equal(pinIdProblem('userPool', ' us-east-1_AbCdEf123 '), undefined, 'pasted with spaces');
    assert.match(pinIdProblem('userPool', 'us-east-1')!, /^User pool ids are .*like us-east-1_AbCdEfGhI/);
    assert.match(pinIdProblem('identityPool', 'us-east-1_AbCdEf123')!, /^Identity pool ids are .*us-east-1:0a1b2c3d-/);
    assert.match(pinIdProblem('bot', 'coffee')!, /^Lex bot ids are 10 uppercase letters and digits/);
    assert.equal(pinIdProblem('bot', BOT.id), undefined);
  });
});
