import * as vm from 'node:vm';
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import type { ExpectationKey, TextMatcher, TurnExpectation } from './model';

// What the bot did on one turn, read from RecognizeText's answer, and how it differs from what
// a test expects: one difference per expectation key, with both sides in words.

export interface TurnObservation {
  readonly intent?: string;
  readonly state?: string;
  readonly elicit?: string;
  readonly confirmation?: string;
  /** Slot name -> its interpreted value (null: empty); every slot Lex returned. */
  readonly slots: Readonly<Record<string, string | null>>;
  /** Slot name -> its resolved values (a test may expect any of them). */
  readonly resolved: Readonly<Record<string, readonly string[]>>;
  /** The bot's messages' text, in order (plain text, SSML or a card's title). */
  readonly messages: readonly string[];
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

export function observe(response: Pick<RecognizeTextCommandOutput, 'sessionState' | 'messages'>): TurnObservation {
  const intent = response.sessionState?.intent;
  const slots: Record<string, string | null> = {};
  const resolved: Record<string, string[]> = {};
  for (const [name, slot] of Object.entries(intent?.slots ?? {})) {
    const value = slot?.value;
    slots[name] = value?.interpretedValue ?? value?.originalValue ?? null;
    resolved[name] = value?.resolvedValues ?? [];
  }
  return {
    intent: intent?.name,
    state: intent?.state,
    elicit: response.sessionState?.dialogAction?.slotToElicit,
    confirmation: intent?.confirmationState,
    slots,
    resolved,
    messages: (response.messages ?? []).map((m) => m.content ?? m.imageResponseCard?.title ?? '').filter((text) => text !== ''),
    sessionAttributes: response.sessionState?.sessionAttributes ?? {},
  };
}

export interface Difference {
  readonly field: ExpectationKey;
  readonly expected: string;
  readonly actual: string;
}

export function describeMatcher(matcher: TextMatcher): string {
  return matcher.kind === 'exact' ? matcher.text : `/${matcher.source}/${matcher.flags}`;
}

/** How long one `says` pattern may take on one message: a test file is workspace content, and a catastrophic pattern must not freeze the extension host. */
export const REGEX_TIME_LIMIT_MS = 50;

// One context and one compiled script for every match: making a context per match costs more than the match.
const sandbox = vm.createContext({ source: '', flags: '', text: '' });
const test = new vm.Script('new RegExp(source, flags).test(text)');

function matches(matcher: TextMatcher, text: string): boolean {
  if (matcher.kind === 'exact') return text === matcher.text;
  try {
    Object.assign(sandbox, { source: matcher.source, flags: matcher.flags, text });
    return test.runInContext(sandbox, { timeout: REGEX_TIME_LIMIT_MS }) === true;
  } catch (error) {
    throw new Error(`The pattern /${matcher.source}/${matcher.flags} took longer than ${REGEX_TIME_LIMIT_MS} ms on the bot's answer: simplify it.`, {
      cause: error,
    });
  }
}

const shown = (value: string | null | undefined) => (value === undefined || value === null ? '(none)' : value);

/** A slot's expected value matches its interpreted value, or one of its resolved values, case-insensitively as Lex resolves. */
function slotMatches(expected: string | null, observation: TurnObservation, name: string): boolean {
  const actual = observation.slots[name] ?? null;
  if (expected === null) return actual === null;
  if (actual === null) return false;
  const wanted = expected.toLowerCase();
  return actual.toLowerCase() === wanted || (observation.resolved[name] ?? []).some((value) => value.toLowerCase() === wanted);
}

/** Each way the turn differs from what the test expects; empty when it passes. */
export function compareTurn(expect: TurnExpectation, observation: TurnObservation): Difference[] {
  const differences: Difference[] = [];
  const scalar = (field: 'intent' | 'state' | 'elicit' | 'confirmation') => {
    const expected = expect[field];
    if (expected !== undefined && expected !== observation[field]) differences.push({ field, expected, actual: shown(observation[field]) });
  };
  scalar('intent');
  scalar('state');
  scalar('elicit');
  scalar('confirmation');
  if (expect.slots) {
    const wrong = Object.entries(expect.slots).filter(([name, value]) => !slotMatches(value, observation, name));
    if (wrong.length > 0) {
      const pick = (source: Readonly<Record<string, string | null>>) => Object.fromEntries(wrong.map(([name]) => [name, source[name] ?? null]));
      differences.push({
        field: 'slots',
        expected: JSON.stringify(Object.fromEntries(wrong), null, 2),
        actual: JSON.stringify(pick(observation.slots), null, 2),
      });
    }
  }
  if (expect.says && !observation.messages.some((text) => matches(expect.says!, text))) {
    differences.push({ field: 'says', expected: describeMatcher(expect.says), actual: observation.messages.join('\n') || '(no message)' });
  }
  if (expect.sessionAttributes) {
    const wrong = Object.entries(expect.sessionAttributes).filter(([name, value]) => observation.sessionAttributes[name] !== value);
    if (wrong.length > 0) {
      differences.push({
        field: 'sessionAttributes',
        expected: JSON.stringify(Object.fromEntries(wrong), null, 2),
        actual: JSON.stringify(Object.fromEntries(wrong.map(([name]) => [name, observation.sessionAttributes[name] ?? null])), null, 2),
      });
    }
  }
  return differences;
}
