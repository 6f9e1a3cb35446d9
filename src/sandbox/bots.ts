// The bots the sandbox's Lex runtime answers with. Until the offline engine for exported Lex V2
// bots lands, one built-in bot echoes what it is told, behind the interface the engine fills.

export interface LexMessage {
  contentType: 'PlainText' | 'ImageResponseCard' | 'CustomPayload' | 'SSML';
  content?: string;
}

export interface LexSessionState {
  dialogAction?: { type: string; slotToElicit?: string };
  intent?: { name: string; slots?: Record<string, unknown>; state?: string; confirmationState?: string };
  sessionAttributes?: Record<string, string>;
  activeContexts?: unknown[];
  originatingRequestId?: string;
}

export interface LexTurn {
  messages: LexMessage[];
  sessionState: LexSessionState;
  interpretations: Array<{ intent: { name: string; slots: Record<string, unknown>; state: string; confirmationState: string }; nluConfidence?: { score: number } }>;
}

/** One bot as the runtime sees it: its ids, and how it answers a turn. */
export interface BotRuntime {
  readonly botId: string;
  readonly botName: string;
  readonly aliases: ReadonlyArray<{ botAliasId: string; botAliasName: string }>;
  readonly localeIds: readonly string[];
  recognizeText(text: string, session: LexSessionState): LexTurn;
}

export const ECHO_BOT: BotRuntime = {
  botId: 'ECHOBOTSBX',
  botName: 'SandboxEchoBot',
  aliases: [{ botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias' }],
  localeIds: ['en_US'],
  recognizeText(text, session) {
    const intent = { name: 'FallbackIntent', slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
    return {
      messages: [{ contentType: 'PlainText', content: `You said: ${text}` }],
      sessionState: { dialogAction: { type: 'Close' }, intent: { ...intent, state: 'Fulfilled' }, sessionAttributes: session.sessionAttributes ?? {} },
      interpretations: [{ intent }],
    };
  },
};
