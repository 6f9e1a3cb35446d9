/**
 * What AWS's ids look like: each format defined once, for argument checks, pickers, the
 * injection's scan and hovers. Ids a web page needs are named as the create commands return
 * them (`userPoolId`, `clientId`, …).
 */

export type IdKind = 'userPoolId' | 'clientId' | 'identityPoolId' | 'region' | 'botId' | 'botAliasId' | 'localeId';

export const ID_KINDS: readonly IdKind[] = ['userPoolId', 'clientId', 'identityPoolId', 'region', 'botId', 'botAliasId', 'localeId'];

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, ap-southeast-5.
const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Each kind's format without anchors, for patterns that find ids inside other text. */
const SOURCES: Readonly<Record<IdKind, string>> = {
  userPoolId: `${REGION}_[0-9A-Za-z]+`,
  clientId: '[a-z0-9]{26}',
  identityPoolId: `${REGION}:${UUID}`,
  region: REGION,
  botId: '[0-9A-Z]{10}',
  botAliasId: '[0-9A-Z]{10}',
  localeId: '[a-z]{2,3}_(?:[A-Z]{2}|\\d{3})',
};

/** The format of a kind as a regular expression source, unanchored. */
export function idPatternSource(kind: IdKind): string {
  return SOURCES[kind];
}

const anchored = (kind: IdKind) => new RegExp(`^${SOURCES[kind]}$`);

interface IdFormat {
  readonly pattern: RegExp;
  /** What it is called in messages and labels ("user pool id"). */
  readonly label: string;
  /** What a value of this kind looks like, for messages. */
  readonly expected: string;
}

export const ID_FORMATS: Readonly<Record<IdKind, IdFormat>> = {
  userPoolId: {
    pattern: anchored('userPoolId'),
    label: 'user pool id',
    expected: 'the region, an underscore and letters and digits, like us-east-1_AbCdEfGhI',
  },
  clientId: { pattern: anchored('clientId'), label: 'app client id', expected: '26 lowercase letters and digits, like 1example23456789abcdefghij' },
  identityPoolId: {
    pattern: anchored('identityPoolId'),
    label: 'identity pool id',
    expected: 'the region, a colon and a lowercase UUID, like us-east-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  },
  region: { pattern: anchored('region'), label: 'region', expected: 'a region code like us-east-1' },
  botId: { pattern: anchored('botId'), label: 'Lex bot id', expected: '10 uppercase letters and digits, like ABCDE12345' },
  botAliasId: {
    pattern: anchored('botAliasId'),
    label: 'Lex bot alias id',
    expected: '10 uppercase letters and digits, like FGHIJ67890, or TSTALIASID for the test alias',
  },
  localeId: { pattern: anchored('localeId'), label: 'Lex locale id', expected: 'a language and a country, like en_US or es_419' },
};

export function looksLike(kind: IdKind, text: string): boolean {
  return ID_FORMATS[kind].pattern.test(text);
}

export function isRegion(value: string): boolean {
  return looksLike('region', value);
}

/**
 * Every kind an id's text could be, most likely first. Lex bot and alias ids share one format,
 * so a 10-character id is both (TSTALIASID, the draft's test alias, is an alias first).
 */
export function idKindsOf(text: string): IdKind[] {
  if (text === 'TSTALIASID') return ['botAliasId', 'botId'];
  if (looksLike('botId', text)) return ['botId', 'botAliasId'];
  return ID_KINDS.filter((kind) => looksLike(kind, text));
}

/** Which kind an id's text looks like; undefined when none. A 10-character Lex id answers botId. */
export function idKindOf(text: string): IdKind | undefined {
  return idKindsOf(text)[0];
}

/** A user pool id starts with its region (us-east-1_AbCdEf123); undefined when it does not. */
export function regionOfUserPoolId(userPoolId: string): string | undefined {
  const underscore = userPoolId.indexOf('_');
  const region = underscore > 0 ? userPoolId.slice(0, underscore) : '';
  return isRegion(region) ? region : undefined;
}

/** An identity pool id starts with its region (us-east-1:0f1e…); undefined when it does not. */
export function regionOfIdentityPoolId(identityPoolId: string): string | undefined {
  const colon = identityPoolId.indexOf(':');
  const region = colon > 0 ? identityPoolId.slice(0, colon) : '';
  return isRegion(region) ? region : undefined;
}
