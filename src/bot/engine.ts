import type { CodeHook } from './codeHooks';
import { CompiledLocale } from './compile';
import { Turn, type Session } from './dialog';
import type { BotDefinition, LexMessage, MessageGroup } from './model';
import type { ActiveContext, IntentState, Interpretation, RecognizeTextInput, RecognizeTextOutput, SessionState } from './types';

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
    if (input.sessionState) session.state = { ...session.state, ...structuredClone(input.sessionState) };
    const now = this.now().getTime();
    const active = this.liveContexts(session, now);
    const before = session.state.intent && { intent: session.state.intent, state: session.state.intent.state };
    const turn = new Turn(
      this,
      locale,
      session,
      input.text,
      { sessionId, requestAttributes: input.requestAttributes ?? {} },
      new Set(active.map((c) => c.name)),
    );
    const messages = await turn.run();
    this.ageContexts(session, active, locale.intent.bind(locale), before, now);
    session.lastActive = now;
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
    this.liveContexts(session, this.now().getTime());
    return { sessionId, sessionState: structuredClone(session.state), messages: [], interpretations: structuredClone(session.interpretations) };
  }

  putSession(localeId: string, sessionId: string, state: SessionState): SessionState {
    this.locale(localeId);
    const session = this.session(localeId, sessionId, true)!;
    session.state = structuredClone(state);
    session.retries = 0;
    session.contextsSetAt.clear();
    this.liveContexts(session, this.now().getTime());
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
    const session: Session = { state: { sessionAttributes: {} }, lastActive: now, retries: 0, interpretations: [], contextsSetAt: new Map() };
    this.sessions.set(key, session);
    return session;
  }

  dateNow(): Date {
    return this.now();
  }

  /**
   * The session's contexts still within their time to live in seconds (counted from when each
   * was set); the rest are dropped. A context the caller sent is counted from now.
   */
  private liveContexts(session: Session, now: number): ActiveContext[] {
    const live = (session.state.activeContexts ?? []).filter((context) => {
      const setAt = session.contextsSetAt.get(context.name) ?? now;
      session.contextsSetAt.set(context.name, setAt);
      return now - setAt < context.timeToLive.timeToLiveInSeconds * 1000 && context.timeToLive.turnsToLive > 0;
    });
    for (const name of session.contextsSetAt.keys()) if (!live.some((c) => c.name === name)) session.contextsSetAt.delete(name);
    if (session.state.activeContexts) session.state.activeContexts = live;
    return live;
  }

  /**
   * After a turn: each context that was active in it has one turn less to live (at none it is
   * gone), and an intent the turn fulfilled activates its output contexts afresh.
   */
  private ageContexts(
    session: Session,
    activeInTurn: ActiveContext[],
    intent: CompiledLocale['intent'],
    /** The intent the session was on as the turn started, and its state then. */
    before: { intent: IntentState; state: IntentState['state'] } | undefined,
    now: number,
  ): void {
    const names = new Set(activeInTurn.map((c) => c.name));
    let contexts = (session.state.activeContexts ?? []).map((context) =>
      names.has(context.name) ? { ...context, timeToLive: { ...context.timeToLive, turnsToLive: context.timeToLive.turnsToLive - 1 } } : context,
    );
    const current = session.state.intent;
    const fulfilledNow = current?.state === 'Fulfilled' && (before?.intent !== current || before.state !== 'Fulfilled');
    for (const output of (fulfilledNow && intent(current.name)?.outputContexts) || []) {
      contexts = contexts.filter((c) => c.name !== output.name);
      contexts.push({
        name: output.name,
        timeToLive: { timeToLiveInSeconds: output.timeToLiveInSeconds, turnsToLive: output.turnsToLive },
        contextAttributes: {},
      });
      session.contextsSetAt.set(output.name, now);
    }
    contexts = contexts.filter((c) => c.timeToLive.turnsToLive > 0);
    for (const name of session.contextsSetAt.keys()) if (!contexts.some((c) => c.name === name)) session.contextsSetAt.delete(name);
    if (contexts.length > 0 || session.state.activeContexts) session.state.activeContexts = contexts;
  }
}
