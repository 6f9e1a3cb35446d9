import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { setGuestAccess as set } from '../../provisioning/identityPool';
import { pickIdentityPool } from '../../ui/pickers';
import { commandInput, field, type PoolsDeps, withAws } from './shared';

/**
 * `cognitoBot.setGuestAccess`: turns unauthenticated (guest) identities on or off. Args
 * `{ identityPoolId, allowUnauthenticated }`; from the tree it toggles.
 */
export async function setGuestAccess(deps: PoolsDeps, args?: unknown): Promise<{ identityPoolId: string; allowUnauthenticated: boolean }> {
  const input = commandInput(args);
  let identityPoolId = field(input, 'identityPoolId');
  let allow = input.fields.allowUnauthenticated;
  if (input.scripted) {
    if (!identityPoolId || typeof allow !== 'boolean') throw new InvalidArgumentsError('Give "identityPoolId" and "allowUnauthenticated" (true or false).');
  } else {
    const ctx = await deps.connections.awsContext();
    identityPoolId ??= await pickIdentityPool(ctx, 'Identity pool to turn guest access on or off for');
    allow = !(await describeIdentityPool(ctx, identityPoolId)).allowUnauthenticated;
  }
  const id = identityPoolId!;
  const result = await withAws(deps, `Turning guest access ${allow ? 'on' : 'off'}…`, (ctx) => set(ctx, id, allow as boolean));
  deps.log.info(`Guest access of identity pool ${id} is now ${result.allowUnauthenticated ? 'on' : 'off'}`);
  if (result.warning) void vscode.window.showWarningMessage(result.warning);
  else if (!input.scripted) void vscode.window.showInformationMessage(`Guest access is ${result.allowUnauthenticated ? 'on' : 'off'} for ${id}.`);
  deps.tree.refresh();
  return { identityPoolId: id, allowUnauthenticated: result.allowUnauthenticated };
}
