import type { LexMessage } from './model';
import type { SlotValue } from './builtinSlots/words';

// The Lex V2 runtime's wire shapes, as the engine takes and returns them (RecognizeText,
// GetSession, PutSession, and the interpretations a turn reports).

export interface Slot {
  value: SlotValue;
  shape?: 'Scalar' | 'List';
  /** A multi-valued slot's values, each a Scalar; its value then holds them all as one phrase. */
  values?: Slot[];
}

/** A context the session has: an intent whose input contexts are all active can be recognised. */
export interface ActiveContext {
  name: string;
  timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
  contextAttributes: Record<string, string>;
}

export interface IntentState {
  name: string;
  slots: Record<string, Slot | null>;
  state: 'InProgress' | 'ReadyForFulfillment' | 'Fulfilled' | 'Failed' | 'Waiting' | 'FulfillmentInProgress';
  confirmationState: 'None' | 'Confirmed' | 'Denied';
}

/** How a slot's prompt asked for the value (the runtime's dialogAction.slotElicitationStyle). */
export type SlotElicitationStyle = 'Default' | 'SpellByLetter' | 'SpellByWord';

export interface SessionState {
  dialogAction?: {
    type: 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None';
    slotToElicit?: string;
    /** How the slot is asked for: the next answer is read as spelled by letter or by word. */
    slotElicitationStyle?: SlotElicitationStyle;
  };
  intent?: IntentState;
  sessionAttributes?: Record<string, string>;
  activeContexts?: ActiveContext[];
  originatingRequestId?: string;
}

/** An intent as an interpretation names it: the one the session is on with its state, an alternative by name and slots. */
export type InterpretedIntent = Pick<IntentState, 'name' | 'slots'> & Partial<Pick<IntentState, 'state' | 'confirmationState'>>;

export interface Interpretation {
  intent: InterpretedIntent;
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
