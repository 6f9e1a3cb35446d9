import { ActionableError, isNotFound } from '../errors';
import { lexRunBotsOnlyArn } from '../arns';
import type { AwsContext } from '../context';
import { allPages, type Page } from '../paging';

// IAM roles and policies: typed reads, and the one-call changes with their errors explained.

export interface RoleSummary {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  /** The trust policy, decoded (IAM returns it URL-encoded). */
  readonly trustPolicy?: string;
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
    return {
      items: (answer.Policies ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.Arn ?? '', path: p.Path })),
      nextToken: answer.IsTruncated ? answer.Marker : undefined,
    };
  });
  const lexRunBotsOnly = lexRunBotsOnlyArn(ctx.region);
  return policies.sort((a, b) => (a.arn === lexRunBotsOnly ? -1 : b.arn === lexRunBotsOnly ? 1 : a.name.localeCompare(b.name)));
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

/** Roles a user may change: service-linked roles (/aws-service-role/) are AWS's and refuse every change. */
export async function listChangeableRoles(ctx: AwsContext): Promise<{ name: string; arn: string; description?: string }[]> {
  const iam = await ctx.client('iam');
  const roles = await allPages(async (marker) => {
    const answer = await iam.send(new ctx.sdk.ListRolesCommand({ Marker: marker, MaxItems: 1000 }));
    return {
      items: (answer.Roles ?? [])
        .filter((r) => !r.Path?.startsWith('/aws-service-role/'))
        .map((r) => ({ name: r.RoleName ?? '', arn: r.Arn ?? '', description: r.Description })),
      nextToken: answer.IsTruncated ? answer.Marker : undefined,
    };
  });
  return roles;
}

/** An inline policy's document, decoded (IAM returns it URL-encoded). */
export async function getRolePolicy(ctx: AwsContext, roleName: string, policyName: string): Promise<string> {
  const iam = await ctx.client('iam');
  const answer = await iam.send(new ctx.sdk.GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  return decodeURIComponent(answer.PolicyDocument ?? '');
}

/** A managed policy's default version's document, decoded. */
export async function getManagedPolicyDocument(ctx: AwsContext, policyArn: string): Promise<string> {
  const iam = await ctx.client('iam');
  const { Policy } = await iam.send(new ctx.sdk.GetPolicyCommand({ PolicyArn: policyArn }));
  const { PolicyVersion } = await iam.send(new ctx.sdk.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: Policy?.DefaultVersionId }));
  return decodeURIComponent(PolicyVersion?.Document ?? '');
}
