import { createHash, createHmac } from 'node:crypto';

// The arithmetic of Cognito's SRP (USER_SRP_AUTH / PASSWORD_VERIFIER), shared by the sandbox's
// server side and the client side (srpClient.ts): SRP-6a over the RFC 5054 3072-bit group with
// Cognito's conventions (padded hex, HKDF with "Caldera Derived Key", a signature over pool
// name, user id, secret block and timestamp).

export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
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

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
export const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
export const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** u = H(A | B). */
export function scramble(A: bigint, B: bigint): bigint {
  return BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
}

/** x = H(salt | H(poolName userId ":" password)). */
export function passwordExponent(poolName: string, userId: string, password: string, salt: string): bigint {
  return BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + sha256Hex(`${poolName}${userId}:${password}`))}`);
}

/** The PASSWORD_CLAIM_SIGNATURE both sides compute from the shared secret S. */
export function claimSignature(u: bigint, S: bigint, claim: { poolName: string; userId: string; secretBlock: string; timestamp: string }): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  const key = createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(claim.poolName, 'utf8'),
        Buffer.from(claim.userId, 'utf8'),
        Buffer.from(claim.secretBlock, 'base64'),
        Buffer.from(claim.timestamp, 'utf8'),
      ]),
    )
    .digest();
}
