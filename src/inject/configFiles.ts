import { findNodeAtLocation, type JSONPath, type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { isEnvStyleKey, KNOWN_CONFIG_KEYS } from './rules';
import { type IdKind, regionOfIdentityPoolId, regionOfUserPoolId } from '../aws/ids';
import { type ConfigValues } from './values';
import { CONFIG_FILE_NAMES, type ConfigFormat } from './configFileNames';

/**
 * Writing one known config format with the values, keeping the rest of an existing file as it
 * was: its other keys, order, indentation, comments, quoting and line endings.
 */

export { CONFIG_FILE_NAMES, type ConfigFormat } from './configFileNames';

export type EnvPrefix = '' | 'VITE_' | 'REACT_APP_';

// ---- which key holds which value, per format ----

/** Amplify v5's aws-exports.js, in the order the Amplify CLI writes them. */
const AWS_EXPORTS_KEYS: ReadonlyArray<{ key: string; kind: IdKind }> = [
  { key: 'aws_project_region', kind: 'region' },
  { key: 'aws_cognito_identity_pool_id', kind: 'identityPoolId' },
  { key: 'aws_cognito_region', kind: 'region' },
  { key: 'aws_user_pools_id', kind: 'userPoolId' },
  { key: 'aws_user_pools_web_client_id', kind: 'clientId' },
];

/** amplify_outputs.json (Amplify Gen 2), its auth section. */
export const AMPLIFY_OUTPUTS_KEYS: ReadonlyArray<{ path: JSONPath; kind: IdKind }> = [
  { path: ['auth', 'user_pool_id'], kind: 'userPoolId' },
  { path: ['auth', 'aws_region'], kind: 'region' },
  { path: ['auth', 'user_pool_client_id'], kind: 'clientId' },
  { path: ['auth', 'identity_pool_id'], kind: 'identityPoolId' },
];
const AMPLIFY_OUTPUTS_VERSION = '1.3';

/**
 * aws-lex-web-ui's loader config: cognito.poolId is the identity pool, appUserPoolName the user
 * pool's id, appUserPoolClientId its app client. `optional` keys are updated when the file has
 * them (and written in a new file); the others are always set.
 */
export const LEX_WEB_UI_KEYS: ReadonlyArray<{ path: JSONPath; kind: IdKind; optional?: boolean }> = [
  { path: ['region'], kind: 'region' },
  { path: ['cognito', 'poolId'], kind: 'identityPoolId' },
  { path: ['cognito', 'appUserPoolClientId'], kind: 'clientId' },
  { path: ['cognito', 'appUserPoolName'], kind: 'userPoolId' },
  { path: ['cognito', 'aws_cognito_region'], kind: 'region', optional: true },
  { path: ['cognito', 'region'], kind: 'region', optional: true },
  { path: ['lex', 'v2BotId'], kind: 'botId' },
  { path: ['lex', 'v2BotAliasId'], kind: 'botAliasId' },
  { path: ['lex', 'v2BotLocaleId'], kind: 'localeId' },
  { path: ['lex', 'region'], kind: 'region', optional: true },
];

/** The names appended to a .env, after the prefix. */
const ENV_NAMES: Readonly<Record<IdKind, string>> = {
  userPoolId: 'USER_POOL_ID',
  clientId: 'USER_POOL_CLIENT_ID',
  identityPoolId: 'IDENTITY_POOL_ID',
  region: 'AWS_REGION',
  botId: 'LEX_BOT_ID',
  botAliasId: 'LEX_BOT_ALIAS_ID',
  localeId: 'LEX_LOCALE_ID',
};

export type RegionScope = 'cognito' | 'lex' | 'any';

/**
 * Which service a region key is for: Cognito's (aws_cognito_region, COGNITO_REGION,
 * cognito.region, amplify_outputs' auth.aws_region), Lex's (the web UI's lex.region), or any
 * (aws_project_region, AWS_REGION, the web UI's top-level region, which the web UI uses for
 * Cognito). The writers put the bot's region only into Lex's keys; the readers compare Lex's
 * keys with each other only.
 */
export function regionScope(key: string): RegionScope {
  if (/(?:^|[._])lex(?:[._]|$)/i.test(key)) return 'lex';
  if (/cognito/i.test(key) || key.startsWith('auth.')) return 'cognito';
  return 'any';
}

/**
 * The value a key of `kind` gets. With a region given, a region key outside Lex gets the pools'
 * region (an identity or user pool id says which it is in, whatever region was given), and a
 * Lex region key the bot's (lexRegion, else the region given). No region given: only a
 * lexRegion is written, into Lex's keys.
 */
function valueFor(values: ConfigValues, kind: IdKind, key: string): string | undefined {
  if (kind !== 'region') return values[kind];
  if (regionScope(key) === 'lex') return values.lexRegion ?? values.region;
  if (values.region === undefined) return undefined;
  return (
    (values.identityPoolId && regionOfIdentityPoolId(values.identityPoolId)) || (values.userPoolId && regionOfUserPoolId(values.userPoolId)) || values.region
  );
}

const ORDER: readonly IdKind[] = ['region', 'userPoolId', 'clientId', 'identityPoolId', 'botId', 'botAliasId', 'localeId'];

/** The values a format has a place for (aws-exports.js and amplify_outputs.json hold no Lex ids). */
export function configValueKinds(format: ConfigFormat): IdKind[] {
  switch (format) {
    case 'aws-exports':
      return ORDER.filter((kind) => AWS_EXPORTS_KEYS.some((k) => k.kind === kind));
    case 'amplify-outputs':
      return ORDER.filter((kind) => AMPLIFY_OUTPUTS_KEYS.some((k) => k.kind === kind));
    default:
      return [...ORDER];
  }
}

/**
 * The file's new text: `existing` (undefined or empty for a new file) with the values written
 * in, everything else kept. Values of kinds the format has no place for are left out. Throws,
 * saying what is wrong, when an existing file is not of the format (JSON that does not parse,
 * an aws-exports.js without its object).
 */
export function renderConfig(format: ConfigFormat, existing: string | undefined, values: ConfigValues, options: { envPrefix?: EnvPrefix } = {}): string {
  const current = existing !== undefined && existing.trim() !== '' ? existing : undefined;
  switch (format) {
    case 'aws-exports':
      return renderAwsExports(current, values);
    case 'amplify-outputs':
      return renderJson(current, values, AMPLIFY_OUTPUTS_KEYS, CONFIG_FILE_NAMES['amplify-outputs'], { version: AMPLIFY_OUTPUTS_VERSION });
    case 'lex-web-ui':
      return renderJson(current, values, LEX_WEB_UI_KEYS, CONFIG_FILE_NAMES['lex-web-ui']);
    case 'dotenv':
      return renderDotenv(current, values, options.envPrefix ?? '');
  }
}

// ---- JSON ----

function renderJson(
  existing: string | undefined,
  values: ConfigValues,
  keys: ReadonlyArray<{ path: JSONPath; kind: IdKind; optional?: boolean }>,
  fileName: string,
  extra: Record<string, string> = {},
): string {
  const wanted = keys.flatMap((k) => {
    const value = valueFor(values, k.kind, k.path.join('.'));
    return value === undefined ? [] : [{ ...k, value }];
  });
  if (existing === undefined) {
    const document: Record<string, unknown> = {};
    for (const { path, value } of wanted) setPath(document, path, value);
    Object.assign(document, extra);
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  const errors: ParseError[] = [];
  const root = parseTree(existing, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const where = first ? ` (${printParseErrorCode(first.error)} at line ${lineOf(existing, first.offset)})` : '';
    throw new Error(`${fileName} is not valid JSON${where}: fix it, or delete it to write a new one.`);
  }
  if (root.type !== 'object') throw new Error(`${fileName} must hold a JSON object ({ … }), not ${root.type === 'array' ? 'an array' : `a ${root.type}`}.`);
  const format = jsonFormatting(existing);
  let text = existing;
  for (const { path, value, optional } of wanted) {
    if (optional && !findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path)) continue;
    text = setJsonValue(text, path, value, format, fileName);
  }
  return text;
}

/**
 * The text with the value at `path`: an existing value's text replaced, or the missing
 * property (and the objects above it) inserted after the object's last property, indented like
 * it. Nothing else in the text moves.
 */
function setJsonValue(text: string, path: JSONPath, value: string, format: JsonFormat, fileName: string): string {
  let node = parseTree(text, [], { allowTrailingComma: true })!;
  for (let i = 0; i < path.length; i++) {
    const child = findNodeAtLocation(node, [path[i]]);
    if (!child) {
      let missing: unknown = value;
      for (let j = path.length - 1; j > i; j--) missing = { [path[j]]: missing };
      return insertProperty(text, node, String(path[i]), missing, format);
    }
    if (i === path.length - 1) return `${text.slice(0, child.offset)}${JSON.stringify(value)}${text.slice(child.offset + child.length)}`;
    if (child.type !== 'object') {
      throw new Error(
        `${fileName}: "${path.slice(0, i + 1).join('.')}" is ${child.type === 'array' ? 'an array' : `a ${child.type}`}, not an object, so ${path.join('.')} cannot be written.`,
      );
    }
    node = child;
  }
  return text;
}

function insertProperty(text: string, object: Node, key: string, value: unknown, format: JsonFormat): string {
  const properties = object.children ?? [];
  const objectIndent = indentOfLineAt(text, object.offset);
  const render = (indent: string) => `${JSON.stringify(key)}: ${JSON.stringify(value, null, format.unit).split('\n').join(`${format.eol}${indent}`)}`;
  if (properties.length === 0) {
    const inner = objectIndent + format.unit;
    const close = object.offset + object.length - 1;
    return `${text.slice(0, object.offset + 1)}${format.eol}${inner}${render(inner)}${format.eol}${objectIndent}${text.slice(close)}`;
  }
  const last = properties[properties.length - 1];
  let at = last.offset + last.length;
  const sameLine = !text.slice(object.offset, last.offset).includes('\n');
  let insertion = sameLine
    ? `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`
    : `,${format.eol}${indentOfLineAt(text, last.offset)}${render(indentOfLineAt(text, last.offset))}`;
  const trailingComma = /^\s*,/.exec(text.slice(at));
  if (trailingComma) {
    at += trailingComma[0].length;
    insertion = `${insertion.slice(1)},`;
  }
  return `${text.slice(0, at)}${insertion}${text.slice(at)}`;
}

function indentOfLineAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function setPath(document: Record<string, unknown>, path: JSONPath, value: string): void {
  let node = document;
  for (const segment of path.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

interface JsonFormat {
  /** One level of indentation. */
  readonly unit: string;
  readonly eol: string;
}

/** The file's own indentation (its smallest indent) and line break. */
function jsonFormatting(text: string): JsonFormat {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split(/\r?\n/)
    .map((line) => /^[ \t]+(?=\S)/.exec(line)?.[0])
    .filter((indent): indent is string => indent !== undefined);
  if (indents.some((indent) => indent.startsWith('\t'))) return { unit: '\t', eol };
  const size = indents.length > 0 ? Math.min(...indents.map((indent) => indent.length)) : 2;
  return { unit: ' '.repeat(size), eol };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

// ---- aws-exports.js ----

function renderAwsExports(existing: string | undefined, values: ConfigValues): string {
  const wanted = AWS_EXPORTS_KEYS.flatMap(({ key, kind }) => {
    const value = valueFor(values, kind, key);
    return value === undefined ? [] : [{ key, value }];
  });
  if (existing === undefined) {
    const lines = wanted.map(({ key, value }) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    return ['/* eslint-disable */', '', 'const awsmobile = {', lines.join(',\n'), '};', '', 'export default awsmobile;', ''].join('\n');
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let text = existing;
  const missing: Array<{ key: string; value: string }> = [];
  for (const { key, value } of wanted) {
    const property = new RegExp(`((?<![\\w$])(["']?)${key}\\2\\s*:\\s*)(["'\`])((?:(?!\\3)[^\\\\\\r\\n])*)\\3`, 'g');
    let found = false;
    text = text.replace(property, (_m, head: string, _q: string, quote: string) => {
      found = true;
      return `${head}${quote}${escapeFor(quote, value)}${quote}`;
    });
    if (!found) missing.push({ key, value });
  }
  if (missing.length === 0) return text;

  const object = configObject(text);
  if (!object) {
    throw new Error(
      `${CONFIG_FILE_NAMES['aws-exports']} does not look like Amplify's aws-exports.js: it has no "const awsmobile = { … }" (or "export default { … }") to add ${missing.map((m) => m.key).join(', ')} to.`,
    );
  }
  const body = text.slice(object.open + 1, object.close);
  const indent = /\n([ \t]+)\S/.exec(body)?.[1] ?? '    ';
  const keyQuote = /\n[ \t]+(["'])[\w$]+\1\s*:/.exec(body)?.[1] ?? (/\n[ \t]+[\w$]+\s*:/.test(body) ? '' : '"');
  const valueQuote = /:\s*(["'`])/.exec(body)?.[1] ?? '"';
  const last = lastSignificant(text, object.open, object.close);
  const trailingComma = text[last] === ',';
  const needsComma = text[last] !== ',' && text[last] !== '{';
  const lines = missing.map(({ key, value }, i) => {
    const comma = i < missing.length - 1 || trailingComma ? ',' : '';
    return `${indent}${keyQuote}${key}${keyQuote}: ${valueQuote}${escapeFor(valueQuote, value)}${valueQuote}${comma}`;
  });
  // After the last property's line (its comment included), or right before the brace when it is on that line.
  const lineEnd = text.indexOf('\n', last);
  const insertAt = lineEnd !== -1 && lineEnd < object.close ? lineEnd + 1 : object.close;
  const head = needsComma ? `${text.slice(0, last + 1)},${text.slice(last + 1, insertAt)}` : text.slice(0, insertAt);
  const lead = insertAt === object.close && text[insertAt - 1] !== '\n' ? eol : '';
  return `${head}${lead}${lines.join(eol)}${eol}${text.slice(insertAt)}`;
}

function escapeFor(quote: string, value: string): string {
  return value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
}

/** The braces of `const X = { … }` when the file exports X, or of `export default { … }`. */
function configObject(text: string): { open: number; close: number } | undefined {
  const exported = /export\s+default\s+([\w$]+)\s*;?/.exec(text)?.[1];
  const declaration = exported ? new RegExp(`(?:const|let|var)\\s+${exported.replace(/\$/g, '\\$')}\\s*=\\s*\\{`).exec(text) : null;
  const literal = declaration ?? /export\s+default\s+\{/.exec(text);
  if (!literal) return undefined;
  const open = literal.index + literal[0].length - 1;
  const close = matchingBrace(text, open);
  return close === undefined ? undefined : { open, close };
}

/** The `}` closing the `{` at `open`, skipping strings and comments. */
function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return undefined;
}

/** The last character before `close` that is not white space or inside a comment (at least `open`). */
function lastSignificant(text: string, open: number, close: number): number {
  let last = open;
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < close && text[i] !== c; i++) if (text[i] === '\\') i++;
      last = i;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < close && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? close : end + 1;
    } else if (!/\s/.test(c)) {
      last = i;
    }
  }
  return last;
}

// ---- .env ----

const ENV_LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*)([ \t]*=[ \t]*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s#'"]*))/;

/** The env-style keys the scan knows for each kind, and which kind a .env key holds. */
function envKindOf(name: string): IdKind | undefined {
  for (const rule of KNOWN_CONFIG_KEYS) {
    if (isEnvStyleKey(rule.key) && (name === rule.key || name.endsWith(`_${rule.key}`))) return rule.kind;
  }
  return undefined;
}

/**
 * Updates every KEY=value line whose key holds one of the values (USER_POOL_ID,
 * VITE_COGNITO_USER_POOL_ID, AWS_REGION, …; quoting, `export`, comments and order kept), and
 * appends `${prefix}NAME=value` for values no line holds.
 */
function renderDotenv(existing: string | undefined, values: ConfigValues, prefix: EnvPrefix): string {
  const text = existing ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const written = new Set<IdKind>();
  const lines = text === '' ? [] : text.split('\n');
  const updated = lines.map((line) => {
    const m = ENV_LINE.exec(line);
    if (!m) return line;
    const kind = envKindOf(m[2]);
    const value = kind ? valueFor(values, kind, m[2]) : undefined;
    if (!kind || value === undefined) return line;
    written.add(kind);
    const quote = m[4] !== undefined ? '"' : m[5] !== undefined ? "'" : '';
    return `${m[1]}${m[2]}${m[3]}${quote}${value}${quote}${line.slice(m[0].length)}`;
  });
  const appended = ORDER.flatMap((kind) => {
    const value = written.has(kind) ? undefined : valueFor(values, kind, ENV_NAMES[kind]);
    return value === undefined ? [] : [`${prefix}${ENV_NAMES[kind]}=${value}`];
  });
  if (appended.length === 0) return updated.join('\n');
  let result = updated.join('\n');
  if (result !== '' && !result.endsWith('\n')) result += eol;
  return `${result}${appended.join(eol)}${eol}`;
}
