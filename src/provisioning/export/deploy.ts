import type { StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation';
import type { AwsContext } from '../../aws/context';
import { ActionableError } from '../../aws/errors';

// Deploys a CloudFormation template as `aws cloudformation deploy` does: a change set (CREATE
// for a new stack, UPDATE for one that exists), executed, then followed to its end, each
// stack event reported as it comes.

/** CloudFormation's rule for stack names. */
export const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

export function stackNameProblem(name: string): string | undefined {
  return STACK_NAME_PATTERN.test(name) ? undefined : `A stack name starts with a letter and has up to 128 letters, digits and hyphens; "${name}" does not.`;
}

/** A stack name from a template's file name: cognito_bot.setup.yaml → cognito-bot-setup. */
export function stackNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(ya?ml|json|template)$/i, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = /^[A-Za-z]/.test(base) ? base : `stack-${base}`;
  return name.slice(0, 128).replace(/-+$/, '') || 'stack';
}

export interface TemplateParameter {
  readonly key: string;
  readonly defaultValue?: string;
  readonly description?: string;
  readonly noEcho: boolean;
}

/** The template's parameters, as CloudFormation reads them (ValidateTemplate): its syntax errors come out here. */
export async function templateParameters(ctx: AwsContext, templateBody: string): Promise<TemplateParameter[]> {
  const cloudFormation = await ctx.client('cloudFormation');
  const { Parameters = [] } = await cloudFormation.send(new ctx.sdk.ValidateTemplateCommand({ TemplateBody: templateBody }));
  return Parameters.map((p) => ({ key: p.ParameterKey ?? '', defaultValue: p.DefaultValue, description: p.Description, noEcho: p.NoEcho === true }));
}

export interface StackEvent {
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
}

export interface DeployArgs {
  readonly stackName: string;
  readonly templateBody: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface DeployResult {
  readonly stackName: string;
  readonly status: string;
  /** False when the template and parameters were those of the stack already (nothing to deploy). */
  readonly changed: boolean;
  readonly outputs: Readonly<Record<string, string>>;
}

export interface DeployOptions {
  readonly onEvent?: (event: StackEvent) => void;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function stackStatus(ctx: AwsContext, stackName: string): Promise<{ status: string; outputs: Record<string, string> } | undefined> {
  const cloudFormation = await ctx.client('cloudFormation');
  try {
    const { Stacks = [] } = await cloudFormation.send(new ctx.sdk.DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    if (!stack) return undefined;
    return {
      status: stack.StackStatus ?? 'UNKNOWN',
      outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    };
  } catch (error) {
    // CloudFormation says a stack is missing with a ValidationError, not a not-found error.
    if ((error as { name?: string }).name === 'ValidationError' && /does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

function toEvent(event: SdkStackEvent): StackEvent {
  return { logicalId: event.LogicalResourceId ?? '', type: event.ResourceType ?? '', status: event.ResourceStatus ?? '', reason: event.ResourceStatusReason };
}

/** Deploys the template; throws an ActionableError saying which resource failed and why when the stack does not complete. */
export async function deployStack(ctx: AwsContext, args: DeployArgs, options: DeployOptions = {}): Promise<DeployResult> {
  const problem = stackNameProblem(args.stackName);
  if (problem) throw new ActionableError(problem);
  const cloudFormation = await ctx.client('cloudFormation');
  const sleep = options.sleep ?? sleepFor;
  const existing = await stackStatus(ctx, args.stackName);
  if (existing && /^(ROLLBACK_COMPLETE|ROLLBACK_FAILED|DELETE_FAILED)$/.test(existing.status))
    throw new ActionableError(
      `Stack ${args.stackName} is ${existing.status}, from a create that failed: it cannot be updated. Delete it (aws cloudformation delete-stack --stack-name ${args.stackName}) and deploy again.`,
    );
  const changeSetType = !existing || existing.status === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
  const changeSetName = `cognito-bot-${Date.now()}`;
  // Events already there belong to earlier deployments.
  const seen = new Set<string>();
  if (existing) {
    const { StackEvents = [] } = await cloudFormation.send(new ctx.sdk.DescribeStackEventsCommand({ StackName: args.stackName }));
    for (const event of StackEvents) if (event.EventId) seen.add(event.EventId);
  }

  await cloudFormation.send(
    new ctx.sdk.CreateChangeSetCommand({
      StackName: args.stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: changeSetType,
      TemplateBody: args.templateBody,
      Parameters: Object.entries(args.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      // The setups this deploys name their roles, and the Lex web UI's declare SAM's transform:
      // without these CloudFormation refuses them.
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
    }),
  );
  try {
    await ctx.sdk.waitUntilChangeSetCreateComplete(
      { client: cloudFormation, maxWaitTime: 300, minDelay: 1, maxDelay: 5 },
      { StackName: args.stackName, ChangeSetName: changeSetName },
    );
  } catch {
    const changeSet = await cloudFormation.send(new ctx.sdk.DescribeChangeSetCommand({ StackName: args.stackName, ChangeSetName: changeSetName }));
    const reason = changeSet.StatusReason ?? '';
    if (existing && /didn't contain changes|No updates are to be performed/.test(reason)) {
      await cloudFormation.send(new ctx.sdk.DeleteChangeSetCommand({ StackName: args.stackName, ChangeSetName: changeSetName }));
      return { stackName: args.stackName, status: existing.status, changed: false, outputs: existing.outputs };
    }
    throw new ActionableError(`The change set for stack ${args.stackName} failed: ${reason || changeSet.Status || 'no reason given'}`);
  }
  await cloudFormation.send(new ctx.sdk.ExecuteChangeSetCommand({ StackName: args.stackName, ChangeSetName: changeSetName }));

  const failures: StackEvent[] = [];
  for (;;) {
    const { StackEvents = [] } = await cloudFormation.send(new ctx.sdk.DescribeStackEventsCommand({ StackName: args.stackName }));
    // Newest first: report the new ones oldest first.
    for (const raw of [...StackEvents].reverse()) {
      if (!raw.EventId || seen.has(raw.EventId)) continue;
      seen.add(raw.EventId);
      const event = toEvent(raw);
      if (/_FAILED$/.test(event.status) && event.logicalId !== args.stackName) failures.push(event);
      options.onEvent?.(event);
    }
    const now = await stackStatus(ctx, args.stackName);
    if (!now) throw new ActionableError(`Stack ${args.stackName} is gone: it was deleted while it was being deployed.`);
    if (!now.status.endsWith('_IN_PROGRESS')) {
      if (now.status === 'CREATE_COMPLETE' || now.status === 'UPDATE_COMPLETE') {
        return { stackName: args.stackName, status: now.status, changed: true, outputs: now.outputs };
      }
      const first = failures[0];
      throw new ActionableError(
        `Stack ${args.stackName} ended ${now.status}${first ? `: ${first.logicalId} (${first.type}) failed: ${first.reason ?? 'no reason given'}` : ''}.${/ROLLBACK_COMPLETE$/.test(now.status) ? ' What the deployment made was rolled back.' : ''}`,
      );
    }
    await sleep(options.pollMs ?? 1000);
  }
}
