import { callCodeHook, type CodeHook, type HookResponse } from './codeHooks';
import { PLACEHOLDER, type CompiledLocale } from './compile';
import { emptySlots, IntentMatcher, interpretations, type Match } from './matching';
import type { IntentDefinition, LexMessage, MessageGroup, NextStep, SlotDefinition } from './model';
import type { IntentState, Interpretation, SessionState } from './types';
import { normalise } from './values';

// The dialog state machine: one turn of conversation moves a session from the prompt it was at
// (a slot, a confirmation, or none) to the next, as Lex V2 does with an exported bot.

export interface Session {
  state: SessionState;
  lastActive: number;
  /** Failed attempts at the current prompt. */
  retries: number;
  /** The last turn's interpretations, for GetSession. */
  interpretations: Interpretation[];
}

/** What a turn needs of the engine that runs it. */
export interface DialogHost {
  readonly bot: { name: string };
  readonly botId: string;
  readonly aliasId: string;
  readonly codeHook: CodeHook | undefined;
  /** Picks one message of a group: the message or one of its variations. */
  pick(group: MessageGroup): LexMessage;
  dateNow(): Date;
}

const YES = ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'confirm', 'please do', 'go ahead', 'right', 'absolutely', 'of course', 'do it'];
const NO = ['no', 'nope', 'nah', 'cancel', "don't", 'do not', 'stop', 'never mind', 'wrong'];

function says(text: string, phrases: string[]): boolean {
  const words = ` ${normalise(text)} `;
  return phrases.some((phrase) => words.includes(` ${phrase} `));
}

/** One turn of conversation: what the user said, against the session so far. */
export class Turn {
  private readonly messages: LexMessage[] = [];
  private readonly matcher: IntentMatcher;
  /** The intent the utterance chose, when the turn started one from it. */
  private chosen: Match | undefined;
  /** A turn asks the dialog code hook once, as Lex does per input. */
  private dialogHookCalled = false;

  constructor(
    private readonly host: DialogHost,
    private readonly locale: CompiledLocale,
    private readonly session: Session,
    private readonly text: string,
    private readonly request: { sessionId: string; requestAttributes: Record<string, string> },
  ) {
    this.matcher = new IntentMatcher(locale, text, () => host.dateNow());
  }

  async run(): Promise<LexMessage[]> {
    const state = this.session.state;
    const intent = state.intent && this.locale.intent(state.intent.name);
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

  /** The turn's interpretations, the intent the session is on first: Lex reports them on every turn. */
  get interpretations(): Interpretation[] {
    return this.interpret(this.session.state.intent);
  }

  private interpret(current: IntentState | undefined): Interpretation[] {
    return interpretations(this.locale, this.matcher.classification.ranked, current, this.chosen);
  }

  private async startIntent(): Promise<void> {
    const match = this.matcher.classification.match;
    this.chosen = match;
    const intent = match?.intent ?? this.locale.fallback;
    if (!intent) {
      this.session.state.dialogAction = { type: 'ElicitIntent' };
      this.session.state.intent = undefined;
      this.messages.push({ contentType: 'PlainText', content: "Sorry, I didn't understand that." });
      return;
    }
    this.session.retries = 0;
    this.session.state.intent = { name: intent.name, slots: match?.slots ?? emptySlots(intent), state: 'InProgress', confirmationState: 'None' };
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

  /** Calls the bot's local code hook, if it has one. */
  private async invokeHook(source: 'DialogCodeHook' | 'FulfillmentCodeHook', state: IntentState): Promise<HookResponse | undefined> {
    const hook = this.host.codeHook;
    if (!hook) return undefined;
    return callCodeHook(hook, {
      source,
      sessionId: this.request.sessionId,
      inputTranscript: this.text,
      bot: { id: this.host.botId, name: this.host.bot.name, aliasId: this.host.aliasId, localeId: this.locale.localeId },
      interpretations: this.interpret(state),
      requestAttributes: this.request.requestAttributes,
      sessionState: structuredClone({ ...this.session.state, intent: state }),
    });
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
    const other = this.matcher.classification.match;
    if (other && other.intent.name !== intent.name && other.score >= 0.8) return this.startIntent();
    const slot = intent.slots.find((s) => s.name === slotName);
    const value = slot && this.locale.slotValue(slot.slotTypeName, this.text, this.host.dateNow());
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
        const next = step.intent?.name ? this.locale.intent(step.intent.name) : undefined;
        if (!next) return false;
        state.state = 'Failed';
        const nextState: IntentState = { name: next.name, slots: emptySlots(next), state: 'InProgress', confirmationState: 'None' };
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
      const message = this.host.pick(group);
      if (message.contentType === 'ImageResponseCard') {
        this.messages.push(message);
        continue;
      }
      const content =
        message.contentType === 'CustomPayload'
          ? message.content
          : message.content.replace(PLACEHOLDER, (whole, name: string) => state?.slots[name]?.value.interpretedValue ?? whole);
      this.messages.push({ ...message, content });
    }
  }
}
