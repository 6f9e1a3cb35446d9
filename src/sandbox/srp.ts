import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The server side of Cognito's SRP (USER_SRP_AUTH / PASSWORD_VERIFIER): SRP-6a over the
// RFC 5054 3072-bit group, with Cognito's conventions (padded hex, HKDF "Caldera Derived Key",
// a signature over pool name, user id, secret block and timestamp).

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** Hex of a positive number: even length, with a leading 00 when the top bit is set. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** What the pool stores for a password: a salt and the SRP verifier (never the password). */
export interface SrpVerifier {
  salt: string;
  verifier: string;
}

function xOf(poolName: string, userId: string, password: string, salt: string): bigint {
  const usernamePasswordHash = sha256Hex(`${poolName}${userId}:${password}`);
  return BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + usernamePasswordHash)}`);
}

export function makeVerifier(poolName: string, userId: string, password: string): SrpVerifier {
  const salt = randomBytes(16).toString('hex');
  return { salt, verifier: modPow(g, xOf(poolName, userId, password, salt), N).toString(16) };
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
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) return false;
  const v = BigInt(`0x${input.verifier}`);
  const S = modPow((A * modPow(v, u, N)) % N, BigInt(`0x${input.b}`), N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
  const message = Buffer.concat([
    Buffer.from(input.poolName, 'utf8'),
    Buffer.from(input.userId, 'utf8'),
    Buffer.from(input.secretBlock, 'base64'),
    Buffer.from(input.timestamp, 'utf8'),
  ]);
  const expected = createHmac('sha256', key).update(message).digest();
  const given = Buffer.from(input.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
