import { COGNITO_PROVIDER_NAME, identityPoolArn, ROLE_ARN } from '../../aws/arns';
import { randomBytes, randomUUID } from 'node:crypto';
import { evaluatePolicies } from '../../policies/evaluate';
import { validatePolicyDocument } from '../../policies/document';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { authorize, type Caller } from '../auth';
import { temporaryAccessKeyId } from '../ids';
import { signJwt, verifyJwt } from '../jwt';
import { pageOf } from '../paging';
import { jsonBody, jsonResult, stringMember } from '../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import { roleByArn } from '../roles';
import type { CognitoProvider, IdentityPoolRecord, SandboxState } from '../state';
import type { JsonStore } from '../store';

type Body = Record<string, unknown>;
type Store = JsonStore<SandboxState>;

/** Operations a web page calls without signing: they carry their own proof (or none, for guests). */
export const UNSIGNED_OPERATIONS = new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken']);

const POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
const POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
const SESSION_SECONDS = 3600;
const SESSION_NAME = 'CognitoIdentityCredentials';

function invalid(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

function str(body: Body, name: string, required = true): string | undefined {
  return stringMember(body, name, 'ValidationException', required);
}

function poolOf(store: Store, id: string): IdentityPoolRecord {
  if (!POOL_ID.test(id))
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${id}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
    );
  const pool = store.state.cognitoIdentity.pools[id];
  if (!pool) throw new ServiceError('ResourceNotFoundException', `IdentityPool '${id}' not found.`);
  return pool;
}

function poolView(pool: IdentityPoolRecord): Body {
  const { roles: _roles, ...view } = pool;
  return view;
}

function providersOf(body: Body): CognitoProvider[] {
  const providers = body.CognitoIdentityProviders ?? [];
  if (!Array.isArray(providers)) throw invalid('CognitoIdentityProviders must be a list.');
  return providers.map((p) => {
    const provider = p as Partial<CognitoProvider>;
    if (typeof provider.ProviderName !== 'string' || !COGNITO_PROVIDER_NAME.test(provider.ProviderName)) {
      throw invalid(`Invalid Cognito Identity Provider: ${String(provider.ProviderName)}`);
    }
    if (typeof provider.ClientId !== 'string' || !/^[\w+]+$/.test(provider.ClientId)) throw invalid(`Invalid ClientId for provider ${provider.ProviderName}`);
    return { ProviderName: provider.ProviderName, ClientId: provider.ClientId, ServerSideTokenCheck: provider.ServerSideTokenCheck ?? false };
  });
}

function poolFields(body: Body): Omit<IdentityPoolRecord, 'IdentityPoolId' | 'roles'> {
  const name = str(body, 'IdentityPoolName')!;
  if (!POOL_NAME.test(name))
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
    );
  if (typeof body.AllowUnauthenticatedIdentities !== 'boolean') {
    throw new ServiceError(
      'ValidationException',
      "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    );
  }
  return {
    IdentityPoolName: name,
    AllowUnauthenticatedIdentities: body.AllowUnauthenticatedIdentities,
    AllowClassicFlow: body.AllowClassicFlow === true,
    CognitoIdentityProviders: providersOf(body),
    SupportedLoginProviders: (body.SupportedLoginProviders as Record<string, string> | undefined) ?? {},
    DeveloperProviderName: body.DeveloperProviderName as string | undefined,
    OpenIdConnectProviderARNs: (body.OpenIdConnectProviderARNs as string[] | undefined) ?? [],
    SamlProviderARNs: (body.SamlProviderARNs as string[] | undefined) ?? [],
    IdentityPoolTags: (body.IdentityPoolTags as Record<string, string> | undefined) ?? {},
  };
}

interface VerifiedLogin {
  provider: string;
  sub: string;
}

/** Checks a Logins map as Cognito does: a listed provider, and a valid token from it. */
function verifyLogins(store: Store, pool: IdentityPoolRecord, logins: unknown): VerifiedLogin[] {
  if (logins === undefined || logins === null) return [];
  if (typeof logins !== 'object' || Array.isArray(logins)) throw invalid('Logins must be a map of provider name to token.');
  return Object.entries(logins as Record<string, unknown>).map(([provider, token]) => {
    const listed = pool.CognitoIdentityProviders.find((p) => p.ProviderName === provider);
    if (!listed) throw new ServiceError('NotAuthorizedException', 'Token is not from a supported provider of this identity pool.');
    const claims = typeof token === 'string' ? verifyJwt(store, token) : undefined;
    if (!claims) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Token verification failed.');
    if (claims.iss !== `https://${provider}`) throw new ServiceError('NotAuthorizedException', `Invalid login token. Issuer doesn't match providerName`);
    const audience = claims.token_use === 'access' ? claims.client_id : claims.aud;
    if (audience !== listed.ClientId)
      throw new ServiceError('NotAuthorizedException', 'Invalid login token. Token is not from a supported provider of this identity pool.');
    if (typeof claims.sub !== 'string') throw new ServiceError('NotAuthorizedException', 'Invalid login token. Missing sub.');
    return { provider, sub: claims.sub };
  });
}

function identityOf(store: Store, identityId: unknown) {
  if (typeof identityId !== 'string')
    throw new ServiceError(
      'ValidationException',
      "1 validation error detected: Value null at 'identityId' failed to satisfy constraint: Member must not be null",
    );
  const identity = store.state.cognitoIdentity.identities[identityId];
  if (!identity) throw new ServiceError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
  return identity;
}

/** amr as Cognito puts it in the web identity token for the role's trust policy. */
function amrOf(logins: VerifiedLogin[]): string[] {
  if (logins.length === 0) return ['unauthenticated'];
  return ['authenticated', ...logins.flatMap((l) => [l.provider, `${l.provider}:CognitoSignIn:${l.sub}`])];
}

function guestCheck(pool: IdentityPoolRecord, logins: VerifiedLogin[]): void {
  if (logins.length === 0 && !pool.AllowUnauthenticatedIdentities) {
    throw new ServiceError('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
  }
}

const OPERATIONS: Record<string, (body: Body, store: Store, region: string, now: Date) => unknown> = {
  CreateIdentityPool(body, store, region) {
    const fields = poolFields(body);
    return store.update((state) => {
      const pool: IdentityPoolRecord = { IdentityPoolId: `${region}:${randomUUID()}`, ...fields, roles: {} };
      state.cognitoIdentity.pools[pool.IdentityPoolId] = pool;
      return poolView(pool);
    });
  },

  DescribeIdentityPool(body, store) {
    return poolView(poolOf(store, str(body, 'IdentityPoolId')!));
  },

  ListIdentityPools(body, store) {
    const max = body.MaxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 60) {
      throw new ServiceError(
        'ValidationException',
        `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60`,
      );
    }
    const pools = Object.values(store.state.cognitoIdentity.pools).sort(
      (a, b) => a.IdentityPoolName.localeCompare(b.IdentityPoolName) || a.IdentityPoolId.localeCompare(b.IdentityPoolId),
    );
    const page = pageOf(pools, body.NextToken, max, { code: 'InvalidParameterException', tokenName: 'NextToken' });
    return { IdentityPools: page.items.map((p) => ({ IdentityPoolId: p.IdentityPoolId, IdentityPoolName: p.IdentityPoolName })), NextToken: page.next };
  },

  UpdateIdentityPool(body, store) {
    const id = str(body, 'IdentityPoolId')!;
    poolOf(store, id);
    const fields = poolFields(body);
    return store.update((state) => {
      const pool = { ...state.cognitoIdentity.pools[id], ...fields };
      state.cognitoIdentity.pools[id] = pool;
      return poolView(pool);
    });
  },

  DeleteIdentityPool(body, store) {
    const id = str(body, 'IdentityPoolId')!;
    poolOf(store, id);
    return store.update((state) => {
      delete state.cognitoIdentity.pools[id];
      for (const [identityId, identity] of Object.entries(state.cognitoIdentity.identities)) {
        if (identity.poolId === id) delete state.cognitoIdentity.identities[identityId];
      }
      return {};
    });
  },

  SetIdentityPoolRoles(body, store) {
    const id = str(body, 'IdentityPoolId')!;
    poolOf(store, id);
    const roles = body.Roles;
    if (typeof roles !== 'object' || roles === null || Array.isArray(roles))
      throw new ServiceError('ValidationException', "1 validation error detected: Value null at 'roles' failed to satisfy constraint: Member must not be null");
    for (const [type, arn] of Object.entries(roles)) {
      if (type !== 'authenticated' && type !== 'unauthenticated') throw invalid(`Invalid role type: ${type}. Use authenticated or unauthenticated.`);
      if (typeof arn !== 'string' || !ROLE_ARN.test(arn)) throw invalid(`Invalid role ARN: ${String(arn)}`);
    }
    return store.update((state) => {
      state.cognitoIdentity.pools[id].roles = { ...(roles as Record<string, string>) };
      return {};
    });
  },

  GetIdentityPoolRoles(body, store) {
    const pool = poolOf(store, str(body, 'IdentityPoolId')!);
    return { IdentityPoolId: pool.IdentityPoolId, Roles: pool.roles };
  },

  GetId(body, store) {
    const pool = poolOf(store, str(body, 'IdentityPoolId')!);
    const logins = verifyLogins(store, pool, body.Logins);
    guestCheck(pool, logins);
    const keys = logins.map((l) => `${l.provider}|${l.sub}`);
    const existing =
      keys.length > 0
        ? Object.values(store.state.cognitoIdentity.identities).find((i) => i.poolId === pool.IdentityPoolId && i.logins.some((k) => keys.includes(k)))
        : undefined;
    if (existing) return { IdentityId: existing.identityId };
    return store.update((state) => {
      const identityId = `${pool.IdentityPoolId.split(':')[0]}:${randomUUID()}`;
      state.cognitoIdentity.identities[identityId] = { identityId, poolId: pool.IdentityPoolId, logins: keys, creationDate: new Date().toISOString() };
      return { IdentityId: identityId };
    });
  },

  GetCredentialsForIdentity(body, store, _region, clock) {
    const identity = identityOf(store, body.IdentityId);
    const pool = poolOf(store, identity.poolId);
    const logins = verifyLogins(store, pool, body.Logins);
    guestCheck(pool, logins);
    const type = logins.length > 0 ? 'authenticated' : 'unauthenticated';
    const misconfigured = () =>
      new ServiceError('InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    const roleArn = pool.roles[type];
    const role = roleArn ? roleByArn(store.state, roleArn) : undefined;
    if (!role) throw misconfigured();
    // The role's trust policy must let this pool's identities of this kind assume it.
    const amr = amrOf(logins);
    const context = {
      'cognito-identity.amazonaws.com:aud': pool.IdentityPoolId,
      'cognito-identity.amazonaws.com:amr': amr,
      'cognito-identity.amazonaws.com:sub': identity.identityId,
    };
    const trust = validatePolicyDocument(role.assumeRolePolicyDocument, 'trust');
    const trusted =
      trust.ok &&
      evaluatePolicies([trust.document], {
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: role.arn,
        principal: { Federated: 'cognito-identity.amazonaws.com' },
        context,
      }).decision === 'Allowed';
    if (!trusted) throw misconfigured();
    return store.update((state) => {
      const now = clock.getTime();
      for (const [key, session] of Object.entries(state.sts.sessions)) if (Date.parse(session.expiration) <= now) delete state.sts.sessions[key];
      const accessKeyId = temporaryAccessKeyId();
      const expiration = new Date(now + SESSION_SECONDS * 1000);
      state.sts.sessions[accessKeyId] = {
        accessKeyId,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(96).toString('base64'),
        expiration: expiration.toISOString(),
        roleArn: role.arn,
        roleName: role.roleName,
        roleId: role.roleId,
        sessionName: SESSION_NAME,
        context,
      };
      const session = state.sts.sessions[accessKeyId];
      // What IAM's GetRole reports as RoleLastUsed; the identity's region is the pool's.
      const assumed = roleByArn(state, role.arn);
      if (assumed) assumed.lastUsed = { date: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: identity.identityId.split(':')[0] };
      return {
        IdentityId: identity.identityId,
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretKey: session.secretAccessKey,
          SessionToken: session.sessionToken,
          Expiration: Math.floor(expiration.getTime() / 1000),
        },
      };
    });
  },

  GetOpenIdToken(body, store) {
    const identity = identityOf(store, body.IdentityId);
    const pool = poolOf(store, identity.poolId);
    const logins = verifyLogins(store, pool, body.Logins);
    guestCheck(pool, logins);
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(store, {
      iss: 'https://cognito-identity.amazonaws.com',
      sub: identity.identityId,
      aud: pool.IdentityPoolId,
      amr: amrOf(logins),
      iat: now,
      exp: now + 600,
    });
    return { IdentityId: identity.identityId, Token: token };
  },
};

/** Runs an operation in-process as the administrator (for the sandbox's CloudFormation): same validation and state as over HTTP. */
export function runCognitoIdentityOperation(operation: string, body: Body, store: Store, region: string, now: Date): unknown {
  const handler = OPERATIONS[operation];
  if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
  return handler(body, store, region, now);
}

/** Cognito identity pools over awsJson1_1 (X-Amz-Target AWSCognitoIdentityService.*). */
export function handleCognitoIdentity(request: SandboxRequest, store: Store, caller: Caller | undefined, operation: string, now: Date): SandboxResponse {
  const handler = OPERATIONS[operation];
  if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
  const body = jsonBody(request.body);
  if (!UNSIGNED_OPERATIONS.has(operation)) {
    if (!caller) throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    const poolId = typeof body.IdentityPoolId === 'string' ? body.IdentityPoolId : '*';
    const region = request.signing?.region ?? 'us-east-1';
    authorize(caller, `cognito-identity:${operation}`, poolId === '*' ? '*' : identityPoolArn(region, SANDBOX_ACCOUNT_ID, poolId), store);
  }
  const region = request.signing?.region ?? (typeof body.IdentityPoolId === 'string' ? body.IdentityPoolId.split(':')[0] : 'us-east-1');
  return jsonResult(handler(body, store, region, now), request.requestId);
}
