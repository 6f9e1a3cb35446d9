import { randomBytes, timingSafeEqual } from 'node:crypto';
import { claimSignature, g, k, modPow, N, passwordExponent, scramble } from '../aws/cognitoSrp';

// The server side of Cognito's SRP (USER_SRP_AUTH / PASSWORD_VERIFIER): SRP-6a over the
// RFC 5054 3072-bit group, with Cognito's conventions (padded hex, HKDF "Caldera Derived Key",
// a signature over pool name, user id, secret block and timestamp).

/** What the pool stores for a password: a salt and the SRP verifier (never the password). */
export interface SrpVerifier {
  salt: string;
  verifier: string;
}

export function makeVerifier(poolName: string, userId: string, password: string): SrpVerifier {
  const salt = randomBytes(16).toString('hex');
  return { salt, verifier: modPow(g, passwordExponent(poolName, userId, password, salt), N).toString(16) };
}

/** The server's half of a handshake: B to send, b to keep (with A) until the client answers. */
export function serverChallenge(verifierHex: string): { b: string; B: string } {
  const v = BigInt(`0x${verifierHex}`);
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
    const B = (k * v + modPow(g, b, N)) % N;
    if (B % N !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

export function validClientA(aHex: string): boolean {
  try {
    return /^[0-9a-f]+$/i.test(aHex) && BigInt(`0x${aHex}`) % N !== 0n;
  } catch {
    return false;
  }
}

/** Checks the client's PASSWORD_CLAIM_SIGNATURE; true when it proves the password. */
export function verifyPasswordClaim(input: {
  poolName: string;
  userId: string;
  verifier: string;
  A: string;
  B: string;
  b: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}): boolean {
  const A = BigInt(`0x${input.A}`);
  const B = BigInt(`0x${input.B}`);
  const u = scramble(A, B);
  if (u === 0n) return false;
  const v = BigInt(`0x${input.verifier}`);
  const S = modPow((A * modPow(v, u, N)) % N, BigInt(`0x${input.b}`), N);
  const expected = claimSignature(u, S, input);
  const given = Buffer.from(input.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
