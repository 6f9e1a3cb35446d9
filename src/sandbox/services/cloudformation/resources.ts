import { randomBytes } from 'node:crypto';
import { cognitoProviderName } from '../../../aws/arns';
import { ServiceError } from '../../request';
import type { RoleRecord, SandboxState } from '../../state';

// One handler per resource type the sandbox's CloudFormation creates, each through the
// sandbox's own service operations (so validation and state are the services' own), with
// Ref and Fn::GetAtt values as CloudFormation documents them for that type.

/** The sandbox's services, called in-process as the administrator. */
export interface Services {
  iam(action: string, params: Record<string, string>): Record<string, unknown>;
  cognitoIdentity(operation: string, body: Record<string, unknown>): Record<string, unknown>;
  cognitoIdp(operation: string, body: Record<string, unknown>): Record<string, unknown>;
  readonly state: SandboxState;
  readonly region: string;
  readonly stackName: string;
}

export interface Created {
  readonly physicalId: string;
  /** Fn::GetAtt values by attribute name. */
  readonly attributes: Record<string, string>;
}

interface ResourceHandler {
  create(properties: Record<string, unknown>, services: Services, logicalId: string): Created;
  delete(physicalId: string, properties: Record<string, unknown>, services: Services): void;
  /** Which capability creating it needs (IAM resources: NAMED when given a name), as CloudFormation asks. */
  capability?(properties: Record<string, unknown>): 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM';
}

/** A name CloudFormation makes up for a resource given none: stack, logical id, random suffix. */
function generatedName(services: Services, logicalId: string, max: number, separator = '-'): string {
  const suffix = randomBytes(6).toString('hex').toUpperCase();
  const stem = `${services.stackName}${separator}${logicalId}`.slice(0, max - suffix.length - 1);
  return `${stem}${separator}${suffix}`;
}

/** A JSON document property (policies) as the service takes it: a string. */
function documentText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Template values are often strings ("true") where the API wants booleans. */
function asBoolean(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

function required(properties: Record<string, unknown>, name: string, type: string): unknown {
  if (properties[name] === undefined) throw new ServiceError('ValidationError', `Property ${name} of ${type} is required.`);
  return properties[name];
}

const identityPool: ResourceHandler = {
  create(properties, services, logicalId) {
    const { IdentityPoolName, PushSync: _push, CognitoStreams: _streams, CognitoEvents: _events, IdentityPoolTags, ...rest } = properties;
    const tags = Array.isArray(IdentityPoolTags)
      ? Object.fromEntries((IdentityPoolTags as { Key: string; Value: string }[]).map((tag) => [tag.Key, tag.Value]))
      : IdentityPoolTags;
    const pool = services.cognitoIdentity('CreateIdentityPool', {
      ...rest,
      IdentityPoolName: IdentityPoolName ?? generatedName(services, logicalId, 128, '_').replace(/-/g, '_'),
      AllowUnauthenticatedIdentities: asBoolean(rest.AllowUnauthenticatedIdentities ?? false),
      AllowClassicFlow: asBoolean(rest.AllowClassicFlow),
      CognitoIdentityProviders: (rest.CognitoIdentityProviders as Record<string, unknown>[] | undefined)?.map((provider) => ({
        ...provider,
        ServerSideTokenCheck: asBoolean(provider.ServerSideTokenCheck),
      })),
      IdentityPoolTags: tags,
    });
    const id = String(pool.IdentityPoolId);
    return { physicalId: id, attributes: { Id: id, Name: String(pool.IdentityPoolName) } };
  },
  delete(physicalId, _properties, services) {
    services.cognitoIdentity('DeleteIdentityPool', { IdentityPoolId: physicalId });
  },
};

const identityPoolRoleAttachment: ResourceHandler = {
  create(properties, services) {
    const poolId = String(required(properties, 'IdentityPoolId', 'AWS::Cognito::IdentityPoolRoleAttachment'));
    if (properties.RoleMappings !== undefined) throw new ServiceError('ValidationError', 'RoleMappings are not supported by the sandbox; use Roles.');
    services.cognitoIdentity('SetIdentityPoolRoles', { IdentityPoolId: poolId, Roles: properties.Roles ?? {} });
    return { physicalId: poolId, attributes: { Id: poolId } };
  },
  delete(physicalId, _properties, services) {
    // The pool may have gone first (a failed stack); its roles went with it.
    if (!services.state.cognitoIdentity.pools[physicalId]) return;
    services.cognitoIdentity('SetIdentityPoolRoles', { IdentityPoolId: physicalId, Roles: {} });
  },
};

const userPool: ResourceHandler = {
  create(properties, services, logicalId) {
    const { UserPoolName, ...rest } = properties;
    const pool = services.cognitoIdp('CreateUserPool', { ...rest, PoolName: UserPoolName ?? generatedName(services, logicalId, 128) }).UserPool as Record<
      string,
      string
    >;
    const providerName = cognitoProviderName(services.region, pool.Id);
    return {
      physicalId: pool.Id,
      attributes: { UserPoolId: pool.Id, Arn: pool.Arn, ProviderName: providerName, ProviderURL: `https://${providerName}` },
    };
  },
  delete(physicalId, _properties, services) {
    services.cognitoIdp('DeleteUserPool', { UserPoolId: physicalId });
  },
};

const userPoolClient: ResourceHandler = {
  create(properties, services, logicalId) {
    const { ClientName, GenerateSecret, ...rest } = properties;
    required(properties, 'UserPoolId', 'AWS::Cognito::UserPoolClient');
    const client = services.cognitoIdp('CreateUserPoolClient', {
      ...rest,
      ClientName: ClientName ?? generatedName(services, logicalId, 128),
      GenerateSecret: asBoolean(GenerateSecret),
    }).UserPoolClient as Record<string, string>;
    const attributes: Record<string, string> = { ClientId: client.ClientId, Name: client.ClientName };
    if (client.ClientSecret) attributes.ClientSecret = client.ClientSecret;
    return { physicalId: client.ClientId, attributes };
  },
  delete(physicalId, properties, services) {
    const poolId = String(properties.UserPoolId);
    if (!services.state.cognitoIdp.pools[poolId]) return;
    services.cognitoIdp('DeleteUserPoolClient', { UserPoolId: poolId, ClientId: physicalId });
  },
};

/** Properties a Policies entry or AWS::IAM::Policy has: a name and a document. */
function inlinePolicies(value: unknown): { PolicyName: string; PolicyDocument: unknown }[] {
  return Array.isArray(value) ? (value as { PolicyName: string; PolicyDocument: unknown }[]) : [];
}

const iamCapability = (nameProperty: string) => (properties: Record<string, unknown>) =>
  properties[nameProperty] === undefined ? ('CAPABILITY_IAM' as const) : ('CAPABILITY_NAMED_IAM' as const);

const role: ResourceHandler = {
  create(properties, services, logicalId) {
    const name = String(properties.RoleName ?? generatedName(services, logicalId, 64));
    const params: Record<string, string> = {
      RoleName: name,
      AssumeRolePolicyDocument: documentText(required(properties, 'AssumeRolePolicyDocument', 'AWS::IAM::Role')),
    };
    for (const key of ['Path', 'Description', 'MaxSessionDuration']) if (properties[key] !== undefined) params[key] = String(properties[key]);
    const created = services.iam('CreateRole', params).Role as { Arn: string; RoleId: string };
    try {
      for (const arn of (properties.ManagedPolicyArns as unknown[] | undefined) ?? [])
        services.iam('AttachRolePolicy', { RoleName: name, PolicyArn: String(arn) });
      for (const policy of inlinePolicies(properties.Policies))
        services.iam('PutRolePolicy', { RoleName: name, PolicyName: String(policy.PolicyName), PolicyDocument: documentText(policy.PolicyDocument) });
    } catch (error) {
      // CloudFormation creates a role whole or not at all: no half-made role is left for the rollback to miss.
      role.delete(name, properties, services);
      throw error;
    }
    return { physicalId: name, attributes: { Arn: created.Arn, RoleId: created.RoleId } };
  },
  delete(physicalId, _properties, services) {
    const existing: RoleRecord | undefined = services.state.iam.roles[physicalId];
    if (!existing) return;
    for (const policyName of Object.keys(existing.inlinePolicies)) services.iam('DeleteRolePolicy', { RoleName: physicalId, PolicyName: policyName });
    for (const arn of existing.attachedPolicyArns) services.iam('DetachRolePolicy', { RoleName: physicalId, PolicyArn: arn });
    services.iam('DeleteRole', { RoleName: physicalId });
  },
  capability: iamCapability('RoleName'),
};

const policy: ResourceHandler = {
  create(properties, services, logicalId) {
    const policyName = String(required(properties, 'PolicyName', 'AWS::IAM::Policy'));
    const document = documentText(required(properties, 'PolicyDocument', 'AWS::IAM::Policy'));
    const roles = ((properties.Roles as unknown[] | undefined) ?? []).map(String);
    if (properties.Users !== undefined || properties.Groups !== undefined)
      throw new ServiceError('ValidationError', 'The sandbox has roles only: AWS::IAM::Policy can name Roles, not Users or Groups.');
    if (roles.length === 0) throw new ServiceError('ValidationError', 'At least one of [Groups,Roles,Users] must be non-empty.');
    for (const roleName of roles) services.iam('PutRolePolicy', { RoleName: roleName, PolicyName: policyName, PolicyDocument: document });
    // CloudFormation's physical id for a policy: the stack's name, part of the logical id, a suffix.
    const physicalId = `${services.stackName.slice(0, 5)}-${logicalId.slice(0, 5)}-${randomBytes(6).toString('hex').toUpperCase()}`;
    return { physicalId, attributes: { Id: physicalId } };
  },
  delete(_physicalId, properties, services) {
    for (const roleName of ((properties.Roles as unknown[] | undefined) ?? []).map(String)) {
      if (services.state.iam.roles[roleName]?.inlinePolicies[String(properties.PolicyName)] !== undefined)
        services.iam('DeleteRolePolicy', { RoleName: roleName, PolicyName: String(properties.PolicyName) });
    }
  },
  capability: () => 'CAPABILITY_IAM',
};

const managedPolicy: ResourceHandler = {
  create(properties, services, logicalId) {
    const params: Record<string, string> = {
      PolicyName: String(properties.ManagedPolicyName ?? generatedName(services, logicalId, 128)),
      PolicyDocument: documentText(required(properties, 'PolicyDocument', 'AWS::IAM::ManagedPolicy')),
    };
    for (const key of ['Path', 'Description']) if (properties[key] !== undefined) params[key] = String(properties[key]);
    if (properties.Users !== undefined || properties.Groups !== undefined)
      throw new ServiceError('ValidationError', 'The sandbox has roles only: AWS::IAM::ManagedPolicy can name Roles, not Users or Groups.');
    const created = services.iam('CreatePolicy', params).Policy as { Arn: string; PolicyId: string };
    try {
      for (const roleName of ((properties.Roles as unknown[] | undefined) ?? []).map(String))
        services.iam('AttachRolePolicy', { RoleName: roleName, PolicyArn: created.Arn });
    } catch (error) {
      managedPolicy.delete(created.Arn, properties, services);
      throw error;
    }
    return { physicalId: created.Arn, attributes: { PolicyArn: created.Arn, PolicyId: created.PolicyId, DefaultVersionId: 'v1' } };
  },
  delete(physicalId, _properties, services) {
    if (!services.state.iam.policies[physicalId]) return;
    // Detached from every role first (its own Roles, and any role that names it in ManagedPolicyArns), as IAM requires.
    for (const role of Object.values(services.state.iam.roles))
      if (role.attachedPolicyArns.includes(physicalId)) services.iam('DetachRolePolicy', { RoleName: role.roleName, PolicyArn: physicalId });
    services.iam('DeletePolicy', { PolicyArn: physicalId });
  },
  capability: iamCapability('ManagedPolicyName'),
};

export const RESOURCE_HANDLERS: Readonly<Record<string, ResourceHandler>> = {
  'AWS::Cognito::IdentityPool': identityPool,
  'AWS::Cognito::IdentityPoolRoleAttachment': identityPoolRoleAttachment,
  'AWS::Cognito::UserPool': userPool,
  'AWS::Cognito::UserPoolClient': userPoolClient,
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy,
  'AWS::IAM::ManagedPolicy': managedPolicy,
};

export function unsupportedType(type: string): string {
  return `Resource type ${type} is not supported by the sandbox; it supports: ${Object.keys(RESOURCE_HANDLERS).join(', ')}.`;
}

/** Which attributes Fn::GetAtt may name, per type (as CloudFormation documents them). */
export const GETATT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Cognito::IdentityPool': ['Id', 'Name'],
  'AWS::Cognito::IdentityPoolRoleAttachment': ['Id'],
  'AWS::Cognito::UserPool': ['Arn', 'ProviderName', 'ProviderURL', 'UserPoolId'],
  'AWS::Cognito::UserPoolClient': ['ClientId', 'ClientSecret', 'Name'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::IAM::Policy': ['Id'],
  'AWS::IAM::ManagedPolicy': ['PolicyArn', 'PolicyId', 'DefaultVersionId'],
};
