import { renderMarkdown } from './markdown';
import type { BotMessage, ChatError, Turn } from './protocol';

// What a page kept across a reload comes back through the page, so it is untrusted: only the
// known fields of a turn survive, text stays text, and Markdown is rendered again here.

const CONTENT_TYPES = new Set(['PlainText', 'CustomPayload', 'SSML', 'ImageResponseCard']);
const MAX_TURNS = 500;

function str(value: unknown, max = 10_000): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

function message(value: unknown): BotMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.contentType !== 'string' || !CONTENT_TYPES.has(m.contentType)) return undefined;
  const content = str(m.content);
  const card = m.imageResponseCard as Record<string, unknown> | undefined;
  const imageUrl = str(card?.imageUrl);
  return {
    contentType: m.contentType as BotMessage['contentType'],
    content,
    html: m.contentType === 'PlainText' && content !== undefined ? renderMarkdown(content) : undefined,
    imageResponseCard:
      card && typeof card === 'object'
        ? {
            title: str(card.title, 250) ?? '',
            subtitle: str(card.subtitle, 250),
            imageUrl: imageUrl?.startsWith('https:') ? imageUrl : undefined,
            buttons: Array.isArray(card.buttons)
              ? card.buttons
                  .slice(0, 5)
                  .flatMap((b) =>
                    typeof b === 'object' &&
                    b !== null &&
                    str((b as Record<string, unknown>).text, 50) !== undefined &&
                    str((b as Record<string, unknown>).value, 50) !== undefined
                      ? [{ text: str((b as Record<string, unknown>).text, 50)!, value: str((b as Record<string, unknown>).value, 50)! }]
                      : [],
                  )
              : undefined,
          }
        : undefined,
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
    return [{ id, user, at: str(turn.at, 40) ?? '', bot, error: chatError(turn.error) }];
  });
}
