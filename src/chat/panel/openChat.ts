import * as vscode from 'vscode';
import type { AwsContext } from '../../aws/context';
import { ActionableError, InvalidArgumentsError } from '../../aws/errors';
import { isRegion, looksLike } from '../../aws/ids';
import { allPages } from '../../aws/paging';
import type { ConnectionManager } from '../../connection/connectionManager';
import { describeIdentityPoolRaw, listIdentityPools } from '../../aws/services/cognitoIdentity';
import { allBotLocales, describeBot } from '../../aws/services/lexModels';
import { MultiStepInput } from '../../ui/multiStepInput';
import type { SignIn } from '../../aws/poolCredentials';
import type { IdentityView, Turn } from '../protocol';
import type { ChatIds, ChatTarget } from './chatPanel';

const LAST_CHOICE_KEY = 'cognitoBot.chat.lastChoice';

export interface OpenChatArgs {
  readonly target: ChatIds;
  readonly signIn?: SignIn;
  /** Scripts: a message to send once connected; the result carries the turn. */
  readonly say?: string;
}

export interface OpenChatResult extends IdentityView {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly turn?: Turn;
}

function text(args: Record<string, unknown>, field: string, kind?: Parameters<typeof looksLike>[0]): string {
  const value = args[field];
  if (typeof value !== 'string' || !value) throw new InvalidArgumentsError(`Give "${field}".`);
  if (kind && !looksLike(kind, value))
    throw new InvalidArgumentsError(
      `"${field}" ${value} is not a ${kind === 'identityPoolId' ? 'identity pool id, like us-east-1:0a1b…' : kind === 'localeId' ? 'locale, like en_US' : 'Lex id: 10 letters and digits'}.`,
    );
  return value;
}

function signInFrom(value: unknown): SignIn | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null)
    throw new InvalidArgumentsError('"signIn" must be { userPoolId, clientId, username, password, newPassword? }.');
  const fields = value as Record<string, unknown>;
  const signIn = {
    userPoolId: text(fields, 'userPoolId', 'userPoolId'),
    clientId: text(fields, 'clientId'),
    username: text(fields, 'username'),
    password: text(fields, 'password'),
  };
  return typeof fields.newPassword === 'string' ? { ...signIn, newPassword: fields.newPassword } : signIn;
}

/** Reads `cognitoBot.openChat`'s args: `{ botId, botAliasId, localeId, identityPoolId, region?, signIn?, say? }`. */
export function parseOpenChatArgs(args: Record<string, unknown>, connectionRegion: string): OpenChatArgs {
  const region = args.region === undefined ? connectionRegion : String(args.region);
  if (!isRegion(region)) throw new InvalidArgumentsError(`"region" ${region} is not a region code such as us-east-1.`);
  const botAliasId = text(args, 'botAliasId');
  if (!looksLike('botAliasId', botAliasId))
    throw new InvalidArgumentsError(`"botAliasId" ${botAliasId} is not a Lex alias id: 10 letters and digits, or TSTALIASID.`);
  const target: ChatIds = {
    botId: text(args, 'botId', 'botId'),
    botAliasId,
    localeId: text(args, 'localeId', 'localeId'),
    identityPoolId: text(args, 'identityPoolId', 'identityPoolId'),
    region,
  };
  if (args.say !== undefined && (typeof args.say !== 'string' || !args.say.trim())) throw new InvalidArgumentsError('"say" must be a message to send.');
  return { target, signIn: signInFrom(args.signIn), say: args.say as string | undefined };
}

/**
 * A panel the page kept across a reload: its bot and pool as the page kept them, checked like
 * args. The names it kept are only shown (the tab, the header), so they come back as they were,
 * shortened; undefined when the ids are not a chat's.
 */
export function revivedTarget(saved: { bot?: Record<string, unknown>; identity?: Record<string, unknown> }): ChatTarget | undefined {
  let ids: ChatIds;
  try {
    ids = parseOpenChatArgs({ ...saved.bot, identityPoolId: saved.identity?.identityPoolId, region: saved.identity?.region }, 'us-east-1').target;
  } catch {
    return undefined;
  }
  const name = (value: unknown, id: string) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 128) : id);
  return { ...ids, botName: name(saved.bot?.botName, ids.botId), identityPoolName: name(saved.identity?.identityPoolName, ids.identityPoolId) };
}

/**
 * The target with the bot's and the pool's names, read for those the caller did not know. A name
 * that cannot be read leaves its id in its place: connecting then says what is wrong.
 */
export async function withNames(
  connections: ConnectionManager,
  target: ChatIds & Partial<Pick<ChatTarget, 'botName' | 'identityPoolName'>>,
): Promise<ChatTarget> {
  const known = target.botName !== undefined && target.identityPoolName !== undefined;
  const ctx = known ? undefined : await connections.awsContext(target.region);
  const [botName, identityPoolName] = await Promise.all([
    target.botName ??
      describeBot(ctx!, target.botId).then(
        (bot) => bot.name,
        () => target.botId,
      ),
    target.identityPoolName ??
      describeIdentityPoolRaw(ctx!, target.identityPoolId).then(
        (pool) => pool.IdentityPoolName ?? target.identityPoolId,
        () => target.identityPoolId,
      ),
  ]);
  return { ...target, botName, identityPoolName };
}

const title = () => vscode.l10n.t('Open Chat');

interface BotItem extends vscode.QuickPickItem {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly botName: string;
}

interface PoolItem extends vscode.QuickPickItem {
  readonly identityPoolId: string;
  readonly identityPoolName: string;
}

/** Every bot locale (of the node's bot or alias, when it names one), the one used last time first. */
async function botItems(ctx: AwsContext, only: { botId?: string; botAliasId?: string }, last: Partial<ChatTarget> | undefined): Promise<BotItem[]> {
  const items = (await allBotLocales(ctx, only)).map(({ bot, alias, locale }) => ({
    label: `${bot.name} / ${alias.name} / ${locale.localeId}`,
    description: `${bot.botId} · ${alias.botAliasId}`,
    botId: bot.botId,
    botAliasId: alias.botAliasId,
    localeId: locale.localeId,
    botName: bot.name,
  }));
  if (items.length === 0)
    throw new InvalidArgumentsError(
      vscode.l10n.t(
        'There are no Lex V2 bots with an alias in {0} on this connection. Import one into the sandbox (Cognito Bot: Import Lex Bot into Sandbox…) or build one in the Lex console.',
        ctx.region,
      ),
    );
  const wasLast = (item: BotItem) => Number(item.botId === last?.botId && item.botAliasId === last?.botAliasId);
  return items.sort((a, b) => wasLast(b) - wasLast(a));
}

/** Every identity pool, the one used last time first, saying so. */
async function poolItems(ctx: AwsContext, last: Partial<ChatTarget> | undefined): Promise<PoolItem[]> {
  const pools = await allPages((token) => listIdentityPools(ctx, token));
  if (pools.length === 0)
    throw new ActionableError(vscode.l10n.t('There are no identity pools in {0} on this connection: the chat gets its credentials from one.', ctx.region), [
      { kind: 'command', title: vscode.l10n.t('Set Up Bot Web Access'), command: 'cognitoBot.setUpBotWebAccess' },
    ]);
  const items = pools.map((pool) => ({
    label: pool.name,
    description:
      pool.id !== last?.identityPoolId
        ? pool.id
        : last.botName
          ? vscode.l10n.t('{0} · as last time, with {1}', pool.id, last.botName)
          : vscode.l10n.t('{0} · as last time', pool.id),
    identityPoolId: pool.id,
    identityPoolName: pool.name,
  }));
  const wasLast = (item: PoolItem) => Number(item.identityPoolId === last?.identityPoolId);
  return items.sort((a, b) => wasLast(b) - wasLast(a));
}

/**
 * Bot locale (step 1) and identity pool (step 2): what the node gives is not asked, nor a bot
 * when there is only one. The lists are read first, so an empty one says so before any step.
 */
export async function askTarget(connections: ConnectionManager, state: vscode.Memento, node: Record<string, unknown>): Promise<ChatTarget> {
  const ctx = await connections.awsContext();
  const last = state.get<Partial<ChatTarget>>(LAST_CHOICE_KEY);
  const given = (key: string) => (typeof node[key] === 'string' ? (node[key] as string) : undefined);
  const [botId, botAliasId, localeId, identityPoolId] = [given('botId'), given('botAliasId'), given('localeId'), given('identityPoolId')];
  const [bots, pools] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing bots and identity pools…') },
    () =>
      Promise.all([
        botId && botAliasId && localeId ? undefined : botItems(ctx, { botId, botAliasId }, last),
        identityPoolId ? undefined : poolItems(ctx, last),
      ]),
  );
  const picked: { bot?: BotItem; pool?: PoolItem } = { bot: bots?.length === 1 ? bots[0] : undefined };
  // Steps are numbered as they are asked.
  const asksBot = Boolean(bots && !picked.bot);
  const totalSteps = Number(asksBot) + Number(Boolean(pools));
  const pickPool = async (input: MultiStepInput): Promise<undefined> => {
    [picked.pool] = await input.quickPick({
      title: title(),
      step: asksBot ? 2 : 1,
      totalSteps,
      placeholder: picked.bot
        ? vscode.l10n.t('Identity pool whose credentials the page uses to talk to {0}', picked.bot.botName)
        : vscode.l10n.t('Identity pool whose credentials the page uses'),
      items: pools!,
    });
    return undefined;
  };
  const pickBot = async (input: MultiStepInput) => {
    [picked.bot] = await input.quickPick({
      title: title(),
      step: 1,
      totalSteps,
      placeholder: vscode.l10n.t('Bot, alias and locale to talk to'),
      items: bots!,
      selected: picked.bot && [picked.bot],
    });
    return pools ? pickPool : undefined;
  };
  const first = bots && !picked.bot ? pickBot : pools ? pickPool : undefined;
  if (first) await MultiStepInput.run(first, undefined);
  const bot = picked.bot ?? { botId: botId!, botAliasId: botAliasId!, localeId: localeId! };
  const target = await withNames(connections, {
    botId: bot.botId,
    botAliasId: bot.botAliasId,
    localeId: bot.localeId,
    identityPoolId: picked.pool?.identityPoolId ?? identityPoolId!,
    region: ctx.region,
    botName: picked.bot?.botName,
    identityPoolName: picked.pool?.identityPoolName,
  });
  await state.update(LAST_CHOICE_KEY, target);
  return target;
}
