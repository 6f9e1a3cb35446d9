import { findNodeAtLocation, type JSONPath, type Node, parseTree } from 'jsonc-parser';
import type { WebChainIds } from '../aws/webChain';
import { ID_FORMATS, type IdKind, idKindsOf, regionOfIdentityPoolId, regionOfUserPoolId } from '../aws/ids';
import { AMPLIFY_OUTPUTS_KEYS, LEX_WEB_UI_KEYS, type RegionScope, regionScope } from './configFiles';
import { type ConfigFileKind, configFileKind } from './configFileNames';

export { type ConfigFileKind, configFileKind } from './configFileNames';
import { findConfigKeyValues } from './scan';

/**
 * The ids a config file holds, by key, and what is wrong with them that the file itself shows:
 * an id of another kind than its key wants, and regions that disagree. Whether an id exists is
 * the editor's question (it needs AWS); the words for that answer are here with the others.
 */

/** A value under a key that holds an id. */
export interface ConfigId {
  /** As written (VITE_USER_POOL_ID), or the dotted path in JSON and nested objects (cognito.poolId). */
  readonly key: string;
  /** UTF-16 offsets of the value, quotes not included. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** The kind the key wants. */
  readonly wants: IdKind;
  /** The kind the value looks like (`wants` when it fits it); undefined for a placeholder or an empty value. */
  readonly looksLike: IdKind | undefined;
}

export type ConfigFindingCode = 'config-id-wrong-kind' | 'region-mismatch' | 'config-id-unknown';

export interface ConfigFinding {
  readonly code: ConfigFindingCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  /** The kind the key wants. */
  readonly wants: IdKind;
  /** A value that fixes it, when the file itself says which (the region its pool id is in). */
  readonly fix?: string;
}

export interface ConfigIds {
  readonly file: ConfigFileKind;
  readonly ids: readonly ConfigId[];
  readonly findings: readonly ConfigFinding[];
  /** A Lex web UI config: whether voice is on (`recorder.enable`, true unless set to false). */
  readonly voice?: boolean;
}

/** The ids in a config file and the findings about them; undefined for a file that is not one. */
export function findConfigIds(filePath: string, text: string): ConfigIds | undefined {
  const file = configFileKind(filePath);
  if (!file) return undefined;
  let ids: ConfigId[];
  let voice: boolean | undefined;
  if (file === 'amplify-outputs' || file === 'lex-web-ui') {
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    ids = root ? jsonIds(root, file === 'lex-web-ui' ? LEX_WEB_UI_KEYS : AMPLIFY_OUTPUTS_KEYS) : [];
    if (file === 'lex-web-ui') voice = root ? findNodeAtLocation(root, ['recorder', 'enable'])?.value !== false : true;
  } else {
    ids = findConfigKeyValues(text).map((found) => configId(found.key, found.kind, found.valueStart, text.slice(found.valueStart, found.valueEnd)));
  }
  const findings = [...wrongKinds(ids), ...regionMismatches(ids)].sort((a, b) => a.start - b.start);
  return { file, ids, findings, ...(voice === undefined ? {} : { voice }) };
}

function configId(key: string, wants: IdKind, start: number, value: string): ConfigId {
  const kinds = idKindsOf(value);
  return { key, start, end: start + value.length, value, wants, looksLike: kinds.includes(wants) ? wants : kinds[0] };
}

function jsonIds(root: Node, keys: ReadonlyArray<{ path: JSONPath; kind: IdKind }>): ConfigId[] {
  const ids: ConfigId[] = [];
  for (const { path, kind } of keys) {
    const node = findNodeAtLocation(root, path);
    if (node?.type !== 'string') continue;
    // The string's text between its quotes: ids have no escapes, so the value is that text.
    ids.push(configId(path.join('.'), kind, node.offset + 1, String(node.value)));
  }
  return ids.sort((a, b) => a.start - b.start);
}

const label = (kind: IdKind) => ID_FORMATS[kind].label;
// By sound: an identity pool id, an app client id, a user pool id.
const article = (words: string) => (/^[aeio]/i.test(words) ? 'an' : 'a');
/** "an identity pool id", "a user pool id": the kind's label with its article. */
export const withArticle = (kind: IdKind): string => `${article(label(kind))} ${label(kind)}`;

/** A well-formed id of another kind than its key wants (a user pool id as the identity pool id). Placeholders are not. */
function wrongKinds(ids: readonly ConfigId[]): ConfigFinding[] {
  return ids
    .filter((id) => id.looksLike !== undefined && id.looksLike !== id.wants)
    .map((id) => ({
      code: 'config-id-wrong-kind',
      severity: 'error',
      message: wrongKindMessage(id, id.looksLike!),
      start: id.start,
      end: id.end,
      key: id.key,
      wants: id.wants,
    }));
}

function wrongKindMessage(id: ConfigId, looksLike: IdKind): string {
  const todo = LOOKED_UP_KINDS.includes(id.wants)
    ? `Copy the ${label(id.wants)} from the Cognito Bot explorer or the console, or pick one with the quick fix.`
    : `Put ${withArticle(id.wants)} here.`;
  return `${id.key} holds ${withArticle(looksLike)} (${id.value}), not ${withArticle(id.wants)}, which is ${ID_FORMATS[id.wants].expected}. ${todo}`;
}

/** The kinds whose ids can be looked up on a connection (a region or a locale is not an id AWS keeps). */
export const LOOKED_UP_KINDS: readonly IdKind[] = ['identityPoolId', 'userPoolId', 'clientId', 'botId', 'botAliasId'];

interface RegionSource {
  readonly id: ConfigId;
  readonly region: string;
  /** How the message names it. */
  readonly what: string;
}

/**
 * Regions one file gives that disagree. Cognito's: the identity pool id's and the user pool id's
 * prefixes and the Cognito region keys (a general region key counts only when there is no
 * Cognito one: then it is the region Cognito is called in). Lex's region keys are compared
 * with each other only: a bot may live in another region than the pools.
 */
function regionMismatches(ids: readonly ConfigId[]): ConfigFinding[] {
  const wellFormed = ids.filter((id) => id.looksLike === id.wants);
  const pools: RegionSource[] = [];
  for (const id of wellFormed) {
    if (id.wants === 'identityPoolId') pools.push({ id, region: regionOfIdentityPoolId(id.value)!, what: `the identity pool id in ${id.key}` });
  }
  for (const id of wellFormed) {
    if (id.wants === 'userPoolId') pools.push({ id, region: regionOfUserPoolId(id.value)!, what: `the user pool id in ${id.key}` });
  }
  const regionKeys = (scope: RegionScope, service: string): RegionSource[] =>
    wellFormed
      .filter((id) => id.wants === 'region' && regionScope(id.key) === scope)
      .map((id) => ({ id, region: id.value, what: `${id.key} (the ${service} region)` }));
  const cognitoKeys = regionKeys('cognito', 'Cognito');
  const cognito = [...pools, ...(cognitoKeys.length > 0 ? cognitoKeys : regionKeys('any', 'Cognito'))];
  return [...disagreeing(cognito, 'Cognito'), ...disagreeing(regionKeys('lex', 'Lex'), 'Lex')];
}

/** A finding on each source whose region is not the first source's (a pool id first: the pool is where it says). */
function disagreeing(sources: readonly RegionSource[], service: 'Cognito' | 'Lex'): ConfigFinding[] {
  const [reference, ...others] = sources;
  if (!reference) return [];
  return others
    .filter((source) => source.region !== reference.region)
    .map((source) => {
      const isKey = source.id.wants === 'region';
      const message = isKey
        ? `${source.what} is ${source.region}, but ${reference.what} is ${reference.id.wants === 'region' ? '' : 'in '}${reference.region}.` +
          ` ${service === 'Lex' ? 'The bot is called in one region' : 'Cognito is called in one region for this app'}: set ${source.id.key} to ${reference.region}` +
          `${reference.id.wants === 'region' ? `, or ${reference.id.key} to ${source.region}` : ', where the pool is'}.`
        : `${upperFirst(source.what)} is in ${source.region}, but ${reference.what} is ${reference.id.wants === 'region' ? '' : 'in '}${reference.region}.` +
          ` This file gives one Cognito region: use ${withArticle(source.id.wants)} from ${reference.region}, or make the other values ${source.region} too.`;
      return {
        code: 'region-mismatch' as const,
        severity: 'warning' as const,
        message,
        start: source.id.start,
        end: source.id.end,
        key: source.id.key,
        wants: source.id.wants,
        ...(isKey ? { fix: reference.region } : {}),
      };
    });
}

const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The message for a well-formed id that the connection does not have. */
export function unknownIdMessage(id: Pick<ConfigId, 'key' | 'value' | 'wants'>, region: string, connection: string): string {
  return (
    `There is no ${label(id.wants)} ${id.value} in ${region} on ${connection} (${id.key}).` +
    ` Check that it was copied whole and that you are connected to the account it is in, or replace it with one from this connection.`
  );
}

/** The args of `cognitoBot.diagnose` (Check Setup): the chain's ids. */
export type DiagnoseArgs = WebChainIds;
type Gathered = { -readonly [K in keyof DiagnoseArgs]?: DiagnoseArgs[K] };

/**
 * The file's well-formed ids, the first of each kind, and the regions it calls Cognito and Lex
 * in where it says (a general region key counts for both, after the service's own).
 */
export function gatherIds(found: ConfigIds): Gathered {
  const first = (kind: IdKind, scope?: RegionScope) =>
    found.ids.find((id) => id.wants === kind && id.looksLike === kind && (scope === undefined || regionScope(id.key) === scope))?.value;
  const gathered: Gathered = {
    identityPoolId: first('identityPoolId'),
    botId: first('botId'),
    botAliasId: first('botAliasId'),
    localeId: first('localeId'),
    userPoolId: first('userPoolId'),
    clientId: first('clientId'),
    region: first('region', 'cognito') ?? first('region', 'any'),
    lexRegion: first('region', 'lex') ?? first('region', 'any'),
    voice: found.voice,
  };
  for (const key of Object.keys(gathered) as (keyof DiagnoseArgs)[]) if (gathered[key] === undefined) delete gathered[key];
  return gathered;
}

/** What Check Setup needs, from the file; undefined when the file has no identity pool id, since the check starts from it. */
export function diagnoseArgs(found: ConfigIds): DiagnoseArgs | undefined {
  const gathered = gatherIds(found);
  if (!gathered.identityPoolId) return undefined;
  // The check takes a bot alias and a user pool client whole, or not at all.
  if (!gathered.botId || !gathered.botAliasId) {
    delete gathered.botId;
    delete gathered.botAliasId;
    delete gathered.localeId;
  }
  if (!gathered.userPoolId || !gathered.clientId) {
    delete gathered.userPoolId;
    delete gathered.clientId;
  }
  return gathered as DiagnoseArgs;
}
