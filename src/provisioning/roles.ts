import { ActionableError, InvalidArgumentsError, isNotFound } from '../aws/errors';
import { lexRunBotsOnlyArn, MANAGED_POLICY_ARN } from '../aws/arns';
import type { AwsContext } from '../aws/context';
import { allPages } from '../aws/paging';
import { getRole, listAttachedPolicies, listInlinePolicies } from '../aws/services/iam';
import { renderTemplate } from '../policies/templates';
import { type CognitoAuthType, cognitoTrustPolicy } from '../policies/trust';

/** Roles the extension creates say so, and for which pool, so deleting the pool can offer to delete them. */
const CREATED_BY = 'Created by Cognito Bot Workbench for identity pool';

export function createdRoleDescription(identityPoolId: string, amr: CognitoAuthType): string {
  return `${CREATED_BY} ${identityPoolId} (${amr} identities).`;
}

export function wasCreatedFor(description: string | undefined, identityPoolId: string): boolean {
  return description?.startsWith(`${CREATED_BY} ${identityPoolId} `) ?? false;
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
    if (!MANAGED_POLICY_ARN.test(args.managedPolicyArn)) {
      throw new InvalidArgumentsError(`"${args.managedPolicyArn}" is not a managed policy ARN, such as ${lexRunBotsOnlyArn(ctx.region)}.`);
    }
    try {
      await iam.send(new ctx.sdk.GetPolicyCommand({ PolicyArn: args.managedPolicyArn }));
    } catch (error) {
      if (isNotFound(error))
        throw new ActionableError(`There is no managed policy ${args.managedPolicyArn}. Pick one from the list, or check the ARN.`, [], { cause: error });
      throw error;
    }
    await iam.send(new ctx.sdk.AttachRolePolicyCommand({ RoleName: args.roleName, PolicyArn: args.managedPolicyArn }));
    return { roleName: args.roleName, policyArn: args.managedPolicyArn };
  }
  const rendered = renderTemplate(args.template, args.params, { account: ctx.account, region: ctx.region }, args.policyName);
  if (!rendered.ok) {
    throw new InvalidArgumentsError(
      `The policy template "${args.template}" needs: ${Object.entries(rendered.errors)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')}`,
    );
  }
  await iam.send(
    new ctx.sdk.PutRolePolicyCommand({ RoleName: args.roleName, PolicyName: rendered.policyName, PolicyDocument: JSON.stringify(rendered.document, null, 2) }),
  );
  return { roleName: args.roleName, policyName: rendered.policyName };
}
