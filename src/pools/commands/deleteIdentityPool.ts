import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { deleteIdentityPool as remove, type DeleteIdentityPoolResult, rolesOfIdentityPool } from '../../provisioning/identityPool';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { pickIdentityPool } from '../../ui/pickers';
import { commandInput, confirmModal, field, type PoolsDeps, sayDone, withAws } from './shared';

/**
 * `cognitoBot.deleteIdentityPool`: after a modal naming the pool and offering to delete the
 * roles the extension created for it (policies detached first). Args `{ identityPoolId,
 * deleteRoles? }` (no confirmation; roles kept unless deleteRoles); returns
 * `{ identityPoolId, deletedRoles, keptRoles, failedRoles }`.
 */
export async function deleteIdentityPool(deps: PoolsDeps, args?: unknown): Promise<DeleteIdentityPoolResult & { identityPoolId: string }> {
  const input = commandInput(args);
  let identityPoolId = field(input, 'identityPoolId');
  let poolLabel = identityPoolId;
  let deleteRoles = input.fields.deleteRoles === true;
  if (input.scripted) {
    if (!identityPoolId) throw new InvalidArgumentsError('Give "identityPoolId", such as us-east-1:0123abcd-….');
    if (input.fields.deleteRoles !== undefined && typeof input.fields.deleteRoles !== 'boolean')
      throw new InvalidArgumentsError('"deleteRoles" must be true or false.');
  } else {
    const ctx = await deps.connections.awsContext();
    identityPoolId ??= await pickIdentityPool(ctx, 'Identity pool to delete');
    const [pool, roles] = await Promise.all([describeIdentityPool(ctx, identityPoolId), rolesOfIdentityPool(ctx, identityPoolId)]);
    const created = roles.filter((r) => r.createdForPool).map((r) => r.name);
    const others = roles.filter((r) => !r.createdForPool).map((r) => r.name);
    const detail = [
      'Identities in it lose their ids; web pages using it stop getting credentials. This cannot be undone.',
      created.length > 0 ? `Roles created for it: ${created.join(', ')} (their policies are detached first).` : '',
      others.length > 0 ? `Roles kept (not created for this pool): ${others.join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const BOTH = 'Delete Pool and Its Roles';
    const POOL = created.length > 0 ? 'Delete Pool Only' : 'Delete';
    const picked = await confirmModal(`Delete identity pool ${pool.name} (${identityPoolId})?`, detail, ...(created.length > 0 ? [BOTH, POOL] : [POOL]));
    if (!picked) throw new vscode.CancellationError();
    deleteRoles = picked === BOTH;
    poolLabel = `${pool.name} (${identityPoolId})`;
  }
  const id = identityPoolId!;
  try {
    const result = await withAws(deps, `Deleting identity pool ${id}…`, (ctx) => remove(ctx, id, deleteRoles));
    deps.log.info(`Deleted identity pool ${id}${result.deletedRoles.length ? ` and roles ${result.deletedRoles.join(', ')}` : ''}`);
    if (result.failedRoles.length === 0)
      sayDone(input, `Deleted identity pool ${poolLabel}${result.deletedRoles.length ? ` and its roles ${result.deletedRoles.join(', ')}` : ''}.`);
    if (result.failedRoles.length > 0) {
      const left = result.failedRoles.map((f) => `${f.roleName} (${f.error})`).join(', ');
      deps.log.warn(`Identity pool ${id} is deleted, but these roles are not: ${left}`);
      void vscode.window.showWarningMessage(
        `Identity pool ${poolLabel} is deleted, but these roles could not be: ${left}. Delete them in the IAM console, or try again from Delete Identity Pool's roles.`,
      );
    }
    return { identityPoolId: id, ...result };
  } finally {
    deps.tree.refresh();
  }
}
