import { InvalidArgumentsError } from '../../aws/errors';
import { linkUserPool as link } from '../../provisioning/identityPool';
import { pickIdentityPool, pickUserPoolClient } from '../../ui/pickers';
import { commandInput, field, type PoolsDeps, withAws } from './shared';

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
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    identityPoolId ??= await pickIdentityPool(ctx, 'Identity pool to add a login provider to');
    ({ userPoolId, clientId } = await pickUserPoolClient(ctx, 'User pool and app client whose users may sign in'));
  }
  const [pool, user, client] = [identityPoolId!, userPoolId!, clientId!];
  const { added } = await withAws(deps, 'Adding the login provider…', (ctx) => link(ctx, pool, user, client));
  deps.log.info(
    added
      ? `Identity pool ${pool} now trusts user pool ${user} (client ${client})`
      : `Identity pool ${pool} already trusted user pool ${user} (client ${client})`,
  );
  deps.tree.refresh();
  return { identityPoolId: pool, added };
}
