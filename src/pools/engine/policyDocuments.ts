import type { AwsContext } from '../../aws/context';
import { ActionableError, explainAwsError, InvalidArgumentsError } from '../../aws/errors';
import { type PolicyKind } from '../../policies/document';
import { findPolicyTextProblem, locateIamRefusal, type TextPosition, type TextRange } from '../../policies/parse';
import type { PolicyRef } from './refs';

/** A policy document as an editor shows it. */
export interface PolicyText {
  /** Decoded and, when it is JSON, pretty-printed with 2 spaces. */
  readonly text: string;
  /** Managed policies are read-only here: changing one means a new policy version for every role it is attached to. */
  readonly readonly: boolean;
  readonly kind: PolicyKind;
}

/** A document IAM will not (or did not) take; `reason` is IAM's wording, `range` where the problem is when known. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
  /** Where the problem starts, when known. */
  readonly position?: TextPosition;
  constructor(
    readonly reason: string,
    readonly range?: TextRange,
    options?: { cause?: unknown },
  ) {
    super(range ? `${reason} (line ${range.start.line}, column ${range.start.column})` : reason, options);
    this.position = range?.start;
  }
}

/** The role or policy a document belongs to does not exist (any more). */
export class PolicyNotFoundError extends ActionableError {}

/** A write to a document that cannot be changed here (a managed policy). */
export class ReadOnlyPolicyError extends ActionableError {}

export function policyKindOf(ref: PolicyRef): PolicyKind {
  return ref.kind === 'trust' ? 'trust' : 'identity';
}

/** Names a policy document in messages and the log. */
export function describePolicyRef(ref: PolicyRef): string {
  switch (ref.kind) {
    case 'trust':
      return `the trust policy of role ${ref.roleName}`;
    case 'inline':
      return `inline policy ${ref.policyName} of role ${ref.roleName}`;
    case 'managed':
      return `managed policy ${ref.policyArn.slice(ref.policyArn.lastIndexOf('/') + 1)}`;
  }
}

// Where each document lives in the policy file system (the VS Code side adds scheme and
// authority):
//   /roles/<roleName>/trust-policy.json
//   /roles/<roleName>/inline/<policyName>.json
//   /managed/<partition>/<account>/<policy path and name>.json   (from its ARN)
const IAM_NAME = /^[\w+=,.@-]+$/;
const MANAGED_POLICY_ARN = /^arn:(aws[\w-]*):iam::(aws|\d{12}):policy\/(.+)$/;

export function policyPath(ref: PolicyRef): string {
  const name = (value: string, what: string) => {
    if (typeof value !== 'string' || !IAM_NAME.test(value)) throw new InvalidArgumentsError(`${JSON.stringify(value)} is not an IAM ${what} name: use letters, digits and + = , . @ - _`);
    return value;
  };
  switch (ref.kind) {
    case 'trust':
      return `/roles/${name(ref.roleName, 'role')}/trust-policy.json`;
    case 'inline':
      return `/roles/${name(ref.roleName, 'role')}/inline/${name(ref.policyName, 'policy')}.json`;
    case 'managed': {
      const arn = MANAGED_POLICY_ARN.exec(ref.policyArn);
      if (!arn) throw new InvalidArgumentsError(`${JSON.stringify(ref.policyArn)} is not a managed policy ARN, such as arn:aws:iam::aws:policy/AmazonLexRunBotsOnly.`);
      return `/managed/${arn[1]}/${arn[2]}/${arn[3]}.json`;
    }
  }
}

/** The document at a path of the policy file system; undefined for anything else (a folder). */
export function refFromPath(path: string): PolicyRef | undefined {
  const trust = /^\/roles\/([\w+=,.@-]+)\/trust-policy\.json$/.exec(path);
  if (trust) return { kind: 'trust', roleName: trust[1] };
  const inline = /^\/roles\/([\w+=,.@-]+)\/inline\/([\w+=,.@-]+)\.json$/.exec(path);
  if (inline) return { kind: 'inline', roleName: inline[1], policyName: inline[2] };
  const managed = /^\/managed\/(aws[\w-]*)\/(aws|\d{12})\/(.+)\.json$/.exec(path);
  if (managed) return { kind: 'managed', policyArn: `arn:${managed[1]}:iam::${managed[2]}:policy/${managed[3]}` };
  return undefined;
}

// A connection key ("sandbox:http://127.0.0.1:4599@us-east-1") as a URI authority: URIs
// lower-case authorities and read ":" and "@" in them as port and user, so every byte
// outside [a-z0-9.-] becomes _xx.
export function connectionAuthority(connectionKey: string): string {
  return Array.from(new TextEncoder().encode(connectionKey), (byte) => (/[a-z0-9.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`)).join('');
}

export function connectionKeyFromAuthority(authority: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < authority.length; i++) {
    if (authority[i] === '_' && /^[0-9a-f]{2}$/i.test(authority.slice(i + 1, i + 3))) {
      bytes.push(parseInt(authority.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(authority.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

function errorName(error: unknown): string {
  return (error as { name?: unknown } | undefined)?.name?.toString() ?? '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function notFound(ref: PolicyRef, error: unknown): PolicyNotFoundError {
  return new PolicyNotFoundError(`Could not find ${describePolicyRef(ref)}: ${errorMessage(error)} Refresh the explorer to see what is there now.`, [], { cause: error });
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
