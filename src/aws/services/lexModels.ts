import type { AwsContext } from '../context';
import { allPages, mapWithLimit, type Page } from '../paging';

// Lex V2 model building: the bots, aliases and locales pickers and the explorer list.

export interface BotSummary {
  readonly botId: string;
  readonly name: string;
  readonly status?: string;
}

export interface BotAliasSummary {
  readonly botId: string;
  readonly botAliasId: string;
  readonly name: string;
  readonly botVersion: string;
}

export interface BotLocaleSummary {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly name: string;
  /** Built, NotBuilt, Building, Failed, … */
  readonly status?: string;
}

export async function listBots(ctx: AwsContext, nextToken?: string): Promise<Page<BotSummary>> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.ListBotsCommand({ maxResults: 50, nextToken }));
  return {
    items: (answer.botSummaries ?? []).map((b) => ({ botId: b.botId ?? '', name: b.botName ?? '', status: b.botStatus })),
    nextToken: answer.nextToken,
  };
}

export async function listBotAliases(ctx: AwsContext, botId: string, nextToken?: string): Promise<Page<BotAliasSummary>> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.ListBotAliasesCommand({ botId, maxResults: 50, nextToken }));
  return {
    items: (answer.botAliasSummaries ?? []).map((a) => ({
      botId,
      botAliasId: a.botAliasId ?? '',
      name: a.botAliasName ?? '',
      botVersion: a.botVersion ?? 'DRAFT',
    })),
    nextToken: answer.nextToken,
  };
}

/** The locales of the bot version an alias points at. */
export async function listBotLocales(ctx: AwsContext, alias: BotAliasSummary, nextToken?: string): Promise<Page<BotLocaleSummary>> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.ListBotLocalesCommand({ botId: alias.botId, botVersion: alias.botVersion, maxResults: 50, nextToken }));
  return {
    items: (answer.botLocaleSummaries ?? []).map((l) => ({
      botId: alias.botId,
      botAliasId: alias.botAliasId,
      localeId: l.localeId ?? '',
      name: l.localeName ?? l.localeId ?? '',
      status: l.botLocaleStatus,
    })),
    nextToken: answer.nextToken,
  };
}

/** Lists in flight at once when walking every bot: Lex model-building quotas are low. */
const IN_FLIGHT = 4;

/** Every alias of every bot (or of one bot), with its bot: what pickers offer. */
export async function allBotAliases(ctx: AwsContext, onlyBotId?: string): Promise<{ bot: BotSummary; alias: BotAliasSummary }[]> {
  const bots = (await allPages((token) => listBots(ctx, token))).filter((bot) => !onlyBotId || bot.botId === onlyBotId);
  return (
    await mapWithLimit(bots, IN_FLIGHT, async (bot) => (await allPages((token) => listBotAliases(ctx, bot.botId, token))).map((alias) => ({ bot, alias })))
  ).flat();
}

/** Every locale of every alias (of one bot, or one alias, when given), with its bot and alias. */
export async function allBotLocales(
  ctx: AwsContext,
  only: { botId?: string; botAliasId?: string } = {},
): Promise<{ bot: BotSummary; alias: BotAliasSummary; locale: BotLocaleSummary }[]> {
  const aliases = (await allBotAliases(ctx, only.botId)).filter(({ alias }) => !only.botAliasId || alias.botAliasId === only.botAliasId);
  return (
    await mapWithLimit(aliases, IN_FLIGHT, async ({ bot, alias }) =>
      (await allPages((token) => listBotLocales(ctx, alias, token))).map((locale) => ({ bot, alias, locale })),
    )
  ).flat();
}

export interface BotAliasDetails extends BotAliasSummary {
  /** Locales the alias has settings for, and whether each is enabled. */
  readonly locales: Readonly<Record<string, boolean>>;
}

/** One alias, with the bot version it points at and its locale settings. */
export async function describeBotAlias(ctx: AwsContext, botId: string, botAliasId: string): Promise<BotAliasDetails> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.DescribeBotAliasCommand({ botId, botAliasId }));
  return {
    botId: answer.botId ?? botId,
    botAliasId: answer.botAliasId ?? botAliasId,
    name: answer.botAliasName ?? botAliasId,
    botVersion: answer.botVersion ?? 'DRAFT',
    locales: Object.fromEntries(Object.entries(answer.botAliasLocaleSettings ?? {}).map(([localeId, settings]) => [localeId, settings.enabled ?? false])),
  };
}

export async function describeBot(ctx: AwsContext, botId: string): Promise<BotSummary> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.DescribeBotCommand({ botId }));
  return { botId, name: answer.botName ?? botId, status: answer.botStatus };
}

/** The intents of a bot version's locale, each with its slots' names: what conversation tests can cover. */
export async function intentsWithSlots(ctx: AwsContext, botId: string, botVersion: string, localeId: string): Promise<{ name: string; slots: string[] }[]> {
  const lex = await ctx.client('lexModels');
  const intents = await allPages(async (nextToken) => {
    const answer = await lex.send(new ctx.sdk.ListIntentsCommand({ botId, botVersion, localeId, maxResults: 1000, nextToken }));
    return { items: answer.intentSummaries ?? [], nextToken: answer.nextToken };
  });
  return mapWithLimit(intents, IN_FLIGHT, async (intent) => {
    const slots = await allPages(async (nextToken) => {
      const answer = await lex.send(new ctx.sdk.ListSlotsCommand({ botId, botVersion, localeId, intentId: intent.intentId, maxResults: 1000, nextToken }));
      return { items: answer.slotSummaries ?? [], nextToken: answer.nextToken };
    });
    return { name: intent.intentName ?? intent.intentId ?? '', slots: slots.map((slot) => slot.slotName ?? '') };
  });
}
