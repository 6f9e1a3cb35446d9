import * as assert from 'node:assert/strict';
import { BoundedMemo } from '../../../src/aws/boundedMemo';

/** A memo of strings whose computations are counted by key. */
function countingMemo(maxEntries: number) {
  const memo = new BoundedMemo<string, string>(maxEntries);
  const computed: string[] = [];
  const get = (key: string) => memo.get(key, () => (computed.push(key), `value of ${key}`));
  return { memo, computed, get };
}

describe('aws/boundedMemo', () => {
  it('computes each key once while it is kept', () => {
    const { computed, get } = countingMemo(4);
    assert.equal(get('a'), 'value of a');
    assert.equal(get('b'), 'value of b');
    assert.equal(get('a'), 'value of a');
    assert.equal(get('b'), 'value of b');
    assert.deepEqual(computed, ['a', 'b']);
  });

  it('never keeps more than its bound, however many keys come', () => {
    const { memo, get } = countingMemo(10);
    for (let i = 0; i < 1000; i++) {
      get(`key ${i}`);
      assert.ok(memo.size <= 10, `size ${memo.size} after ${i + 1} keys`);
    }
    assert.equal(memo.size, 10);
  });

  it('evicts the least recently inserted key when none was read again', () => {
    const { computed, get } = countingMemo(3);
    for (const key of ['a', 'b', 'c', 'd']) get(key);
    for (const key of ['b', 'c', 'd']) get(key);
    assert.deepEqual(computed, ['a', 'b', 'c', 'd'], 'b, c and d are still kept');
    get('a');
    assert.deepEqual(computed, ['a', 'b', 'c', 'd', 'a'], 'a was evicted');
  });

  it('evicts the least recently used key, not the oldest: a hit keeps a key', () => {
    const { computed, get } = countingMemo(2);
    get('a');
    get('b');
    get('a'); // a is now the most recently used
    get('c'); // evicts b
    assert.deepEqual(computed, ['a', 'b', 'c']);
    get('a');
    assert.deepEqual(computed, ['a', 'b', 'c'], 'a survived, being used since b');
    get('b');
    assert.deepEqual(computed, ['a', 'b', 'c', 'b'], 'b was evicted');
  });

  it('keeps only the most recent key with a bound of one', () => {
    const { memo, computed, get } = countingMemo(1);
    get('a');
    get('a');
    get('b');
    get('a');
    assert.deepEqual(computed, ['a', 'b', 'a']);
    assert.equal(memo.size, 1);
  });

  it('keeps undefined as a value', () => {
    const memo = new BoundedMemo<string, string | undefined>(2);
    let calls = 0;
    const compute = () => (calls++, undefined);
    assert.equal(memo.get('missing', compute), undefined);
    assert.equal(memo.get('missing', compute), undefined);
    assert.equal(calls, 1);
  });

  it('keeps nothing when the computation throws', () => {
    const { memo, computed, get } = countingMemo(2);
    assert.throws(
      () =>
        memo.get('bad', () => {
          throw new Error('cannot');
        }),
      /cannot/,
    );
    assert.equal(memo.size, 0);
    get('bad');
    assert.deepEqual(computed, ['bad']);
  });

  it('refuses a bound that keeps nothing', () => {
    for (const bound of [0, -1, 1.5, Number.NaN]) assert.throws(() => new BoundedMemo(bound), RangeError);
  });
});
