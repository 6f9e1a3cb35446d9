import type { PolicyKind } from '../policies/document';

/** A policy document the explorer can show: a role's trust policy, one of its inline policies, or a managed policy. */
export type PolicyRef =
  | { readonly kind: 'trust'; readonly roleName: string }
  | { readonly kind: 'inline'; readonly roleName: string; readonly policyName: string }
  | { readonly kind: 'managed'; readonly policyArn: string };

/** Tree nodes that stand for a policy document carry its ref (menus pass the node to commands). */
export interface HasPolicyRef {
  readonly policyRef: PolicyRef;
}

export function isPolicyRef(value: unknown): value is PolicyRef {
  if (typeof value !== 'object' || value === null) return false;
  const ref = value as Record<string, unknown>;
  switch (ref.kind) {
    case 'trust':
      return typeof ref.roleName === 'string' && ref.roleName.length > 0;
    case 'inline':
      return typeof ref.roleName === 'string' && ref.roleName.length > 0 && typeof ref.policyName === 'string' && ref.policyName.length > 0;
    case 'managed':
      return typeof ref.policyArn === 'string' && ref.policyArn.startsWith('arn:');
    default:
      return false;
  }
}

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
