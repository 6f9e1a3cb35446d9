import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { ID_FORMATS, looksLike, type IdKind } from '../aws/ids';
import {
  EXPECTATION_KEYS,
  type BotRef,
  type CallAs,
  type Conversation,
  type FileProblem,
  type TestFile,
  type TestFileSource,
  type TestTurn,
  type TextMatcher,
  type TextRange,
  type TurnExpectation,
} from './model';

// The *.lextest.yaml format: read with the `yaml` package (YAML 1.2, core schema, so `yes` and
// `no` stay text), each part checked where it is, every problem kept with its range. Its JSON
// form (*.lextest.json) is the same structure and reads with the same parser.

/** The keys each map of the file takes; schemas/lextest.schema.json lists the same (a unit test holds them together). */
export const FILE_KEYS = ['bot', 'as', 'conversations'] as const;
export const BOT_KEYS = ['botId', 'botAliasId', 'localeId'] as const;
export const SIGNED_IN_KEYS = ['userPoolId', 'clientId', 'username', 'passwordEnv'] as const;
export const CONVERSATION_KEYS = ['name', 'sessionAttributes', 'turns'] as const;
export const TURN_KEYS = ['user', ...EXPECTATION_KEYS] as const;

/** Lex V2's intent states (sessionState.intent.state). */
export const INTENT_STATES = ['Failed', 'Fulfilled', 'InProgress', 'ReadyForFulfillment', 'Waiting', 'FulfillmentInProgress'] as const;
/** Lex V2's confirmation states (sessionState.intent.confirmationState). */
export const CONFIRMATION_STATES = ['Confirmed', 'Denied', 'None'] as const;
/** The flags a `says` regular expression may carry. */
export const REGEX_FLAGS = 'gimsuy';

/** `/source/flags`: a `says` text of this shape is a regular expression (flag letters are checked after). */
const REGEX_FORM = /^\/([\s\S]+)\/([A-Za-z]*)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads a test file. Never throws: what is wrong is in `problems`, each with its range (0-based
 * lines and columns). What is kept of a file with problems: a conversation with a valid, unique
 * name (a second conversation of the same name is dropped, test ids being names); in it, the turns
 * that have `user`; in a turn, the expectations whose values are right. The runner should treat a
 * conversation with a problem inside its range as not runnable. A missing key is reported on the
 * first key of the map that lacks it (or on the map when it is empty). A YAML syntax error hides
 * the other problems, which would mostly be its echoes.
 */
export function parseTestFile(text: string): TestFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const reader = new Reader(text, lineCounter);
  const file = isMap(doc.contents) || doc.errors.length === 0 ? reader.file(doc.contents as Node | null) : { conversations: [] };
  // After a syntax error the structure is the parser's guess, and its problems mostly echo the
  // error: only the YAML's own are reported then (what was read still lists the conversations).
  const problems = doc.errors.length > 0 ? [] : reader.problems;
  for (const error of doc.errors) problems.push({ message: `YAML syntax error: ${error.message}`, range: reader.rangeOf(error.pos) });
  for (const warning of doc.warnings) problems.push({ message: `YAML: ${warning.message}`, range: reader.rangeOf(warning.pos) });
  return { ...file, problems: problems.sort(byStart) };
}

/** Problems in the order of the file. */
function byStart(a: FileProblem, b: FileProblem): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}

class Reader {
  readonly problems: FileProblem[] = [];

  constructor(
    private readonly source: string,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number) {
    const { line, col } = this.lines.linePos(Math.min(Math.max(offset, 0), this.source.length));
    return { line: line - 1, column: col - 1 };
  }

  rangeOf(offsets: readonly [number, number]): TextRange {
    return { start: this.position(offsets[0]), end: this.position(offsets[1]) };
  }

  /**
   * A node's value, without the comment or the line break after it. A block map or list ends
   * (in yaml's offsets) at the start of the next line: its range ends where its last line does.
   */
  nodeRange(node: Node): TextRange {
    const [start, end] = node.range ?? [0, 0, 0];
    let last = end;
    while (last > start && /\s/.test(this.source.charAt(last - 1))) last--;
    return this.rangeOf([start, last]);
  }

  problem(node: Node, message: string) {
    this.problems.push({ message, range: this.nodeRange(node) });
  }

  file(root: Node | null): Omit<TestFile, 'problems'> {
    if (!isMap(root)) {
      const node = root ?? new Scalar(null);
      if (!root) node.range = [0, 0, 0];
      this.problem(node, `A test file is a map with the keys ${FILE_KEYS.join(', ')}; "conversations" lists the conversations to run.`);
      return { conversations: [] };
    }
    const fields = this.fields(root, FILE_KEYS, 'at the top of a test file');
    const bot = fields.get('bot') && this.bot(fields.get('bot')!);
    const as = fields.get('as') && this.callAs(fields.get('as')!);
    const conversationsNode = fields.get('conversations');
    if (!conversationsNode) this.missing(root, 'conversations', 'a test file lists its conversations under "conversations"');
    const conversations = conversationsNode ? this.conversations(conversationsNode) : [];
    return { ...(bot ? { bot } : {}), ...(as ? { as } : {}), conversations };
  }

  /** The map's values by key; unknown keys, and keys that are not plain names, are problems. */
  fields<K extends string>(map: YAMLMap, known: readonly K[], where: string): Map<K, Node> {
    const values = new Map<K, Node>();
    for (const pair of map.items as Pair<Node, Node | null>[]) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        if (key) this.problem(key, `Keys ${where} are names: expected one of ${known.join(', ')}.`);
        continue;
      }
      const name = key.value;
      if (!(known as readonly string[]).includes(name)) {
        const near = closest(name, known);
        this.problem(key, `Unknown key "${name}" ${where}: expected one of ${known.join(', ')}.${near ? ` Did you mean "${near}"?` : ''}`);
        continue;
      }
      values.set(name as K, pair.value ?? emptyValueAfter(key));
    }
    return values;
  }

  missing(map: YAMLMap, key: string, why: string) {
    const first = (map.items[0] as Pair<Node> | undefined)?.key;
    this.problem(first ?? map, `Missing key "${key}": ${why}.`);
  }

  /** A scalar as text: quoted or plain text as written (so 1.0 stays "1.0"); undefined (with a problem) otherwise. */
  text(node: Node, what: string, options: { nonEmpty?: boolean } = {}): string | undefined {
    const text = scalarText(node);
    if (text === undefined || text === null) {
      this.problem(node, `${what} must be text${isScalar(node) ? ', not empty' : `, not a ${isMap(node) ? 'map' : 'list'}`}.`);
      return undefined;
    }
    if (options.nonEmpty && text.trim() === '') {
      this.problem(node, `${what} must not be empty.`);
      return undefined;
    }
    return text;
  }

  id(node: Node, kind: IdKind, what: string): string | undefined {
    const text = this.text(node, what);
    if (text === undefined) return undefined;
    if (!looksLike(kind, text)) {
      this.problem(node, `${what} "${text}" is not a ${ID_FORMATS[kind].label}: expected ${ID_FORMATS[kind].expected}.`);
      return undefined;
    }
    return text;
  }

  oneOf(node: Node, allowed: readonly string[], what: string): string | undefined {
    const text = this.text(node, what);
    if (text === undefined) return undefined;
    if (allowed.includes(text)) return text;
    const near = allowed.find((a) => a.toLowerCase() === text.toLowerCase()) ?? closest(text, allowed);
    this.problem(node, `${what} "${text}" is not one of ${allowed.join(', ')}.${near ? ` Did you mean "${near}"?` : ''}`);
    return undefined;
  }

  bot(node: Node): BotRef | undefined {
    if (!isMap(node)) {
      this.problem(node, `"bot" is a map: { botId, botAliasId, localeId }.`);
      return undefined;
    }
    const fields = this.fields(node, BOT_KEYS, 'in "bot"');
    const ids: Partial<Record<(typeof BOT_KEYS)[number], string>> = {};
    for (const key of BOT_KEYS) {
      const value = fields.get(key);
      if (!value) this.missing(node, key, `"bot" names the bot by its ${BOT_KEYS.join(', ')}`);
      else ids[key] = this.id(value, key, key);
    }
    return ids.botId && ids.botAliasId && ids.localeId ? { botId: ids.botId, botAliasId: ids.botAliasId, localeId: ids.localeId } : undefined;
  }

  callAs(node: Node): CallAs | undefined {
    if (isScalar(node)) {
      if (node.value === 'guest') return { kind: 'guest' };
      this.problem(node, `"as" is "guest" or a map { ${SIGNED_IN_KEYS.join(', ')} } for a signed-in user.`);
      return undefined;
    }
    if (!isMap(node)) {
      this.problem(node, `"as" is "guest" or a map { ${SIGNED_IN_KEYS.join(', ')} } for a signed-in user.`);
      return undefined;
    }
    const fields = this.fields(node, SIGNED_IN_KEYS, 'in "as"');
    const values: Partial<Record<(typeof SIGNED_IN_KEYS)[number], string>> = {};
    for (const key of SIGNED_IN_KEYS) {
      const value = fields.get(key);
      if (!value) {
        this.missing(node, key, `a signed-in user is given by ${SIGNED_IN_KEYS.join(', ')}`);
        continue;
      }
      if (key === 'userPoolId' || key === 'clientId') values[key] = this.id(value, key, key);
      else values[key] = this.text(value, key, { nonEmpty: true });
      if (key === 'passwordEnv' && values.passwordEnv !== undefined && !ENV_NAME.test(values.passwordEnv)) {
        this.problem(
          value,
          `passwordEnv "${values.passwordEnv}" is not an environment variable's name: expected letters, digits and _, like BOT_TEST_PASSWORD.`,
        );
        values.passwordEnv = undefined;
      }
    }
    const { userPoolId, clientId, username, passwordEnv } = values;
    return userPoolId && clientId && username && passwordEnv ? { kind: 'signedIn', userPoolId, clientId, username, passwordEnv } : undefined;
  }

  /** A map of names to text (session attributes, slots); `nullable` lets a value be null. */
  textMap(node: Node, what: string, nullable: false): Record<string, string> | undefined;
  textMap(node: Node, what: string, nullable: true): Record<string, string | null> | undefined;
  textMap(node: Node, what: string, nullable: boolean): Record<string, string | null> | undefined {
    if (!isMap(node)) {
      this.problem(node, `"${what}" is a map of names to values, like { name: value }.`);
      return undefined;
    }
    const values: Record<string, string | null> = {};
    let ok = true;
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = pair.key;
      const name = key ? scalarText(key) : undefined;
      if (!key || !name) {
        if (key) this.problem(key, `The names in "${what}" are text.`);
        ok = false;
        continue;
      }
      const valueNode = pair.value ?? emptyValueAfter(key);
      const value = scalarText(valueNode);
      if (value === null && nullable) values[name] = null;
      else if (typeof value === 'string') values[name] = value;
      else {
        this.problem(valueNode, `"${what}.${name}" must be text${nullable ? ', or null for "the slot is empty"' : ''}.`);
        ok = false;
      }
    }
    return ok ? values : undefined;
  }

  says(node: Node): TextMatcher | undefined {
    const text = this.text(node, 'says');
    if (text === undefined) return undefined;
    const form = REGEX_FORM.exec(text);
    if (!form) return { kind: 'exact', text };
    const [, source, flags] = form;
    const wrong = [...flags].filter((flag) => !REGEX_FLAGS.includes(flag));
    if (wrong.length > 0) {
      this.problem(
        node,
        `"${text}" has the flag${wrong.length > 1 ? 's' : ''} ${wrong.join(', ')}: a regular expression's flags are ${[...REGEX_FLAGS].join(', ')}.`,
      );
      return undefined;
    }
    try {
      new RegExp(source, flags);
    } catch (error) {
      this.problem(node, `"${text}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}.`);
      return undefined;
    }
    return { kind: 'regex', source, flags };
  }

  conversations(node: Node): Conversation[] {
    if (!isSeq(node)) {
      this.problem(node, '"conversations" is a list, each item a conversation with a name and turns.');
      return [];
    }
    const conversations: Conversation[] = [];
    const names = new Map<string, Conversation>();
    for (const item of node.items as Node[]) {
      const conversation = this.conversation(item);
      if (!conversation) continue;
      const first = names.get(conversation.name);
      if (first) {
        this.problems.push({
          message: `Conversation "${conversation.name}" is already named on line ${first.nameRange.start.line + 1}: each conversation needs its own name (it is the test's id).`,
          range: conversation.nameRange,
        });
        continue;
      }
      names.set(conversation.name, conversation);
      conversations.push(conversation);
    }
    return conversations;
  }

  conversation(node: Node): Conversation | undefined {
    if (!isMap(node)) {
      this.problem(node, 'A conversation is a map with a name and turns.');
      return undefined;
    }
    const fields = this.fields(node, CONVERSATION_KEYS, 'in a conversation');
    const nameNode = fields.get('name');
    if (!nameNode) this.missing(node, 'name', 'a conversation needs a name, its test name');
    const name = nameNode && this.text(nameNode, 'name', { nonEmpty: true });
    const attributesNode = fields.get('sessionAttributes');
    const sessionAttributes = attributesNode && this.textMap(attributesNode, 'sessionAttributes', false);
    const turnsNode = fields.get('turns');
    if (!turnsNode) this.missing(node, 'turns', 'a conversation lists its turns under "turns"');
    const turns = turnsNode ? this.turns(turnsNode) : [];
    if (!nameNode || name === undefined) return undefined;
    return { name, ...(sessionAttributes ? { sessionAttributes } : {}), turns, range: this.nodeRange(node), nameRange: this.nodeRange(nameNode) };
  }

  turns(node: Node): TestTurn[] {
    if (!isSeq(node) || node.items.length === 0) {
      this.problem(node, '"turns" is a list of one or more turns, each with what the user says ("user").');
      return [];
    }
    return (node.items as Node[]).map((item) => this.turn(item)).filter((turn): turn is TestTurn => turn !== undefined);
  }

  turn(node: Node): TestTurn | undefined {
    if (!isMap(node)) {
      this.problem(node, 'A turn is a map: { user: what the user says, and what the bot should do: intent, state, … }.');
      return undefined;
    }
    const fields = this.fields(node, TURN_KEYS, 'in a turn');
    const ranges: Partial<Record<(typeof TURN_KEYS)[number], TextRange>> = {};
    for (const [key, value] of fields) ranges[key] = this.nodeRange(value);
    const expect: { -readonly [K in keyof TurnExpectation]?: TurnExpectation[K] } = {};
    const set = <K extends keyof TurnExpectation>(key: K, value: TurnExpectation[K] | undefined) => {
      if (value !== undefined) expect[key] = value;
    };
    if (fields.get('intent')) set('intent', this.text(fields.get('intent')!, 'intent', { nonEmpty: true }));
    if (fields.get('state')) set('state', this.oneOf(fields.get('state')!, INTENT_STATES, 'state'));
    if (fields.get('elicit')) set('elicit', this.text(fields.get('elicit')!, 'elicit', { nonEmpty: true }));
    if (fields.get('confirmation')) set('confirmation', this.oneOf(fields.get('confirmation')!, CONFIRMATION_STATES, 'confirmation'));
    if (fields.get('slots')) set('slots', this.textMap(fields.get('slots')!, 'slots', true));
    if (fields.get('says')) set('says', this.says(fields.get('says')!));
    if (fields.get('sessionAttributes')) set('sessionAttributes', this.textMap(fields.get('sessionAttributes')!, 'sessionAttributes', false));
    const userNode = fields.get('user');
    if (!userNode) {
      this.missing(node, 'user', 'a turn starts with what the user says');
      return undefined;
    }
    const user = this.text(userNode, 'user', { nonEmpty: true });
    if (user === undefined) return undefined;
    return { user, expect, range: this.nodeRange(node), ranges };
  }
}

/** A key written with no value (`slots:`): an empty scalar just after the key, so it has a place. */
function emptyValueAfter(key: Node): Node {
  const node = new Scalar(null);
  const end = key.range?.[1] ?? 0;
  node.range = [end, end, end];
  return node;
}

/** A scalar's text (null for null); undefined for a map or a list. Plain numbers and booleans keep the text written. */
function scalarText(node: Node): string | null | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return null;
  if (typeof node.value === 'string') return node.value;
  return node.type === Scalar.PLAIN && node.source !== undefined ? node.source : String(node.value);
}

/** The known name nearest to a misspelt one, when near enough to be a slip (optimal string alignment distance). */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(name.length / 3))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const HEADER = [
  ' Conversation tests for an Amazon Lex V2 bot (Cognito Bot Workbench, *.lextest.yaml).',
  ' Each conversation runs in its own Lex session, its turns in order; every expectation of a turn',
  ' (intent, state, elicit, confirmation, slots, says, sessionAttributes) is optional.',
  " Run them from VS Code's Test Explorer, against the local sandbox or a bot alias on AWS.",
].join('\n');

/** Words YAML 1.1 readers take for booleans or null: quoted when written, though YAML 1.2 reads them as text. */
const YAML11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

/** Slots written on one line when there are at most this many and the line stays short. */
const FLOW_SLOTS = { count: 3, chars: 60 };

/**
 * Writes a test file that parseTestFile reads back to the same bot, caller and conversations. An
 * exact `says` text that has the regular-expression form (/…/flags) is written as the anchored
 * regular expression of that text, which matches what the text matches.
 */
export function serializeTestFile(source: TestFileSource): string {
  const root: Record<string, unknown> = {};
  if (source.bot) root.bot = { botId: source.bot.botId, botAliasId: source.bot.botAliasId, localeId: source.bot.localeId };
  if (source.as) {
    root.as =
      source.as.kind === 'guest'
        ? 'guest'
        : { userPoolId: source.as.userPoolId, clientId: source.as.clientId, username: source.as.username, passwordEnv: source.as.passwordEnv };
  }
  root.conversations = source.conversations.map((conversation) => ({
    name: conversation.name,
    ...(conversation.sessionAttributes ? { sessionAttributes: { ...conversation.sessionAttributes } } : {}),
    turns: conversation.turns.map((turn) => {
      const written: Record<string, unknown> = { user: turn.user };
      for (const key of EXPECTATION_KEYS) {
        const value = turn.expect[key];
        if (value === undefined) continue;
        written[key] = key === 'says' ? saysText(value as TextMatcher) : typeof value === 'object' ? { ...value } : value;
      }
      return written;
    }),
  }));

  const doc = new Document(root);
  doc.commentBefore = HEADER;
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (!isMap(pair.value)) return;
      if (key === 'bot' || key === 'sessionAttributes') pair.value.flow = key === 'bot' || pair.value.items.length <= FLOW_SLOTS.count;
      if (key === 'slots') {
        const chars = pair.value.items.reduce((n, item) => n + String((item.key as Scalar).value).length + String((item.value as Scalar).value).length + 4, 0);
        pair.value.flow = pair.value.items.length <= FLOW_SLOTS.count && chars <= FLOW_SLOTS.chars;
      }
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && YAML11_WORDS.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function saysText(says: TextMatcher): string {
  if (says.kind === 'regex') return `/${says.source}/${says.flags}`;
  return REGEX_FORM.test(says.text) ? `/^${says.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/` : says.text;
}
