import { MAX_MESSAGE_CHARS, type Turn } from './protocol';

// A conversation saved as JSON in the workspace, to load later and replay its user turns,
// showing where the bot now answers otherwise. A loaded file is untrusted input: it is
// validated field by field, and a problem names the place in the file.
//   { "version": 1, "bot": { "botId", "botAliasId", "localeId", "label"? }, "turns": [{ "user": "...", "bot": ["..."] }] }

export const TRANSCRIPT_VERSION = 1;
const MAX_TURNS = 2000;
const MAX_ANSWER_CHARS = 100_000;
const MAX_FILE_CHARS = 20_000_000;

export interface TranscriptBot {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly label?: string;
}

export interface TranscriptTurn {
  readonly user: string;
  readonly bot: readonly string[];
  /** When the turn failed: "ErrorName: message". */
  readonly error?: string;
}

export interface Transcript {
  readonly version: typeof TRANSCRIPT_VERSION;
  readonly bot: TranscriptBot;
  readonly savedAt?: string;
  readonly turns: readonly TranscriptTurn[];
}

export class TranscriptError extends Error {
  override readonly name = 'TranscriptError';
}

/** A turn's answers as text: the message content, or a card's title. */
export function answerTexts(turn: Pick<Turn, 'bot'>): string[] {
  return turn.bot.map((m) => m.content ?? m.imageResponseCard?.title ?? '');
}

export function toTranscript(bot: TranscriptBot, turns: readonly Turn[], savedAt?: Date): Transcript {
  return {
    version: TRANSCRIPT_VERSION,
    bot: { botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId, ...(bot.label ? { label: bot.label } : {}) },
    ...(savedAt ? { savedAt: savedAt.toISOString() } : {}),
    turns: turns.map((t) => ({ user: t.user, bot: answerTexts(t), ...(t.error ? { error: `${t.error.name}: ${t.error.message}` } : {}) })),
  };
}

export function serializeTranscript(transcript: Transcript): string {
  return `${JSON.stringify(transcript, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ID = /^[\w-]{1,100}$/;

function idField(record: Record<string, unknown>, name: string, where: string): string {
  const value = record[name];
  if (typeof value !== 'string' || !ID.test(value))
    throw new TranscriptError(`${where}.${name} must be an id (letters, digits, _ and -), not ${JSON.stringify(value) ?? 'missing'}.`);
  return value;
}

/** Reads a transcript file's text; throws TranscriptError saying what is wrong and where. */
export function parseTranscript(text: string): Transcript {
  if (text.length > MAX_FILE_CHARS) throw new TranscriptError('The transcript is too large (over 20 MB).');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TranscriptError(`The transcript is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new TranscriptError('A transcript is a JSON object with "version", "bot" and "turns".');
  if (value.version !== TRANSCRIPT_VERSION) {
    throw new TranscriptError(
      `Transcript version ${JSON.stringify(value.version) ?? 'missing'} is not one this version of the extension reads (it reads version ${TRANSCRIPT_VERSION}).`,
    );
  }
  if (!isRecord(value.bot)) throw new TranscriptError('"bot" must be an object with botId, botAliasId and localeId.');
  const bot: TranscriptBot = {
    botId: idField(value.bot, 'botId', 'bot'),
    botAliasId: idField(value.bot, 'botAliasId', 'bot'),
    localeId: idField(value.bot, 'localeId', 'bot'),
    ...(typeof value.bot.label === 'string' ? { label: value.bot.label.slice(0, 200) } : {}),
  };
  if (!Array.isArray(value.turns)) throw new TranscriptError('"turns" must be a list of { "user": "...", "bot": ["..."] }.');
  if (value.turns.length > MAX_TURNS) throw new TranscriptError(`A transcript has at most ${MAX_TURNS} turns; this one has ${value.turns.length}.`);
  const turns = value.turns.map((turn: unknown, index: number): TranscriptTurn => {
    const where = `turns[${index}]`;
    if (!isRecord(turn)) throw new TranscriptError(`${where} must be an object with "user" and "bot".`);
    const { user, bot: answers, error } = turn;
    if (typeof user !== 'string' || user.trim().length === 0 || user.length > MAX_MESSAGE_CHARS) {
      throw new TranscriptError(`${where}.user must be the message sent: text of 1 to ${MAX_MESSAGE_CHARS} characters.`);
    }
    if (!Array.isArray(answers) || !answers.every((a) => typeof a === 'string' && a.length <= MAX_ANSWER_CHARS)) {
      throw new TranscriptError(`${where}.bot must be a list of the bot's answers as text.`);
    }
    if (error !== undefined && typeof error !== 'string') throw new TranscriptError(`${where}.error must be text when present.`);
    return { user, bot: answers as string[], ...(typeof error === 'string' ? { error: error.slice(0, 2000) } : {}) };
  });
  return { version: TRANSCRIPT_VERSION, bot, ...(typeof value.savedAt === 'string' ? { savedAt: value.savedAt } : {}), turns };
}

const normalise = (answers: readonly string[]) => answers.map((a) => a.replace(/\s+/g, ' ').trim());

/** Whether the bot's answers now differ from the saved ones (whitespace aside). */
export function answersDiffer(saved: readonly string[], now: readonly string[]): boolean {
  const a = normalise(saved);
  const b = normalise(now);
  return a.length !== b.length || a.some((text, i) => text !== b[i]);
}

/** A replayed turn: `expected` holds the saved answers when the bot now says otherwise. */
export function markReplayed(turn: Turn, saved: TranscriptTurn): Turn {
  return answersDiffer(saved.bot, answerTexts(turn)) ? { ...turn, expected: [...saved.bot] } : turn;
}

/** What replay needs of a session: a fresh conversation, then one turn per saved user message. */
export interface Replayable {
  restart(): Promise<void>;
  send(text: string): Promise<Turn>;
}

/**
 * Replays a transcript's user turns in a new Lex session, in order; each turn comes back
 * marked where the answers differ. `onTurn` hears each one as it arrives.
 */
export async function replay(
  session: Replayable,
  transcript: Transcript,
  onTurn?: (turn: Turn, index: number) => void,
): Promise<{ turns: Turn[]; differing: number }> {
  await session.restart();
  const turns: Turn[] = [];
  for (const [index, saved] of transcript.turns.entries()) {
    const turn = markReplayed(await session.send(saved.user), saved);
    turns.push(turn);
    onTurn?.(turn, index);
  }
  return { turns, differing: turns.filter((t) => t.expected).length };
}
