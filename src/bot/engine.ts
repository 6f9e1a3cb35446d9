import type { CodeHook } from './codeHooks';
import { CompiledLocale } from './compile';
import { Turn, type Session } from './dialog';
import type { BotDefinition, LexMessage, MessageGroup } from './model';
import type { Interpretation, RecognizeTextInput, RecognizeTextOutput, SessionState } from './types';

// The offline dialog engine: runs an exported Lex V2 bot with the Lex V2 runtime's request and
// response shapes (RecognizeText, GetSession, PutSession, DeleteSession). The parts: types.ts
// (wire shapes), compile.ts (a locale compiled for matching), matching.ts (intent scoring and
// interpretations), dialog.ts (one turn of the dialog), codeHooks.ts (local Lambda code hooks).

export type { SessionState } from './types';
export { CodeHookError, type CodeHook } from './codeHooks';

export class LocaleNotFoundError extends Error {}
export class SessionNotFoundError extends Error {}

export interface EngineOptions {
  now?: () => Date;
  codeHook?: CodeHook;
  /** The ids the code hook's event names. */
  botId?: string;
  aliasId?: string;
  /** Picks among a message's variations; Lex picks at random. */
  random?: () => number;
}

/**
 * Runs one bot. Each locale is compiled once, here, and the engine owns what it compiles: a
 * changed bot needs a new engine (the sandbox makes one whenever it imports a bot).
 */
export class BotEngine {
  private readonly sessions = new Map<string, Session>();
  private readonly locales = new Map<string, CompiledLocale>();
  private readonly now: () => Date;
  private readonly random: () => number;
  readonly codeHook: CodeHook | undefined;
  readonly botId: string;
  readonly aliasId: string;

  constructor(
    readonly bot: BotDefinition,
    options: EngineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.codeHook = options.codeHook;
    this.botId = options.botId ?? bot.name;
    this.aliasId = options.aliasId ?? 'TSTALIASID';
    // The first locale of an id wins, as a search of the bot's list would find it.
    for (const locale of bot.locales) if (!this.locales.has(locale.localeId)) this.locales.set(locale.localeId, new CompiledLocale(locale));
  }

  get localeIds(): string[] {
    return this.bot.locales.map((l) => l.localeId);
  }

  async recognizeText(localeId: string, sessionId: string, input: RecognizeTextInput): Promise<RecognizeTextOutput> {
    const locale = this.locale(localeId);
    const session = this.session(localeId, sessionId, true)!;
    if (input.sessionState) session.state = { ...session.state, ...input.sessionState };
    const turn = new Turn(this, locale, session, input.text, { sessionId, requestAttributes: input.requestAttributes ?? {} });
    const messages = await turn.run();
    session.lastActive = this.now().getTime();
    session.interpretations = turn.interpretations;
    return {
      messages,
      sessionState: structuredClone(session.state),
      interpretations: structuredClone(session.interpretations),
      requestAttributes: input.requestAttributes ?? {},
      sessionId,
    };
  }

  getSession(
    localeId: string,
    sessionId: string,
  ): { sessionId: string; sessionState: SessionState; messages: LexMessage[]; interpretations: Interpretation[] } {
    this.locale(localeId);
    const session = this.session(localeId, sessionId, false);
    if (!session) throw new SessionNotFoundError(`Session ${sessionId} does not exist.`);
    return { sessionId, sessionState: structuredClone(session.state), messages: [], interpretations: structuredClone(session.interpretations) };
  }

  putSession(localeId: string, sessionId: string, state: SessionState): SessionState {
    this.locale(localeId);
    const session = this.session(localeId, sessionId, true)!;
    session.state = structuredClone(state);
    session.retries = 0;
    // They were of an utterance, and the put state need not hold the intent they name first.
    session.interpretations = [];
    return structuredClone(session.state);
  }

  deleteSession(localeId: string, sessionId: string): void {
    this.locale(localeId);
    if (!this.session(localeId, sessionId, false)) throw new SessionNotFoundError(`Session ${sessionId} does not exist.`);
    this.sessions.delete(`${localeId}/${sessionId}`);
  }

  /** Picks one message of a group: the message or one of its variations. */
  pick(group: MessageGroup): LexMessage {
    const choices = [group.message, ...group.variations];
    return choices[Math.min(choices.length - 1, Math.floor(this.random() * choices.length))];
  }

  private locale(localeId: string): CompiledLocale {
    const locale = this.locales.get(localeId);
    if (!locale) throw new LocaleNotFoundError(`Locale ${localeId} does not exist for bot ${this.bot.name}.`);
    return locale;
  }

  /** A session, new or expired after the bot's idle TTL. */
  private session(localeId: string, sessionId: string, create: boolean): Session | undefined {
    const key = `${localeId}/${sessionId}`;
    const now = this.now().getTime();
    const existing = this.sessions.get(key);
    if (existing && now - existing.lastActive <= this.bot.idleSessionTTLInSeconds * 1000) return existing;
    this.sessions.delete(key);
    if (!create) return undefined;
    const session: Session = { state: { sessionAttributes: {} }, lastActive: now, retries: 0, interpretations: [] };
    this.sessions.set(key, session);
    return session;
  }

  dateNow(): Date {
    return this.now();
  }
}
