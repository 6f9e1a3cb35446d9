import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { allPages, mapWithLimit } from '../../aws/paging';
import type { AwsContext } from '../../aws/context';
import { describeIdentityPool, listIdentityPools } from '../../aws/services/cognitoIdentity';
import { deleteUserPool as remove, describeUserPool, listAppClients } from '../../aws/services/cognitoIdp';
import { pickUserPool } from '../../ui/pickers';
import { commandInput, confirmModal, field, type PoolsDeps, sayDone, withAws } from './shared';

/** Identity pools that let this user pool's users sign in: they break when it goes. */
async function identityPoolsUsing(ctx: AwsContext, userPoolId: string): Promise<string[]> {
  const pools = await allPages((token) => listIdentityPools(ctx, token));
  const details = await mapWithLimit(pools, 4, (p) => describeIdentityPool(ctx, p.id));
  return details.filter((d) => d.providers.some((p) => p.userPoolId === userPoolId)).map((d) => `${d.name} (${d.id})`);
}

/**
 * `cognitoBot.deleteUserPool`: after a modal naming the pool, its app clients and the identity
 * pools that use it. Args `{ userPoolId }` (no confirmation); returns `{ userPoolId }`.
 */
export async function deleteUserPool(deps: PoolsDeps, args?: unknown): Promise<{ userPoolId: string }> {
  const input = commandInput(args);
  let userPoolId = field(input, 'userPoolId');
  let poolLabel = userPoolId;
  if (!userPoolId && input.scripted) throw new InvalidArgumentsError('Give "userPoolId", such as us-east-1_AbCdEfGhI.');
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    userPoolId ??= await pickUserPool(ctx, vscode.l10n.t('User pool to delete'));
    const id = userPoolId;
    const [pool, clients, users] = await Promise.all([describeUserPool(ctx, id), allPages((t) => listAppClients(ctx, id, t)), identityPoolsUsing(ctx, id)]);
    const detail = [
      vscode.l10n.t(
        'Its users, groups and app clients ({0}) are deleted with it. This cannot be undone.',
        clients.map((c) => c.name).join(', ') || vscode.l10n.t('none'),
      ),
      users.length > 0 ? vscode.l10n.t('Identity pools that sign its users in will stop working for them: {0}.', users.join(', ')) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const DELETE = vscode.l10n.t('Delete');
    if ((await confirmModal(vscode.l10n.t('Delete user pool {0} ({1})?', pool.name, id), detail, DELETE)) !== DELETE) throw new vscode.CancellationError();
    poolLabel = `${pool.name} (${id})`;
  }
  const id = userPoolId!;
  await withAws(deps, vscode.l10n.t('Deleting user pool {0}…', id), (ctx) => remove(ctx, id));
  deps.log.info(`Deleted user pool ${id}`);
  sayDone(input, vscode.l10n.t('Deleted user pool {0}.', String(poolLabel)));
  deps.tree.refresh();
  return { userPoolId: id };
}
