import * as vscode from 'vscode';
import { regionOfIdentityPoolId } from '../../aws/ids';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import type { PoolsDeps } from './shared';
import { pinById, type PinResult } from './pinById';

/**
 * `cognitoBot.addIdentityPoolById`: pins an identity pool by its id, for people whose
 * permissions leave out cognito-identity:ListIdentityPools. Args `{ identityPoolId }`; returns
 * `{ kind, id, name, alreadyPinned }`.
 */
export function addIdentityPoolById(deps: PoolsDeps, args?: unknown): Promise<PinResult> {
  return pinById(
    deps,
    {
      kind: 'identityPool',
      title: vscode.l10n.t('Add Identity Pool by Id'),
      // Its row shows its roles, so the read takes both calls the explorer makes.
      permissions: ['cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'],
      regionOf: regionOfIdentityPoolId,
      readName: async (ctx, id) => (await describeIdentityPool(ctx, id)).name,
    },
    args,
  );
}
