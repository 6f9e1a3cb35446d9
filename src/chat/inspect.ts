import type { Message, RecognizeTextCommandInput, RecognizeTextCommandOutput, Slot } from '@aws-sdk/client-lex-runtime-v2';
import { renderMarkdown } from './markdown';
import type { BotMessage, Inspection, SlotView } from './protocol';

// A RecognizeText answer, turned into what the page shows: the bot's messages (untrusted, so
// Markdown is sanitised and only https images pass) and the inspector's view of what Lex decided.

/** An https: URL, or undefined: http, data:, javascript: and relative URLs never reach the page. */
export function httpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function botMessage(message: Message): BotMessage | undefined {
  switch (message.contentType) {
    case 'PlainText': {
      const content = message.content ?? '';
      return { contentType: 'PlainText', content, html: renderMarkdown(content) };
    }
    case 'CustomPayload':
      return { contentType: 'CustomPayload', content: prettyJson(message.content ?? '') };
    case 'SSML':
      // Shown as the SSML text itself: the page never interprets it.
      return { contentType: 'SSML', content: message.content ?? '' };
    case 'ImageResponseCard': {
      const card = message.imageResponseCard;
      if (!card) return undefined;
      const imageUrl = httpsUrl(card.imageUrl);
      return {
        contentType: 'ImageResponseCard',
        imageResponseCard: {
          title: card.title ?? '',
          ...(card.subtitle ? { subtitle: card.subtitle } : {}),
          ...(imageUrl ? { imageUrl } : {}),
          buttons: (card.buttons ?? []).map((b) => ({ text: b.text ?? b.value ?? '', value: b.value ?? b.text ?? '' })),
        },
      };
    }
    default:
      return message.content === undefined ? undefined : { contentType: 'PlainText', content: message.content, html: renderMarkdown(message.content) };
  }
}

export function botMessages(messages: readonly Message[] | undefined): BotMessage[] {
  return (messages ?? []).map(botMessage).filter((m): m is BotMessage => m !== undefined);
}

function slotView(name: string, slot: Slot | undefined): SlotView {
  if (!slot) return { name };
  // A multi-valued slot lists its values; show them together.
  const values = slot.values?.length ? slot.values.map((v) => v.value).filter((v) => v !== undefined) : slot.value ? [slot.value] : [];
  if (values.length === 0) return { name };
  const join = (pick: (v: (typeof values)[number]) => string | undefined) => {
    const parts = values.map(pick).filter((p): p is string => p !== undefined && p !== '');
    return parts.length ? parts.join(', ') : undefined;
  };
  const original = join((v) => v?.originalValue);
  const interpreted = join((v) => v?.interpretedValue);
  const resolved = values.flatMap((v) => v?.resolvedValues ?? []);
  return { name, ...(original ? { original } : {}), ...(interpreted ? { interpreted } : {}), ...(resolved.length ? { resolved } : {}) };
}

/** The SDK's answer without its own metadata: what came over the wire. */
export function rawResponse(response: RecognizeTextCommandOutput): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = response;
  return rest;
}

/** The inspector's view of a turn. `request` is the command's input (no credentials are in it). */
export function inspect(request: RecognizeTextCommandInput, response: RecognizeTextCommandOutput): Inspection {
  const state = response.sessionState ?? {};
  const intent = state.intent;
  return {
    ...(intent?.name
      ? {
          intent: {
            name: intent.name,
            ...(intent.state ? { state: intent.state } : {}),
            ...(intent.confirmationState ? { confirmationState: intent.confirmationState } : {}),
            slots: Object.entries(intent.slots ?? {}).map(([name, slot]) => slotView(name, slot)),
          },
        }
      : {}),
    ...(state.dialogAction?.type
      ? { dialogAction: { type: state.dialogAction.type, ...(state.dialogAction.slotToElicit ? { slotToElicit: state.dialogAction.slotToElicit } : {}) } }
      : {}),
    interpretations: (response.interpretations ?? []).map((i) => ({
      intent: i.intent?.name ?? '',
      ...(i.nluConfidence?.score !== undefined ? { confidence: i.nluConfidence.score } : {}),
    })),
    activeContexts: (state.activeContexts ?? []).map((c) => ({
      name: c.name ?? '',
      ...(c.timeToLive?.turnsToLive !== undefined ? { turnsToLive: c.timeToLive.turnsToLive } : {}),
      ...(c.timeToLive?.timeToLiveInSeconds !== undefined ? { secondsToLive: c.timeToLive.timeToLiveInSeconds } : {}),
    })),
    sessionAttributes: { ...(state.sessionAttributes ?? {}) },
    requestAttributes: { ...(response.requestAttributes ?? {}) },
    raw: { request: { ...request }, response: rawResponse(response) },
  };
}

/** A turn's messages and inspection from one RecognizeText request and its answer. */
export function inspectTurn(request: RecognizeTextCommandInput, response: RecognizeTextCommandOutput): { bot: BotMessage[]; inspection: Inspection } {
  return { bot: botMessages(response.messages), inspection: inspect(request, response) };
}
