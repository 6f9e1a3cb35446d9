import { BoundedMemo } from '../aws/boundedMemo';
import { DEFAULT_RULES, type InjectRules, isEnvStyleKey, isIdentifierLike } from './rules';
import { ID_KINDS, type IdKind, idPatternSource, looksLike } from '../aws/ids';
import { type InjectValues } from './values';

/** One change to one text: a placeholder filled in, or a stale id in a known key updated. */
export interface Replacement {
  /** UTF-16 offsets into the decoded text (BOM not included). */
  readonly start: number;
  readonly end: number;
  /** 0-based, of start. */
  readonly line: number;
  readonly character: number;
  readonly oldText: string;
  readonly newText: string;
  readonly kind: IdKind;
  /** stale: a real id of the right format in a known config key, not the new value. */
  readonly reason: 'placeholder' | 'stale';
  /** The config key, for stale ones (and placeholders that sit in a known key). */
  readonly key?: string;
}

type Found = Omit<Replacement, 'line' | 'character'>;

/**
 * Every replacement in one text for the values given (kinds without a value are skipped), in
 * text order. Placeholders match as whole tokens only (`ClientIdentifier`, `myClientId`,
 * `ClientIds` untouched), and never where they are a name rather than a value (`ClientId:` as a
 * key, `YOUR_REGION=` as a variable). Stale ids: the value of a known key in JSON
 * ("key": "value"), JS/TS (key: 'value', key = "value"), .env (KEY=value, quoted or not), YAML
 * (key: value) whose text looks like the kind's format and differs from the new value.
 */
export function findReplacements(text: string, values: InjectValues, rules: InjectRules = DEFAULT_RULES): Replacement[] {
  const compiled = compile(rules, values);
  if (!compiled) return [];
  const placeholders = compiled.placeholders ? findPlaceholders(text, values, compiled.placeholders) : [];
  const keyed = compiled.keys ? findKeyedValues(text, compiled.keys) : [];
  if (placeholders.length === 0 && keyed.length === 0) return [];

  const found: Found[] = [];
  let k = 0;
  for (const placeholder of placeholders) {
    while (k < keyed.length && keyed[k].valueEnd <= placeholder.start) k++;
    const around = k < keyed.length && keyed[k].valueStart <= placeholder.start && placeholder.end <= keyed[k].valueEnd ? keyed[k] : undefined;
    found.push(around ? { ...placeholder, key: around.key } : placeholder);
  }
  for (const entry of keyed) {
    const newText = values[entry.kind];
    const oldText = text.slice(entry.valueStart, entry.valueEnd);
    if (newText === undefined || oldText === newText || !looksLike(entry.kind, oldText)) continue;
    if (placeholders.some((p) => p.start < entry.valueEnd && entry.valueStart < p.end)) continue;
    found.push({ start: entry.valueStart, end: entry.valueEnd, oldText, newText, kind: entry.kind, reason: 'stale', key: entry.key });
  }
  found.sort((a, b) => a.start - b.start);
  return withPositions(text, found);
}

/** Applies non-overlapping replacements (in any order); throws on overlap or when a range no longer holds its oldText. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) throw new Error(`Replacements overlap at offset ${r.start} (line ${r.line + 1}): ${JSON.stringify(r.oldText)}`);
    if (text.slice(r.start, r.end) !== r.oldText) {
      throw new Error(`The text at line ${r.line + 1}, character ${r.character + 1} is no longer ${JSON.stringify(r.oldText)}: scan again`);
    }
    parts.push(text.slice(at, r.start), r.newText);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A value under a known config key, whatever it holds (a placeholder, an id, nothing). */
export interface KeyedValue {
  /** The key as matched (VITE_USER_POOL_ID), or the rule's dotted key for a nested one (cognito.poolId). */
  readonly key: string;
  /** The kind the key holds. */
  readonly kind: IdKind;
  /** UTF-16 offsets of the value's text, quotes not included. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Every value of every known config key in the text, in text order (the keys as the scan finds them). */
export function findConfigKeyValues(text: string, rules: InjectRules = DEFAULT_RULES): KeyedValue[] {
  const keys = compile(rules, EVERY_KIND)?.keys;
  return keys ? findKeyedValues(text, keys) : [];
}

/** A value for every kind: only which kinds have one matters to compile(). */
const EVERY_KIND: InjectValues = Object.fromEntries(ID_KINDS.map((kind) => [kind, kind]));

/**
 * The strings whose presence makes a file worth reading for these values: the placeholder tokens
 * and the config keys (of a nested key, its longest name: `cognito` for cognito.region, rarer
 * than `region`), without those that contain another one. A file without any of them has no
 * replacements; the workspace scan searches for these.
 */
export function searchStrings(values: InjectValues, rules: InjectRules = DEFAULT_RULES): string[] {
  const wanted = new Set<string>();
  for (const rule of rules.placeholders) if (values[rule.kind] !== undefined) wanted.add(rule.token);
  for (const rule of rules.configKeys) {
    if (values[rule.kind] !== undefined) wanted.add(rule.key.split('.').reduce((a, b) => (b.length > a.length ? b : a)));
  }
  const all = [...wanted].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const s of all) if (!kept.some((shorter) => s.includes(shorter))) kept.push(s);
  return kept;
}

// ---- compiled rules ----

const WORD = /[\p{L}\p{N}_$]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD.test(c);
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const REGION_BEFORE_COLON = new RegExp(`(?<![\\p{L}\\p{N}_$-])${idPatternSource('region')}$`, 'u');

interface PlaceholderMatcher {
  /** Finds where some token may start. */
  readonly anyToken: RegExp;
  /** The active tokens, longest first, with their kinds. */
  readonly tokens: ReadonlyArray<{ token: string; kind: IdKind; identifierLike: boolean }>;
  /** Every region token of the rules, active or not, for "REGION:YOUR_IDENTITY_POOL_ID". */
  readonly regionTokens: readonly string[];
}

interface KeyRuleEntry {
  readonly kind: IdKind;
  /** Names of the enclosing objects, outermost first; empty for a key matched anywhere. */
  readonly parents: readonly string[];
  readonly key: string;
}

interface KeyMatcher {
  readonly pattern: RegExp;
  /** By leaf name. */
  readonly byLeaf: ReadonlyMap<string, readonly KeyRuleEntry[]>;
  /** Env-style leaves, longest first, to find the rule behind a prefixed key. */
  readonly envLeaves: readonly string[];
}

interface Compiled {
  readonly placeholders?: PlaceholderMatcher;
  readonly keys?: KeyMatcher;
}

// By rules object, weakly: with the placeholders setting, each command makes its own and drops
// it after. Then by the set of kinds that have a value.
const COMPILED_PER_RULES = 2 ** ID_KINDS.length; // one per set of kinds: all fit, so none is compiled twice
const cache = new WeakMap<InjectRules, BoundedMemo<string, Compiled | undefined>>();

function compile(rules: InjectRules, values: InjectValues): Compiled | undefined {
  const signature = Object.keys(values)
    .filter((kind) => values[kind as IdKind] !== undefined)
    .sort()
    .join(',');
  let byValues = cache.get(rules);
  if (!byValues) cache.set(rules, (byValues = new BoundedMemo(COMPILED_PER_RULES)));
  return byValues.get(signature, () => compileFor(rules, values));
}

function compileFor(rules: InjectRules, values: InjectValues): Compiled | undefined {
  const active = (kind: IdKind) => values[kind] !== undefined;

  let placeholders: PlaceholderMatcher | undefined;
  const tokens = rules.placeholders
    .filter((rule) => active(rule.kind) && rule.token.length > 0)
    .map((rule) => ({ token: rule.token, kind: rule.kind, identifierLike: isIdentifierLike(rule.token) }))
    .sort((a, b) => b.token.length - a.token.length);
  if (tokens.length > 0) {
    placeholders = {
      anyToken: new RegExp([...new Set(tokens.map((t) => escapeRegExp(t.token)))].join('|'), 'g'),
      tokens,
      regionTokens: rules.placeholders.filter((rule) => rule.kind === 'region').map((rule) => rule.token),
    };
  }

  let keys: KeyMatcher | undefined;
  const byLeaf = new Map<string, KeyRuleEntry[]>();
  for (const rule of rules.configKeys) {
    if (!active(rule.kind)) continue;
    const segments = rule.key.split('.');
    const leaf = segments.pop()!;
    const list = byLeaf.get(leaf) ?? [];
    list.push({ kind: rule.kind, parents: segments, key: rule.key });
    byLeaf.set(leaf, list);
  }
  if (byLeaf.size > 0) {
    const leaves = [...byLeaf.keys()].sort((a, b) => b.length - a.length);
    const alternatives = leaves.map((leaf) => (isEnvStyleKey(leaf) ? `(?:[A-Z][A-Z0-9]*_)*${escapeRegExp(leaf)}` : escapeRegExp(leaf)));
    // A key (bare or quoted), `:` or `=` (not `::`, `==`, `=>`), then a quoted or a bare value.
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_$])(["'\`]?)(${alternatives.join('|')})\\1[ \\t]*(?::(?!:)|=(?![=>]))[ \\t]*(?:(["'\`])((?:(?!\\3)[^\\\\\\r\\n])*)\\3|([^\\s"'\`,;#)}\\]]+))`,
      'gu',
    );
    keys = { pattern, byLeaf, envLeaves: leaves.filter(isEnvStyleKey) };
  }
  return placeholders || keys ? { placeholders, keys } : undefined;
}

// ---- placeholders ----

function findPlaceholders(text: string, values: InjectValues, matcher: PlaceholderMatcher): Found[] {
  const found: Found[] = [];
  const re = matcher.anyToken;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const hit = matcher.tokens.find((t) => text.startsWith(t.token, at) && isPlaceholderAt(text, at, t.token, t.identifierLike));
    if (!hit) {
      re.lastIndex = at + 1;
      continue;
    }
    const end = at + hit.token.length;
    re.lastIndex = end;
    let start = at;
    if (hit.kind === 'identityPoolId') {
      // "us-east-1:YOUR_IDENTITY_POOL_ID" and "YOUR_REGION:YOUR_IDENTITY_POOL_ID" become the whole id.
      const prefixEnd = regionPrefixStart(text, at, matcher.regionTokens);
      if (prefixEnd !== undefined) {
        start = prefixEnd;
        while (found.length > 0 && found[found.length - 1].start >= start) found.pop();
      }
    }
    found.push({ start, end, oldText: text.slice(start, end), newText: values[hit.kind]!, kind: hit.kind, reason: 'placeholder' });
  }
  return found;
}

/** Where "REGION:" or "YOUR_REGION:" right before `at` starts, if it is there. */
function regionPrefixStart(text: string, at: number, regionTokens: readonly string[]): number | undefined {
  if (text[at - 1] !== ':') return undefined;
  const before = text.slice(Math.max(0, at - 1 - 40), at - 1);
  const region = REGION_BEFORE_COLON.exec(before);
  if (region) return at - 1 - region[0].length;
  for (const token of regionTokens) {
    if (before.endsWith(token) && !(isWordChar(token[0]) && isWordChar(before[before.length - token.length - 1]))) return at - 1 - token.length;
  }
  return undefined;
}

const QUOTES = new Set(['"', "'", '`']);

function isPlaceholderAt(text: string, at: number, token: string, identifierLike: boolean): boolean {
  const end = at + token.length;
  if (isWordChar(token[0]) && isWordChar(text[at - 1])) return false;
  if (isWordChar(token[token.length - 1]) && isWordChar(text[end])) return false;
  const quote = QUOTES.has(text[at - 1]) ? text[at - 1] : undefined;
  const closed = quote !== undefined && text[end] === quote;
  if (quote !== undefined && !closed) {
    // Part of a longer string: a value, unless identifier-like (then only a whole string counts).
    return !identifierLike;
  }
  let after = closed ? end + 1 : end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  const next = text[after];
  if (next === ':' && text[after + 1] !== ':' && (closed || startsKey(text, at))) return false; // a key
  if (!closed && next === '=' && text[after + 1] !== '=' && text[after + 1] !== '>') return false; // a variable
  if (!identifierLike || closed) return true;
  return isWholeLineValue(text, at, end);
}

/** Whether an unquoted word at `at` begins a key: only indentation, `{`, `,`, `(` or a YAML list dash before it. */
function startsKey(text: string, at: number): boolean {
  let i = at - 1;
  while (text[i] === ' ' || text[i] === '\t') i--;
  if (text[i] === '-' && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || i === 0)) return true;
  return i < 0 || text[i] === '\n' || text[i] === '\r' || text[i] === '{' || text[i] === ',' || text[i] === '(';
}

/** `key: token` or `KEY=token` with nothing but spaces or a # comment after it on the line. */
function isWholeLineValue(text: string, at: number, end: number): boolean {
  let i = at - 1;
  while (text[i] === ' ' || text[i] === '\t') i--;
  if (text[i] !== '=' && text[i] !== ':') return false;
  let j = end;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#';
}

// ---- known keys ----

function findKeyedValues(text: string, matcher: KeyMatcher): KeyedValue[] {
  const raw: Array<{ keyText: string; keyStart: number; valueStart: number; valueEnd: number; entries: readonly KeyRuleEntry[] }> = [];
  const re = matcher.pattern;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const keyText = m[2];
    const entries = matcher.byLeaf.get(keyText) ?? envEntries(keyText, matcher);
    if (!entries) continue;
    const quoted = m[4] !== undefined;
    const value = quoted ? m[4] : m[5];
    const valueEnd = m.index + m[0].length - (quoted ? 1 : 0);
    raw.push({ keyText, keyStart: m.index + m[1].length, valueStart: valueEnd - value.length, valueEnd, entries });
  }
  if (raw.length === 0) return [];
  const nested = raw.some((r) => r.entries.some((e) => e.parents.length > 0));
  const parentsAt = nested
    ? enclosingKeys(
        text,
        raw.map((r) => r.keyStart),
      )
    : undefined;
  const out: KeyedValue[] = [];
  raw.forEach((r, i) => {
    const entry = r.entries.find((e) => e.parents.length === 0 || endsWith(parentsAt![i], e.parents));
    if (entry) out.push({ key: entry.parents.length > 0 ? entry.key : r.keyText, kind: entry.kind, valueStart: r.valueStart, valueEnd: r.valueEnd });
  });
  return out;
}

function envEntries(keyText: string, matcher: KeyMatcher): readonly KeyRuleEntry[] | undefined {
  const leaf = matcher.envLeaves.find((l) => keyText.endsWith(`_${l}`));
  return leaf === undefined ? undefined : matcher.byLeaf.get(leaf);
}

function endsWith(path: readonly (string | undefined)[], parents: readonly string[]): boolean {
  if (path.length < parents.length) return false;
  return parents.every((name, i) => path[path.length - parents.length + i] === name);
}

/**
 * For each offset (ascending), the names of the objects it sits in, outermost first: by braces
 * in JSON and JS (strings and comments skipped; an array or an unnamed object gives undefined),
 * else by indentation as in YAML.
 */
export function enclosingKeys(text: string, offsets: readonly number[]): Array<Array<string | undefined>> {
  const result: Array<Array<string | undefined>> = [];
  const stack: Array<string | undefined> = [];
  let next = 0;
  let i = 0;
  const record = () => {
    while (next < offsets.length && offsets[next] <= i) {
      result.push(stack.length > 0 ? [...stack] : yamlParents(text, offsets[next]));
      next++;
    }
  };
  while (i < text.length && next < offsets.length) {
    record();
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? keyBefore(text, i) : undefined);
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else {
      i++;
    }
  }
  while (next < offsets.length) {
    result.push(stack.length > 0 ? [...stack] : yamlParents(text, offsets[next]));
    next++;
  }
  return result;
}

/** The key an object literal at `brace` is the value of (`"cognito": {`, `cognito: {`, `cognito = {`). */
function keyBefore(text: string, brace: number): string | undefined {
  let i = brace - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] !== ':' && text[i] !== '=') return undefined;
  i--;
  while (i >= 0 && /\s/.test(text[i])) i--;
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '`') {
    const open = text.lastIndexOf(quote, i - 1);
    return open < 0 ? undefined : text.slice(open + 1, i);
  }
  let start = i;
  while (start >= 0 && /[\p{L}\p{N}_$-]/u.test(text[start])) start--;
  return start === i ? undefined : text.slice(start + 1, i + 1);
}

/** YAML: the keys of the less indented `key:` lines above the line of `offset`, outermost first. */
function yamlParents(text: string, offset: number): string[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let indent = indentOf(text, lineStart);
  const parents: string[] = [];
  let end = lineStart - 1;
  while (end > 0 && indent > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lineIndent = indentOf(text, start);
    if (lineIndent >= indent) continue;
    const key = /^\s*(?:-\s+)?["']?([^"':#\s]+)["']?\s*:\s*(?:#.*)?$/.exec(line);
    if (!key) break;
    parents.unshift(key[1]);
    indent = lineIndent;
  }
  return parents;
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '-' && text[i + 1] === ' ') {
    i += 2;
    while (text[i] === ' ') i++;
  }
  return i - lineStart;
}

// ---- positions ----

function withPositions(text: string, found: readonly Found[]): Replacement[] {
  const out: Replacement[] = [];
  let line = 0;
  let lineStart = 0;
  let at = 0;
  for (const f of found) {
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < f.start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    at = f.start;
    out.push({ ...f, line, character: f.start - lineStart });
  }
  return out;
}
