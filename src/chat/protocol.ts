// The messages between the chat panel (extension host) and its page (webview), both ways.
// Shared by src/chat (host) and src/webview (browser bundle): types only, plus the host's
// validator of what the page sends (the page is untrusted). No vscode, no Node APIs.

/** A card with buttons: a Lex V2 ImageResponseCard, or an attachment of appContext.responseCard. */
export interface CardView {
  /** May be empty (an appContext card need not have one). */
  readonly title: string;
  readonly subtitle?: string;
  /** Only https: URLs reach the page. */
  readonly imageUrl?: string;
  /** An appContext card's attachmentLinkUrl: only https: URLs reach the page. */
  readonly linkUrl?: string;
  /** Each sends its value as the user's next message. */
  readonly buttons?: readonly { readonly text: string; readonly value: string }[];
}

/** Where the Lex web UI takes a message's display from instead of its content: appContext.altMessages. */
export interface AltMessage {
  readonly from: 'markdown' | 'html';
  /** The bot's text (kept so a revived turn renders it again). */
  readonly source: string;
  /** Rendered and sanitised in the host. */
  readonly html: string;
}

/** A Lex message, as RecognizeText returns it; `html` is sanitised Markdown rendered by the host. */
export interface BotMessage {
  readonly contentType: 'PlainText' | 'CustomPayload' | 'SSML' | 'ImageResponseCard';
  /** PlainText and SSML as text; CustomPayload as formatted JSON when it parses. */
  readonly content?: string;
  /** For PlainText: the content as Markdown, rendered and sanitised in the host. */
  readonly html?: string;
  /** Shown instead of the content, as the Lex web UI shows a message when the turn set appContext.altMessages. */
  readonly alt?: AltMessage;
  readonly imageResponseCard?: CardView;
}

export interface SlotView {
  readonly name: string;
  readonly original?: string;
  readonly interpreted?: string;
  readonly resolved?: readonly string[];
}

/** What Lex decided on a turn, for the inspector. */
export interface Inspection {
  readonly intent?: { readonly name: string; readonly state?: string; readonly confirmationState?: string; readonly slots: readonly SlotView[] };
  readonly dialogAction?: { readonly type: string; readonly slotToElicit?: string };
  readonly interpretations: readonly { readonly intent: string; readonly confidence?: number }[];
  readonly activeContexts: readonly { readonly name: string; readonly turnsToLive?: number; readonly secondsToLive?: number }[];
  readonly sessionAttributes: Readonly<Record<string, string>>;
  readonly requestAttributes: Readonly<Record<string, string>>;
  /** The last request and response as sent and received, never with credentials. */
  readonly raw: { readonly request: unknown; readonly response: unknown };
}

/** An error shown inline: the AWS error name, its message, and what to do. */
export interface ChatError {
  readonly name: string;
  readonly message: string;
  readonly advice: string;
  /** A fix the host can run when the user clicks it (e.g. attach the least-privilege policy). */
  readonly fix?: { readonly title: string; readonly id: string };
}

export interface Turn {
  readonly id: string;
  readonly user: string;
  readonly at: string;
  readonly bot: readonly BotMessage[];
  readonly inspection?: Inspection;
  readonly error?: ChatError;
  /** On a replayed turn: the bot's answer in the transcript, when it differs from now. */
  readonly expected?: readonly string[];
  /**
   * appContext.responseCard's cards, when the turn set one the Lex web UI shows: after the
   * turn's messages, in place of its ImageResponseCard messages (as that UI does).
   */
  readonly responseCard?: readonly CardView[];
}

/** Who the panel talks as. Never keys or tokens: the identity id and when credentials expire. */
export interface IdentityView {
  readonly mode: 'guest' | 'signedIn';
  readonly username?: string;
  readonly identityId?: string;
  readonly expiration?: string;
  readonly identityPoolId: string;
  readonly identityPoolName: string;
  readonly region: string;
}

export interface BotView {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly botName: string;
}

export interface PanelState {
  readonly bot: BotView;
  readonly identity: IdentityView;
  readonly turns: readonly Turn[];
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

/** Host → page. */
export type HostMessage =
  | { readonly type: 'init'; readonly state: PanelState }
  | { readonly type: 'turn'; readonly turn: Turn }
  | { readonly type: 'typing'; readonly on: boolean }
  | { readonly type: 'identity'; readonly identity: IdentityView }
  | { readonly type: 'sessionAttributes'; readonly attributes: Readonly<Record<string, string>> }
  | { readonly type: 'cleared' }
  | { readonly type: 'notice'; readonly text: string; readonly error?: ChatError };

/** Page → host. */
export type PageMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'restart' }
  | { readonly type: 'clear' }
  | { readonly type: 'setSessionAttributes'; readonly attributes: Readonly<Record<string, string>> }
  | { readonly type: 'saveTranscript' }
  | { readonly type: 'loadTranscript' }
  /** Save the conversation as a conversation test (the host asks for its name). */
  | { readonly type: 'saveAsTest' }
  | { readonly type: 'switchIdentity'; readonly mode: 'guest' | 'signIn' }
  | { readonly type: 'runFix'; readonly id: string };

export const MAX_MESSAGE_CHARS = 1024;
const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_CHARS = 1024;
const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

/**
 * Checks a message from the page: exactly the shapes above, bounded sizes, no extra fields.
 * Anything else is undefined (the host logs it and drops it).
 */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
    case 'restart':
    case 'clear':
    case 'saveTranscript':
    case 'loadTranscript':
    case 'saveAsTest':
      return onlyKeys(value, ['type']) ? { type: value.type } : undefined;
    case 'send': {
      const { text } = value;
      if (!onlyKeys(value, ['type', 'text']) || typeof text !== 'string') return undefined;
      const trimmed = text.trim();
      return trimmed.length > 0 && trimmed.length <= MAX_MESSAGE_CHARS ? { type: 'send', text: trimmed } : undefined;
    }
    case 'setSessionAttributes': {
      const { attributes } = value;
      if (!onlyKeys(value, ['type', 'attributes']) || !isRecord(attributes)) return undefined;
      const entries = Object.entries(attributes);
      if (entries.length > MAX_ATTRIBUTES) return undefined;
      if (!entries.every(([key, v]) => KEY.test(key) && typeof v === 'string' && v.length <= MAX_ATTRIBUTE_CHARS)) return undefined;
      return { type: 'setSessionAttributes', attributes: Object.fromEntries(entries) as Record<string, string> };
    }
    case 'switchIdentity':
      return onlyKeys(value, ['type', 'mode']) && (value.mode === 'guest' || value.mode === 'signIn')
        ? { type: 'switchIdentity', mode: value.mode }
        : undefined;
    case 'runFix':
      return onlyKeys(value, ['type', 'id']) && typeof value.id === 'string' && /^[\w-]{1,64}$/.test(value.id) ? { type: 'runFix', id: value.id } : undefined;
    default:
      return undefined;
  }
}
