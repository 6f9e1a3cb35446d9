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

/** What happens next, as the console's conditional flows write it (dialogAction + intent). */
export interface NextStep {
  dialogAction?: { type: string; slotToElicit?: string };
  intent?: { name?: string; slots?: Record<string, unknown> };
  sessionAttributes?: Record<string, string>;
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
  captureResponse?: MessageGroup[];
  captureNextStep?: NextStep;
  failureResponse?: MessageGroup[];
  failureNextStep?: NextStep;
}

export interface IntentDefinition {
  name: string;
  /** e.g. AMAZON.FallbackIntent for the fallback intent. */
  parentIntentSignature?: string;
  sampleUtterances: string[];
  /** Slots in elicitation order (slotPriorities). */
  slots: SlotDefinition[];
  initialResponse?: MessageGroup[];
  confirmation?: { prompt: PromptSpecification; declinationResponse?: MessageGroup[] };
  closingResponse?: MessageGroup[];
  dialogCodeHook: boolean;
  fulfillmentCodeHook: boolean;
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
