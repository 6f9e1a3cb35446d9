import * as vscode from 'vscode';
import { policyNameFromArn } from '../../aws/arns';
import { InvalidArgumentsError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { detachPolicy, type DetachPolicyArgs, listAttachedPolicies, listInlinePolicies } from '../../aws/services/iam';
import { pickRole, stepTitle } from '../../ui/pickers';
import { commandInput, confirmModal, field, type PoolsDeps, sayDone, withAws } from './shared';

const TITLE = 'Detach Policy from Role';

async function askWhich(deps: PoolsDeps, roleName?: string): Promise<DetachPolicyArgs> {
  const ctx = await deps.connections.awsContext();
  const totalSteps = roleName ? 1 : 2;
  roleName ??= await pickRole(ctx, 'Role to detach a policy from', { title: TITLE, step: 1, totalSteps });
  const name = roleName;
  const [managed, inline] = await Promise.all([allPages((t) => listAttachedPolicies(ctx, name, t)), allPages((t) => listInlinePolicies(ctx, name, t))]);
  const items = [
    ...managed.map((p) => ({ label: p.name, description: 'managed', args: { roleName: name, policyArn: p.arn } as DetachPolicyArgs })),
    ...inline.map((p) => ({ label: p, description: 'inline', args: { roleName: name, policyName: p } as DetachPolicyArgs })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Role ${name} has no policies.`);
    throw new vscode.CancellationError();
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: stepTitle({ title: TITLE, step: totalSteps, totalSteps }),
    placeHolder: `Policy to remove from ${name}`,
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
        ? `Detach ${policyNameFromArn(detach.policyArn)} from role ${detach.roleName}?`
        : `Delete inline policy ${detach.policyName} of role ${detach.roleName}?`;
    const detail =
      'policyArn' in detach
        ? `The managed policy itself (${detach.policyArn}) stays; the role loses what it grants.`
        : 'The inline policy is deleted; its document is gone unless you saved a copy.';
    if ((await confirmModal(what, detail, 'policyArn' in detach ? 'Detach' : 'Delete')) === undefined) throw new vscode.CancellationError();
  }
  await withAws(deps, `Removing a policy from ${detach.roleName}…`, (ctx) => detachPolicy(ctx, detach));
  deps.log.info(`Removed ${'policyArn' in detach ? detach.policyArn : `inline policy ${detach.policyName}`} from role ${detach.roleName}`);
  sayDone(
    input,
    'policyArn' in detach
      ? `Detached ${policyNameFromArn(detach.policyArn)} from role ${detach.roleName}.`
      : `Deleted inline policy ${detach.policyName} of role ${detach.roleName}.`,
  );
  deps.tree.refresh();
  return { roleName: detach.roleName };
}
