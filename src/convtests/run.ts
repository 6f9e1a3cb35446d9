import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { mapWithLimit } from '../aws/paging';
import { compareTurn, type Difference, observe, type TurnObservation } from './compare';
import type { Conversation, TextRange } from './model';

// Running conversations: each in a Lex session of its own, turn by turn, compared with what
// the test expects; conversations in parallel up to a limit; each session deleted afterwards.

/** One Lex session: RecognizeText in it, and ending it (DeleteSession). */
export interface LexSession {
  recognize(text: string, sessionAttributes?: Readonly<Record<string, string>>): Promise<Pick<RecognizeTextCommandOutput, 'sessionState' | 'messages'>>;
  end(): Promise<void>;
}

export interface TurnFailure extends Difference {
  /** 0-based turn index. */
  readonly turn: number;
  /** Where the expectation is in the file. */
  readonly range?: TextRange;
}

export interface TurnResult {
  readonly turn: number;
  readonly passed: boolean;
  readonly durationMs: number;
  readonly observation?: TurnObservation;
  readonly failures: readonly TurnFailure[];
  /** The call failed (AccessDenied, throttled, …): the turn and the rest of the conversation did not run. */
  readonly error?: string;
}

export interface ConversationResult {
  readonly conversation: string;
  readonly passed: boolean;
  readonly durationMs: number;
  readonly turns: readonly TurnResult[];
  readonly failures: readonly TurnFailure[];
}

/** How many conversations run at once: Lex's runtime quota is per account and region, and a web page holds one session. */
export const DEFAULT_CONCURRENCY = 4;

function errorText(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  const message = error instanceof Error ? error.message : String(error);
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}

/** Runs one conversation in its own session; the session is ended whatever happens. */
export async function runConversation(conversation: Conversation, session: LexSession, signal?: AbortSignal): Promise<ConversationResult> {
  const started = Date.now();
  const turns: TurnResult[] = [];
  try {
    for (const [index, turn] of conversation.turns.entries()) {
      if (signal?.aborted) break;
      const turnStarted = Date.now();
      try {
        const response = await session.recognize(turn.user, index === 0 ? conversation.sessionAttributes : undefined);
        const observation = observe(response);
        const failures = compareTurn(turn.expect, observation).map((d) => ({ ...d, turn: index, range: turn.ranges[d.field] ?? turn.range }));
        turns.push({ turn: index, passed: failures.length === 0, durationMs: Date.now() - turnStarted, observation, failures });
      } catch (error) {
        turns.push({ turn: index, passed: false, durationMs: Date.now() - turnStarted, failures: [], error: errorText(error) });
        break; // the session's state is unknown: later turns would test nothing
      }
    }
  } finally {
    await session.end().catch(() => undefined); // a session that cannot be deleted expires on its own
  }
  return {
    conversation: conversation.name,
    // Every turn ran and passed (a cancelled run did not pass).
    passed: turns.length === conversation.turns.length && turns.every((t) => t.passed),
    durationMs: Date.now() - started,
    turns,
    failures: turns.flatMap((t) => t.failures),
  };
}

/** Runs conversations, at most `concurrency` at once, each in a session `open` starts; reports each as it ends. */
export async function runConversations(
  conversations: readonly Conversation[],
  open: (conversation: Conversation) => Promise<LexSession>,
  options: {
    concurrency?: number;
    signal?: AbortSignal;
    onStart?: (conversation: Conversation) => void;
    onResult?: (result: ConversationResult, conversation: Conversation) => void;
  } = {},
): Promise<ConversationResult[]> {
  const ran = await mapWithLimit(conversations, options.concurrency ?? DEFAULT_CONCURRENCY, async (conversation): Promise<ConversationResult | undefined> => {
    // Cancelled: what has not started does not start (and is not reported).
    if (options.signal?.aborted) return undefined;
    options.onStart?.(conversation);
    let result: ConversationResult;
    try {
      result = await runConversation(conversation, await open(conversation), options.signal);
    } catch (error) {
      // No session at all (no credentials, no such bot): the first turn carries why.
      result = {
        conversation: conversation.name,
        passed: false,
        durationMs: 0,
        turns: [{ turn: 0, passed: false, durationMs: 0, failures: [], error: errorText(error) }],
        failures: [],
      };
    }
    options.onResult?.(result, conversation);
    return result;
  });
  return ran.filter((result): result is ConversationResult => result !== undefined);
}
