import type { BotDefinition, IntentDefinition, LexMessage, LocaleDefinition, MessageGroup, NextStep, SlotDefinition } from './model';
import { closeEnough, normalise, resolveSlotValue, type SlotValue } from './values';

// The offline dialog engine: runs an exported Lex V2 bot with the Lex V2 runtime's request and
// response shapes (RecognizeText, GetSession, PutSession, DeleteSession).

export interface Slot {
  value: SlotValue;
  shape?: 'Scalar';
}

export interface IntentState {
  name: string;
  slots: Record<string, Slot | null>;
  state: 'InProgress' | 'ReadyForFulfillment' | 'Fulfilled' | 'Failed' | 'Waiting' | 'FulfillmentInProgress';
  confirmationState: 'None' | 'Confirmed' | 'Denied';
}

export interface SessionState {
  dialogAction?: { type: 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None'; slotToElicit?: string };
  intent?: IntentState;
  sessionAttributes?: Record<string, string>;
  activeContexts?: unknown[];
  originatingRequestId?: string;
}

export interface Interpretation {
  intent: IntentState;
  nluConfidence?: { score: number };
  interpretationSource: 'Lex';
}

export interface RecognizeTextInput {
  text: string;
  sessionState?: SessionState;
  requestAttributes?: Record<string, string>;
}

export interface RecognizeTextOutput {
  messages: LexMessage[];
  sessionState: SessionState;
  interpretations: Interpretation[];
  requestAttributes: Record<string, string>;
  sessionId: string;
}

export class LocaleNotFoundError extends Error {}
export class SessionNotFoundError extends Error {}

interface Session {
  state: SessionState;
  lastActive: number;
  /** Failed attempts at the current prompt. */
  retries: number;
}

/** A local code hook: a Lambda handler, called with the Lex V2 Lambda input event. */
export type CodeHook = (event: unknown) => unknown;

export interface HookResponse {
  sessionState?: {
    dialogAction?: { type: string; slotToElicit?: string };
    intent?: Partial<IntentState> & { slots?: Record<string, Slot | null> };
    sessionAttributes?: Record<string, string>;
  };
  messages?: LexMessage[];
}

const HOOK_ACTIONS = ['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot'];

/** The code hook failed or answered something Lex would not accept: Lex's DependencyFailedException. */
export class CodeHookError extends Error {}

export interface EngineOptions {
  now?: () => Date;
  codeHook?: CodeHook;
  /** The ids the code hook's event names. */
  botId?: string;
  aliasId?: string;
  /** Picks among a message's variations; Lex picks at random. */
  random?: () => number;
}

const YES = ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'confirm', 'please do', 'go ahead', 'right', 'absolutely', 'of course', 'do it'];
const NO = ['no', 'nope', 'nah', 'cancel', "don't", 'do not', 'stop', 'never mind', 'wrong'];

function says(text: string, phrases: string[]): boolean {
  const words = ` ${normalise(text)} `;
  return phrases.some((phrase) => words.includes(` ${phrase} `));
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

interface Match {
  intent: IntentDefinition;
  score: number;
  slots: Record<string, Slot | null>;
}

interface CompiledSample {
  /** The sample as a regular expression, one group per placeholder. */
  pattern: RegExp;
  /** Slot names, in the order of the groups. */
  order: string[];
  /** The sample's own words (no placeholders), normalised. */
  literal: string[];
  literalSet: Set<string>;
}

const vocabularies = new WeakMap<LocaleDefinition, Set<string>>();

/** Every word of a locale's sample utterances. */
function vocabularyOf(locale: LocaleDefinition): Set<string> {
  let vocabulary = vocabularies.get(locale);
  if (!vocabulary) {
    vocabulary = new Set(locale.intents.flatMap((intent) => intent.sampleUtterances.flatMap((sample) => compileSample(sample).literal)));
    vocabularies.set(locale, vocabulary);
  }
  return vocabulary;
}

// Every turn scores every sample utterance: compile each once.
const compiledSamples = new Map<string, CompiledSample>();

function compileSample(sample: string): CompiledSample {
  let compiled = compiledSamples.get(sample);
  if (compiled) return compiled;
  // Placeholders become marker words that survive normalisation.
  const names: string[] = [];
  const template = normalise(sample.replace(PLACEHOLDER, (_whole, name: string) => ` zzslot${names.push(name) - 1}zz `)).split(' ').filter(Boolean);
  const marker = /^zzslot(\d+)zz$/;
  const order: string[] = [];
  const source = template
    .map((word) => {
      const m = marker.exec(word);
      if (!m) return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      order.push(names[Number(m[1])]);
      return '(.+?)';
    })
    .join(' ');
  const literal = template.filter((w) => !marker.test(w));
  compiled = { pattern: new RegExp(`^${source}$`), order, literal, literalSet: new Set(literal) };
  if (compiledSamples.size > 20_000) compiledSamples.clear();
  compiledSamples.set(sample, compiled);
  return compiled;
}

// An intent's slots named by each of its samples' placeholders, in the intent's order.
// Kept by the sample's text, not its compiled form, which the compile cache may replace.
const placeholdersBySample = new WeakMap<IntentDefinition, Map<string, SlotDefinition[]>>();

function placeholderSlots(intent: IntentDefinition, sample: string, compiled: CompiledSample): SlotDefinition[] {
  let bySample = placeholdersBySample.get(intent);
  if (!bySample) placeholdersBySample.set(intent, (bySample = new Map()));
  let slots = bySample.get(sample);
  if (!slots) bySample.set(sample, (slots = intent.slots.filter((s) => compiled.order.includes(s.name))));
  return slots;
}

const RECOGNISABLE_BUILT_INS = new Set(['AMAZON.Number', 'AMAZON.Date', 'AMAZON.Time']);

function isFallback(intent: IntentDefinition): boolean {
  return intent.parentIntentSignature === 'AMAZON.FallbackIntent' || intent.name === 'FallbackIntent';
}

export class BotEngine {
  private readonly sessions = new Map<string, Session>();
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
    return { messages, sessionState: structuredClone(session.state), interpretations: turn.interpretations, requestAttributes: input.requestAttributes ?? {}, sessionId };
  }

  getSession(localeId: string, sessionId: string): { sessionId: string; sessionState: SessionState; messages: LexMessage[]; interpretations: Interpretation[] } {
    this.locale(localeId);
    const session = this.session(localeId, sessionId, false);
    if (!session) throw new SessionNotFoundError(`Session ${sessionId} does not exist.`);
    return { sessionId, sessionState: structuredClone(session.state), messages: [], interpretations: [] };
  }

  putSession(localeId: string, sessionId: string, state: SessionState): SessionState {
    this.locale(localeId);
    const session = this.session(localeId, sessionId, true)!;
    session.state = structuredClone(state);
    session.retries = 0;
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

  private locale(localeId: string): LocaleDefinition {
    const locale = this.bot.locales.find((l) => l.localeId === localeId);
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
    const session: Session = { state: { sessionAttributes: {} }, lastActive: now, retries: 0 };
    this.sessions.set(key, session);
    return session;
  }

  dateNow(): Date {
    return this.now();
  }
}

/** One turn of conversation: what the user said, against the session so far. */
class Turn {
  interpretations: Interpretation[] = [];
  private readonly messages: LexMessage[] = [];
  /**
   * For each word said, the words of the bot's sample utterances close to it (itself, or one
   * typo away): worked out once per turn, so scoring a sample is only set lookups.
   */
  private neighbours: Map<string, string[]> | undefined;
  private heard: Set<string> | undefined;

  private prepare(words: string[]): void {
    if (this.neighbours) return;
    const vocabulary = vocabularyOf(this.locale);
    this.neighbours = new Map();
    this.heard = new Set();
    for (const said of new Set(words)) {
      const close = said.length >= 5 ? [...vocabulary].filter((word) => closeEnough(said, word)) : vocabulary.has(said) ? [said] : [];
      if (!close.includes(said)) close.push(said);
      this.neighbours.set(said, close);
      for (const word of close) this.heard.add(word);
    }
  }

  /** What was said, normalised once for every sample and slot type that looks at it. */
  private get utterance(): string {
    return (this.normalisedText ??= normalise(this.text));
  }
  private normalisedText: string | undefined;

  /** A turn asks the dialog code hook once, as Lex does per input. */
  private dialogHookCalled = false;
  private readonly valuesSaid = new Map<string, SlotValue | undefined>();

  constructor(
    private readonly engine: BotEngine,
    private readonly locale: LocaleDefinition,
    private readonly session: Session,
    private readonly text: string,
    private readonly request: { sessionId: string; requestAttributes: Record<string, string> },
  ) {}

  async run(): Promise<LexMessage[]> {
    const state = this.session.state;
    const intent = state.intent && this.intent(state.intent.name);
    const action = state.dialogAction?.type;
    if (intent && state.intent && action === 'ElicitSlot' && state.dialogAction?.slotToElicit) {
      await this.answerSlot(intent, state.intent, state.dialogAction.slotToElicit);
    } else if (intent && state.intent && action === 'ConfirmIntent') {
      await this.answerConfirmation(intent, state.intent);
    } else {
      await this.startIntent();
    }
    return this.messages;
  }

  private intent(name: string): IntentDefinition | undefined {
    return this.locale.intents.find((i) => i.name === name);
  }

  private fallback(): IntentDefinition | undefined {
    return this.locale.intents.find(isFallback);
  }

  private emptySlots(intent: IntentDefinition): Record<string, Slot | null> {
    return Object.fromEntries(intent.slots.map((s) => [s.name, null]));
  }

  /** The classification of this turn's utterance: worked out once, however often it is asked for. */
  private classification: { match: Match | undefined; interpretations: Interpretation[] } | undefined;

  /** The best intent at or above the threshold (else undefined), and its interpretations become the turn's. */
  private classify(): Match | undefined {
    this.classification ??= this.scoreIntents();
    this.interpretations = this.classification.interpretations;
    return this.classification.match;
  }

  /** The same, without making its interpretations the turn's (to see if the user changed the subject). */
  private classifyWithoutCommitting(): Match | undefined {
    this.classification ??= this.scoreIntents();
    return this.classification.match;
  }

  /** Scores every intent against the utterance; up to five interpretations, with the fallback among them. */
  private scoreIntents(): { match: Match | undefined; interpretations: Interpretation[] } {
    const utterance = this.utterance;
    const words = utterance.split(' ').filter(Boolean);
    const scored: Match[] = [];
    for (const intent of this.locale.intents) {
      if (isFallback(intent)) continue;
      let best: { score: number; slots?: Record<string, Slot | null> } = { score: 0 };
      for (const sample of intent.sampleUtterances) {
        const candidate = this.scoreSample(intent, sample, utterance, words);
        if (candidate.score > best.score) best = candidate;
      }
      scored.push({ intent, score: best.score, slots: best.slots ?? this.emptySlots(intent) });
    }
    scored.sort((a, b) => b.score - a.score);
    const ranked: Interpretation[] = scored.slice(0, 5).map((s) => ({
      intent: { name: s.intent.name, slots: s.slots, state: 'InProgress', confirmationState: 'None' },
      nluConfidence: { score: Math.round(s.score * 100) / 100 },
      interpretationSource: 'Lex',
    }));
    const fallback = this.fallback();
    const fallbackInterpretation: Interpretation[] = fallback
      ? [{ intent: { name: fallback.name, slots: {}, state: 'InProgress', confirmationState: 'None' }, interpretationSource: 'Lex' }]
      : [];
    const top = scored[0];
    if (!top || top.score < this.locale.nluConfidenceThreshold) {
      return { match: undefined, interpretations: [...fallbackInterpretation, ...ranked].slice(0, 5) };
    }
    return { match: top, interpretations: [...ranked.slice(0, fallback ? 4 : 5), ...fallbackInterpretation] };
  }

  /**
   * How well one sample utterance (with {Slot} placeholders) matches, and the slots it yields.
   * Slots (all null but those found) are made only for samples that find one: most find none.
   */
  private scoreSample(intent: IntentDefinition, sample: string, utterance: string, words: string[]): { score: number; slots?: Record<string, Slot | null> } {
    const compiled = compileSample(sample);
    // 1. The template itself, each placeholder a value of its slot's type.
    const exact = compiled.pattern.exec(utterance);
    if (exact) {
      const slots = this.emptySlots(intent);
      const ok = compiled.order.every((name, i) => {
        const slot = intent.slots.find((s) => s.name === name);
        const value = slot && resolveSlotValue(slot.slotTypeName, this.locale.slotTypes, exact[i + 1], this.engine.dateNow());
        if (slot && value) slots[slot.name] = { value, shape: 'Scalar' };
        return !!(slot && value);
      });
      if (ok) return { score: 1, slots };
    }
    let slots: Record<string, Slot | null> | undefined;
    // 2. Word overlap, small typos allowed, with slot values found anywhere in the utterance
    // (only for types whose values can be told apart from other words).
    const literal = compiled.literal;
    const placeholders = placeholderSlots(intent, sample, compiled);
    let found = 0;
    for (const slot of placeholders) {
      const value = this.recognisable(slot.slotTypeName) ? this.valueInUtterance(slot.slotTypeName) : undefined;
      if (!value) continue;
      (slots ??= this.emptySlots(intent))[slot.name] = { value, shape: 'Scalar' };
      found++;
    }
    this.prepare(words);
    let matched = 0;
    for (const word of literal) if (this.heard!.has(word)) matched++;
    let covered = found;
    for (const said of words) if (this.neighbours!.get(said)!.some((word) => compiled.literalSet.has(word))) covered++;
    const total = literal.length + placeholders.length;
    if (total === 0 || words.length === 0) return { score: 0, slots };
    // How much of the sample is said, and how much of what was said is the sample.
    const score = (0.6 * (matched + found)) / total + (0.4 * Math.min(covered, words.length)) / words.length;
    return { score: Math.min(0.99, score), slots };
  }

  /** A value of this type anywhere in what was said; the same for every sample, so kept per turn. */
  private valueInUtterance(slotTypeName: string): SlotValue | undefined {
    if (!this.valuesSaid.has(slotTypeName)) {
      // These types read only normalised text: the turn's, normalised once, serves them all.
      this.valuesSaid.set(slotTypeName, resolveSlotValue(slotTypeName, this.locale.slotTypes, this.text, this.engine.dateNow(), this.utterance));
    }
    return this.valuesSaid.get(slotTypeName);
  }

  /** Types whose values stand out in a sentence: custom types, numbers, dates and times. */
  private recognisable(slotTypeName: string): boolean {
    return RECOGNISABLE_BUILT_INS.has(slotTypeName) || this.locale.slotTypes.some((t) => t.name === slotTypeName);
  }

  private async startIntent(): Promise<void> {
    const match = this.classify();
    const intent = match?.intent ?? this.fallback();
    if (!intent) {
      this.session.state.dialogAction = { type: 'ElicitIntent' };
      this.session.state.intent = undefined;
      this.messages.push({ contentType: 'PlainText', content: "Sorry, I didn't understand that." });
      return;
    }
    this.session.retries = 0;
    this.session.state.intent = { name: intent.name, slots: match?.slots ?? this.emptySlots(intent), state: 'InProgress', confirmationState: 'None' };
    this.say(intent.initialResponse);
    await this.advance(intent, this.session.state.intent);
  }

  /** Elicits the next missing required slot, then confirms, then fulfils (asking the dialog code hook first). */
  private async advance(intent: IntentDefinition, state: IntentState): Promise<void> {
    if (intent.dialogCodeHook && !this.dialogHookCalled) {
      this.dialogHookCalled = true;
      const response = await this.invokeHook('DialogCodeHook', state);
      if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
    }
    const missing = intent.slots.find((slot) => slot.required && !state.slots[slot.name]);
    if (missing) return this.elicit(state, missing);
    if (intent.confirmation && state.confirmationState === 'None') return this.confirm(intent, state);
    await this.fulfil(intent, state);
  }

  private elicit(state: IntentState, slot: SlotDefinition): void {
    this.session.state.dialogAction = { type: 'ElicitSlot', slotToElicit: slot.name };
    state.state = 'InProgress';
    this.say(slot.prompt?.messageGroups ?? [{ message: { contentType: 'PlainText', content: `What is the ${slot.name}?` }, variations: [] }], state);
  }

  private confirm(intent: IntentDefinition, state: IntentState): void {
    this.session.state.dialogAction = { type: 'ConfirmIntent' };
    state.state = 'InProgress';
    this.say(intent.confirmation!.prompt.messageGroups, state);
  }

  private async fulfil(intent: IntentDefinition, state: IntentState): Promise<void> {
    this.session.retries = 0;
    if (intent.fulfillmentCodeHook) {
      state.state = 'ReadyForFulfillment';
      const response = await this.invokeHook('FulfillmentCodeHook', state);
      if (response) {
        const action = this.applyHookResponse(response, intent, state, 'Close');
        if (action === 'Close' && state.state === 'ReadyForFulfillment') state.state = 'Fulfilled';
        if (action === 'Close' && this.messages.length === 0 && state.state === 'Fulfilled') this.say(intent.closingResponse, state);
        return;
      }
    }
    state.state = 'Fulfilled';
    this.session.state.dialogAction = { type: 'Close' };
    this.say(intent.closingResponse, state);
  }

  /** Calls the bot's local code hook with the Lex V2 Lambda input event, if it has one. */
  private async invokeHook(source: 'DialogCodeHook' | 'FulfillmentCodeHook', state: IntentState): Promise<HookResponse | undefined> {
    const hook = this.engine.codeHook;
    if (!hook) return undefined;
    const event = {
      messageVersion: '1.0',
      invocationSource: source,
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: this.request.sessionId,
      inputTranscript: this.text,
      bot: { id: this.engine.botId, name: this.engine.bot.name, aliasId: this.engine.aliasId, aliasName: 'TestBotAlias', localeId: this.locale.localeId, version: 'DRAFT' },
      interpretations: this.interpretations,
      requestAttributes: this.request.requestAttributes,
      sessionState: structuredClone({ ...this.session.state, intent: state }),
    };
    let response: unknown;
    try {
      response = await hook(event);
    } catch (error) {
      throw new CodeHookError(`Received error response from Lambda: Unhandled: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    const dialogAction = (response as HookResponse | undefined)?.sessionState?.dialogAction;
    if (!dialogAction || typeof dialogAction.type !== 'string' || !HOOK_ACTIONS.includes(dialogAction.type)) {
      throw new CodeHookError(`Invalid Lambda Response: Received invalid response from Lambda: sessionState.dialogAction.type must be one of ${HOOK_ACTIONS.join(', ')}`);
    }
    return response as HookResponse;
  }

  /** Applies a code hook's response as Lex applies a Lambda's; returns the dialog action type. */
  private applyHookResponse(response: HookResponse, intent: IntentDefinition, state: IntentState, fallbackAction?: string): string {
    const { dialogAction, intent: returned, sessionAttributes } = response.sessionState!;
    if (sessionAttributes) this.session.state.sessionAttributes = { ...sessionAttributes };
    if (returned?.slots) {
      for (const [name, slot] of Object.entries(returned.slots)) {
        if (name in state.slots) state.slots[name] = slot ? { value: slot.value, shape: 'Scalar' } : null;
      }
    }
    if (returned?.state) state.state = returned.state;
    if (returned?.confirmationState) state.confirmationState = returned.confirmationState;
    for (const message of response.messages ?? []) this.messages.push(message);
    const type = dialogAction!.type ?? fallbackAction;
    switch (type) {
      case 'Delegate':
        break;
      case 'ElicitSlot': {
        const slot = intent.slots.find((s) => s.name === dialogAction!.slotToElicit);
        this.session.state.dialogAction = { type: 'ElicitSlot', slotToElicit: dialogAction!.slotToElicit };
        if (!response.messages?.length && slot) this.say(slot.prompt?.messageGroups, state);
        break;
      }
      case 'ConfirmIntent':
        this.session.state.dialogAction = { type: 'ConfirmIntent' };
        if (!response.messages?.length && intent.confirmation) this.say(intent.confirmation.prompt.messageGroups, state);
        break;
      case 'ElicitIntent':
        this.session.state.dialogAction = { type: 'ElicitIntent' };
        break;
      default:
        this.session.state.dialogAction = { type: 'Close' };
        if (state.state === 'InProgress') state.state = 'Fulfilled';
    }
    return type;
  }

  private async answerSlot(intent: IntentDefinition, state: IntentState, slotName: string): Promise<void> {
    // The user may have moved on to something else entirely.
    const other = this.classifyWithoutCommitting();
    if (other && other.intent.name !== intent.name && other.score >= 0.8) return this.startIntent();
    const slot = intent.slots.find((s) => s.name === slotName);
    const value = slot && resolveSlotValue(slot.slotTypeName, this.locale.slotTypes, this.text, this.engine.dateNow());
    if (slot && value) {
      state.slots[slot.name] = { value, shape: 'Scalar' };
      this.session.retries = 0;
      this.say(slot.captureResponse, state);
      if (slot.captureNextStep?.dialogAction && (await this.follow(intent, state, slot.captureNextStep))) return;
      return this.advance(intent, state);
    }
    this.session.retries++;
    const maxRetries = slot?.prompt?.maxRetries ?? 2;
    if (slot && this.session.retries <= maxRetries) return this.elicit(state, slot);
    this.session.retries = 0;
    this.say(slot?.failureResponse, state);
    if (slot?.failureNextStep?.dialogAction && (await this.follow(intent, state, slot.failureNextStep))) return;
    state.state = 'Failed';
    this.session.state.dialogAction = { type: 'Close' };
  }

  private async answerConfirmation(intent: IntentDefinition, state: IntentState): Promise<void> {
    if (says(this.text, NO)) {
      state.confirmationState = 'Denied';
      state.state = 'Failed';
      this.session.state.dialogAction = { type: 'Close' };
      this.say(intent.confirmation?.declinationResponse, state);
      return;
    }
    if (says(this.text, YES)) {
      state.confirmationState = 'Confirmed';
      return this.fulfil(intent, state);
    }
    this.session.retries++;
    if (this.session.retries <= (intent.confirmation?.prompt.maxRetries ?? 2)) return this.confirm(intent, state);
    state.state = 'Failed';
    this.session.state.dialogAction = { type: 'Close' };
  }



  /** Follows a conditional next step from the export; false when it names nothing usable. */
  private async follow(intent: IntentDefinition, state: IntentState, step: NextStep): Promise<boolean> {
    if (step.sessionAttributes) Object.assign((this.session.state.sessionAttributes ??= {}), step.sessionAttributes);
    switch (step.dialogAction?.type) {
      case 'ElicitSlot': {
        const slot = intent.slots.find((s) => s.name === step.dialogAction?.slotToElicit);
        if (!slot) return false;
        this.elicit(state, slot);
        return true;
      }
      case 'ConfirmIntent':
        if (intent.slots.some((s) => s.required && !state.slots[s.name])) return false;
        if (!intent.confirmation) return false;
        this.confirm(intent, state);
        return true;
      case 'FulfillIntent':
        await this.fulfil(intent, state);
        return true;
      case 'CloseIntent':
      case 'EndConversation':
        state.state = 'Fulfilled';
        this.session.state.dialogAction = { type: 'Close' };
        return true;
      case 'StartIntent': {
        const next = step.intent?.name ? this.intent(step.intent.name) : undefined;
        if (!next) return false;
        state.state = 'Failed';
        const nextState: IntentState = { name: next.name, slots: this.emptySlots(next), state: 'InProgress', confirmationState: 'None' };
        this.session.state.intent = nextState;
        this.say(next.initialResponse, nextState);
        await this.advance(next, nextState);
        return true;
      }
      case 'ElicitIntent':
        this.session.state.dialogAction = { type: 'ElicitIntent' };
        return true;
      default:
        return false;
    }
  }

  /** Adds one message per group, with {Slot} placeholders filled from the intent's slots. */
  private say(groups: MessageGroup[] | undefined, state?: IntentState): void {
    for (const group of groups ?? []) {
      const message = this.engine.pick(group);
      if (message.contentType === 'ImageResponseCard') {
        this.messages.push(message);
        continue;
      }
      const content = message.contentType === 'CustomPayload' ? message.content : message.content.replace(PLACEHOLDER, (whole, name: string) => state?.slots[name]?.value.interpretedValue ?? whole);
      this.messages.push({ ...message, content });
    }
  }
}
