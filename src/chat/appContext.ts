import { httpsUrl } from './inspect';
import { renderMarkdown, sanitizeBotHtml } from './markdown';
import { MAX_MESSAGE_CHARS, type AltMessage, type BotMessage, type CardView } from './protocol';

// The Lex web UI's conventions (aws-samples/aws-lex-web-ui) for a bot that wants more than its
// Lex messages show: the session attribute appContext, a JSON string the bot sets on a turn, with
//  - altMessages.html or .markdown: shown in place of the text of each of the turn's messages
//    (html first; that UI's default config shows both);
//  - responseCard: a Lex V1 generic card, { version: 1, contentType: GENERIC_CARD,
//    genericAttachments: [{ title, subTitle, imageUrl, attachmentLinkUrl, buttons: [{ text, value }] }] },
//    shown after the turn's last message in place of its ImageResponseCard messages.
// That UI removes appContext from the attributes it sends back, so it lives for one turn.
// Where that UI fails or shows nothing (appContext not JSON, a card of another shape), the chat
// shows Lex's messages and says why, never with the attribute's value (it is the bot's data).

export const APP_CONTEXT = 'appContext';
const GENERIC_CARD = 'application/vnd.amazonaws.card.generic';

export interface AppContext {
  readonly altMessages?: { readonly html?: string; readonly markdown?: string };
  /** The attachments of a responseCard the Lex web UI shows (maybe none: that still hides the turn's ImageResponseCards). */
  readonly responseCard?: readonly CardView[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

/** A non-empty string field; a field of another type is a problem (an empty one is nothing, as in that UI). */
function text(record: Json, key: string, where: string, problems: string[]): string | undefined {
  const value = record[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${where}.${key} is ${kind(value)}, not text: left out.`);
  return undefined;
}

function attachment(raw: unknown, where: string, problems: string[]): CardView | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where} is ${kind(raw)}, not an object: left out.`);
    return undefined;
  }
  const title = text(raw, 'title', where, problems)?.trim() ?? '';
  const subtitle = text(raw, 'subTitle', where, problems) ?? text(raw, 'subtitle', where, problems);
  const image = text(raw, 'imageUrl', where, problems);
  const link = text(raw, 'attachmentLinkUrl', where, problems);
  const imageUrl = httpsUrl(image);
  const linkUrl = httpsUrl(link);
  if (image && !imageUrl) problems.push(`${where}.imageUrl is not an https: URL: the image is not shown.`);
  if (link && !linkUrl) problems.push(`${where}.attachmentLinkUrl is not an https: URL: the link is not shown.`);
  const buttons: { text: string; value: string }[] = [];
  const rawButtons = raw.buttons;
  if (rawButtons !== undefined && rawButtons !== null && !Array.isArray(rawButtons))
    problems.push(`${where}.buttons is ${kind(rawButtons)}, not a list: left out.`);
  for (const [index, button] of (Array.isArray(rawButtons) ? rawButtons : []).entries()) {
    const at = `${where}.buttons[${index}]`;
    if (!isRecord(button)) {
      problems.push(`${at} is ${kind(button)}, not an object: left out.`);
      continue;
    }
    const label = text(button, 'text', at, problems);
    const value = text(button, 'value', at, problems);
    // That UI hides a button without both; a value Lex would refuse could never be sent.
    if (!label || !value) continue;
    if (value.length > MAX_MESSAGE_CHARS) {
      problems.push(`${at}.value is longer than the ${MAX_MESSAGE_CHARS} characters Lex takes: left out.`);
      continue;
    }
    buttons.push({ text: label, value });
  }
  return {
    title,
    ...(subtitle ? { subtitle } : {}),
    ...(imageUrl ? { imageUrl } : {}),
    ...(linkUrl ? { linkUrl } : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
  };
}

function responseCard(raw: unknown, problems: string[]): CardView[] | undefined {
  const where = `${APP_CONTEXT}.responseCard`;
  if (raw === undefined || raw === null) return undefined;
  const shown = isRecord(raw) && (raw.version === 1 || raw.version === '1') && raw.contentType === GENERIC_CARD && Array.isArray(raw.genericAttachments);
  if (!shown) {
    // What users of that UI hit most: a Lex V2 imageResponseCard (or a card of version 0) put here, silently not shown.
    const looksV2 = isRecord(raw) && raw.genericAttachments === undefined && (raw.buttons !== undefined || raw.title !== undefined);
    problems.push(
      `${where} is not shown: the Lex web UI shows only a generic card, { "version": "1", "contentType": "${GENERIC_CARD}", "genericAttachments": [...] }.` +
        (looksV2 ? ' This one looks like a Lex V2 imageResponseCard: put it in genericAttachments.' : ''),
    );
    return undefined;
  }
  return (raw.genericAttachments as unknown[]).flatMap((item, index) => attachment(item, `${where}.genericAttachments[${index}]`, problems) ?? []);
}

/** A turn's appContext as the Lex web UI reads it, and what is wrong with it (never its value). */
export function readAppContext(sessionAttributes: Readonly<Record<string, string>>): { appContext?: AppContext; problems: string[] } {
  const raw = sessionAttributes[APP_CONTEXT];
  const problems: string[] = [];
  if (raw === undefined || raw.trim() === '') return { problems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // The parser's message quotes the text: say only how long it is.
    problems.push(
      `Session attribute ${APP_CONTEXT} (${raw.length} characters) is not JSON: its messages are shown as Lex sent them (the Lex web UI shows an error).`,
    );
    return { problems };
  }
  if (!isRecord(parsed)) {
    problems.push(`Session attribute ${APP_CONTEXT} is ${kind(parsed)} in JSON, not an object: its messages are shown as Lex sent them.`);
    return { problems };
  }
  let altMessages: AppContext['altMessages'];
  const alts = parsed.altMessages;
  if (isRecord(alts)) {
    const html = text(alts, 'html', `${APP_CONTEXT}.altMessages`, problems);
    const markdown = text(alts, 'markdown', `${APP_CONTEXT}.altMessages`, problems);
    if (html || markdown) altMessages = { ...(html ? { html } : {}), ...(markdown ? { markdown } : {}) };
  } else if (alts !== undefined && alts !== null) {
    problems.push(`${APP_CONTEXT}.altMessages is ${kind(alts)}, not an object: left out.`);
  }
  const cards = responseCard(parsed.responseCard, problems);
  return { appContext: { ...(altMessages ? { altMessages } : {}), ...(cards ? { responseCard: cards } : {}) }, problems };
}

/** altMessages as the page shows them: html before markdown, both through the sanitiser. */
function altOf(altMessages: AppContext['altMessages']): AltMessage | undefined {
  if (altMessages?.html) return { from: 'html', source: altMessages.html, html: sanitizeBotHtml(altMessages.html) };
  if (altMessages?.markdown) return { from: 'markdown', source: altMessages.markdown, html: renderMarkdown(altMessages.markdown) };
  return undefined;
}

/** An alt message rendered again from its source (a revived turn's html is never trusted). */
export function renderAlt(from: AltMessage['from'], source: string): AltMessage {
  return altOf(from === 'html' ? { html: source } : { markdown: source })!;
}

/**
 * A turn's messages as the Lex web UI shows them: each text message (PlainText, SSML) with content
 * gets altMessages in place of its text; a CustomPayload keeps its own view (that UI shows the
 * payload itself as Markdown), a card stays a card. The responseCard's cards go with the turn.
 */
export function showAsLexWebUi(messages: readonly BotMessage[], appContext: AppContext | undefined): { bot: BotMessage[]; responseCard?: readonly CardView[] } {
  const alt = altOf(appContext?.altMessages);
  const bot = messages.map((message) =>
    alt && message.content && (message.contentType === 'PlainText' || message.contentType === 'SSML') ? { ...message, alt } : message,
  );
  return { bot, ...(appContext?.responseCard ? { responseCard: appContext.responseCard } : {}) };
}

/** The attributes to send with the next turn: appContext is the turn's own, as that UI sends it. */
export function withoutAppContext(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const { [APP_CONTEXT]: _appContext, ...rest } = attributes;
  return rest;
}
