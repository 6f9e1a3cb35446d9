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
    identityPoolId ??= await pickIdentityPool(ctx, vscode.l10n.t('Identity pool to delete'));
    const [pool, roles] = await Promise.all([describeIdentityPool(ctx, identityPoolId), rolesOfIdentityPool(ctx, identityPoolId)]);
    const created = roles.filter((r) => r.createdForPool).map((r) => r.name);
    const others = roles.filter((r) => !r.createdForPool).map((r) => r.name);
    const detail = [
      vscode.l10n.t('Identities in it lose their ids; web pages using it stop getting credentials. This cannot be undone.'),
      created.length > 0 ? vscode.l10n.t('Roles created for it: {0} (their policies are detached first).', created.join(', ')) : '',
      others.length > 0 ? vscode.l10n.t('Roles kept (not created for this pool): {0}.', others.join(', ')) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const BOTH = vscode.l10n.t('Delete Pool and Its Roles');
    const POOL = created.length > 0 ? vscode.l10n.t('Delete Pool Only') : vscode.l10n.t('Delete');
    const question = vscode.l10n.t('Delete identity pool {0} ({1})?', pool.name, identityPoolId);
    const picked = await confirmModal(question, detail, ...(created.length > 0 ? [BOTH, POOL] : [POOL]));
    if (!picked) throw new vscode.CancellationError();
    deleteRoles = picked === BOTH;
    poolLabel = `${pool.name} (${identityPoolId})`;
  }
  const id = identityPoolId!;
  try {
    const result = await withAws(deps, vscode.l10n.t('Deleting identity pool {0}…', id), (ctx) => remove(ctx, id, deleteRoles));
    deps.log.info(`Deleted identity pool ${id}${result.deletedRoles.length ? ` and roles ${result.deletedRoles.join(', ')}` : ''}`);
    if (result.failedRoles.length === 0)
      sayDone(
        input,
        result.deletedRoles.length
          ? vscode.l10n.t('Deleted identity pool {0} and its roles {1}.', String(poolLabel), result.deletedRoles.join(', '))
          : vscode.l10n.t('Deleted identity pool {0}.', String(poolLabel)),
      );
    if (result.failedRoles.length > 0) {
      const left = result.failedRoles.map((f) => `${f.roleName} (${f.error})`).join(', ');
      deps.log.warn(`Identity pool ${id} is deleted, but these roles are not: ${left}`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Identity pool {0} is deleted, but these roles could not be: {1}. Delete them in the IAM console, or try again from Delete Identity Pool's roles.",
          String(poolLabel),
          left,
        ),
      );
    }
    return { identityPoolId: id, ...result };
  } finally {
    deps.tree.refresh();
  }
}
