import * as vscode from 'vscode';
import { regionOfUserPoolId } from '../../aws/ids';
import { describeUserPool } from '../../aws/services/cognitoIdp';
import type { PoolsDeps } from './shared';
import { pinById, type PinResult } from './pinById';

/**
 * `cognitoBot.addUserPoolById`: pins a user pool by its id, for people whose permissions leave
 * out cognito-idp:ListUserPools. Args `{ userPoolId }`; returns `{ kind, id, name, alreadyPinned }`.
 */
export function addUserPoolById(deps: PoolsDeps, args?: unknown): Promise<PinResult> {
  return pinById(
    deps,
    {
      kind: 'userPool',
      title: vscode.l10n.t('Add User Pool by Id'),
      permissions: ['cognito-idp:DescribeUserPool'],
      regionOf: regionOfUserPoolId,
      readName: async (ctx, id) => (await describeUserPool(ctx, id)).name,
    },
    args,
  );
}
