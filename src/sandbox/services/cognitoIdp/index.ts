import { randomBytes } from 'node:crypto';
import { userPoolArn } from '../../../aws/arns';
import { SANDBOX_ACCOUNT_ID } from '../../../aws/sandboxAccount';
import { effectiveAuthFlows } from '../../../aws/services/cognitoIdp';
import { authorize, type Caller } from '../../auth';
import { jsonBody, jsonResult } from '../../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../../request';
import { serverChallenge, validClientA, verifyPasswordClaim } from '../../srp';
import type { UserPoolClientRecord, UserPoolRecord, UserRecord } from '../../state';
import { attributesFrom, checkAttributes, refuseClientVerifiedFlags, requiredOf } from './attributes';
import { type Body, clientOf, findUser, invalid, type Operation, type Store, storedUser, str } from './common';
import { poolOperations } from './pools';
import { isRevoked, issueTokens } from './tokens';
import { checkPassword, passwordMatches, secretHashCheck, setPassword, userOperations } from './users';

// The sandbox's Cognito user pools (cognito-idp): routing, who may call what, and sign-in.

/** What a public app calls without AWS credentials: its proof is a client id or an access token. */
export const PUBLIC_OPERATIONS = new Set([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'GetUser',
  'UpdateUserAttributes',
  'GetUserAttributeVerificationCode',
  'VerifyUserAttribute',
  'ChangePassword',
  'GlobalSignOut',
  'RevokeToken',
]);

function flowAllowed(client: UserPoolClientRecord, flow: string): void {
  const needed = {
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
    REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
    REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  }[flow];
  if (!needed) throw invalid(`Unsupported AuthFlow ${flow}.`);
  if (!effectiveAuthFlows(client.ExplicitAuthFlows).includes(needed))
    throw invalid(`${flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow} flow not enabled for this client`);
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

  private readonly operations: Record<string, Operation>;

  constructor(onMessage: (message: string) => void) {
    this.operations = { ...poolOperations, ...userOperations(onMessage), ...this.signIn };
  }

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

  /** Runs an operation in-process as the administrator (for the sandbox's CloudFormation): same validation and state as over HTTP. */
  run(operation: string, body: Body, store: Store, region: string): unknown {
    const handler = this.operations[operation];
    if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
    return handler(body, store, region);
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

  private readonly signIn: Record<string, Operation> = {
    InitiateAuth: (body, store) => {
      const { pool, client } = clientOf(store, str(body, 'ClientId'));
      const flow = str(body, 'AuthFlow')!;
      flowAllowed(client, flow);
      const parameters = (body.AuthParameters ?? {}) as Record<string, string>;
      if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
        const entry = store.state.cognitoIdp.refreshTokens[parameters.REFRESH_TOKEN ?? ''];
        if (!entry || entry.clientId !== client.ClientId || Date.parse(entry.expires) <= Date.now())
          throw new ServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        if (entry.revoked || isRevoked(store, entry.originJti)) throw new ServiceError('NotAuthorizedException', 'Refresh Token has been revoked');
        const user = pool.users[entry.username];
        if (!user) throw new ServiceError('NotAuthorizedException', 'Invalid Refresh Token');
        if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
        secretHashCheck(client, user.Username, parameters.SECRET_HASH);
        return issueTokens(store, pool, client, user, entry);
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
        const current = pool.users[pending.username];
        if (!current) throw wrongCredentials();
        refuseClientVerifiedFlags(extra);
        checkAttributes(pool, attributesFrom(Object.entries(extra).map(([Name, Value]) => ({ Name, Value }))), false);
        const missing = requiredOf(pool).filter((name) => !current.attributes[name] && !extra[name]);
        if (missing.length > 0)
          throw invalid(`Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute ${name} is required`).join(', ')}`);
        const user = store.update((state) => {
          const stored = storedUser(state, pool, current);
          setPassword(pool, stored, password);
          Object.assign(stored.attributes, extra);
          stored.status = 'CONFIRMED';
          return stored;
        });
        return issueTokens(store, pool, client, user);
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
          requiredAttributes: JSON.stringify(
            requiredOf(pool)
              .filter((a) => !attributes[a])
              .map((a) => `userAttributes.${a}`),
          ),
          userAttributes: JSON.stringify(attributes),
        },
      };
    }
    return issueTokens(store, pool, client, user);
  }
}
