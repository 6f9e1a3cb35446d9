import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** package.json as it is written, its user-facing strings as `%key%`. */
export function rawManifest(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
}

/** package.nls.json: the English of every `%key%`. */
export function manifestStrings(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
}

/** The manifest as VS Code shows it in English: each whole-string `%key%` replaced by its text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function englishManifest(): any {
  const strings = manifestStrings();
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = /^%(.+)%$/.exec(value)?.[1];
      return key !== undefined && key in strings ? strings[key] : value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  return resolve(rawManifest());
}
