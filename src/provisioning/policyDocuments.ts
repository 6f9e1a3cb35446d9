import type { AwsContext } from '../aws/context';
import { explainAwsError, PolicyDocumentError, PolicyNotFoundError, ReadOnlyPolicyError } from '../aws/errors';
import { type PolicyKind } from '../policies/document';
import { findPolicyTextProblem, locateIamRefusal } from '../policies/parse';
import { describePolicyRef, policyKindOf, type PolicyRef } from './policyRefs';

// Reading and writing a role's policy documents, checked as IAM checks them before they are sent.

/** A policy document as an editor shows it. */
export interface PolicyText {
  /** Decoded and, when it is JSON, pretty-printed with 2 spaces. */
  readonly text: string;
  /** Managed policies are read-only here: changing one means a new policy version for every role it is attached to. */
  readonly readonly: boolean;
  readonly kind: PolicyKind;
}

function errorName(error: unknown): string {
  return (error as { name?: unknown } | undefined)?.name?.toString() ?? '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function notFound(ref: PolicyRef, error: unknown): PolicyNotFoundError {
  return new PolicyNotFoundError(`Could not find ${describePolicyRef(ref)}: ${errorMessage(error)} Refresh the explorer to see what is there now.`, [], {
    cause: error,
  });
}

/** IAM returns documents URL-encoded; an editor wants them readable. */
export function decodePolicyDocument(encoded: string): string {
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    text = encoded; // not URL-encoded after all
  }
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

export async function readPolicy(ctx: AwsContext, ref: PolicyRef): Promise<PolicyText> {
  const iam = await ctx.client('iam');
  try {
    switch (ref.kind) {
      case 'trust': {
        const { Role } = await iam.send(new ctx.sdk.GetRoleCommand({ RoleName: ref.roleName }));
        return { text: decodePolicyDocument(Role?.AssumeRolePolicyDocument ?? ''), readonly: false, kind: 'trust' };
      }
      case 'inline': {
        const answer = await iam.send(new ctx.sdk.GetRolePolicyCommand({ RoleName: ref.roleName, PolicyName: ref.policyName }));
        return { text: decodePolicyDocument(answer.PolicyDocument ?? ''), readonly: false, kind: 'identity' };
      }
      case 'managed': {
        const { Policy } = await iam.send(new ctx.sdk.GetPolicyCommand({ PolicyArn: ref.policyArn }));
        const { PolicyVersion } = await iam.send(new ctx.sdk.GetPolicyVersionCommand({ PolicyArn: ref.policyArn, VersionId: Policy?.DefaultVersionId }));
        return { text: decodePolicyDocument(PolicyVersion?.Document ?? ''), readonly: true, kind: 'identity' };
      }
    }
  } catch (error) {
    if (/^NoSuchEntity/.test(errorName(error))) throw notFound(ref, error);
    throw explainAwsError(error);
  }
}

/**
 * Saves a trust or inline policy. The document is checked here first, as IAM would, so a
 * mistake is reported with its position and nothing is sent; what IAM still refuses (its
 * size quotas, which accounts can raise) comes back as a PolicyDocumentError too.
 */
export async function writePolicy(ctx: AwsContext, ref: PolicyRef, text: string): Promise<void> {
  if (ref.kind === 'managed') {
    throw new ReadOnlyPolicyError(
      `${describePolicyRef(ref)} is read-only here: a managed policy can be attached to many roles. To change what a role may do, create an inline policy on the role instead.`,
    );
  }
  const problem = findPolicyTextProblem(text, policyKindOf(ref));
  if (problem) throw new PolicyDocumentError(problem.reason, problem.range);
  // IAM does not count whitespace towards its size quotas; sending the document compact
  // keeps the sandbox (which counts characters) in step. Reading pretty-prints it again.
  const document = JSON.stringify(JSON.parse(text));
  const iam = await ctx.client('iam');
  try {
    if (ref.kind === 'trust') {
      await iam.send(new ctx.sdk.UpdateAssumeRolePolicyCommand({ RoleName: ref.roleName, PolicyDocument: document }));
    } else {
      await iam.send(new ctx.sdk.PutRolePolicyCommand({ RoleName: ref.roleName, PolicyName: ref.policyName, PolicyDocument: document }));
    }
  } catch (error) {
    const name = errorName(error);
    if (/^MalformedPolicyDocument/.test(name)) {
      throw new PolicyDocumentError(errorMessage(error), locateIamRefusal(text, errorMessage(error)), { cause: error });
    }
    // On these two calls IAM's only quota is the document's size.
    if (/^LimitExceeded/.test(name)) throw new PolicyDocumentError(errorMessage(error), undefined, { cause: error });
    if (/^NoSuchEntity/.test(name)) throw notFound(ref, error);
    throw explainAwsError(error);
  }
}
