import { lexArn } from '../../aws/arns';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { authorize, type Caller } from '../auth';
import { lexId, type SandboxBot } from '../bots';
import { jsonBody, jsonResult } from '../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import type { SandboxState } from '../state';
import type { JsonStore } from '../store';

const LOCALE_NAMES: Record<string, string> = {
  en_US: 'English (US)',
  en_GB: 'English (GB)',
  de_DE: 'German (DE)',
  es_US: 'Spanish (US)',
  fr_FR: 'French (FR)',
};

/** The sandbox's bots are there from its start. */
const since = Math.floor(Date.now() / 1000);

/** Lex V2 model building, read-only: the bots, aliases and locales the sandbox can run. */
export function handleLexModels(request: SandboxRequest, store: JsonStore<SandboxState>, caller: Caller, bots: readonly SandboxBot[]): SandboxResponse {
  const path = request.path.replace(/\/+$/, '') || '/';
  const region = request.signing?.region ?? 'us-east-1';
  const arn = (resource: string) => lexArn(region, SANDBOX_ACCOUNT_ID, resource);
  const botOf = (botId: string) => {
    const bot = bots.find((b) => b.botId === botId);
    if (!bot) throw new ServiceError('ResourceNotFoundException', `Could not find bot ${botId}.`, 404);
    return bot;
  };
  // A listing under a bot, locale or intent the sandbox does not have is empty: the model
  // documents no not-found error for ListBotAliases, ListBotLocales, ListIntents or ListSlots.
  const findBot = (botId: string) => bots.find((b) => b.botId === botId);
  const findLocale = (bot: SandboxBot | undefined, localeId: string) => bot?.engine.bot.locales.find((l) => l.localeId === localeId);
  const result = (value: unknown) => jsonResult(value, request.requestId, 'application/json');
  let match: RegExpExecArray | null;

  if (path === '/bots' && request.method === 'POST') {
    authorize(caller, 'lex:ListBots', arn('bot/*'), store);
    const { maxResults } = jsonBody(request.body);
    const max = typeof maxResults === 'number' ? maxResults : 10;
    return result({
      botSummaries: bots.slice(0, max).map((bot) => ({
        botId: bot.botId,
        botName: bot.botName,
        botStatus: 'Available',
        // latestBotVersion names a numbered version; the sandbox's bots have only DRAFT.
        lastUpdatedDateTime: since,
        botType: 'Bot',
      })),
    });
  }
  if ((match = /^\/bots\/([^/]+)$/.exec(path)) && request.method === 'GET') {
    const bot = botOf(decodeURIComponent(match[1]));
    authorize(caller, 'lex:DescribeBot', arn(`bot/${bot.botId}`), store);
    return result({
      botId: bot.botId,
      botName: bot.botName,
      botStatus: 'Available',
      dataPrivacy: { childDirected: false },
      idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
      creationDateTime: since,
      lastUpdatedDateTime: since,
      botType: 'Bot',
    });
  }
  if ((match = /^\/bots\/([^/]+)\/botaliases$/.exec(path)) && request.method === 'POST') {
    const botId = decodeURIComponent(match[1]);
    authorize(caller, 'lex:ListBotAliases', arn(`bot-alias/${botId}/*`), store);
    return result({
      botId,
      botAliasSummaries: (findBot(botId)?.aliases ?? []).map((alias) => ({
        ...alias,
        botVersion: 'DRAFT',
        botAliasStatus: 'Available',
        creationDateTime: since,
        lastUpdatedDateTime: since,
      })),
    });
  }
  if ((match = /^\/bots\/([^/]+)\/botaliases\/([^/]+)$/.exec(path)) && request.method === 'GET') {
    const bot = botOf(decodeURIComponent(match[1]));
    const alias = bot.aliases.find((a) => a.botAliasId === decodeURIComponent(match![2]));
    if (!alias) throw new ServiceError('ResourceNotFoundException', `Could not find bot alias ${match[2]} of bot ${bot.botId}.`, 404);
    authorize(caller, 'lex:DescribeBotAlias', arn(`bot-alias/${bot.botId}/${alias.botAliasId}`), store);
    return result({
      ...alias,
      botId: bot.botId,
      botVersion: 'DRAFT',
      botAliasStatus: 'Available',
      botAliasLocaleSettings: Object.fromEntries(bot.localeIds.map((id) => [id, { enabled: true }])),
      creationDateTime: since,
      lastUpdatedDateTime: since,
    });
  }
  if ((match = /^\/bots\/([^/]+)\/botversions\/([^/]+)\/botlocales$/.exec(path)) && request.method === 'POST') {
    const botId = decodeURIComponent(match[1]);
    authorize(caller, 'lex:ListBotLocales', arn(`bot/${botId}`), store);
    return result({
      botId,
      botVersion: decodeURIComponent(match[2]),
      botLocaleSummaries: (findBot(botId)?.localeIds ?? []).map((localeId) => ({
        localeId,
        localeName: LOCALE_NAMES[localeId] ?? localeId,
        botLocaleStatus: 'Built',
        lastUpdatedDateTime: since,
      })),
    });
  }
  // A sandbox bot has one version (its export, DRAFT) and few intents: every version answers with it, on one page.
  if ((match = /^\/bots\/([^/]+)\/botversions\/([^/]+)\/botlocales\/([^/]+)\/intents$/.exec(path)) && request.method === 'POST') {
    const [botId, botVersion, localeId] = match.slice(1, 4).map(decodeURIComponent);
    authorize(caller, 'lex:ListIntents', arn(`bot/${botId}`), store);
    return result({
      botId,
      botVersion,
      localeId,
      intentSummaries: (findLocale(findBot(botId), localeId)?.intents ?? []).map((intent) => ({
        intentId: lexId(`intent:${intent.name}`),
        intentName: intent.name,
        parentIntentSignature: intent.parentIntentSignature,
        lastUpdatedDateTime: since,
      })),
    });
  }
  if ((match = /^\/bots\/([^/]+)\/botversions\/([^/]+)\/botlocales\/([^/]+)\/intents\/([^/]+)\/slots$/.exec(path)) && request.method === 'POST') {
    const [botId, botVersion, localeId, intentId] = match.slice(1, 5).map(decodeURIComponent);
    authorize(caller, 'lex:ListSlots', arn(`bot/${botId}`), store);
    const intent = findLocale(findBot(botId), localeId)?.intents.find((i) => lexId(`intent:${i.name}`) === intentId);
    return result({
      botId,
      botVersion,
      localeId,
      intentId,
      slotSummaries: intent
        ? intent.slots.map((slot) => ({
            slotId: lexId(`slot:${intent.name}:${slot.name}`),
            slotName: slot.name,
            slotConstraint: slot.required ? 'Required' : 'Optional',
            lastUpdatedDateTime: since,
          }))
        : [],
    });
  }
  throw new ServiceError('UnknownOperationException', `The sandbox does not serve ${request.method} ${path} of Lex model building.`, 404);
}
