import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt, verifyJwt } from '../../jwt';
import { ServiceError } from '../../request';
import type { RefreshTokenRecord, SandboxState, UserPoolClientRecord, UserPoolRecord, UserRecord } from '../../state';
import { attributeClaims } from './attributes';
import { type Body, seconds, type Store, userNotFound } from './common';

// The tokens a sign-in gets (ID, access, refresh), and what an app's access token proves.

export const TOKEN_SECONDS = 3600;

const notAuthorized = (message: string) => new ServiceError('NotAuthorizedException', message);

/**
 * Signs ID and access tokens for a user, and a refresh token when it is a new sign-in. Tokens
 * from a refresh keep the sign-in's origin_jti, so revoking the sign-in revokes them all.
 * issueTokens and signJwt update the store themselves: never call them inside store.update.
 */
export function issueTokens(store: Store, pool: UserPoolRecord, client: UserPoolClientRecord, user: UserRecord, refreshedFrom?: RefreshTokenRecord): Body {
  const now = seconds();
  const issuer = `https://cognito-idp.${pool.Id.split('_')[0]}.amazonaws.com/${pool.Id}`;
  const originJti = refreshedFrom?.originJti ?? randomUUID();
  const { sub: _sub, ...attributes } = attributeClaims(pool, user);
  const sub = user.attributes.sub;
  const idToken = signJwt(store, {
    sub,
    ...attributes,
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
  if (!refreshedFrom) {
    const refreshToken = randomBytes(96).toString('base64url');
    store.update((state) => {
      state.cognitoIdp.refreshTokens[refreshToken] = {
        poolId: pool.Id,
        clientId: client.ClientId,
        username: user.Username,
        expires: new Date(Date.now() + client.RefreshTokenValidity * 86_400_000).toISOString(),
        originJti,
      };
    });
    result.RefreshToken = refreshToken;
  }
  return { AuthenticationResult: result, ChallengeParameters: {} };
}

/**
 * Revokes sign-ins: their refresh tokens for good, and every access token issued from them
 * (remembered for as long as such a token lives). Call inside store.update.
 */
export function revokeOrigins(state: SandboxState, origins: Iterable<string | undefined>): void {
  const until = Date.now() + TOKEN_SECONDS * 1000;
  const now = Date.now();
  for (const [origin, expires] of Object.entries(state.cognitoIdp.revokedOrigins)) if (expires < now) delete state.cognitoIdp.revokedOrigins[origin];
  const revoked = new Set<string>();
  for (const origin of origins) if (origin) revoked.add(origin);
  for (const origin of revoked) state.cognitoIdp.revokedOrigins[origin] = until;
  for (const [token, entry] of Object.entries(state.cognitoIdp.refreshTokens))
    if (entry.originJti && revoked.has(entry.originJti)) state.cognitoIdp.refreshTokens[token] = { ...entry, revoked: true };
}

/** Every sign-in of a user (GlobalSignOut, AdminDisableUser): its refresh tokens' origins, plus one more when given. Call inside store.update. */
export function revokeUser(state: SandboxState, poolId: string, username: string, alsoOrigin?: string): void {
  const entries = Object.values(state.cognitoIdp.refreshTokens).filter((entry) => entry.poolId === poolId && entry.username === username);
  revokeOrigins(state, [...entries.map((entry) => entry.originJti), alsoOrigin]);
}

export function forgetUserTokens(state: SandboxState, poolId: string, username: string): void {
  for (const [token, entry] of Object.entries(state.cognitoIdp.refreshTokens))
    if (entry.poolId === poolId && entry.username === username) delete state.cognitoIdp.refreshTokens[token];
}

export function isRevoked(store: Store, origin: unknown): boolean {
  return typeof origin === 'string' && origin in store.state.cognitoIdp.revokedOrigins;
}

/**
 * The user an access token was issued to, as the operations a signed-in app calls check it: the
 * sandbox's own signature, token_use access, not expired, not revoked, the user still there.
 */
export function userOfAccessToken(store: Store, token: unknown): { pool: UserPoolRecord; user: UserRecord; originJti?: string } {
  if (typeof token !== 'string' || token === '')
    throw new ServiceError(
      'InvalidParameterException',
      "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
    );
  // Expiry is checked below, to say so.
  const claims = verifyJwt(store, token, 0);
  if (!claims || claims.token_use !== 'access' || typeof claims.iss !== 'string') throw notAuthorized('Invalid Access Token');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw notAuthorized('Access Token has expired');
  if (isRevoked(store, claims.origin_jti)) throw notAuthorized('Access Token has been revoked');
  const pool = store.state.cognitoIdp.pools[claims.iss.split('/').pop() ?? ''];
  if (!pool) throw notAuthorized('Invalid Access Token');
  const user = pool.users[String(claims.username)];
  if (!user || user.attributes.sub !== claims.sub) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { pool, user, originJti: typeof claims.origin_jti === 'string' ? claims.origin_jti : undefined };
}
