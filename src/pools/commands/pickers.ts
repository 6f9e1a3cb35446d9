import * as vscode from 'vscode';
import type { AwsContext } from '../engine/context';
import { listIdentityPools } from '../engine/identityPools';
import { listAppClients, listUserPools } from '../engine/userPools';
import { listBotAliases, listBots } from '../engine/bots';

/** Every page of a list, for a picker. */
export async function everything<T>(load: (token?: string) => Promise<{ items: readonly T[]; nextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await load(token);
    items.push(...page.items);
    token = page.nextToken;
  } while (token);
  return items;
}

export interface UserPoolClientItem extends vscode.QuickPickItem {
  readonly userPoolId?: string;
  readonly clientId?: string;
}

/** Each app client of each user pool, as "pool / client". */
export async function userPoolClientItems(ctx: AwsContext): Promise<UserPoolClientItem[]> {
  const pools = await everything((token) => listUserPools(ctx, token));
  const perPool = await Promise.all(
    pools.map(async (pool) => (await everything((token) => listAppClients(ctx, pool.id, token))).map((client) => ({ label: `${pool.name} / ${client.name}`, description: `${pool.id} · ${client.clientId}`, userPoolId: pool.id, clientId: client.clientId }))),
  );
  return perPool.flat();
}

export async function pickIdentityPool(ctx: AwsContext, placeHolder: string): Promise<string> {
  const pools = await everything((token) => listIdentityPools(ctx, token));
  if (pools.length === 0) throw new vscode.CancellationError();
  const picked = await vscode.window.showQuickPick(pools.map((p) => ({ label: p.name, description: p.id, id: p.id })), { placeHolder, matchOnDescription: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.id;
}

export async function pickUserPool(ctx: AwsContext, placeHolder: string): Promise<string> {
  const pools = await everything((token) => listUserPools(ctx, token));
  const picked = await vscode.window.showQuickPick(pools.map((p) => ({ label: p.name, description: p.id, id: p.id })), { placeHolder, matchOnDescription: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.id;
}

export async function pickUserPoolClient(ctx: AwsContext, placeHolder: string): Promise<{ userPoolId: string; clientId: string }> {
  const items = await userPoolClientItems(ctx);
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  if (!picked?.userPoolId || !picked.clientId) throw new vscode.CancellationError();
  return { userPoolId: picked.userPoolId, clientId: picked.clientId };
}

export async function pickBotAlias(ctx: AwsContext): Promise<{ botId: string; botAliasId: string } | undefined> {
  const bots = await everything((token) => listBots(ctx, token));
  const aliases = (await Promise.all(bots.map(async (bot) => (await everything((token) => listBotAliases(ctx, bot.botId, token))).map((alias) => ({ bot, alias }))))).flat();
  const items = [
    { label: 'Any bot (AmazonLexRunBotsOnly)', description: 'the tutorial\'s managed policy: every bot in the account', botId: undefined, botAliasId: undefined },
    ...aliases.map(({ bot, alias }) => ({ label: `${bot.name} / ${alias.name}`, description: `${bot.botId} · ${alias.botAliasId} (least privilege: this alias only)`, botId: bot.botId, botAliasId: alias.botAliasId })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which bot may the pool\'s users talk to?', matchOnDescription: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.botId && picked.botAliasId ? { botId: picked.botId, botAliasId: picked.botAliasId } : undefined;
}
