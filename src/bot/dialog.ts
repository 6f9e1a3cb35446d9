import { callCodeHook, type CodeHook, type HookResponse } from './codeHooks';
import { PLACEHOLDER, type CompiledLocale } from './compile';
import { ConditionSyntaxError, holds, parseCondition, type ConditionScope } from './conditions';
import { emptySlots, IntentMatcher, interpretations, type Match } from './matching';
import type { Conditional, DialogCodeHookStep, IntentDefinition, LexMessage, MessageGroup, NextStep, SlotDefinition, Step } from './model';
import type { IntentState, Interpretation, SessionState, Slot, SlotElicitationStyle } from './types';
import { normalise, type SlotValue } from './values';

// The dialog state machine: one turn of conversation moves a session from the prompt it was at
// (a slot, a confirmation, or none) to the next, as Lex V2 does with an exported bot. Each step
// of an intent (initial response, slot capture, confirmation, fulfilment, closing) says its
// response and then follows its conditional branches or its next step; a step that names
// neither goes on in Lex's default order: the next required slot, confirmation, fulfilment.

export interface Session {
  state: SessionState;
  lastActive: number;
  /** Failed attempts at the current prompt. */
  retries: number;
  /** The last turn's interpretations, for GetSession. */
  interpretations: Interpretation[];
  /** When each active context was set (ms), for its time to live in seconds. */
  contextsSetAt: Map<string, number>;
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

/** The next steps of an export led round in a circle within one turn. */
export class DialogLoopError extends Error {}

/** More steps than any real flow takes in one turn: beyond it, the export's next steps go round in a circle. */
const MAX_STEPS_PER_TURN = 50;

const YES = ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'confirm', 'please do', 'go ahead', 'right', 'absolutely', 'of course', 'do it'];
const NO = ['no', 'nope', 'nah', 'cancel', "don't", 'do not', 'stop', 'never mind', 'wrong'];

function says(text: string, phrases: string[]): boolean {
  const words = ` ${normalise(text)} `;
  return phrases.some((phrase) => words.includes(` ${phrase} `));
}

const single = (value: string): Slot => ({ shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } });

/** "a", "a and b", "a, b and c": a multi-valued slot's values as one phrase. */
function phrase(values: string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

/** A multi-valued slot holding these values, as Lex returns one: shape List, each value a Scalar. */
function listSlot(values: SlotValue[]): Slot {
  const whole = phrase(values.map((v) => v.originalValue));
  return {
    shape: 'List',
    value: { originalValue: whole, interpretedValue: whole, resolvedValues: [whole] },
    values: values.map((value) => ({ shape: 'Scalar', value })),
  };
}

/** A Lambda's answer is untrusted: only the styles Lex knows are kept. */
function isElicitationStyle(value: unknown): value is SlotElicitationStyle {
  return value === 'Default' || value === 'SpellByLetter' || value === 'SpellByWord';
}

/** A value's interpretation, or what was said when Lex gives none (an ambiguous time: resolvedValues holds both readings). */
function valueText(value: Slot['value']): string {
  return value.interpretedValue ?? value.originalValue;
}

/** A slot's interpreted values: one, or a multi-valued slot's list. */
function interpretedValues(slot: Slot): string[] {
  return slot.shape === 'List' && slot.values ? slot.values.map((v) => valueText(v.value)) : [valueText(slot.value)];
}

/** One turn of conversation: what the user said, against the session so far. */
export class Turn {
  private readonly messages: LexMessage[] = [];
  private readonly matcher: IntentMatcher;
  /** The intent the utterance chose, when the turn started one from it. */
  private chosen: Match | undefined;
  /** A turn asks the dialog code hook for validation once, as Lex does per input. */
  private dialogHookCalled = false;
  private steps = 0;

  constructor(
    private readonly host: DialogHost,
    private readonly locale: CompiledLocale,
    private readonly session: Session,
    private readonly text: string,
    private readonly request: { sessionId: string; requestAttributes: Record<string, string> },
    /** The names of the contexts active as the turn starts: they decide which intents can be recognised. */
    activeContexts: ReadonlySet<string> = new Set(),
  ) {
    this.matcher = new IntentMatcher(locale, text, () => this.wallClock(), activeContexts);
  }

  /**
   * Now as a clock on the wall reads it in the request's time zone (the x-amz-lex:time-zone
   * request attribute), in a Date's UTC fields: dates and times resolve there. Without one, UTC.
   */
  private wallClock(): Date {
    const now = this.host.dateNow();
    const timeZone = this.request.requestAttributes['x-amz-lex:time-zone'];
    if (!timeZone) return now;
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }).formatToParts(now);
      const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
      return new Date(Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')));
    } catch {
      return now; // not a time zone Intl knows: UTC, as without one
    }
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
    const slots = match?.slots ?? emptySlots(intent);
    for (const slot of intent.slots) {
      // The utterance may hold more than one value for a multi-valued slot.
      if (slot.multipleValues && slots[slot.name]) slots[slot.name] = this.valuesSaid(slot, this.text) ?? slots[slot.name];
    }
    await this.begin(intent, slots, false);
  }

  /** Starts an intent: its initial response, then what follows it. */
  private async begin(intent: IntentDefinition, slots: Record<string, Slot | null>, quiet: boolean): Promise<void> {
    this.session.retries = 0;
    const state: IntentState = { name: intent.name, slots, state: 'InProgress', confirmationState: 'None' };
    this.session.state.intent = state;
    await this.runStep(intent, state, intent.initial, { quiet });
  }

  /**
   * Says a step's response, then follows its conditional (when active) or its next step; a step
   * with neither goes on as `otherwise` says (by default, Lex's default order).
   */
  private async runStep(
    intent: IntentDefinition,
    state: IntentState,
    step: Step | undefined,
    { quiet = false, otherwise }: { quiet?: boolean; otherwise?: () => Promise<void> } = {},
  ): Promise<void> {
    if (!quiet) this.say(step?.response, state);
    const next = step?.nextStep;
    if (step?.conditional?.active || next?.dialogAction?.type === 'EvaluateConditional') return this.evaluate(intent, state, step);
    if (next) this.setValues(intent, state, next);
    if (next?.dialogAction) return this.go(intent, state, next, step);
    return otherwise ? otherwise() : this.proceed(intent, state);
  }

  /** Takes the first branch whose condition holds, else the default branch: its response, then its next step. */
  private async evaluate(intent: IntentDefinition, state: IntentState, step: Step | undefined): Promise<void> {
    const conditional: Conditional | undefined = step?.conditional;
    const scope = this.scope(intent, state);
    const branch = conditional?.branches.find((b) => this.holds(b.condition, scope)) ?? conditional?.defaultBranch;
    this.say(branch?.response, state);
    const next = branch?.nextStep;
    if (next) this.setValues(intent, state, next);
    // A branch's next step of EvaluateConditional would evaluate the same branches again.
    if (next?.dialogAction && next.dialogAction.type !== 'EvaluateConditional') return this.go(intent, state, next, step);
    return this.proceed(intent, state);
  }

  private holds(expression: string, scope: ConditionScope): boolean {
    try {
      return holds(parseCondition(expression), scope);
    } catch (error) {
      // The loader reports a condition it cannot read; its branch is never taken.
      if (error instanceof ConditionSyntaxError) return false;
      throw error;
    }
  }

  /** What a condition can refer to now. */
  private scope(intent: IntentDefinition, state: IntentState): ConditionScope {
    return {
      slot: (name) => {
        const slot = state.slots[name];
        if (!slot) return undefined;
        return { values: interpretedValues(slot), slotTypeName: intent.slots.find((s) => s.name === name)?.slotTypeName ?? '' };
      },
      sessionAttribute: (name) => this.session.state.sessionAttributes?.[name],
      requestAttribute: (name) => this.request.requestAttributes[name],
      inputTranscript: this.text,
      inputMode: 'Text',
    };
  }

  /** A value a next step sets may name a {slot}, [session attribute], ((request attribute)) or $.inputTranscript. */
  private fill(value: string, state: IntentState): string {
    // One pass: what the user said is put in as it is, never read again for references.
    return value.replace(
      /\$\.inputTranscript|\{([A-Za-z0-9_-]+)\}|\(\(([^()]+)\)\)|\[([^\]]+)\]/g,
      (whole, slot?: string, requested?: string, attribute?: string) => {
        if (whole === '$.inputTranscript') return this.text;
        if (slot !== undefined) {
          const filled = state.slots[slot];
          return filled ? valueText(filled.value) : '';
        }
        if (requested !== undefined) return this.request.requestAttributes[requested] ?? '';
        return this.session.state.sessionAttributes?.[attribute!] ?? whole;
      },
    );
  }

  /** Sets the session attributes and slot values a next step names (a StartIntent's slots are the new intent's). */
  private setValues(intent: IntentDefinition, state: IntentState, next: NextStep): void {
    for (const [name, value] of Object.entries(next.sessionAttributes ?? {})) {
      (this.session.state.sessionAttributes ??= {})[name] = this.fill(value, state);
    }
    if (next.dialogAction?.type === 'StartIntent') return;
    for (const [name, value] of Object.entries(next.intent?.slots ?? {})) {
      if (intent.slots.some((s) => s.name === name)) state.slots[name] = this.slotFrom(value, state);
    }
  }

  private slotFrom(value: string | string[], state: IntentState): Slot {
    if (typeof value === 'string') return single(this.fill(value, state));
    return listSlot(value.map((v) => single(this.fill(v, state)).value));
  }

  /** Takes a next step's dialog action. */
  private async go(intent: IntentDefinition, state: IntentState, next: NextStep, from: Step | undefined): Promise<void> {
    if (++this.steps > MAX_STEPS_PER_TURN) {
      throw new DialogLoopError(`The next steps of intent ${intent.name} go round in a circle: more than ${MAX_STEPS_PER_TURN} steps in one turn.`);
    }
    const action = next.dialogAction!;
    const quiet = action.suppressNextMessage === true;
    switch (action.type) {
      case 'ElicitSlot': {
        const slot = intent.slots.find((s) => s.name === action.slotToElicit);
        return slot ? this.elicit(state, slot, quiet) : this.proceed(intent, state);
      }
      case 'ConfirmIntent':
        return intent.confirmation ? this.confirm(intent, state, quiet) : this.fulfil(intent, state);
      case 'FulfillIntent':
        return this.fulfil(intent, state);
      case 'CloseIntent':
        return this.close(intent, state);
      case 'EndConversation':
        return this.end(state);
      case 'StartIntent': {
        const other = next.intent?.name ? this.locale.intent(next.intent.name) : undefined;
        if (!other) return this.proceed(intent, state);
        state.state = 'Failed';
        const slots = emptySlots(other);
        for (const [name, value] of Object.entries(next.intent?.slots ?? {})) if (name in slots) slots[name] = this.slotFrom(value, state);
        return this.begin(other, slots, quiet);
      }
      case 'ElicitIntent':
        this.session.state.dialogAction = { type: 'ElicitIntent' };
        return;
      case 'InvokeDialogCodeHook':
        return this.invokeDialogCodeHook(intent, state, from?.codeHook);
      default:
        return this.proceed(intent, state);
    }
  }

  /**
   * Lex's default order: the next required slot without a value, then confirmation, then
   * fulfilment. An export that names no code hook steps gets the dialog code hook here, once a turn.
   */
  private async proceed(intent: IntentDefinition, state: IntentState): Promise<void> {
    if (intent.dialogCodeHook && !this.dialogHookCalled) {
      const response = await this.callDialogCodeHook(state);
      if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
    }
    const missing = intent.slots.find((slot) => slot.required && !state.slots[slot.name]);
    if (missing) return this.elicit(state, missing);
    if (intent.confirmation && state.confirmationState === 'None') return this.confirm(intent, state);
    await this.fulfil(intent, state);
  }

  /**
   * A step's dialog code hook: Lex calls the Lambda when the intent enables it and the step's hook
   * is active and invokes it; otherwise the hook counts as a success. Delegate goes on by the
   * hook's success path (its failure path when the Lambda failed the intent); any other answer
   * is the Lambda's own next step.
   */
  private async invokeDialogCodeHook(intent: IntentDefinition, state: IntentState, hook: DialogCodeHookStep | undefined): Promise<void> {
    if (!hook) return this.proceed(intent, state);
    const response = hook.active && hook.invoke && intent.dialogCodeHook ? await this.callDialogCodeHook(state, hook.invocationLabel) : undefined;
    if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
    return this.runStep(intent, state, state.state === 'Failed' ? hook.failure : hook.success);
  }

  private async callDialogCodeHook(state: IntentState, invocationLabel?: string): Promise<HookResponse | undefined> {
    this.dialogHookCalled = true;
    return this.invokeHook('DialogCodeHook', state, invocationLabel);
  }

  private elicit(state: IntentState, slot: SlotDefinition, quiet = false): void {
    this.session.state.dialogAction = { type: 'ElicitSlot', slotToElicit: slot.name };
    state.state = 'InProgress';
    if (!quiet)
      this.say(slot.prompt?.messageGroups ?? [{ message: { contentType: 'PlainText', content: `What is the ${slot.name}?` }, variations: [] }], state);
  }

  private confirm(intent: IntentDefinition, state: IntentState, quiet = false): void {
    this.session.state.dialogAction = { type: 'ConfirmIntent' };
    state.state = 'InProgress';
    if (!quiet) this.say(intent.confirmation!.prompt.messageGroups, state);
  }

  /**
   * Fulfils the intent: with the fulfilment Lambda when the intent enables it, then on by the
   * post-fulfilment success or failure path (by default, the closing response). Without a Lambda
   * the intent is fulfilled and the success next step taken, without the post-fulfilment
   * response, which Lex sends after the Lambda.
   */
  private async fulfil(intent: IntentDefinition, state: IntentState): Promise<void> {
    this.session.retries = 0;
    const { fulfillment } = intent;
    const otherwise = () => this.close(intent, state);
    if (fulfillment.codeHook && this.host.codeHook) {
      state.state = 'ReadyForFulfillment';
      const said = this.messages.length;
      const response = (await this.invokeHook('FulfillmentCodeHook', state))!;
      const action = this.applyHookResponse(response, intent, state, 'Close');
      if (action !== 'Close' && action !== 'Delegate') return;
      // The Lambda's answer may have failed the intent.
      if ((state.state as IntentState['state']) === 'Failed') return this.runStep(intent, state, fulfillment.failed, { otherwise: () => this.end(state) });
      state.state = 'Fulfilled';
      // A Lambda that closes with its own messages has said the last word.
      if (action === 'Close' && this.messages.length > said) return this.end(state);
      return this.runStep(intent, state, fulfillment.succeeded, { otherwise });
    }
    state.state = 'Fulfilled';
    return this.runStep(intent, state, fulfillment.succeeded, { quiet: true, otherwise });
  }

  /** The closing response and what follows it (by default, the end of the conversation). */
  private async close(intent: IntentDefinition, state: IntentState): Promise<void> {
    return this.runStep(intent, state, intent.closing, { otherwise: () => this.end(state) });
  }

  private async end(state: IntentState): Promise<void> {
    if (state.state === 'InProgress' || state.state === 'ReadyForFulfillment') state.state = 'Fulfilled';
    this.session.state.dialogAction = { type: 'Close' };
  }

  /** Calls the bot's local code hook, if it has one. */
  private async invokeHook(source: 'DialogCodeHook' | 'FulfillmentCodeHook', state: IntentState, invocationLabel?: string): Promise<HookResponse | undefined> {
    const hook = this.host.codeHook;
    if (!hook) return undefined;
    return callCodeHook(hook, {
      source,
      invocationLabel,
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
    const { dialogAction, intent: returned, sessionAttributes, activeContexts } = response.sessionState!;
    if (sessionAttributes) this.session.state.sessionAttributes = { ...sessionAttributes };
    if (activeContexts) this.session.state.activeContexts = structuredClone(activeContexts);
    if (returned?.slots) {
      for (const [name, slot] of Object.entries(returned.slots)) {
        if (name in state.slots) state.slots[name] = slot ? { ...slot, shape: slot.shape ?? 'Scalar' } : null;
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
        this.session.state.dialogAction = {
          type: 'ElicitSlot',
          slotToElicit: dialogAction!.slotToElicit,
          ...(isElicitationStyle(dialogAction!.slotElicitationStyle) ? { slotElicitationStyle: dialogAction!.slotElicitationStyle } : {}),
        };
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

  /** A multi-valued slot's values in what was said: each value of its type, wherever it is, in order. */
  private valuesSaid(slot: SlotDefinition, text: string): Slot | undefined {
    const found: SlotValue[] = [];
    let rest = normalise(text);
    for (let i = 0; i < 20; i++) {
      const value = this.locale.slotValue(slot.slotTypeName, rest, this.wallClock(), rest);
      if (!value || !value.originalValue) break;
      if (!found.some((v) => v.interpretedValue === value.interpretedValue)) found.push(value);
      rest = rest.replace(value.originalValue, ' ');
    }
    return found.length > 0 ? listSlot(found) : undefined;
  }

  private async answerSlot(intent: IntentDefinition, state: IntentState, slotName: string): Promise<void> {
    // The user may have moved on to something else entirely.
    const other = this.matcher.classification.match;
    if (other && other.intent.name !== intent.name && other.score >= 0.8) return this.startIntent();
    const slot = intent.slots.find((s) => s.name === slotName);
    if (!slot) return this.proceed(intent, state);
    const value = slot.multipleValues ? this.valuesSaid(slot, this.text) : this.single(slot);
    if (value) {
      state.slots[slot.name] = value;
      this.session.retries = 0;
      // The elicitation code hook sees the value before Lex captures it, unless the capture
      // step calls the dialog code hook itself (the Lambda is called once per input).
      const captureCallsHook = slot.captured.nextStep?.dialogAction?.type === 'InvokeDialogCodeHook' && slot.captured.codeHook?.active;
      if (intent.dialogCodeHook && slot.elicitationCodeHook && !captureCallsHook) {
        const response = await this.callDialogCodeHook(state);
        if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
      }
      return this.runStep(intent, state, slot.captured);
    }
    // Nothing captured: the elicitation code hook is "called when Lex doesn't capture a slot
    // value" (SlotCaptureSetting); it may fill the slot or take the dialog elsewhere.
    if (intent.dialogCodeHook && slot.elicitationCodeHook) {
      const response = await this.callDialogCodeHook(state);
      if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
      if (state.slots[slot.name]) return this.runStep(intent, state, slot.captured);
    }
    this.session.retries++;
    if (this.session.retries <= (slot.prompt?.maxRetries ?? 2)) return this.elicit(state, slot);
    this.session.retries = 0;
    // The intent has failed unless the failure path goes on with it (a slot elicited again, say).
    state.state = 'Failed';
    return this.runStep(intent, state, slot.failed, { otherwise: () => this.fail(state) });
  }

  private single(slot: SlotDefinition): Slot | undefined {
    // The answer to a prompt that asked for spelling is read as spelled.
    const style = this.session.state.dialogAction?.slotElicitationStyle;
    const value = this.locale.slotValue(slot.slotTypeName, this.text, this.wallClock(), undefined, style);
    return value && { value, shape: 'Scalar' };
  }

  private async fail(state: IntentState): Promise<void> {
    state.state = 'Failed';
    this.session.state.dialogAction = { type: 'Close' };
  }

  private async answerConfirmation(intent: IntentDefinition, state: IntentState): Promise<void> {
    const confirmation = intent.confirmation!;
    const answer = says(this.text, NO) ? 'Denied' : says(this.text, YES) ? 'Confirmed' : undefined;
    if (!answer) {
      this.session.retries++;
      if (this.session.retries <= confirmation.prompt.maxRetries) return this.confirm(intent, state);
      this.session.retries = 0;
      state.state = 'Failed';
      return this.runStep(intent, state, confirmation.failed, { otherwise: () => this.fail(state) });
    }
    this.session.retries = 0;
    state.confirmationState = answer;
    if (intent.dialogCodeHook && confirmation.elicitationCodeHook) {
      const response = await this.callDialogCodeHook(state);
      if (response && this.applyHookResponse(response, intent, state) !== 'Delegate') return;
    }
    if (state.confirmationState === 'Confirmed') return this.runStep(intent, state, confirmation.confirmed, { otherwise: () => this.fulfil(intent, state) });
    state.state = 'Failed';
    return this.runStep(intent, state, confirmation.declined, { otherwise: () => this.end(state) });
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
          : message.content.replace(PLACEHOLDER, (whole, name: string) => {
              const filled = state?.slots[name];
              return filled ? valueText(filled.value) : whole;
            });
      this.messages.push({ ...message, content });
    }
  }
}
