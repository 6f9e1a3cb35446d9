import { renderAlt } from './appContext';
import { renderMarkdown } from './markdown';
import { type AltMessage, type BotMessage, type CardView, type ChatError, MAX_MESSAGE_CHARS, type Turn } from './protocol';

// What a page kept across a reload comes back through the page, so it is untrusted: only the
// known fields of a turn survive, text stays text, and Markdown is rendered again here.

const CONTENT_TYPES = new Set(['PlainText', 'CustomPayload', 'SSML', 'ImageResponseCard']);
const MAX_TURNS = 500;

function str(value: unknown, max = 10_000): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/** A card, with Lex's bounds on an ImageResponseCard (appContext's cards get the same). */
function card(value: unknown): CardView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const https = (url: string | undefined) => (url?.startsWith('https:') ? url : undefined);
  return {
    title: str(c.title, 250) ?? '',
    subtitle: str(c.subtitle, 250),
    imageUrl: https(str(c.imageUrl)),
    linkUrl: https(str(c.linkUrl)),
    buttons: Array.isArray(c.buttons)
      ? c.buttons.slice(0, 5).flatMap((b) => {
          const button = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
          const text = str(button.text, 50);
          const value = str(button.value, MAX_MESSAGE_CHARS);
          return text !== undefined && value !== undefined ? [{ text, value }] : [];
        })
      : undefined,
  };
}

/** Alternative text rendered again here from its source; anything else is dropped. */
function alt(value: unknown): AltMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  const source = str(a.source, 12_000);
  return (a.from === 'markdown' || a.from === 'html') && source ? renderAlt(a.from, source) : undefined;
}

function message(value: unknown): BotMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.contentType !== 'string' || !CONTENT_TYPES.has(m.contentType)) return undefined;
  const content = str(m.content);
  return {
    contentType: m.contentType as BotMessage['contentType'],
    content,
    html: m.contentType === 'PlainText' && content !== undefined ? renderMarkdown(content) : undefined,
    alt: alt(m.alt),
    imageResponseCard: card(m.imageResponseCard),
  };
}

function chatError(value: unknown): ChatError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const e = value as Record<string, unknown>;
  const name = str(e.name, 200);
  const text = str(e.message);
  // A restored error offers no fix: fixes are offered only by the host, for what it saw.
  return name !== undefined && text !== undefined ? { name, message: text, advice: str(e.advice) ?? '' } : undefined;
}

/** The turns a page kept, checked and rebuilt; anything malformed is dropped. */
export function reviveTurns(value: unknown): Turn[] {
  if (!Array.isArray(value)) return [];
  return value.slice(-MAX_TURNS).flatMap((t): Turn[] => {
    if (typeof t !== 'object' || t === null) return [];
    const turn = t as Record<string, unknown>;
    const id = str(turn.id, 100);
    const user = str(turn.user, 1024);
    if (!id || user === undefined) return [];
    const bot = Array.isArray(turn.bot) ? turn.bot.flatMap((m) => message(m) ?? []) : [];
    const responseCard = Array.isArray(turn.responseCard) ? turn.responseCard.slice(0, 10).flatMap((c) => card(c) ?? []) : undefined;
    return [{ id, user, at: str(turn.at, 40) ?? '', bot, error: chatError(turn.error), ...(responseCard ? { responseCard } : {}) }];
  });
}
