/** Everything the sandbox keeps, as stored in its state file. */
export interface SandboxState {
  version: 1;
  iam: {
    roles: Record<string, RoleRecord>;
  };
}

export interface RoleRecord {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: string;
  description?: string;
  maxSessionDuration: number;
  /** The trust policy as given (IAM returns documents as given, URL-encoded). */
  assumeRolePolicyDocument: string;
  attachedPolicyArns: string[];
  inlinePolicies: Record<string, string>;
}

export function emptyState(): SandboxState {
  return { version: 1, iam: { roles: {} } };
}
