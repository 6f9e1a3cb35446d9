import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { linkUserPool as link } from '../../provisioning/identityPool';
import { pickNamedIdentityPool, pickUserPoolClient } from '../../ui/pickers';
import { commandInput, field, type PoolsDeps, sayDone, withAws } from './shared';

const title = () => vscode.l10n.t('Add User Pool as Login Provider');

/**
 * `cognitoBot.linkUserPool`: adds a user pool + app client as a login provider of an identity
 * pool (the notes-app tutorial's step). Args `{ identityPoolId, userPoolId, clientId }`;
 * returns `{ identityPoolId, added }` (false when it was there already).
 */
export async function linkUserPool(deps: PoolsDeps, args?: unknown): Promise<{ identityPoolId: string; added: boolean }> {
  const input = commandInput(args);
  let identityPoolId = field(input, 'identityPoolId');
  let userPoolId = input.scripted ? field(input, 'userPoolId') : undefined;
  let clientId = input.scripted ? field(input, 'clientId') : undefined;
  if (input.scripted && (!identityPoolId || !userPoolId || !clientId)) throw new InvalidArgumentsError('Give "identityPoolId", "userPoolId" and "clientId".');
  // What the message names: the picks' names, or the tree node's pool.
  let poolLabel = identityPoolId;
  let clientLabel = '';
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    const totalSteps = identityPoolId ? 1 : 2;
    if (!identityPoolId) {
      const pool = await pickNamedIdentityPool(ctx, vscode.l10n.t('Identity pool to add a login provider to'), { title: title(), step: 1, totalSteps });
      identityPoolId = pool.id;
      poolLabel = `${pool.name} (${pool.id})`;
    } else {
      // The pool's node and its Providers node both carry the pool (the latter's label is "Providers").
      const known = input.fields.pool as { name?: unknown } | undefined;
      if (typeof known?.name === 'string') poolLabel = `${known.name} (${identityPoolId})`;
    }
    const client = await pickUserPoolClient(ctx, vscode.l10n.t('User pool and app client whose users may sign in'), {
      title: title(),
      step: totalSteps,
      totalSteps,
    });
    ({ userPoolId, clientId } = client);
    clientLabel = client.label;
  }
  const [pool, user, client] = [identityPoolId!, userPoolId!, clientId!];
  const { added } = await withAws(deps, vscode.l10n.t('Adding the login provider…'), (ctx) => link(ctx, pool, user, client));
  deps.log.info(
    added
      ? `Identity pool ${pool} now trusts user pool ${user} (client ${client})`
      : `Identity pool ${pool} already trusted user pool ${user} (client ${client})`,
  );
  sayDone(
    input,
    added
      ? vscode.l10n.t('Users of {0} can now sign in to identity pool {1}.', clientLabel, String(poolLabel))
      : vscode.l10n.t('Identity pool {0} already signed in users of {1}; nothing changed.', String(poolLabel), clientLabel),
  );
  deps.tree.refresh();
  return { identityPoolId: pool, added };
}
