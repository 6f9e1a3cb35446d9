/** Everything the sandbox keeps, as stored in its state file. */
export interface SandboxState {
  version: 1;
  /** RS256 key pair (PEM) that signs the sandbox's tokens, made on first start. */
  signingKey?: { kid: string; privateKeyPem: string; publicKeyPem: string };
  iam: {
    roles: Record<string, RoleRecord>;
    /** Customer managed policies (CreatePolicy), by ARN; AWS managed ones are built in. */
    policies: Record<string, CustomerPolicyRecord>;
  };
  cognitoIdentity: {
    pools: Record<string, IdentityPoolRecord>;
    identities: Record<string, IdentityRecord>;
  };
  sts: {
    /** Temporary credentials issued by GetCredentialsForIdentity, by access key id. */
    sessions: Record<string, SessionRecord>;
  };
  cognitoIdp: {
    pools: Record<string, UserPoolRecord>;
    /** Refresh tokens, by token. */
    refreshTokens: Record<string, RefreshTokenRecord>;
    /** Sign-ins revoked (GlobalSignOut, RevokeToken, a user disabled): their origin_jti, until when their tokens could live (epoch ms). */
    revokedOrigins: Record<string, number>;
  };
  cloudFormation: {
    /** Stacks by stack id (ARN), deleted ones too (CloudFormation lists them as DELETE_COMPLETE). */
    stacks: Record<string, StackRecord>;
  };
}

/** One resource of a stack: what CloudFormation describes, and what deleting it needs. */
export interface StackResourceRecord {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Timestamp: string;
  /** Fn::GetAtt values. */
  attributes: Record<string, string>;
  /** The resolved properties it was created with (deleting a client needs its pool). */
  properties: Record<string, unknown>;
}

export interface StackEventRecord {
  EventId: string;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  Timestamp: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
}

export interface ChangeSetRecord {
  ChangeSetId: string;
  ChangeSetName: string;
  ChangeSetType: 'CREATE' | 'UPDATE';
  CreationTime: string;
  Description?: string;
  Status: string;
  StatusReason?: string;
  ExecutionStatus: string;
  templateBody: string;
  Parameters: { ParameterKey: string; ParameterValue: string }[];
  /** The values given, NoEcho ones too, to execute with. */
  given: { ParameterKey: string; ParameterValue: string }[];
  Capabilities: string[];
  Changes: { Action: string; LogicalResourceId: string; PhysicalResourceId?: string; ResourceType: string; Replacement?: string }[];
}

export interface StackRecord {
  StackId: string;
  StackName: string;
  Description?: string;
  CreationTime: string;
  LastUpdatedTime?: string;
  DeletionTime?: string;
  StackStatus: string;
  StackStatusReason?: string;
  DisableRollback: boolean;
  Capabilities: string[];
  Parameters: { ParameterKey: string; ParameterValue: string }[];
  Outputs: { OutputKey: string; OutputValue: string; Description?: string; ExportName?: string }[];
  templateBody: string;
  resources: StackResourceRecord[];
  /** Oldest first (DescribeStackEvents answers newest first). */
  events: StackEventRecord[];
  changeSets: Record<string, ChangeSetRecord>;
}

export interface RefreshTokenRecord {
  poolId: string;
  clientId: string;
  username: string;
  expires: string;
  /** The sign-in's origin_jti, shared by the access and ID tokens issued from it. */
  originJti?: string;
  /** Revoked (RevokeToken, GlobalSignOut, AdminDisableUser): kept until it would expire, to say so. */
  revoked?: boolean;
}

export interface UserPoolClientRecord {
  ClientId: string;
  ClientName: string;
  UserPoolId: string;
  ClientSecret?: string;
  /** As given; none given means Cognito's default flows (effectiveAuthFlows). */
  ExplicitAuthFlows: string[];
  PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  RefreshTokenValidity: number;
  CreationDate: number;
  LastModifiedDate: number;
  /** The other members Create/UpdateUserPoolClient were given, returned as given (token validities, OAuth, revocation...). */
  settings?: Record<string, unknown>;
}

/** A code the sandbox "sent": what it confirms, and until when (epoch ms). */
export interface CodeRecord {
  code: string;
  expires: number;
}

export interface UserRecord {
  Username: string;
  attributes: Record<string, string>;
  status: 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';
  enabled: boolean;
  created: number;
  modified: number;
  /** scrypt of the password, for USER_PASSWORD_AUTH: "salt:hash" in hex. */
  passwordHash: string;
  /** SRP salt and verifier, for USER_SRP_AUTH. */
  srp: { salt: string; verifier: string };
  confirmationCode?: string;
  /** Where the sign-up code went (email or phone_number): confirming it verifies that attribute. */
  confirmationAttribute?: string;
  /** Codes for ForgotPassword (`password`) and attribute verification (by attribute name). */
  codes?: Record<string, CodeRecord>;
  /** New values waiting for verification (UserAttributeUpdateSettings): the old value stays in use until then. */
  pendingAttributes?: Record<string, string>;
}

/** One attribute of a user pool's schema, as DescribeUserPool returns it. */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: string;
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export interface UserPoolRecord {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: number;
  LastModifiedDate: number;
  UsernameAttributes: string[];
  AliasAttributes: string[];
  AutoVerifiedAttributes: string[];
  /** Pools stored before the sandbox kept schemas: their required attributes (newer pools derive them from `schema`). */
  requiredAttributes?: string[];
  /** The whole schema (sub, the standard attributes, custom:...); pools stored before it have only requiredAttributes. */
  schema?: SchemaAttribute[];
  /** Other CreateUserPool members, kept and returned as given (LambdaConfig, EmailConfiguration, tags...). */
  settings?: Record<string, unknown>;
  PasswordPolicy: {
    MinimumLength: number;
    RequireUppercase: boolean;
    RequireLowercase: boolean;
    RequireNumbers: boolean;
    RequireSymbols: boolean;
    TemporaryPasswordValidityDays: number;
  };
  clients: Record<string, UserPoolClientRecord>;
  users: Record<string, UserRecord>;
}

/** A customer managed policy: one version (v1), its document as given. */
export interface CustomerPolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  document: string;
  createDate: string;
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
  /** When and where the role was last assumed (IAM's RoleLastUsed), once it has been. */
  lastUsed?: { date: string; region: string };
}

export interface CognitoProvider {
  ProviderName: string;
  ClientId: string;
  ServerSideTokenCheck?: boolean;
}

/** An identity pool as Cognito describes it, plus its roles. */
export interface IdentityPoolRecord {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  CognitoIdentityProviders: CognitoProvider[];
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  SamlProviderARNs?: string[];
  IdentityPoolTags?: Record<string, string>;
  roles: Record<string, string>;
}

export interface IdentityRecord {
  identityId: string;
  poolId: string;
  /** "provider|sub" of each login linked to this identity. */
  logins: string[];
  creationDate: string;
}

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO time. */
  expiration: string;
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  /** Condition keys the session carries (cognito-identity.amazonaws.com:sub, aud, amr). */
  context: Record<string, string | string[]>;
}

export function emptyState(): SandboxState {
  return {
    version: 1,
    iam: { roles: {}, policies: {} },
    cognitoIdentity: { pools: {}, identities: {} },
    sts: { sessions: {} },
    cognitoIdp: { pools: {}, refreshTokens: {}, revokedOrigins: {} },
    cloudFormation: { stacks: {} },
  };
}

/** Fills sections a state file written by an earlier build of the same version lacks. */
export function completeState(state: SandboxState): SandboxState {
  const empty = emptyState();
  return {
    ...state,
    iam: { ...empty.iam, ...state.iam },
    cognitoIdentity: { ...empty.cognitoIdentity, ...state.cognitoIdentity },
    sts: { ...empty.sts, ...state.sts },
    cognitoIdp: { ...empty.cognitoIdp, ...state.cognitoIdp },
    // State files from before the sandbox ran CloudFormation have no stacks.
    cloudFormation: { ...empty.cloudFormation, ...state.cloudFormation },
  };
}
