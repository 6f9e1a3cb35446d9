import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A JSON document on disk with a version field, written atomically (temp file + rename) so a
 * crash never leaves half a file. A file that cannot be read as this version is moved aside
 * and reported, never silently overwritten.
 */
export class JsonStore<T extends { version: number }> {
  private constructor(
    private readonly file: string | undefined,
    private current: T,
  ) {}

  /** A store that lives in memory only (tests, or no state folder). */
  static inMemory<T extends { version: number }>(initial: T): JsonStore<T> {
    return new JsonStore<T>(undefined, initial);
  }

  /**
   * Opens `dir/name`, creating it from `empty()` when missing. `onWarning` hears about a
   * corrupt or foreign file and where it was moved.
   */
  static open<T extends { version: number }>(
    dir: string,
    name: string,
    empty: () => T,
    onWarning: (message: string) => void,
    complete: (state: T) => T = (state) => state,
  ): JsonStore<T> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    let state: T | undefined;
    if (fs.existsSync(file)) {
      const expected = empty().version;
      let problem: string | undefined;
      try {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
        if (typeof parsed !== 'object' || parsed === null) problem = 'it is not a JSON object';
        else if (parsed.version !== expected) problem = `its version is ${JSON.stringify(parsed.version)}, not ${expected}`;
        else state = complete(parsed as T);
      } catch (error) {
        problem = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
      }
      if (problem) {
        const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(file, aside);
        onWarning(`The sandbox state ${file} could not be used because ${problem}. It was moved to ${aside}; the sandbox starts empty.`);
      }
    }
    const store = new JsonStore<T>(file, state ?? empty());
    if (!state) store.save();
    return store;
  }

  get state(): T {
    return this.current;
  }

  /** Applies a change and persists it; a change that throws leaves state and file as they were. */
  update<R>(change: (draft: T) => R): R {
    const draft = structuredClone(this.current);
    const result = change(draft);
    this.current = draft;
    this.save();
    return result;
  }

  private save(): void {
    if (!this.file) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(this.current, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }
}
