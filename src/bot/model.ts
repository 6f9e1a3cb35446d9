// An exported Lex V2 bot (the LexJson import/export format), normalised: the format spells
// some fields in more than one way; the loader accepts each and fills these types.

export type LexMessage =
  | { contentType: 'PlainText'; content: string }
  | { contentType: 'SSML'; content: string }
  | { contentType: 'CustomPayload'; content: string }
  | {
      contentType: 'ImageResponseCard';
      imageResponseCard: { title: string; subtitle?: string; imageUrl?: string; buttons: Array<{ text: string; value: string }> };
    };

/** One message and its variations; Lex picks one of them. */
export interface MessageGroup {
  message: LexMessage;
  variations: LexMessage[];
}

/**
 * What happens next (the API's DialogState): slot values and session attributes to set, then a
 * dialog action (ElicitSlot, ConfirmIntent, FulfillIntent, CloseIntent, EndConversation,
 * StartIntent, ElicitIntent, EvaluateConditional, InvokeDialogCodeHook).
 */
export interface NextStep {
  dialogAction?: { type: string; slotToElicit?: string; suppressNextMessage?: boolean };
  /** The intent to start (StartIntent), and slot values to set: one value, or a multi-valued slot's list. */
  intent?: { name?: string; slots?: Record<string, string | string[]> };
  sessionAttributes?: Record<string, string>;
}

export interface ConditionalBranch {
  name: string;
  /** The expression, in Lex's condition language (see conditions.ts). */
  condition: string;
  response?: MessageGroup[];
  nextStep?: NextStep;
}

/** Branches taken in order, the first whose condition holds, else the default branch. */
export interface Conditional {
  active: boolean;
  branches: ConditionalBranch[];
  defaultBranch: { response?: MessageGroup[]; nextStep?: NextStep };
}

/** A point in the dialog and what follows it: a response, then the conditional (when active) or the next step. */
export interface Step {
  response?: MessageGroup[];
  nextStep?: NextStep;
  conditional?: Conditional;
  /** The dialog code hook a next step of InvokeDialogCodeHook calls from here. */
  codeHook?: DialogCodeHookStep;
}

/** A step's dialog code hook (DialogCodeHookInvocationSetting) and where the dialog goes after it. */
export interface DialogCodeHookStep {
  active: boolean;
  /** enableCodeHookInvocation: whether the Lambda is called (else the hook counts as a success). */
  invoke: boolean;
  invocationLabel?: string;
  success: Step;
  failure: Step;
  timeout: Step;
}

export interface PromptSpecification {
  messageGroups: MessageGroup[];
  maxRetries: number;
}

export interface SlotDefinition {
  name: string;
  slotTypeName: string;
  required: boolean;
  prompt?: PromptSpecification;
  sampleUtterances: string[];
  /** multipleValuesSetting.allowMultipleValues: the slot holds a list. */
  multipleValues: boolean;
  /** After a value is captured (slotCaptureSetting: captureResponse, captureNextStep, captureConditional, codeHook). */
  captured: Step;
  /** After the prompt's retries are used up (failureResponse, failureNextStep, failureConditional). */
  failed: Step;
  /** elicitationCodeHook: each answer goes to the dialog code hook before it is captured. */
  elicitationCodeHook: boolean;
}

export interface OutputContext {
  name: string;
  timeToLiveInSeconds: number;
  turnsToLive: number;
}

export interface IntentDefinition {
  name: string;
  /** e.g. AMAZON.FallbackIntent for the fallback intent. */
  parentIntentSignature?: string;
  sampleUtterances: string[];
  /** Slots in elicitation order (slotPriorities). */
  slots: SlotDefinition[];
  /** initialResponseSetting: the initial response, its next step or conditional, its code hook. */
  initial: Step;
  confirmation?: {
    prompt: PromptSpecification;
    confirmed: Step;
    declined: Step;
    /** After the prompt's retries are used up. */
    failed: Step;
    elicitationCodeHook: boolean;
  };
  fulfillment: {
    /** fulfillmentCodeHook.enabled and active: the Lambda fulfils the intent. */
    codeHook: boolean;
    /** postFulfillmentStatusSpecification: where the dialog goes after the Lambda. */
    succeeded: Step;
    failed: Step;
    timedOut: Step;
  };
  /** intentClosingSetting, when active. */
  closing?: Step;
  /** dialogCodeHook.enabled: the Lambda is called for initialization and validation. */
  dialogCodeHook: boolean;
  /** Contexts that must all be active for the intent to be recognised. */
  inputContexts: string[];
  /** Contexts the intent activates when it is fulfilled. */
  outputContexts: OutputContext[];
}

export interface SlotTypeDefinition {
  name: string;
  /** e.g. AMAZON.AlphaNumeric for an extended built-in type. */
  parentSlotTypeSignature?: string;
  values: Array<{ value: string; synonyms: string[] }>;
  resolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION';
  /** valueSelectionSetting.regexFilter.pattern: a value must match it whole. */
  regexPattern?: string;
}

export interface LocaleDefinition {
  localeId: string;
  name: string;
  nluConfidenceThreshold: number;
  intents: IntentDefinition[];
  slotTypes: SlotTypeDefinition[];
}

export interface BotDefinition {
  name: string;
  description?: string;
  idleSessionTTLInSeconds: number;
  locales: LocaleDefinition[];
}

/** Something the loader could not read or does not support: where, which field, what. */
export interface LoadProblem {
  file: string;
  field: string;
  message: string;
}
