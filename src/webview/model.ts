// The chat page's state and how each message from the host changes it. Pure: no DOM, so the
// rules (what a turn replaces, what survives an init, which attribute keys are valid) read in
// one place. The state is what the page keeps with vscode.setState.
import type { BotView, ChatError, HostMessage, IdentityView, PanelState, Turn } from '../chat/protocol';

export type Entry =
  { readonly kind: 'turn'; readonly turn: Turn } | { readonly kind: 'notice'; readonly id: string; readonly text: string; readonly error?: ChatError };

/** A message the user sent that the host has not answered with a turn yet. */
export interface Pending {
  readonly text: string;
  /** What the user saw: a card button's text, when it sent the button's value. */
  readonly label: string;
}

export interface AttributeRow {
  readonly key: string;
  readonly value: string;
}

export interface PageState {
  readonly version: 1;
  readonly bot?: BotView;
  readonly identity?: IdentityView;
  readonly entries: readonly Entry[];
  readonly pending: readonly Pending[];
  /** Turn id → the label the user saw for it (a card button's text), when not the text sent. */
  readonly labels: Readonly<Record<string, string>>;
  /** The session attributes the host holds (sent with the next turn). */
  readonly sessionAttributes: Readonly<Record<string, string>>;
  /** The user's unapplied edits of the session attributes; undefined when there are none. */
  readonly draft?: readonly AttributeRow[];
  /** The turn the inspector shows; undefined follows the last turn. */
  readonly selected?: string;
  readonly typing: boolean;
  readonly inspectorOpen: boolean;
  /** Messages sent, oldest first, for Up-arrow recall. */
  readonly history: readonly string[];
}

export const MAX_HISTORY = 50;
export const ATTRIBUTE_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_CHARS = 1024;

export function initialState(): PageState {
  return { version: 1, entries: [], pending: [], labels: {}, sessionAttributes: {}, typing: false, inspectorOpen: true, history: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isTurn(value: unknown): value is Turn {
  return isRecord(value) && typeof value.id === 'string' && typeof value.user === 'string' && Array.isArray(value.bot) && value.bot.every(isRecord);
}

function isIdentity(value: unknown): value is IdentityView {
  return isRecord(value) && (value.mode === 'guest' || value.mode === 'signedIn');
}

function isPanelState(value: unknown): value is PanelState {
  return (
    isRecord(value) &&
    isRecord(value.bot) &&
    isIdentity(value.identity) &&
    Array.isArray(value.turns) &&
    value.turns.every(isTurn) &&
    isStringRecord(value.sessionAttributes)
  );
}

function isChatError(value: unknown): value is ChatError {
  return isRecord(value) && typeof value.name === 'string' && typeof value.message === 'string';
}

/** The host is trusted, but a page outliving an older host must not break: check the shape, drop the rest. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'init':
      return isPanelState(value.state) ? { type: 'init', state: value.state } : undefined;
    case 'turn':
      return isTurn(value.turn) ? { type: 'turn', turn: value.turn } : undefined;
    case 'typing':
      return typeof value.on === 'boolean' ? { type: 'typing', on: value.on } : undefined;
    case 'identity':
      return isIdentity(value.identity) ? { type: 'identity', identity: value.identity } : undefined;
    case 'sessionAttributes':
      return isStringRecord(value.attributes) ? { type: 'sessionAttributes', attributes: value.attributes } : undefined;
    case 'cleared':
      return { type: 'cleared' };
    case 'notice':
      if (typeof value.text !== 'string') return undefined;
      return isChatError(value.error) ? { type: 'notice', text: value.text, error: value.error } : { type: 'notice', text: value.text };
    default:
      return undefined;
  }
}

/** A state from vscode.getState(), when it is one this page wrote; what was in flight is dropped. */
export function restoreState(saved: unknown): PageState | undefined {
  if (!isRecord(saved) || saved.version !== 1 || !Array.isArray(saved.entries)) return undefined;
  const state = saved as unknown as PageState;
  return { ...initialState(), ...state, pending: [], typing: false };
}

let noticeCounter = 0;

export function turnsOf(state: PageState): Turn[] {
  return state.entries.flatMap((entry) => (entry.kind === 'turn' ? [entry.turn] : []));
}

/** The turn the inspector shows: the selected one, else the last. */
export function selectedTurn(state: PageState): Turn | undefined {
  const turns = turnsOf(state);
  return (state.selected === undefined ? undefined : turns.find((turn) => turn.id === state.selected)) ?? turns.at(-1);
}

export function applyHostMessage(state: PageState, message: HostMessage): PageState {
  switch (message.type) {
    case 'init': {
      const { bot, identity, turns, sessionAttributes } = message.state;
      const ids = new Set(turns.map((turn) => turn.id));
      const labels = Object.fromEntries(Object.entries(state.labels).filter(([id]) => ids.has(id)));
      // Notices are the page's own, not the host's: the ones after the last turn stay.
      const trailingNotices = state.entries.slice(lastTurnIndex(state.entries) + 1);
      const entries: Entry[] = [...turns.map((turn): Entry => ({ kind: 'turn', turn })), ...trailingNotices];
      const selected = state.selected !== undefined && ids.has(state.selected) ? state.selected : undefined;
      return { ...state, bot, identity, entries: reuseEntries(state.entries, entries), labels, sessionAttributes, selected, pending: [], typing: false };
    }
    case 'turn': {
      const { turn } = message;
      const at = state.pending.findIndex((pending) => pending.text === turn.user);
      const pending = at >= 0 ? state.pending.filter((_, i) => i !== at) : state.pending;
      const label = at >= 0 ? state.pending[at].label : undefined;
      const labels = label !== undefined && label !== turn.user ? { ...state.labels, [turn.id]: label } : state.labels;
      const existing = state.entries.findIndex((entry) => entry.kind === 'turn' && entry.turn.id === turn.id);
      const entry: Entry = { kind: 'turn', turn };
      const entries = existing >= 0 ? state.entries.map((e, i) => (i === existing ? entry : e)) : [...state.entries, entry];
      return { ...state, entries, pending, labels };
    }
    case 'typing':
      return { ...state, typing: message.on };
    case 'identity':
      return { ...state, identity: message.identity };
    case 'sessionAttributes':
      return { ...state, sessionAttributes: message.attributes };
    case 'cleared':
      return { ...state, entries: [], pending: [], labels: {}, selected: undefined, typing: false };
    case 'notice': {
      noticeCounter += 1;
      const entry: Entry = {
        kind: 'notice',
        id: `notice-${Date.now()}-${noticeCounter}`,
        text: message.text,
        ...(message.error ? { error: message.error } : {}),
      };
      // A notice with an error ends whatever was in flight (e.g. credentials failed before the turn).
      return { ...state, entries: [...state.entries, entry], pending: message.error ? [] : state.pending, typing: message.error ? false : state.typing };
    }
  }
}

function lastTurnIndex(entries: readonly Entry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].kind === 'turn') return i;
  return -1;
}

/** Keeps the old entry objects where the new ones are equal, so the view does not redraw (and re-announce) them. */
function reuseEntries(old: readonly Entry[], next: readonly Entry[]): Entry[] {
  const byKey = new Map(old.map((entry) => [entryKey(entry), entry]));
  return next.map((entry) => {
    const previous = byKey.get(entryKey(entry));
    return previous && JSON.stringify(previous) === JSON.stringify(entry) ? previous : entry;
  });
}

export function entryKey(entry: Entry): string {
  return entry.kind === 'turn' ? `turn:${entry.turn.id}` : entry.id;
}

/** Records a message the user sent (with the label they saw) and remembers it for recall. */
export function sent(state: PageState, text: string, label: string): PageState {
  const history = state.history.at(-1) === text ? state.history : [...state.history, text].slice(-MAX_HISTORY);
  return { ...state, pending: [...state.pending, { text, label }], history };
}

export function rowsOf(attributes: Readonly<Record<string, string>>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value }));
}

export interface RowProblem {
  readonly index: number;
  readonly message: string;
}

/**
 * Checks the session attribute rows as the host will: keys [A-Za-z0-9_.:-]{1,100}, each once,
 * values up to 1024 characters, at most 50. Rows with neither key nor value are ignored.
 */
export function checkAttributes(rows: readonly AttributeRow[]): { attributes?: Record<string, string>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const attributes: Record<string, string> = {};
  const seen = new Set<string>();
  let count = 0;
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (key === '' && row.value === '') return;
    if (!ATTRIBUTE_KEY.test(key)) {
      problems.push({ index, message: key === '' ? 'A key is needed.' : 'Keys use letters, digits and _ . : - (up to 100).' });
    } else if (seen.has(key)) {
      problems.push({ index, message: `"${key}" is already above.` });
    } else if (row.value.length > MAX_ATTRIBUTE_CHARS) {
      problems.push({ index, message: `Values are at most ${MAX_ATTRIBUTE_CHARS} characters.` });
    } else {
      seen.add(key);
      attributes[key] = row.value;
      count += 1;
      if (count === MAX_ATTRIBUTES + 1) problems.push({ index, message: `At most ${MAX_ATTRIBUTES} attributes.` });
    }
  });
  return problems.length > 0 ? { problems } : { attributes, problems };
}
