import * as vscode from 'vscode';
import { policyNameFromArn } from '../../aws/arns';
import { InvalidArgumentsError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { detachPolicy, type DetachPolicyArgs, listAttachedPolicies, listInlinePolicies } from '../../aws/services/iam';
import { pickRole, stepTitle } from '../../ui/pickers';
import { commandInput, confirmModal, field, type PoolsDeps, sayDone, withAws } from './shared';

const title = () => vscode.l10n.t('Detach Policy from Role');

async function askWhich(deps: PoolsDeps, roleName?: string): Promise<DetachPolicyArgs> {
  const ctx = await deps.connections.awsContext();
  const totalSteps = roleName ? 1 : 2;
  roleName ??= await pickRole(ctx, vscode.l10n.t('Role to detach a policy from'), { title: title(), step: 1, totalSteps });
  const name = roleName;
  const [managed, inline] = await Promise.all([allPages((t) => listAttachedPolicies(ctx, name, t)), allPages((t) => listInlinePolicies(ctx, name, t))]);
  const items = [
    ...managed.map((p) => ({ label: p.name, description: vscode.l10n.t('managed'), args: { roleName: name, policyArn: p.arn } as DetachPolicyArgs })),
    ...inline.map((p) => ({ label: p, description: vscode.l10n.t('inline'), args: { roleName: name, policyName: p } as DetachPolicyArgs })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Role {0} has no policies.', name));
    throw new vscode.CancellationError();
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: stepTitle({ title: title(), step: totalSteps, totalSteps }),
    placeHolder: vscode.l10n.t('Policy to remove from {0}', name),
  });
  if (!picked) throw new vscode.CancellationError();
  return picked.args;
}

/**
 * `cognitoBot.detachRolePolicy`: detaches a managed policy or deletes an inline one. Args
 * `{ roleName, policyArn }` or `{ roleName, policyName }`; from the tree, asks first.
 */
export async function detachRolePolicy(deps: PoolsDeps, args?: unknown): Promise<{ roleName: string }> {
  const input = commandInput(args);
  const roleName = field(input, 'roleName');
  const policyArn = field(input, 'policyArn');
  const policyName = field(input, 'policyName');
  let detach: DetachPolicyArgs;
  if (roleName && policyArn) detach = { roleName, policyArn };
  else if (roleName && policyName) detach = { roleName, policyName };
  else if (input.scripted) throw new InvalidArgumentsError('Give "roleName" and either "policyArn" (managed) or "policyName" (inline).');
  else detach = await askWhich(deps, roleName);
  if (!input.scripted) {
    const what =
      'policyArn' in detach
        ? vscode.l10n.t('Detach {0} from role {1}?', policyNameFromArn(detach.policyArn), detach.roleName)
        : vscode.l10n.t('Delete inline policy {0} of role {1}?', detach.policyName, detach.roleName);
    const detail =
      'policyArn' in detach
        ? vscode.l10n.t('The managed policy itself ({0}) stays; the role loses what it grants.', detach.policyArn)
        : vscode.l10n.t('The inline policy is deleted; its document is gone unless you saved a copy.');
    if ((await confirmModal(what, detail, 'policyArn' in detach ? vscode.l10n.t('Detach') : vscode.l10n.t('Delete'))) === undefined)
      throw new vscode.CancellationError();
  }
  await withAws(deps, vscode.l10n.t('Removing a policy from {0}…', detach.roleName), (ctx) => detachPolicy(ctx, detach));
  deps.log.info(`Removed ${'policyArn' in detach ? detach.policyArn : `inline policy ${detach.policyName}`} from role ${detach.roleName}`);
  sayDone(
    input,
    'policyArn' in detach
      ? vscode.l10n.t('Detached {0} from role {1}.', policyNameFromArn(detach.policyArn), detach.roleName)
      : vscode.l10n.t('Deleted inline policy {0} of role {1}.', detach.policyName, detach.roleName),
  );
  deps.tree.refresh();
  return { roleName: detach.roleName };
}
