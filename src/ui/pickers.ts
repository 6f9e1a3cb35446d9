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

function nothingHere(message: string, create: { title: string; command: string }): ActionableError {
  return new ActionableError(message, [{ kind: 'command', title: create.title, command: create.command }]);
}

const createIdentityPool = () => ({ title: vscode.l10n.t('Create Identity Pool'), command: 'cognitoBot.createIdentityPool' });
const createUserPool = () => ({ title: vscode.l10n.t('Create User Pool'), command: 'cognitoBot.createUserPool' });

/** Where a picker stands in a command that asks more than once; every such picker shows it. */
export interface FlowStep {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** "Title (2/3)", as VS Code titles a wizard's step. */
export function stepTitle(at: FlowStep): string {
  return at.totalSteps > 1
    ? vscode.l10n.t({ message: '{0} ({1}/{2})', args: [at.title, at.step, at.totalSteps], comment: ["A wizard's title, then which step of how many"] })
    : at.title;
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
  if (pools.length === 0) throw nothingHere(vscode.l10n.t('There are no identity pools in {0} on this connection.', ctx.region), createIdentityPool());
  const picked = await pick(
    pools.map((p) => ({ label: p.name, description: p.id, id: p.id })),
    placeHolder,
    at,
  );
  return { id: picked.id, name: picked.label };
}

export async function pickUserPool(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<string> {
  const pools = await allPages((token) => listUserPools(ctx, token));
  if (pools.length === 0) throw nothingHere(vscode.l10n.t('There are no user pools in {0} on this connection.', ctx.region), createUserPool());
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
  if (items.length === 0) throw nothingHere(vscode.l10n.t('There are no user pool app clients in {0} on this connection.', ctx.region), createUserPool());
  const picked = await pick(items, placeHolder, at);
  return { userPoolId: picked.userPoolId!, clientId: picked.clientId!, label: picked.label };
}

export async function pickRole(ctx: AwsContext, placeHolder: string, at?: FlowStep): Promise<string> {
  const roles = await listChangeableRoles(ctx);
  if (roles.length === 0) throw nothingHere(vscode.l10n.t('There are no IAM roles in {0} on this connection.', ctx.region), createIdentityPool());
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
            label: vscode.l10n.t('Any bot (AmazonLexRunBotsOnly)'),
            description: vscode.l10n.t("the tutorial's managed policy: every bot in the account"),
            botId: undefined,
            botAliasId: undefined,
            botName: undefined,
          },
        ]),
    ...aliases.map(({ bot, alias }) => ({
      label: `${bot.name} / ${alias.name}`,
      description: vscode.l10n.t({
        message: '{0} · {1} (least privilege: this alias only)',
        args: [bot.botId, alias.botAliasId],
        comment: ['{0} is a bot id, {1} an alias id'],
      }),
      botId: bot.botId,
      botAliasId: alias.botAliasId,
      botName: bot.name,
    })),
  ];
  if (items.length === 0) {
    throw new ActionableError(
      vscode.l10n.t('Bot {0} has no aliases in {1}: create one in the Lex console, or pick another bot.', String(onlyBotId), ctx.region),
    );
  }
  const picked = await pick(items, vscode.l10n.t("Which bot may the pool's users talk to?"), at);
  return picked.botId && picked.botAliasId ? { botId: picked.botId, botAliasId: picked.botAliasId, botName: picked.botName! } : undefined;
}
