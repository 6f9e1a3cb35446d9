import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import type { SandboxState } from './state';
import type { JsonStore } from './store';

// The sandbox's tokens (user pool ID / access tokens, identity pool OpenID tokens): RS256 JWTs
// signed with one key pair that the sandbox makes on first start and keeps in its state.

export type JwtClaims = Record<string, unknown> & { iss?: string; sub?: string; exp?: number; iat?: number };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signingKey(store: JsonStore<SandboxState>): NonNullable<SandboxState['signingKey']> {
  if (!store.state.signingKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    store.update((state) => {
      state.signingKey = {
        kid: randomUUID(),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      };
    });
  }
  return store.state.signingKey!;
}

export function signJwt(store: JsonStore<SandboxState>, claims: JwtClaims): string {
  const key = signingKey(store);
  const header = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPrivateKey(key.privateKeyPem));
  return `${header}.${payload}.${b64url(signature)}`;
}

/** The claims of a token the sandbox signed and that has not expired; undefined otherwise. */
export function verifyJwt(store: JsonStore<SandboxState>, token: string, now = Date.now()): JwtClaims | undefined {
  const key = store.state.signingKey;
  const parts = token.split('.');
  if (!key || parts.length !== 3) return undefined;
  const [header, payload, signature] = parts;
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(key.publicKeyPem), Buffer.from(signature, 'base64url'));
  if (!valid) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
