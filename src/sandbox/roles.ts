import { BoundedMemo } from '../aws/boundedMemo';
import { type PolicyDocument, validatePolicyDocument } from '../policies/document';
import { findManagedPolicy } from '../policies/managed';
import type { RoleRecord, SandboxState } from './state';

// The queries on stored roles that authorisation (auth.ts) and the services both make, in a
// module of their own so that the services depend on auth.ts and not the other way round.

/** The role with this ARN, if the sandbox has it. */
export function roleByArn(state: SandboxState, arn: string): RoleRecord | undefined {
  // Roles are kept by name, the ARN's last part (role names are unique in an account, paths or not).
  const role = state.iam.roles[arn.slice(arn.lastIndexOf('/') + 1)];
  return role?.arn === arn ? role : undefined;
}

// Every request with issued credentials is authorised against its role's inline policies:
// parse each distinct document once.
const PARSED_INLINE_POLICIES = 1000; // well over the inline policies a sandbox holds; an eviction costs one parse
const parsedInline = new BoundedMemo<string, PolicyDocument | undefined>(PARSED_INLINE_POLICIES);
function parseInline(text: string): PolicyDocument | undefined {
  return parsedInline.get(text, () => {
    const validation = validatePolicyDocument(text, 'identity');
    return validation.ok ? validation.document : undefined;
  });
}

/** A managed policy's document: AWS's built in, or the account's own (CreatePolicy). */
function managedDocument(state: SandboxState, arn: string): PolicyDocument | undefined {
  const own = state.iam.policies[arn];
  return own ? parseInline(own.document) : findManagedPolicy(arn)?.document;
}

/** A role's permissions: its attached managed policies' documents and its inline policies. */
export function policiesOfRole(role: RoleRecord, state: SandboxState): PolicyDocument[] {
  const managed = role.attachedPolicyArns.map((arn) => managedDocument(state, arn)).filter((d): d is PolicyDocument => d !== undefined);
  const inline = Object.values(role.inlinePolicies).map(parseInline);
  return [...managed, ...inline.filter((d): d is PolicyDocument => d !== undefined)];
}
