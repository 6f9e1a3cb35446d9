import * as vscode from 'vscode';
import type { AwsContext } from '../aws/context';
import { ActionableError } from '../aws/errors';
import { allPages, mapWithLimit } from '../aws/paging';
import { listIdentityPools } from '../aws/services/cognitoIdentity';
import { listAppClients, listUserPools } from '../aws/services/cognitoIdp';
import { listChangeableRoles } from '../aws/services/iam';
import { allBotAliases } from '../aws/services/lexModels';

/** At most this many describe/list calls in flight for one picker. */
const IN_FLIGHT = 4;

function nothingHere(what: string, ctx: AwsContext, create: { title: string; command: string }): ActionableError {
  return new ActionableError(`There are no ${what} in ${ctx.region} on this connection.`, [{ kind: 'command', title: create.title, command: create.command }]);
}

/** Where a picker stands in a command that asks more than once; every such picker shows it. */
export interface FlowStep {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** "Title (2/3)", as VS Code titles a wizard's step. */
export function stepTitle(at: FlowStep): string {
  return at.totalSteps > 1 ? `${at.title} (${at.step}/${at.totalSteps})` : at.title;
}

async function pick<T extends vscode.QuickPickItem>(items: readonly T[], placeHolder: string, at?: FlowStep): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, {
    title: at && stepTitle(at),
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) throw new vscode.CancellationError();
  return picked;
}

export interface UserPoolClientItem extends vscode.QuickPickItem {
  readonly userPoolId?: string;
  readonly clientId?: string;
}

/** Each app client of each user pool, as "pool / client". */
export async function userPoolClientItems(ctx: AwsContext): Promise<UserPoolClientItem[]> {
  const pools = await allPages((token) => listUserPools(ctx, token));
  const perPool = await mapWithLimit(pools, IN_FLIGHT, async (pool) =>
    (await allPages((token) => listAppClients(ctx, pool.id, token))).map((client) => ({
      label: `${pool.name} / ${client.name}`,
      description: `${pool.id} · ${client.clientId}`,
      userPoolId: pool.id,
      clientId: client.clientId,
    })),
  );
  return perPool.flat();
}

export async function pickIdentityPool(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<string> {
  return (await pickNamedIdentityPool(ctx, placeHolder, at)).id;
}

/** An identity pool's id and name, for messages that name it. */
export async function pickNamedIdentityPool(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<{ id: string; name: string }> {
  const pools = await allPages((token) => listIdentityPools(ctx, token));
  if (pools.length === 0) throw nothingHere('identity pools', ctx, { title: 'Create Identity Pool', command: 'cognitoBot.createIdentityPool' });
  const picked = await pick(
    pools.map((p) => ({ label: p.name, description: p.id, id: p.id })),
    placeHolder,
    at,
  );
  return { id: picked.id, name: picked.label };
}

export async function pickUserPool(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<string> {
  const pools = await allPages((token) => listUserPools(ctx, token));
  if (pools.length === 0) throw nothingHere('user pools', ctx, { title: 'Create User Pool', command: 'cognitoBot.createUserPool' });
  return (
    await pick(
      pools.map((p) => ({ label: p.name, description: p.id, id: p.id })),
      placeHolder,
      at,
    )
  ).id;
}

/** A user pool's app client; `label` names both, "WebChatPool / chatapp". */
export async function pickUserPoolClient(
  ctx: AwsContext,
  placeHolder: string,
  at?: FlowStep,
): Promise<{ userPoolId: string; clientId: string; label: string }> {
  const items = await userPoolClientItems(ctx);
  if (items.length === 0) throw nothingHere('user pool app clients', ctx, { title: 'Create User Pool', command: 'cognitoBot.createUserPool' });
  const picked = await pick(items, placeHolder, at);
  return { userPoolId: picked.userPoolId!, clientId: picked.clientId!, label: picked.label };
}

export async function pickRole(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<string> {
  const roles = await listChangeableRoles(ctx);
  if (roles.length === 0) throw nothingHere('IAM roles', ctx, { title: 'Create Identity Pool', command: 'cognitoBot.createIdentityPool' });
  return (
    await pick(
      roles.map((r) => ({ label: r.name, description: r.description, detail: r.arn })),
      placeHolder,
      at,
    )
  ).label;
}

/** A bot alias to grant (least privilege), or undefined for "any bot" (AmazonLexRunBotsOnly). Limited to one bot when given. */
export async function pickBotAlias(
  ctx: AwsContext,
  onlyBotId?: string,
  at?: FlowStep,
): Promise<{ botId: string; botAliasId: string; botName: string } | undefined> {
  const aliases = await allBotAliases(ctx, onlyBotId);
  const items = [
    ...(onlyBotId
      ? []
      : [
          {
            label: 'Any bot (AmazonLexRunBotsOnly)',
            description: "the tutorial's managed policy: every bot in the account",
            botId: undefined,
            botAliasId: undefined,
            botName: undefined,
          },
        ]),
    ...aliases.map(({ bot, alias }) => ({
      label: `${bot.name} / ${alias.name}`,
      description: `${bot.botId} · ${alias.botAliasId} (least privilege: this alias only)`,
      botId: bot.botId,
      botAliasId: alias.botAliasId,
      botName: bot.name,
    })),
  ];
  if (items.length === 0) throw new ActionableError(`Bot ${onlyBotId} has no aliases in ${ctx.region}: create one in the Lex console, or pick another bot.`);
  const picked = await pick(items, "Which bot may the pool's users talk to?", at);
  return picked.botId && picked.botAliasId ? { botId: picked.botId, botAliasId: picked.botAliasId, botName: picked.botName! } : undefined;
}
