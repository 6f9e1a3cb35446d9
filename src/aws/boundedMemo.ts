/**
 * Values computed once per key, at most `maxEntries` of them: when full, the least recently used
 * goes first. For caches whose keys come from outside (policies, requests, a bot's text), so
 * that no input can make them grow without limit. Plain Node, no dependencies.
 */
export class BoundedMemo<K, V> {
  // A Map iterates in insertion order: a hit is moved to the end, so the first key is the least recently used.
  private readonly entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`A BoundedMemo needs at least one entry, not ${maxEntries}`);
  }

  /** How many values are kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** The value kept for `key` (undefined counts as a value), else `compute()`'s, kept; nothing is kept when it throws. */
  get(key: K, compute: () => V): V {
    const entries = this.entries;
    const kept = entries.get(key);
    if (kept !== undefined || entries.has(key)) {
      entries.delete(key);
      entries.set(key, kept as V);
      return kept as V;
    }
    const value = compute();
    if (entries.size >= this.maxEntries) entries.delete(entries.keys().next().value as K);
    entries.set(key, value);
    return value;
  }
}
