import type { AwsContext, Page } from './context';

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
    items: (answer.botAliasSummaries ?? []).map((a) => ({ botId, botAliasId: a.botAliasId ?? '', name: a.botAliasName ?? '', botVersion: a.botVersion ?? 'DRAFT' })),
    nextToken: answer.nextToken,
  };
}

/** The locales of the bot version an alias points at. */
export async function listBotLocales(ctx: AwsContext, alias: BotAliasSummary, nextToken?: string): Promise<Page<BotLocaleSummary>> {
  const lex = await ctx.client('lexModels');
  const answer = await lex.send(new ctx.sdk.ListBotLocalesCommand({ botId: alias.botId, botVersion: alias.botVersion, maxResults: 50, nextToken }));
  return {
    items: (answer.botLocaleSummaries ?? []).map((l) => ({ botId: alias.botId, botAliasId: alias.botAliasId, localeId: l.localeId ?? '', name: l.localeName ?? l.localeId ?? '' })),
    nextToken: answer.nextToken,
  };
}
