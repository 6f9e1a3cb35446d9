/**
 * The ids a web page needs to reach a Lex bot through Cognito, what each looks like, and the
 * validation of the `values` a caller hands to the injection: names as the create commands
 * return them (`userPoolId`, `clientId`, …).
 */

export type ValueKind = 'userPoolId' | 'clientId' | 'identityPoolId' | 'region' | 'botId' | 'botAliasId' | 'localeId';

export const VALUE_KINDS: readonly ValueKind[] = ['userPoolId', 'clientId', 'identityPoolId', 'region', 'botId', 'botAliasId', 'localeId'];

export type InjectValues = Partial<Record<ValueKind, string>>;

/** What each kind is called in messages and labels ("user pool id"). */
export const KIND_LABELS: Readonly<Record<ValueKind, string>> = {
  userPoolId: 'user pool id',
  clientId: 'app client id',
  identityPoolId: 'identity pool id',
  region: 'region',
  botId: 'Lex bot id',
  botAliasId: 'Lex bot alias id',
  localeId: 'Lex locale id',
};

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, ap-southeast-5.
const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

interface Format {
  readonly pattern: RegExp;
  /** What a value of this kind looks like, for messages. */
  readonly expected: string;
}

const FORMATS: Readonly<Record<ValueKind, Format>> = {
  userPoolId: { pattern: new RegExp(`^${REGION}_[0-9A-Za-z]+$`), expected: 'the region, an underscore and letters and digits, like us-east-1_AbCdEfGhI' },
  clientId: { pattern: /^[a-z0-9]{26}$/, expected: '26 lowercase letters and digits, like 1example23456789abcdefghij' },
  identityPoolId: { pattern: new RegExp(`^${REGION}:${UUID}$`), expected: 'the region, a colon and a lowercase UUID, like us-east-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' },
  region: { pattern: new RegExp(`^${REGION}$`), expected: 'a region code like us-east-1' },
  botId: { pattern: /^[0-9A-Z]{10}$/, expected: '10 uppercase letters and digits, like ABCDE12345' },
  botAliasId: { pattern: /^[0-9A-Z]{10}$/, expected: '10 uppercase letters and digits, like FGHIJ67890, or TSTALIASID for the test alias' },
  localeId: { pattern: /^[a-z]{2,3}_(?:[A-Z]{2}|\d{3})$/, expected: 'a language and a country, like en_US or es_419' },
};

export function looksLike(kind: ValueKind, text: string): boolean {
  return FORMATS[kind].pattern.test(text);
}

/** What a value of the kind looks like, as a phrase ("26 lowercase letters and digits, like …"). */
export function expectedFormat(kind: ValueKind): string {
  return FORMATS[kind].expected;
}

/**
 * Every kind an id's text could be, most likely first. Lex bot and alias ids share one format,
 * so a 10-character id is both (TSTALIASID, the draft's test alias, is an alias first).
 */
export function idKindsOf(text: string): ValueKind[] {
  if (text === 'TSTALIASID') return ['botAliasId', 'botId'];
  if (looksLike('botId', text)) return ['botId', 'botAliasId'];
  return VALUE_KINDS.filter((kind) => looksLike(kind, text));
}

/**
 * Which kind an id's text looks like (user pool us-east-1_AbCdEfGhI, 26-char lowercase client
 * id, identity pool REGION:uuid, region, 10-char Lex ids or TSTALIASID, locale en_US);
 * undefined when none. A 10-character Lex id answers botId (idKindsOf gives both).
 */
export function idKindOf(text: string): ValueKind | undefined {
  return idKindsOf(text)[0];
}

function isValueKind(name: string): name is ValueKind {
  return (VALUE_KINDS as readonly string[]).includes(name);
}

/**
 * Validates an args `values` object: unknown keys, non-strings and malformed ids give messages
 * saying what is expected. Values are trimmed; a key set to undefined or null counts as absent.
 */
export function parseValues(input: unknown): { ok: true; values: InjectValues } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [`values must be an object such as { "userPoolId": "us-east-1_AbCdEfGhI", "clientId": "…" }; got ${describe(input)}`] };
  }
  const values: InjectValues = {};
  const errors: string[] = [];
  for (const [name, raw] of Object.entries(input)) {
    if (!isValueKind(name)) {
      errors.push(`values.${name} is not a value the injection knows: expected one of ${VALUE_KINDS.join(', ')}`);
      continue;
    }
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') {
      errors.push(`values.${name} must be a string (the ${KIND_LABELS[name]}: ${FORMATS[name].expected}); got ${describe(raw)}`);
      continue;
    }
    const value = raw.trim();
    if (!looksLike(name, value)) {
      errors.push(`values.${name} "${value}" is not ${article(KIND_LABELS[name])} ${KIND_LABELS[name]}: expected ${FORMATS[name].expected}`);
      continue;
    }
    values[name] = value;
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
