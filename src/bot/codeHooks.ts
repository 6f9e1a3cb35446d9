import type { LexMessage } from './model';
import type { ActiveContext, IntentState, Interpretation, SessionState, Slot } from './types';

// Lex code hooks run locally: the Lex V2 Lambda input event a hook is called with, and the
// checks Lex makes of its response.

/** A local code hook: a Lambda handler, called with the Lex V2 Lambda input event. */
export type CodeHook = (event: unknown) => unknown;

export interface HookResponse {
  sessionState?: {
    dialogAction?: { type: string; slotToElicit?: string; slotElicitationStyle?: string };
    intent?: Partial<IntentState> & { slots?: Record<string, Slot | null> };
    sessionAttributes?: Record<string, string>;
    activeContexts?: ActiveContext[];
  };
  messages?: LexMessage[];
}

/** The code hook failed or answered something Lex would not accept: Lex's DependencyFailedException. */
export class CodeHookError extends Error {}

const HOOK_ACTIONS = ['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot'];

/** What a turn knows that the Lambda input event carries. */
export interface HookCall {
  source: 'DialogCodeHook' | 'FulfillmentCodeHook';
  /** The label of the step whose code hook this is, if the export gives one. */
  invocationLabel?: string;
  sessionId: string;
  inputTranscript: string;
  bot: { id: string; name: string; aliasId: string; localeId: string };
  interpretations: Interpretation[];
  requestAttributes: Record<string, string>;
  sessionState: SessionState & { intent: IntentState };
}

/**
 * The turn's interpretations as a Lambda event carries them: the score a plain number, and each
 * alternative with the state of the intent being filled, as Lex's events have them.
 */
function eventInterpretations(call: HookCall) {
  return call.interpretations.map(({ intent, nluConfidence, interpretationSource }) => ({
    intent: { state: call.sessionState.intent.state, confirmationState: 'None', ...intent },
    ...(nluConfidence ? { nluConfidence: nluConfidence.score } : {}),
    interpretationSource,
  }));
}

/** Calls a code hook with the Lex V2 Lambda input event; its response, if Lex would accept it. */
export async function callCodeHook(hook: CodeHook, call: HookCall): Promise<HookResponse> {
  const event = {
    messageVersion: '1.0',
    invocationSource: call.source,
    ...(call.invocationLabel ? { invocationLabel: call.invocationLabel } : {}),
    inputMode: 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: call.sessionId,
    inputTranscript: call.inputTranscript,
    bot: { id: call.bot.id, name: call.bot.name, aliasId: call.bot.aliasId, aliasName: 'TestBotAlias', localeId: call.bot.localeId, version: 'DRAFT' },
    interpretations: eventInterpretations(call),
    requestAttributes: call.requestAttributes,
    sessionState: call.sessionState,
  };
  let response: unknown;
  try {
    response = await hook(event);
  } catch (error) {
    throw new CodeHookError(`Received error response from Lambda: Unhandled: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const dialogAction = (response as HookResponse | undefined)?.sessionState?.dialogAction;
  if (!dialogAction || typeof dialogAction.type !== 'string' || !HOOK_ACTIONS.includes(dialogAction.type)) {
    throw new CodeHookError(
      `Invalid Lambda Response: Received invalid response from Lambda: sessionState.dialogAction.type must be one of ${HOOK_ACTIONS.join(', ')}`,
    );
  }
  return response as HookResponse;
}
