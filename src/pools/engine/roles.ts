import { InvalidArgumentsError } from '../../aws/connection';
import { ActionableError } from '../../aws/errors';
import { validatePolicyDocument } from '../../policies/document';
import { evaluatePolicies } from '../../policies/evaluate';
import { findManagedPolicy } from '../../policies/managed';
import { renderTemplate } from '../../policies/templates';
import { type CognitoAuthType, cognitoTrustPolicy } from '../../policies/trust';
import { allPages, type AwsContext, type Page } from './context';

export const LEX_RUN_BOTS_ONLY_ARN = 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly';

/** Roles the extension creates say so, and for which pool, so deleting the pool can offer to delete them. */
const CREATED_BY = 'Created by Cognito Bot Workbench for identity pool';

export function createdRoleDescription(identityPoolId: string, amr: CognitoAuthType): string {
  return `${CREATED_BY} ${identityPoolId} (${amr} identities).`;
}

export function wasCreatedFor(description: string | undefined, identityPoolId: string): boolean {
  return description?.startsWith(`${CREATED_BY} ${identityPoolId} `) ?? false;
}

export function roleNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export interface RoleSummary {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  /** The trust policy, decoded (IAM returns it URL-encoded). */
  readonly trustPolicy?: string;
}

export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return /NoSuchEntity|ResourceNotFound/.test(name);
}

export async function getRole(ctx: AwsContext, roleName: string): Promise<RoleSummary | undefined> {
  const iam = await ctx.client('iam');
  try {
    const { Role } = await iam.send(new ctx.sdk.GetRoleCommand({ RoleName: roleName }));
    if (!Role?.Arn) return undefined;
    return {
      name: Role.RoleName ?? roleName,
      arn: Role.Arn,
      description: Role.Description,
      trustPolicy: Role.AssumeRolePolicyDocument ? decodeURIComponent(Role.AssumeRolePolicyDocument) : undefined,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Whether a trust policy lets exactly this identity pool's identities of this kind assume the
 * role through Cognito: the check GetCredentialsForIdentity makes.
 */
export function trustBindsToPool(trustPolicy: string | undefined, identityPoolId: string, amr: CognitoAuthType): boolean {
  if (!trustPolicy) return false;
  const validation = validatePolicyDocument(trustPolicy, 'trust');
  if (!validation.ok) return false;
  const allows = (pool: string) =>
    evaluatePolicies([validation.document], {
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: '*',
      principal: { Federated: 'cognito-identity.amazonaws.com' },
      context: { 'cognito-identity.amazonaws.com:aud': pool, 'cognito-identity.amazonaws.com:amr': [amr] },
    }).decision === 'Allowed';
  // Bound means: this pool may, and an arbitrary other pool may not.
  return allows(identityPoolId) && !allows(`${identityPoolId.split(':')[0]}:00000000-0000-0000-0000-000000000000`);
}

export async function createCognitoRole(ctx: AwsContext, roleName: string, identityPoolId: string, amr: CognitoAuthType): Promise<string> {
  const iam = await ctx.client('iam');
  const { Role } = await iam.send(
    new ctx.sdk.CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify(cognitoTrustPolicy(identityPoolId, amr)),
      Description: createdRoleDescription(identityPoolId, amr),
    }),
  );
  if (!Role?.Arn) throw new Error(`IAM created role ${roleName} but returned no ARN.`);
  return Role.Arn;
}

export interface AttachedPolicy {
  readonly name: string;
  readonly arn: string;
}

export async function listAttachedPolicies(ctx: AwsContext, roleName: string, marker?: string): Promise<Page<AttachedPolicy>> {
  const iam = await ctx.client('iam');
  const answer = await iam.send(new ctx.sdk.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
  return {
    items: (answer.AttachedPolicies ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' })),
    nextToken: answer.IsTruncated ? answer.Marker : undefined,
  };
}

export async function listInlinePolicies(ctx: AwsContext, roleName: string, marker?: string): Promise<Page<string>> {
  const iam = await ctx.client('iam');
  const answer = await iam.send(new ctx.sdk.ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
  return { items: answer.PolicyNames ?? [], nextToken: answer.IsTruncated ? answer.Marker : undefined };
}

/** Removes a role as IAM requires: managed policies detached, inline policies deleted, then the role. */
export async function deleteRoleCompletely(ctx: AwsContext, roleName: string): Promise<void> {
  const iam = await ctx.client('iam');
  for (const policy of await allPages((token) => listAttachedPolicies(ctx, roleName, token))) {
    await iam.send(new ctx.sdk.DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.arn }));
  }
  for (const policyName of await allPages((token) => listInlinePolicies(ctx, roleName, token))) {
    await iam.send(new ctx.sdk.DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  }
  await iam.send(new ctx.sdk.DeleteRoleCommand({ RoleName: roleName }));
}

export interface ManagedPolicySummary {
  readonly name: string;
  readonly arn: string;
  /** e.g. /service-role/; ListPolicies gives no description. */
  readonly path?: string;
}

/**
 * Every policy that can be attached (AWS managed and the account's own), AmazonLexRunBotsOnly
 * first (what the tutorials attach), then by name.
 */
export async function listAttachablePolicies(ctx: AwsContext): Promise<ManagedPolicySummary[]> {
  const iam = await ctx.client('iam');
  const policies = await allPages(async (marker) => {
    const answer = await iam.send(new ctx.sdk.ListPoliciesCommand({ Scope: 'All', Marker: marker, MaxItems: 1000 }));
    return { items: (answer.Policies ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.Arn ?? '', path: p.Path })), nextToken: answer.IsTruncated ? answer.Marker : undefined };
  });
  return policies.sort((a, b) => (a.arn === LEX_RUN_BOTS_ONLY_ARN ? -1 : b.arn === LEX_RUN_BOTS_ONLY_ARN ? 1 : a.name.localeCompare(b.name)));
}

export type AttachPolicyArgs =
  | { readonly roleName: string; readonly managedPolicyArn: string }
  | { readonly roleName: string; readonly template: string; readonly params: Readonly<Record<string, unknown>>; readonly policyName?: string };

export type AttachPolicyResult = { readonly roleName: string; readonly policyArn: string } | { readonly roleName: string; readonly policyName: string };

/** Attaches a managed policy, or puts an inline policy built from a template (validated first). */
export async function attachPolicy(ctx: AwsContext, args: AttachPolicyArgs, options: { roleJustCreated?: boolean } = {}): Promise<AttachPolicyResult> {
  const iam = await ctx.client('iam');
  // A role created a moment ago may not be visible yet (IAM is eventually consistent): only
  // check roles the user named.
  if (!options.roleJustCreated && !(await getRole(ctx, args.roleName))) {
    throw new ActionableError(`There is no IAM role named ${args.roleName} in this account. Check the name (it is case-sensitive) or refresh the explorer.`);
  }
  if ('managedPolicyArn' in args) {
    if (!/^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/.+/.test(args.managedPolicyArn)) {
      throw new InvalidArgumentsError(`"${args.managedPolicyArn}" is not a managed policy ARN, such as ${LEX_RUN_BOTS_ONLY_ARN}.`);
    }
    try {
      await iam.send(new ctx.sdk.GetPolicyCommand({ PolicyArn: args.managedPolicyArn }));
    } catch (error) {
      if (isNotFound(error)) throw new ActionableError(`There is no managed policy ${args.managedPolicyArn}. Pick one from the list, or check the ARN.`, [], { cause: error });
      throw error;
    }
    await iam.send(new ctx.sdk.AttachRolePolicyCommand({ RoleName: args.roleName, PolicyArn: args.managedPolicyArn }));
    return { roleName: args.roleName, policyArn: args.managedPolicyArn };
  }
  const rendered = renderTemplate(args.template, args.params, { account: ctx.account, region: ctx.region }, args.policyName);
  if (!rendered.ok) {
    throw new InvalidArgumentsError(`The policy template "${args.template}" needs: ${Object.entries(rendered.errors).map(([field, message]) => `${field}: ${message}`).join('; ')}`);
  }
  await iam.send(new ctx.sdk.PutRolePolicyCommand({ RoleName: args.roleName, PolicyName: rendered.policyName, PolicyDocument: JSON.stringify(rendered.document, null, 2) }));
  return { roleName: args.roleName, policyName: rendered.policyName };
}

export type DetachPolicyArgs = { readonly roleName: string; readonly policyArn: string } | { readonly roleName: string; readonly policyName: string };

/** Detaches a managed policy or deletes an inline one. */
export async function detachPolicy(ctx: AwsContext, args: DetachPolicyArgs): Promise<void> {
  const iam = await ctx.client('iam');
  try {
    if ('policyArn' in args) await iam.send(new ctx.sdk.DetachRolePolicyCommand({ RoleName: args.roleName, PolicyArn: args.policyArn }));
    else await iam.send(new ctx.sdk.DeleteRolePolicyCommand({ RoleName: args.roleName, PolicyName: args.policyName }));
  } catch (error) {
    if (isNotFound(error)) {
      const what = 'policyArn' in args ? `managed policy ${args.policyArn} is not attached to` : `there is no inline policy ${args.policyName} on`;
      throw new ActionableError(`Nothing to detach: ${what} role ${args.roleName}. Refresh the explorer to see its policies.`, [], { cause: error });
    }
    throw error;
  }
}

/** A managed policy's display name, known locally for the AWS ones the tutorials use. */
export function managedPolicyName(arn: string): string {
  return findManagedPolicy(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
}

/** Roles a user may change: service-linked roles (/aws-service-role/) are AWS's and refuse every change. */
export async function listChangeableRoles(ctx: AwsContext): Promise<{ name: string; arn: string; description?: string }[]> {
  const iam = await ctx.client('iam');
  const roles = await allPages(async (marker) => {
    const answer = await iam.send(new ctx.sdk.ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
    return {
      items: (answer.Roles ?? []).filter((r) => !r.Path?.startsWith('/aws-service-role/')).map((r) => ({ name: r.RoleName ?? '', arn: r.Arn ?? '', description: r.Description })),
      nextToken: answer.IsTruncated ? answer.Marker : undefined,
    };
  });
  return roles;
}

/** The account an ARN belongs to (arn:aws:iam::ACCOUNT:role/…). */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}
