import { roleArn } from '../../aws/arns';
import { SANDBOX_DEFAULT_REGION } from '../../aws/connection';
import { validatePolicyDocument } from '../../policies/document';
import { type ContextValue, evaluatePolicies } from '../../policies/evaluate';
import { AWS_MANAGED_POLICIES, findManagedPolicy } from '../../policies/managed';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { iamUniqueId } from '../ids';
import { authorize, type Caller } from '../auth';
import { pageOf } from '../paging';
import { queryParameters, queryResult } from '../protocols/awsQuery';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import { policiesOfRole, roleByArn } from '../roles';
import type { RoleRecord, SandboxState } from '../state';
import type { JsonStore } from '../store';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const MAX_INLINE_POLICY_CHARS = 10_240;
const MAX_TRUST_POLICY_CHARS = 2_048;
const MAX_MANAGED_POLICY_CHARS = 6_144;

type Params = URLSearchParams;
type Result = Record<string, unknown>;

/** PolicyName, checked as IAM checks it for inline and managed policies alike. */
function policyNameParam(params: Params): string {
  const name = required(params, 'PolicyName');
  if (!POLICY_NAME.test(name))
    throw new ServiceError(
      'ValidationError',
      `The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
    );
  return name;
}

function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') {
    throw new ServiceError(
      'ValidationError',
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function roleName(params: Params): string {
  const name = required(params, 'RoleName');
  if (!ROLE_NAME.test(name)) {
    throw new ServiceError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  return name;
}

function checkDocument(text: string, kind: 'identity' | 'trust', limit: number, what: string): void {
  if (text.length > limit) throw new ServiceError('LimitExceeded', `Cannot exceed quota for ${what}: ${limit}.`, 409);
  const validation = validatePolicyDocument(text, kind);
  if (!validation.ok) throw new ServiceError('MalformedPolicyDocument', validation.reason);
}

function noSuchRole(name: string): ServiceError {
  return new ServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
}

function roleView(role: RoleRecord, withTrustPolicy = true): Result {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: withTrustPolicy ? encodeURIComponent(role.assumeRolePolicyDocument) : undefined,
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
}

/** Pages a list as IAM does: MaxItems (default 100), Marker, IsTruncated. */
function page<T>(items: T[], params: Params): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = Math.min(Math.max(Number(params.get('MaxItems') ?? 100) || 100, 1), 1000);
  const { items: slice, next } = pageOf(items, params.get('Marker'), maxItems, { code: 'ValidationError', tokenName: 'Marker' });
  return next ? { items: slice, IsTruncated: true, Marker: next } : { items: slice, IsTruncated: false };
}

function attachmentCount(state: SandboxState, policyArn: string): number {
  return Object.values(state.iam.roles).filter((role) => role.attachedPolicyArns.includes(policyArn)).length;
}

function managedPolicyView(arn: string, state: SandboxState): Result {
  const own = state.iam.policies[arn];
  if (own) {
    return {
      PolicyName: own.policyName,
      PolicyId: own.policyId,
      Arn: own.arn,
      Path: own.path,
      DefaultVersionId: 'v1',
      IsAttachable: true,
      Description: own.description,
      CreateDate: own.createDate,
      UpdateDate: own.createDate,
    };
  }
  const policy = findManagedPolicy(arn);
  if (!policy) throw new ServiceError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: '/',
    DefaultVersionId: policy.versionId,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** IAM over awsQuery: roles with trust, managed and inline policies, validated as IAM does. */
export function handleIam(request: SandboxRequest, store: JsonStore<SandboxState>, caller: Caller): SandboxResponse {
  const params = queryParameters(request);
  const action = params.get('Action') ?? '';
  const operation = OPERATIONS[action];
  if (!operation) throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version 2010-05-08`);
  const { arn, shown } = resourceOf(action, params);
  authorize(caller, `iam:${action}`, arn, store, { code: 'AccessDenied', shown });
  return queryResult(action, IAM_NAMESPACE, operation(params, store), request.requestId);
}

/**
 * Runs an IAM action in-process as the administrator (the sandbox's CloudFormation creates roles
 * with it): the same validation and state as over HTTP; throws the ServiceError IAM answers.
 */
export function runIamAction(action: string, params: Record<string, string>, store: JsonStore<SandboxState>): Result {
  const operation = OPERATIONS[action];
  if (!operation) throw new ServiceError('InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
  return operation(new URLSearchParams(params), store);
}

/**
 * The resource IAM authorises an action on, and how its denial names it: a role by `role NAME`,
 * a policy by `policy ARN`, a listing by the ARN prefix it lists (IAM's own wording, e.g.
 * "is not authorized to perform: iam:GetRole on resource: role MyRole because …").
 */
function resourceOf(action: string, params: Params): { arn: string; shown?: string } {
  const name = params.get('RoleName');
  if (name) return { arn: roleArn(SANDBOX_DEFAULT_REGION, SANDBOX_ACCOUNT_ID, name), shown: `role ${name}` };
  const policy = params.get('PolicyArn');
  if (policy) return { arn: policy, shown: `policy ${policy}` };
  const source = params.get('PolicySourceArn');
  if (source) return { arn: source };
  const prefix = `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:${action === 'ListPolicies' || action === 'CreatePolicy' ? 'policy' : 'role'}${params.get('PathPrefix') ?? '/'}`;
  return { arn: prefix };
}

/** Reads an awsQuery list: Name.member.1, Name.member.2, … */
function memberList(params: Params, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

function contextEntries(params: Params): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (let i = 1; params.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
    const prefix = `ContextEntries.member.${i}`;
    const values = memberList(params, `${prefix}.ContextKeyValues`);
    const type = params.get(`${prefix}.ContextKeyType`) ?? 'string';
    context[params.get(`${prefix}.ContextKeyName`)!] = type.endsWith('List') ? values : values[0];
  }
  return context;
}

const DECISIONS = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;

function withRole<R>(store: JsonStore<SandboxState>, name: string, change: (role: RoleRecord) => R): R {
  return store.update((state) => {
    const role = state.iam.roles[name];
    if (!role) throw noSuchRole(name);
    return change(role);
  });
}

const OPERATIONS: Record<string, (params: Params, store: JsonStore<SandboxState>) => Result> = {
  CreateRole(params, store) {
    const name = roleName(params);
    const document = required(params, 'AssumeRolePolicyDocument');
    checkDocument(document, 'trust', MAX_TRUST_POLICY_CHARS, 'ACLSizePerRole');
    const path = params.get('Path') ?? '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path))
      throw new ServiceError(
        'ValidationError',
        `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
      );
    const maxSessionDuration = Number(params.get('MaxSessionDuration') ?? 3600);
    if (!Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new ServiceError(
        'ValidationError',
        `The requested MaxSessionDuration of ${maxSessionDuration} is not in the allowed range of 3600 to 43200 seconds.`,
      );
    }
    return store.update((state) => {
      if (Object.keys(state.iam.roles).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
        throw new ServiceError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
      }
      const role: RoleRecord = {
        roleName: name,
        roleId: iamUniqueId('AROA'),
        arn: roleArn(SANDBOX_DEFAULT_REGION, SANDBOX_ACCOUNT_ID, name, path),
        path,
        createDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        description: params.get('Description') ?? undefined,
        maxSessionDuration,
        assumeRolePolicyDocument: document,
        attachedPolicyArns: [],
        inlinePolicies: {},
      };
      state.iam.roles[name] = role;
      return { Role: roleView(role) };
    });
  },

  // Only GetRole says when the role was last used (empty until it is), as IAM does.
  GetRole(params, store) {
    const name = roleName(params);
    const role = store.state.iam.roles[name];
    if (!role) throw noSuchRole(name);
    const lastUsed = role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {};
    return { Role: { ...roleView(role), RoleLastUsed: lastUsed } };
  },

  ListRoles(params, store) {
    const prefix = params.get('PathPrefix') ?? '/';
    const roles = Object.values(store.state.iam.roles)
      .filter((role) => role.path.startsWith(prefix))
      .sort((a, b) => a.roleName.localeCompare(b.roleName));
    const { items, IsTruncated, Marker } = page(roles, params);
    // ListRoles leaves the trust policy out, as IAM does.
    return { Roles: items.map((role) => roleView(role, false)), IsTruncated, Marker };
  },

  DeleteRole(params, store) {
    const name = roleName(params);
    return store.update((state) => {
      const role = state.iam.roles[name];
      if (!role) throw noSuchRole(name);
      if (role.attachedPolicyArns.length > 0) throw new ServiceError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      if (Object.keys(role.inlinePolicies).length > 0) throw new ServiceError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      delete state.iam.roles[name];
      return {};
    });
  },

  UpdateAssumeRolePolicy(params, store) {
    const name = roleName(params);
    const document = required(params, 'PolicyDocument');
    checkDocument(document, 'trust', MAX_TRUST_POLICY_CHARS, 'ACLSizePerRole');
    return withRole(store, name, (role) => {
      role.assumeRolePolicyDocument = document;
      return {};
    });
  },

  AttachRolePolicy(params, store) {
    const name = roleName(params);
    const arn = required(params, 'PolicyArn');
    if (!findManagedPolicy(arn) && !store.state.iam.policies[arn])
      throw new ServiceError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
    return withRole(store, name, (role) => {
      if (!role.attachedPolicyArns.includes(arn)) role.attachedPolicyArns.push(arn);
      return {};
    });
  },

  DetachRolePolicy(params, store) {
    const name = roleName(params);
    const arn = required(params, 'PolicyArn');
    return withRole(store, name, (role) => {
      if (!role.attachedPolicyArns.includes(arn)) throw new ServiceError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
      role.attachedPolicyArns = role.attachedPolicyArns.filter((attached) => attached !== arn);
      return {};
    });
  },

  ListAttachedRolePolicies(params, store) {
    const name = roleName(params);
    const role = store.state.iam.roles[name];
    if (!role) throw noSuchRole(name);
    const attached = role.attachedPolicyArns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
    const { items, IsTruncated, Marker } = page(attached, params);
    return { AttachedPolicies: items, IsTruncated, Marker };
  },

  PutRolePolicy(params, store) {
    const name = roleName(params);
    const policyName = policyNameParam(params);
    const document = required(params, 'PolicyDocument');
    checkDocument(document, 'identity', MAX_INLINE_POLICY_CHARS, 'PolicySize');
    return withRole(store, name, (role) => {
      role.inlinePolicies[policyName] = document;
      return {};
    });
  },

  GetRolePolicy(params, store) {
    const name = roleName(params);
    const policyName = required(params, 'PolicyName');
    const role = store.state.iam.roles[name];
    if (!role) throw noSuchRole(name);
    const document = role.inlinePolicies[policyName];
    if (document === undefined) throw new ServiceError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404);
    return { RoleName: name, PolicyName: policyName, PolicyDocument: encodeURIComponent(document) };
  },

  ListRolePolicies(params, store) {
    const name = roleName(params);
    const role = store.state.iam.roles[name];
    if (!role) throw noSuchRole(name);
    const { items, IsTruncated, Marker } = page(Object.keys(role.inlinePolicies).sort(), params);
    return { PolicyNames: items, IsTruncated, Marker };
  },

  DeleteRolePolicy(params, store) {
    const name = roleName(params);
    const policyName = required(params, 'PolicyName');
    return withRole(store, name, (role) => {
      if (role.inlinePolicies[policyName] === undefined)
        throw new ServiceError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404);
      delete role.inlinePolicies[policyName];
      return {};
    });
  },

  SimulatePrincipalPolicy(params, store) {
    const source = required(params, 'PolicySourceArn');
    const role = roleByArn(store.state, source);
    if (!role) throw new ServiceError('NoSuchEntity', `The specified entity ${source} cannot be found.`, 404);
    const actions = memberList(params, 'ActionNames');
    if (actions.length === 0)
      throw new ServiceError(
        'ValidationError',
        "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
      );
    const resources = memberList(params, 'ResourceArns');
    const context = contextEntries(params);
    const policies = policiesOfRole(role, store.state);
    const results = actions.flatMap((action) =>
      (resources.length > 0 ? resources : ['*']).map((resource) => ({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISIONS[evaluatePolicies(policies, { action, resource, context }).decision],
      })),
    );
    return { EvaluationResults: results, IsTruncated: false };
  },

  CreatePolicy(params, store) {
    const name = policyNameParam(params);
    const document = required(params, 'PolicyDocument');
    checkDocument(document, 'identity', MAX_MANAGED_POLICY_CHARS, 'PolicySize');
    const path = params.get('Path') ?? '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path))
      throw new ServiceError(
        'ValidationError',
        `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
      );
    const arn = `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:policy${path}${name}`;
    return store.update((state) => {
      if (Object.values(state.iam.policies).some((policy) => policy.policyName === name))
        throw new ServiceError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`, 409);
      state.iam.policies[arn] = {
        policyName: name,
        policyId: iamUniqueId('ANPA'),
        arn,
        path,
        description: params.get('Description') ?? undefined,
        document,
        createDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      return { Policy: { ...managedPolicyView(arn, state), AttachmentCount: 0 } };
    });
  },

  DeletePolicy(params, store) {
    const arn = required(params, 'PolicyArn');
    return store.update((state) => {
      if (!state.iam.policies[arn]) throw new ServiceError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
      if (attachmentCount(state, arn) > 0) throw new ServiceError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
      delete state.iam.policies[arn];
      return {};
    });
  },

  GetPolicy(params, store) {
    const arn = required(params, 'PolicyArn');
    return { Policy: { ...managedPolicyView(arn, store.state), AttachmentCount: attachmentCount(store.state, arn) } };
  },

  GetPolicyVersion(params, store) {
    const arn = required(params, 'PolicyArn');
    const versionId = required(params, 'VersionId');
    const own = store.state.iam.policies[arn];
    if (own) {
      if (versionId !== 'v1') throw new ServiceError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 404);
      return { PolicyVersion: { Document: encodeURIComponent(own.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: own.createDate } };
    }
    const policy = findManagedPolicy(arn);
    if (!policy) throw new ServiceError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
    if (versionId !== policy.versionId) throw new ServiceError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 404);
    return {
      PolicyVersion: {
        Document: encodeURIComponent(JSON.stringify(policy.document)),
        VersionId: policy.versionId,
        IsDefaultVersion: true,
        CreateDate: policy.updateDate,
      },
    };
  },

  ListPolicies(params, store) {
    const scope = params.get('Scope') ?? 'All';
    const onlyAttached = params.get('OnlyAttached') === 'true';
    const attachedCount = (arn: string) => attachmentCount(store.state, arn);
    const arns = [
      ...(scope === 'Local' ? [] : AWS_MANAGED_POLICIES.map((policy) => policy.arn)),
      ...(scope === 'AWS' ? [] : Object.keys(store.state.iam.policies).sort()),
    ];
    const policies = arns
      .filter((arn) => !onlyAttached || attachedCount(arn) > 0)
      .map((arn) => {
        // ListPolicies leaves descriptions out, as IAM does.
        const { Description: _description, ...view } = managedPolicyView(arn, store.state);
        return { ...view, AttachmentCount: attachedCount(arn) };
      });
    const { items, IsTruncated, Marker } = page(policies, params);
    return { Policies: items, IsTruncated, Marker };
  },
};
