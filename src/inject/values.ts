import { ID_FORMATS, ID_KINDS, type IdKind, looksLike } from '../aws/ids';

/**
 * The validation of the `values` a caller hands to the injection: the ids a web page needs to
 * reach a Lex bot through Cognito, named as the create commands return them.
 */
export type InjectValues = Partial<Record<IdKind, string>>;

/**
 * What Write Config writes: the values, `region` being Cognito's, and the bot's region where it
 * is not (lexRegion, for the Lex web UI's lex.region; the region when absent).
 */
export type ConfigValues = InjectValues & { lexRegion?: string };

function isIdKind(name: string): name is IdKind {
  return (ID_KINDS as readonly string[]).includes(name);
}

/**
 * Validates an args `values` object: unknown keys, non-strings and malformed ids give messages
 * saying what is expected. Values are trimmed; a key set to undefined or null counts as absent.
 */
/** With `lexRegion: true` (Write Config), a lexRegion (a region code) is taken too. */
export function parseValues(input: unknown, options: { lexRegion?: boolean } = {}): { ok: true; values: ConfigValues } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [`values must be an object such as { "userPoolId": "us-east-1_AbCdEfGhI", "clientId": "…" }; got ${describe(input)}`] };
  }
  const values: ConfigValues = {};
  const errors: string[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const lexRegion = options.lexRegion === true && name === 'lexRegion';
    if (!isIdKind(name) && !lexRegion) {
      errors.push(
        `values.${name} is not a value the injection knows: expected one of ${[...ID_KINDS, ...(options.lexRegion ? ['lexRegion'] : [])].join(', ')}`,
      );
      continue;
    }
    if (raw === undefined || raw === null) continue;
    const kind: IdKind = lexRegion ? 'region' : (name as IdKind);
    const { label, expected } = ID_FORMATS[kind];
    if (typeof raw !== 'string') {
      errors.push(`values.${name} must be a string (the ${label}: ${expected}); got ${describe(raw)}`);
      continue;
    }
    const value = raw.trim();
    if (!looksLike(kind, value)) {
      errors.push(`values.${name} "${value}" is not ${article(label)} ${label}: expected ${expected}`);
      continue;
    }
    values[name as keyof ConfigValues] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  return `${article(typeof value)} ${typeof value}`;
}
