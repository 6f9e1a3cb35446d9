import { userPoolArn } from '../../aws/arns';
import { createHmac, randomBytes, randomInt, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { authorize, type Caller } from '../auth';
import { signJwt } from '../jwt';
import { pageOf } from '../paging';
import { jsonBody, jsonResult, stringMember } from '../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import { makeVerifier, serverChallenge, validClientA, verifyPasswordClaim } from '../srp';
import type { SandboxState, UserPoolClientRecord, UserPoolRecord, UserRecord } from '../state';
import type { JsonStore } from '../store';

type Body = Record<string, unknown>;
type Store = JsonStore<SandboxState>;

/** What a public single-page app calls without AWS credentials. */
export const PUBLIC_OPERATIONS = new Set(['SignUp', 'ConfirmSignUp', 'InitiateAuth', 'RespondToAuthChallenge']);

const STANDARD_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TOKEN_SECONDS = 3600;
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

const seconds = () => Math.floor(Date.now() / 1000);
const random = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const invalid = (message: string) => new ServiceError('InvalidParameterException', message);

function str(body: Body, name: string, required = true): string | undefined {
  return stringMember(body, name, 'InvalidParameterException', required);
}

function poolOf(store: Store, id: string | undefined): UserPoolRecord {
  const pool = id ? store.state.cognitoIdp.pools[id] : undefined;
  if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${id} does not exist.`);
  return pool;
}

function clientOf(store: Store, clientId: string | undefined, poolId?: string): { pool: UserPoolRecord; client: UserPoolClientRecord } {
  for (const pool of Object.values(store.state.cognitoIdp.pools)) {
    const client = clientId ? pool.clients[clientId] : undefined;
    if (client && (!poolId || pool.Id === poolId)) return { pool, client };
  }
  throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}

/** Finds a user by username, or by email when the pool signs in with email. */
function findUser(pool: UserPoolRecord, name: string): UserRecord | undefined {
  if (pool.users[name]) return pool.users[name];
  const aliases = [...pool.UsernameAttributes, ...pool.AliasAttributes];
  return Object.values(pool.users).find((user) => aliases.some((attribute) => user.attributes[attribute]?.toLowerCase() === name.toLowerCase()));
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(user: UserRecord, password: string): boolean {
  const [salt, hash] = user.passwordHash.split(':');
  const given = scryptSync(password, Buffer.from(salt, 'hex'), 32);
  return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}

function checkPassword(pool: UserPoolRecord, password: string): void {
  const policy = pool.PasswordPolicy;
  const fail = (why: string) => new ServiceError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) throw fail('Password must have symbol characters');
}

function setPassword(pool: UserPoolRecord, user: UserRecord, password: string): void {
  user.passwordHash = hashPassword(password);
  user.srp = makeVerifier(pool.Id.split('_')[1], user.Username, password);
  user.modified = seconds();
}

function attributesFrom(list: unknown): Record<string, string> {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw invalid('UserAttributes must be a list.');
  const attributes: Record<string, string> = {};
  for (const item of list as Array<{ Name?: unknown; Value?: unknown }>) {
    if (typeof item?.Name !== 'string' || typeof item.Value !== 'string') throw invalid('Each attribute needs a Name and a Value.');
    attributes[item.Name] = item.Value;
  }
  return attributes;
}

function checkRequiredAttributes(pool: UserPoolRecord, attributes: Record<string, string>): void {
  const missing = pool.requiredAttributes.filter((name) => !attributes[name]);
  if (missing.length > 0) {
    throw invalid(`Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute ${name} is required`).join(', ')}`);
  }
  for (const name of Object.keys(attributes)) {
    if (!STANDARD_ATTRIBUTES.includes(name) && !name.startsWith('custom:'))
      throw invalid(`Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
  }
}

function userView(user: UserRecord): Body {
  return {
    Username: user.Username,
    Attributes: Object.entries({ sub: user.attributes.sub, ...user.attributes }).map(([Name, Value]) => ({ Name, Value })),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function poolView(pool: UserPoolRecord): Body {
  const { clients: _clients, users, requiredAttributes, PasswordPolicy, ...view } = pool;
  return {
    ...view,
    Policies: { PasswordPolicy },
    SchemaAttributes: STANDARD_ATTRIBUTES.map((name) => ({
      Name: name,
      AttributeDataType: 'String',
      Mutable: true,
      Required: requiredAttributes.includes(name),
    })),
    MfaConfiguration: 'OFF',
    EstimatedNumberOfUsers: Object.keys(users).length,
  };
}

const AUTH_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_AUTH',
];

/** A client's ExplicitAuthFlows as Create/UpdateUserPoolClient take them; without any, Cognito's defaults. */
function authFlowsOf(body: Body): string[] {
  const flows = (body.ExplicitAuthFlows as string[] | undefined) ?? ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  for (const flow of flows)
    if (!AUTH_FLOWS.includes(flow))
      throw invalid(
        `1 validation error detected: Value '[${flows.join(', ')}]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]]`,
      );
  return flows;
}

function clientView(client: UserPoolClientRecord): Body {
  return { ...client };
}

function createUser(pool: UserPoolRecord, username: string, attributes: Record<string, string>, password: string, status: UserRecord['status']): UserRecord {
  const usesEmail = pool.UsernameAttributes.includes('email');
  if (usesEmail && !EMAIL.test(username)) throw invalid('Username should be an email.');
  if (findUser(pool, username)) {
    throw new ServiceError('UsernameExistsException', usesEmail ? 'An account with the given email already exists.' : 'User already exists');
  }
  const sub = randomUUID();
  const user: UserRecord = {
    // A pool that signs in with email names its users by their sub; the email is an attribute.
    Username: usesEmail ? sub : username,
    attributes: { ...attributes, ...(usesEmail ? { email: attributes.email ?? username } : {}), sub },
    status,
    enabled: true,
    created: seconds(),
    modified: seconds(),
    passwordHash: '',
    srp: { salt: '', verifier: '' },
  };
  setPassword(pool, user, password);
  pool.users[user.Username] = user;
  return user;
}

function secretHashCheck(client: UserPoolClientRecord, username: string, secretHash: unknown): void {
  if (!client.ClientSecret) return;
  if (typeof secretHash !== 'string')
    throw new ServiceError('NotAuthorizedException', `Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  const expected = createHmac('sha256', client.ClientSecret)
    .update(username + client.ClientId)
    .digest('base64');
  if (expected !== secretHash) throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${client.ClientId}`);
}

function flowAllowed(client: UserPoolClientRecord, flow: string): void {
  const needed = {
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
    REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
    REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  }[flow];
  if (!needed) throw invalid(`Unsupported AuthFlow ${flow}.`);
  if (!client.ExplicitAuthFlows.includes(needed)) throw invalid(`${flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow} flow not enabled for this client`);
}

function wrongCredentials(): ServiceError {
  return new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
}

function userForAuth(pool: UserPoolRecord, client: UserPoolClientRecord, username: string): UserRecord {
  const user = findUser(pool, username);
  if (!user) throw client.PreventUserExistenceErrors === 'ENABLED' ? wrongCredentials() : new ServiceError('UserNotFoundException', 'User does not exist.');
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  return user;
}

function issueTokens(store: Store, pool: UserPoolRecord, client: UserPoolClientRecord, user: UserRecord, withRefresh: boolean): Body {
  const now = seconds();
  const issuer = `https://cognito-idp.${pool.Id.split('_')[0]}.amazonaws.com/${pool.Id}`;
  const originJti = randomUUID();
  const { sub, ...attributes } = user.attributes;
  const idToken = signJwt(store, {
    sub,
    ...attributes,
    ...(attributes.email ? { email_verified: attributes.email_verified === 'true' || user.status === 'CONFIRMED' } : {}),
    iss: issuer,
    'cognito:username': user.Username,
    origin_jti: originJti,
    aud: client.ClientId,
    event_id: randomUUID(),
    token_use: 'id',
    auth_time: now,
    exp: now + TOKEN_SECONDS,
    iat: now,
    jti: randomUUID(),
  });
  const accessToken = signJwt(store, {
    sub,
    iss: issuer,
    client_id: client.ClientId,
    origin_jti: originJti,
    event_id: randomUUID(),
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    exp: now + TOKEN_SECONDS,
    iat: now,
    jti: randomUUID(),
    username: user.Username,
  });
  const result: Body = { AccessToken: accessToken, ExpiresIn: TOKEN_SECONDS, TokenType: 'Bearer', IdToken: idToken };
  if (withRefresh) {
    const refreshToken = randomBytes(96).toString('base64url');
    store.update((state) => {
      state.cognitoIdp.refreshTokens[refreshToken] = {
        poolId: pool.Id,
        clientId: client.ClientId,
        username: user.Username,
        expires: new Date(Date.now() + client.RefreshTokenValidity * 86_400_000).toISOString(),
      };
    });
    result.RefreshToken = refreshToken;
  }
  return { AuthenticationResult: result, ChallengeParameters: {} };
}

// issueTokens and signJwt update the store themselves: never call them inside store.update.

/** Pending SRP handshakes and NEW_PASSWORD_REQUIRED sessions: short-lived, in memory. */
interface Pending {
  poolId: string;
  clientId: string;
  username: string;
  A?: string;
  b?: string;
  B?: string;
  expires: number;
}

export class CognitoIdp {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly onMessage: (message: string) => void) {}

  handle(request: SandboxRequest, store: Store, caller: Caller | undefined, operation: string): SandboxResponse {
    const handler = this.operations[operation];
    if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
    const body = jsonBody(request.body);
    const region = request.signing?.region ?? 'us-east-1';
    if (!PUBLIC_OPERATIONS.has(operation)) {
      if (!caller) throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      const poolId = typeof body.UserPoolId === 'string' ? body.UserPoolId : undefined;
      authorize(caller, `cognito-idp:${operation}`, poolId ? userPoolArn(region, SANDBOX_ACCOUNT_ID, poolId) : '*', store);
    }
    return jsonResult(handler(body, store, region), request.requestId);
  }

  private remember(entry: Omit<Pending, 'expires'>): string {
    const now = Date.now();
    for (const [key, value] of this.pending) if (value.expires < now) this.pending.delete(key);
    const key = randomBytes(64).toString('base64');
    this.pending.set(key, { ...entry, expires: now + 3 * 60_000 });
    return key;
  }

  private take(key: unknown, clientId: string): Pending {
    const entry = typeof key === 'string' ? this.pending.get(key) : undefined;
    if (!entry || entry.expires < Date.now() || entry.clientId !== clientId)
      throw new ServiceError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    this.pending.delete(key as string);
    return entry;
  }

  private readonly operations: Record<string, (body: Body, store: Store, region: string) => unknown> = {
    CreateUserPool: (body, store, region) => {
      const name = str(body, 'PoolName')!;
      if (!/^[\w\s+=,.@-]{1,128}$/.test(name))
        throw invalid(
          `1 validation error detected: Value '${name}' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
        );
      const usernameAttributes = (body.UsernameAttributes as string[] | undefined) ?? [];
      const aliasAttributes = (body.AliasAttributes as string[] | undefined) ?? [];
      if (usernameAttributes.length > 0 && aliasAttributes.length > 0)
        throw invalid('Only one of the parameters, AliasAttributes or UsernameAttributes, can be set in a User Pool.');
      for (const attribute of usernameAttributes) if (!['email', 'phone_number'].includes(attribute)) throw invalid(`Invalid username attribute: ${attribute}`);
      const schema = (body.Schema as Array<{ Name?: string; Required?: boolean }> | undefined) ?? [];
      const required = schema.filter((s) => s.Required).map((s) => String(s.Name));
      for (const attribute of required)
        if (!STANDARD_ATTRIBUTES.includes(attribute)) throw invalid(`Required custom attributes are not supported currently: ${attribute}`);
      const policy = ((body.Policies as Body | undefined)?.PasswordPolicy ?? {}) as Partial<UserPoolRecord['PasswordPolicy']>;
      const id = `${region}_${random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 9)}`;
      const now = seconds();
      const pool: UserPoolRecord = {
        Id: id,
        Name: name,
        Arn: userPoolArn(region, SANDBOX_ACCOUNT_ID, id),
        CreationDate: now,
        LastModifiedDate: now,
        UsernameAttributes: usernameAttributes,
        AliasAttributes: aliasAttributes,
        AutoVerifiedAttributes: (body.AutoVerifiedAttributes as string[] | undefined) ?? [],
        requiredAttributes: required,
        PasswordPolicy: {
          MinimumLength: policy.MinimumLength ?? 8,
          RequireUppercase: policy.RequireUppercase ?? true,
          RequireLowercase: policy.RequireLowercase ?? true,
          RequireNumbers: policy.RequireNumbers ?? true,
          RequireSymbols: policy.RequireSymbols ?? true,
          TemporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays ?? 7,
        },
        clients: {},
        users: {},
      };
      store.update((state) => {
        state.cognitoIdp.pools[id] = pool;
      });
      return { UserPool: poolView(pool) };
    },

    DescribeUserPool: (body, store) => ({ UserPool: poolView(poolOf(store, str(body, 'UserPoolId'))) }),

    ListUserPools: (body, store) => {
      const max = body.MaxResults;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 60)
        throw invalid(
          `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60`,
        );
      const pools = Object.values(store.state.cognitoIdp.pools).sort((a, b) => a.CreationDate - b.CreationDate || a.Id.localeCompare(b.Id));
      const page = pageOf(pools, body.NextToken, max, { code: 'InvalidParameterException', tokenName: 'NextToken' });
      return {
        UserPools: page.items.map((p) => ({ Id: p.Id, Name: p.Name, CreationDate: p.CreationDate, LastModifiedDate: p.LastModifiedDate })),
        NextToken: page.next,
      };
    },

    DeleteUserPool: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      store.update((state) => {
        delete state.cognitoIdp.pools[pool.Id];
        for (const [token, entry] of Object.entries(state.cognitoIdp.refreshTokens)) if (entry.poolId === pool.Id) delete state.cognitoIdp.refreshTokens[token];
      });
      return {};
    },

    CreateUserPoolClient: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      const name = str(body, 'ClientName')!;
      if (!/^[\w\s+=,.@-]{1,128}$/.test(name))
        throw invalid(
          `1 validation error detected: Value '${name}' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
        );
      const flows = authFlowsOf(body);
      const now = seconds();
      const client: UserPoolClientRecord = {
        ClientId: random(ALNUM, 26),
        ClientName: name,
        UserPoolId: pool.Id,
        ClientSecret: body.GenerateSecret === true ? random(ALNUM, 51) : undefined,
        ExplicitAuthFlows: flows,
        PreventUserExistenceErrors: body.PreventUserExistenceErrors === 'ENABLED' ? 'ENABLED' : 'LEGACY',
        RefreshTokenValidity: typeof body.RefreshTokenValidity === 'number' ? body.RefreshTokenValidity : 30,
        CreationDate: now,
        LastModifiedDate: now,
      };
      store.update((state) => {
        state.cognitoIdp.pools[pool.Id].clients[client.ClientId] = client;
      });
      return { UserPoolClient: clientView(client) };
    },

    // Settings not sent go back to their defaults, as in Cognito.
    UpdateUserPoolClient: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId'));
      const flows = authFlowsOf(body);
      const updated = store.update((state) => {
        const record = state.cognitoIdp.pools[pool.Id].clients[client.ClientId];
        if (typeof body.ClientName === 'string') record.ClientName = body.ClientName;
        record.ExplicitAuthFlows = flows;
        record.PreventUserExistenceErrors = body.PreventUserExistenceErrors === 'ENABLED' ? 'ENABLED' : 'LEGACY';
        record.RefreshTokenValidity = typeof body.RefreshTokenValidity === 'number' ? body.RefreshTokenValidity : 30;
        record.LastModifiedDate = seconds();
        return { ...record };
      });
      return { UserPoolClient: clientView(updated) };
    },

    DescribeUserPoolClient: (body, store) => ({ UserPoolClient: clientView(clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId')).client) }),

    ListUserPoolClients: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      return { UserPoolClients: Object.values(pool.clients).map((c) => ({ ClientId: c.ClientId, ClientName: c.ClientName, UserPoolId: c.UserPoolId })) };
    },

    DeleteUserPoolClient: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId'));
      store.update((state) => {
        delete state.cognitoIdp.pools[pool.Id].clients[client.ClientId];
      });
      return {};
    },

    SignUp: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      const password = str(body, 'Password')!;
      secretHashCheck(client, username, body.SecretHash);
      const attributes = attributesFrom(body.UserAttributes);
      if (pool.UsernameAttributes.includes('email')) attributes.email ??= username;
      checkRequiredAttributes(pool, attributes);
      checkPassword(pool, password);
      const code = String(randomInt(100000, 1000000));
      const user = store.update((state) => {
        const created = createUser(state.cognitoIdp.pools[pool.Id], username, attributes, password, 'UNCONFIRMED');
        created.confirmationCode = code;
        return created;
      });
      const email = user.attributes.email;
      // The sandbox sends no mail: the code goes to its log, where the person testing can read it.
      this.onMessage(`Confirmation code for ${email ?? user.Username} in user pool ${pool.Id}: ${code}`);
      return {
        UserConfirmed: false,
        UserSub: user.attributes.sub,
        CodeDeliveryDetails: email
          ? { Destination: `${email[0]}***@${email.split('@')[1]?.[0] ?? ''}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' }
          : undefined,
      };
    },

    ConfirmSignUp: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      secretHashCheck(client, username, body.SecretHash);
      const user = findUser(pool, username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      if (user.status === 'CONFIRMED') throw new ServiceError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      if (str(body, 'ConfirmationCode') !== user.confirmationCode)
        throw new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.');
      store.update((state) => {
        const stored = state.cognitoIdp.pools[pool.Id].users[user.Username];
        stored.status = 'CONFIRMED';
        stored.confirmationCode = undefined;
        if (stored.attributes.email) stored.attributes.email_verified = 'true';
      });
      return {};
    },

    AdminCreateUser: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      const username = str(body, 'Username')!;
      const attributes = attributesFrom(body.UserAttributes);
      if (pool.UsernameAttributes.includes('email')) attributes.email ??= username;
      checkRequiredAttributes(pool, attributes);
      const temporary = str(body, 'TemporaryPassword', false) ?? `Tmp-${random(ALNUM, 10)}A1!`;
      checkPassword(pool, temporary);
      const user = store.update((state) => createUser(state.cognitoIdp.pools[pool.Id], username, attributes, temporary, 'FORCE_CHANGE_PASSWORD'));
      if (body.TemporaryPassword === undefined) this.onMessage(`Temporary password for ${username} in user pool ${pool.Id}: ${temporary}`);
      return { User: userView(user) };
    },

    AdminSetUserPassword: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      const user = findUser(pool, str(body, 'Username')!);
      if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
      const password = str(body, 'Password')!;
      checkPassword(pool, password);
      store.update((state) => {
        const stored = state.cognitoIdp.pools[pool.Id].users[user.Username];
        setPassword(pool, stored, password);
        stored.status = body.Permanent === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
      });
      return {};
    },

    AdminConfirmSignUp: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      const user = findUser(pool, str(body, 'Username')!);
      if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
      if (user.status !== 'UNCONFIRMED') throw new ServiceError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
      store.update((state) => {
        const stored = state.cognitoIdp.pools[pool.Id].users[user.Username];
        stored.status = 'CONFIRMED';
        stored.confirmationCode = undefined;
      });
      return {};
    },

    ListUsers: (body, store) => {
      const pool = poolOf(store, str(body, 'UserPoolId'));
      const filter = str(body, 'Filter', false);
      const match = filter ? /^\s*([\w:]+)\s*(=|\^=)\s*"([^"]*)"\s*$/.exec(filter) : null;
      if (filter && !match) throw invalid('Error while parsing filter.');
      const users = Object.values(pool.users).filter((user) => {
        if (!match) return true;
        const value =
          match[1] === 'username'
            ? user.Username
            : match[1] === 'status'
              ? user.enabled
                ? 'Enabled'
                : 'Disabled'
              : match[1] === 'cognito:user_status'
                ? user.status
                : user.attributes[match[1]];
        return value !== undefined && (match[2] === '=' ? value === match[3] : value.startsWith(match[3]));
      });
      return { Users: users.map(userView) };
    },

    InitiateAuth: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'));
      const flow = str(body, 'AuthFlow')!;
      flowAllowed(client, flow);
      const parameters = (body.AuthParameters ?? {}) as Record<string, string>;
      if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
        const entry = store.state.cognitoIdp.refreshTokens[parameters.REFRESH_TOKEN ?? ''];
        if (!entry || entry.clientId !== client.ClientId || Date.parse(entry.expires) <= Date.now())
          throw new ServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        const user = pool.users[entry.username];
        if (!user) throw new ServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        secretHashCheck(client, user.Username, parameters.SECRET_HASH);
        return issueTokens(store, pool, client, user, false);
      }
      const username = parameters.USERNAME;
      if (!username) throw invalid('Missing required parameter USERNAME');
      secretHashCheck(client, username, parameters.SECRET_HASH);
      const user = userForAuth(pool, client, username);
      if (flow === 'USER_SRP_AUTH') {
        if (!parameters.SRP_A || !validClientA(parameters.SRP_A)) throw invalid('Missing or invalid parameter SRP_A');
        const { b, B } = serverChallenge(user.srp.verifier);
        const secretBlock = this.remember({ poolId: pool.Id, clientId: client.ClientId, username: user.Username, A: parameters.SRP_A, b, B });
        return {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: user.srp.salt, SRP_B: B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: user.Username, USERNAME: user.Username },
        };
      }
      if (!passwordMatches(user, parameters.PASSWORD ?? '')) throw wrongCredentials();
      return this.afterPassword(store, pool, client, user);
    },

    RespondToAuthChallenge: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'));
      const challenge = str(body, 'ChallengeName')!;
      const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
      if (challenge === 'PASSWORD_VERIFIER') {
        const pending = this.take(responses.PASSWORD_CLAIM_SECRET_BLOCK, client.ClientId);
        const user = pool.users[pending.username];
        if (!user) throw wrongCredentials();
        secretHashCheck(client, responses.USERNAME ?? user.Username, responses.SECRET_HASH);
        const proven = verifyPasswordClaim({
          poolName: pool.Id.split('_')[1],
          userId: user.Username,
          verifier: user.srp.verifier,
          A: pending.A!,
          B: pending.B!,
          b: pending.b!,
          secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK,
          timestamp: responses.TIMESTAMP ?? '',
          signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
        });
        if (!proven) throw wrongCredentials();
        return this.afterPassword(store, pool, client, user);
      }
      if (challenge === 'NEW_PASSWORD_REQUIRED') {
        const pending = this.take(body.Session, client.ClientId);
        const password = responses.NEW_PASSWORD;
        if (!password) throw invalid('Missing required parameter NEW_PASSWORD');
        checkPassword(pool, password);
        const extra = Object.fromEntries(
          Object.entries(responses)
            .filter(([k]) => k.startsWith('userAttributes.'))
            .map(([k, v]) => [k.slice('userAttributes.'.length), v]),
        );
        const user = store.update((state) => {
          const stored = state.cognitoIdp.pools[pool.Id].users[pending.username];
          setPassword(pool, stored, password);
          Object.assign(stored.attributes, extra);
          stored.status = 'CONFIRMED';
          return stored;
        });
        return issueTokens(store, pool, client, user, true);
      }
      throw invalid(`Unsupported ChallengeName ${challenge}.`);
    },
  };

  /** After a proven password: the user's status decides between tokens and a challenge. */
  private afterPassword(store: Store, pool: UserPoolRecord, client: UserPoolClientRecord, user: UserRecord): Body {
    if (user.status === 'UNCONFIRMED') throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      const session = this.remember({ poolId: pool.Id, clientId: client.ClientId, username: user.Username });
      const { sub: _sub, ...attributes } = user.attributes;
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.Username,
          requiredAttributes: JSON.stringify(pool.requiredAttributes.filter((a) => !attributes[a]).map((a) => `userAttributes.${a}`)),
          userAttributes: JSON.stringify(attributes),
        },
      };
    }
    return issueTokens(store, pool, client, user, true);
  }
}
