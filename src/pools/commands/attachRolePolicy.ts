import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { policyNameFromArn } from '../../aws/arns';
import { POLICY_TEMPLATES } from '../../policies/templates';
import type { AwsContext } from '../../aws/context';
import { attachPolicy, type AttachPolicyArgs, type AttachPolicyResult } from '../../provisioning/roles';
import { listAttachablePolicies } from '../../aws/services/iam';
import { type FlowStep, pickRole, stepTitle } from '../../ui/pickers';
import { commandInput, field, type PoolsDeps, sayDone, withAws } from './shared';

const title = () => vscode.l10n.t('Attach Policy to Role');

/**
 * Asks which policy: a managed one (AmazonLexRunBotsOnly first) or a template, then its fields.
 * The step count grows once a template is picked: each of its fields is a step.
 */
async function askPolicy(ctx: AwsContext, roleName: string, firstStep: number): Promise<AttachPolicyArgs> {
  const at = (step: number, totalSteps: number): FlowStep => ({ title: title(), step, totalSteps });
  const managed = {
    label: vscode.l10n.t('AWS managed policy…'),
    description: vscode.l10n.t('pick from the list (AmazonLexRunBotsOnly first)'),
    template: undefined,
  };
  const templates = POLICY_TEMPLATES.map((t) => ({ label: t.label, description: vscode.l10n.t('inline policy'), detail: t.description, template: t }));
  const kind = await vscode.window.showQuickPick([managed, ...templates], {
    title: stepTitle(at(firstStep, firstStep + 1)),
    placeHolder: vscode.l10n.t('Policy for {0}', roleName),
  });
  if (!kind) throw new vscode.CancellationError();
  if (!kind.template) {
    const policies = await listAttachablePolicies(ctx);
    const picked = await vscode.window.showQuickPick(
      policies.map((p) => ({ label: p.name, description: p.path, detail: p.arn, arn: p.arn })),
      {
        title: stepTitle(at(firstStep + 1, firstStep + 1)),
        placeHolder: vscode.l10n.t('Managed policy to attach'),
        matchOnDescription: true,
        matchOnDetail: true,
      },
    );
    if (!picked) throw new vscode.CancellationError();
    return { roleName, managedPolicyArn: picked.arn };
  }
  const template = kind.template;
  const totalSteps = firstStep + template.fields.length + 1;
  const params: Record<string, string> = {};
  for (const [index, f] of template.fields.entries()) {
    const value = await vscode.window.showInputBox({
      title: stepTitle(at(firstStep + 1 + index, totalSteps)),
      prompt: f.optional
        ? vscode.l10n.t({
            message: '{0}: {1} (optional)',
            args: [template.label, f.title],
            comment: ["{0} is a policy template's name, {1} one of its fields"],
          })
        : vscode.l10n.t({ message: '{0}: {1}', args: [template.label, f.title], comment: ["{0} is a policy template's name, {1} one of its fields"] }),
      placeHolder: f.placeholder,
      ignoreFocusOut: true,
      validateInput: (v) => (f.optional && v === '' ? undefined : f.validate(v)),
    });
    if (value === undefined) throw new vscode.CancellationError();
    if (value !== '') params[f.name] = value;
  }
  const policyName = await vscode.window.showInputBox({
    title: stepTitle(at(totalSteps, totalSteps)),
    prompt: vscode.l10n.t('Inline policy name ({0})', template.label),
    value: template.defaultPolicyName(params),
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\w+=,.@-]{1,128}$/.test(v) ? undefined : vscode.l10n.t('A policy name is 1 to 128 letters, digits and + = , . @ - _')),
  });
  if (policyName === undefined) throw new vscode.CancellationError();
  return { roleName, template: template.id, params, policyName };
}

function argsFrom(fields: Record<string, unknown>): AttachPolicyArgs {
  const roleName = fields.roleName;
  if (typeof roleName !== 'string' || !roleName) throw new InvalidArgumentsError('Give "roleName", and either "managedPolicyArn" or "template" with "params".');
  if (typeof fields.managedPolicyArn === 'string') return { roleName, managedPolicyArn: fields.managedPolicyArn };
  if (typeof fields.template === 'string') {
    const params = fields.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new InvalidArgumentsError('"params" must be an object of the template\'s fields.');
    if (fields.policyName !== undefined && typeof fields.policyName !== 'string') throw new InvalidArgumentsError('"policyName" must be a string.');
    return { roleName, template: fields.template, params: params as Record<string, unknown>, policyName: fields.policyName as string | undefined };
  }
  throw new InvalidArgumentsError(`Give "managedPolicyArn", or "template" (one of ${POLICY_TEMPLATES.map((t) => t.id).join(', ')}) with "params".`);
}

/**
 * `cognitoBot.attachRolePolicy`: a managed policy, or an inline policy from a template whose
 * fields are validated before anything is sent. Args `{ roleName, managedPolicyArn }` or
 * `{ roleName, template, params, policyName? }`.
 */
export async function attachRolePolicy(deps: PoolsDeps, args?: unknown): Promise<AttachPolicyResult> {
  const input = commandInput(args);
  let attach: AttachPolicyArgs;
  if (input.scripted) {
    attach = argsFrom(input.fields);
  } else {
    const ctx = await deps.connections.awsContext();
    const known = field(input, 'roleName');
    const roleName = known ?? (await pickRole(ctx, vscode.l10n.t('Role to attach a policy to'), { title: title(), step: 1, totalSteps: 3 }));
    attach = await askPolicy(ctx, roleName, known ? 1 : 2);
  }
  const result = await withAws(deps, vscode.l10n.t('Attaching a policy to {0}…', attach.roleName), (ctx) => attachPolicy(ctx, attach));
  const what = 'policyArn' in result ? policyNameFromArn(result.policyArn) : vscode.l10n.t('inline policy {0}', result.policyName);
  deps.log.info(`Attached ${'policyArn' in result ? result.policyArn : `inline policy ${result.policyName}`} to role ${result.roleName}`);
  sayDone(input, vscode.l10n.t({ message: 'Attached {0} to role {1}.', args: [what, result.roleName], comment: ['{0} names the policy, {1} the role'] }));
  deps.tree.refresh();
  return result;
}
