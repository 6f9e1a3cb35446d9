import type { BotView, Turn } from './protocol';

// "Save as Test": the conversation in the panel as a conversation test, with what the bot did
// on each turn as that turn's expectations. The command that writes the test file belongs to
// the conversation tests feature (cognitoBot.saveConversationTest); the chat hands it these
// args, in the shape of a test file's conversation, written here from what the chat has.

/** The command the conversation tests feature registers to write a conversation into a test file. */
export const SAVE_CONVERSATION_TEST_COMMAND = 'cognitoBot.saveConversationTest';

/** What the bot did after a turn, as a test file's turn expects it. */
export interface TurnExpectationSource {
  readonly intent?: string;
  readonly state?: string;
  readonly elicit?: string;
  readonly confirmation?: string;
  /** The filled slots only: name -> interpreted value. */
  readonly slots?: Readonly<Record<string, string>>;
  /** The bot's first message, exactly. */
  readonly says?: { readonly kind: 'exact'; readonly text: string };
}

export interface TestTurnSource {
  readonly user: string;
  readonly expect: TurnExpectationSource;
}

export interface SaveConversationTestArgs {
  readonly bot: { readonly botId: string; readonly botAliasId: string; readonly localeId: string };
  readonly conversation: { readonly name: string; readonly turns: readonly TestTurnSource[] };
}

/** The text of a message a test can compare exactly: plain text or SSML, not a card or a payload the panel reformatted. */
function firstText(turn: Turn): string | undefined {
  const first = turn.bot[0];
  if (!first || (first.contentType !== 'PlainText' && first.contentType !== 'SSML')) return undefined;
  return first.content ? first.content : undefined;
}

/** What the bot did on a turn: intent, its state, the slot elicited, a confirmation that is not None, filled slots, its first message. */
export function expectationOf(turn: Turn): TurnExpectationSource {
  const intent = turn.inspection?.intent;
  const elicit = turn.inspection?.dialogAction?.slotToElicit;
  const confirmation = intent?.confirmationState;
  const filled = (intent?.slots ?? []).filter((slot) => slot.interpreted !== undefined && slot.interpreted !== '');
  const says = firstText(turn);
  return {
    ...(intent ? { intent: intent.name } : {}),
    ...(intent?.state ? { state: intent.state } : {}),
    ...(elicit ? { elicit } : {}),
    ...(confirmation && confirmation !== 'None' ? { confirmation } : {}),
    ...(filled.length > 0 ? { slots: Object.fromEntries(filled.map((slot) => [slot.name, slot.interpreted!])) } : {}),
    ...(says !== undefined ? { says: { kind: 'exact' as const, text: says } } : {}),
  };
}

/** The turns as a conversation test: what was sent, and what the bot did. Turns that errored are left out. */
export function conversationTestOf(turns: readonly Turn[]): TestTurnSource[] {
  return turns.filter((turn) => !turn.error).map((turn) => ({ user: turn.user, expect: expectationOf(turn) }));
}

/** The name a test gets unless the user gives another: the first message sent, on one line, shortened. */
export function defaultTestName(turns: readonly Turn[]): string {
  const text = (turns[0]?.user ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return 'conversation';
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text;
}

/** What the name prompt says: how many turns the test gets, and how many that errored are left out. */
export function testNamePrompt(turns: readonly Turn[]): string {
  const kept = conversationTestOf(turns).length;
  const skipped = turns.length - kept;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Name of the conversation test (${plural(kept, 'turn')})${skipped > 0 ? `. ${plural(skipped, 'turn')} that ended in an error ${skipped === 1 ? 'is' : 'are'} left out.` : ''}`;
}

/** The args of cognitoBot.saveConversationTest for the panel's bot and turns, under the name given. */
export function saveConversationTestArgs(bot: BotView, name: string, turns: readonly Turn[]): SaveConversationTestArgs {
  return {
    bot: { botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId },
    conversation: { name, turns: conversationTestOf(turns) },
  };
}
