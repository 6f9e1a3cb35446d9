import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonStore } from '../../../src/sandbox/store';

interface State {
  version: 1;
  items: string[];
}
const empty = (): State => ({ version: 1, items: [] });

describe('sandbox/store', () => {
  let dir: string;
  let warnings: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-store-'));
    warnings = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const open = () => JsonStore.open(dir, 'state.json', empty, (w) => warnings.push(w));

  it('keeps what was written across a reopen, with its version', () => {
    open().update((s) => s.items.push('pool-1'));
    const reopened = open();
    assert.deepEqual(reopened.state, { version: 1, items: ['pool-1'] });
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).version, 1);
    assert.deepEqual(warnings, []);
  });

  it('writes through a temp file and a rename, leaving no temp file behind', () => {
    const store = open();
    store.update((s) => s.items.push('a'));
    assert.deepEqual(fs.readdirSync(dir), ['state.json']);
  });

  it('leaves state and file unchanged when a change throws', () => {
    const store = open();
    store.update((s) => s.items.push('kept'));
    assert.throws(() =>
      store.update((s) => {
        s.items.push('lost');
        throw new Error('invalid');
      }),
    );
    assert.deepEqual(store.state.items, ['kept']);
    assert.deepEqual(open().state.items, ['kept']);
  });

  for (const [what, content] of [
    ['not JSON', '{"version": 1, "items": ['],
    ['another version', '{"version": 99, "items": []}'],
  ] as const) {
    it(`moves a file that is ${what} aside, reports it, and starts empty`, () => {
      fs.writeFileSync(path.join(dir, 'state.json'), content);
      const store = open();
      assert.deepEqual(store.state, empty());
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /could not be used because .* moved to .*state\.json\.corrupt-/);
      const aside = fs.readdirSync(dir).find((f) => f.startsWith('state.json.corrupt-'));
      assert.ok(aside, 'the corrupt file was kept');
      assert.equal(fs.readFileSync(path.join(dir, aside), 'utf8'), content);
    });
  }
});
