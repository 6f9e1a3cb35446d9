import { createHash, createHmac, randomBytes } from 'node:crypto';

// The client side of Cognito's USER_SRP_AUTH, as amazon-cognito-identity-js (the library a web
// page uses) does it: SRP-6a over the RFC 5054 3072-bit group, padded hex, HKDF with the info
// "Caldera Derived Key", and a signature over pool name, user id, secret block and timestamp.
// The password never leaves this process; only A and the signature do.

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
function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cognito's TIMESTAMP: "Tue Mar 5 09:07:03 UTC 2024" (day of month without a leading zero). */
export function srpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** One sign-in handshake: send `srpA` with InitiateAuth, answer PASSWORD_VERIFIER with `respond`. */
export class SrpClient {
  private readonly a: bigint;
  /** SRP_A for InitiateAuth's AuthParameters. */
  readonly srpA: string;

  /** `userPoolId` is REGION_NAME; the part after "_" is the pool name SRP uses. `a` is for tests only. */
  constructor(
    private readonly userPoolId: string,
    fixedA?: bigint,
  ) {
    for (;;) {
      const a = fixedA ?? BigInt(`0x${randomBytes(128).toString('hex')}`) % N;
      const A = modPow(g, a, N);
      if (a !== 0n && A % N !== 0n) {
        this.a = a;
        this.srpA = A.toString(16);
        return;
      }
    }
  }

  /**
   * The ChallengeResponses for PASSWORD_VERIFIER, given its ChallengeParameters (SALT, SRP_B,
   * SECRET_BLOCK, USER_ID_FOR_SRP) and the password.
   */
  respond(parameters: Readonly<Record<string, string | undefined>>, password: string, now: Date): Record<string, string> {
    const { SALT: salt, SRP_B: srpB, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId } = parameters;
    if (!salt || !srpB || !secretBlock || !userId) throw new Error('The PASSWORD_VERIFIER challenge lacks SALT, SRP_B, SECRET_BLOCK or USER_ID_FOR_SRP.');
    const B = BigInt(`0x${srpB}`);
    if (B % N === 0n) throw new Error('The server sent an invalid SRP_B.');
    const A = BigInt(`0x${this.srpA}`);
    const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
    if (u === 0n) throw new Error('The SRP handshake gave u = 0; try again.');
    const poolName = this.userPoolId.split('_')[1] ?? '';
    const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + sha256Hex(`${poolName}${userId}:${password}`))}`);
    const base = (((B - ((k * modPow(g, x, N)) % N)) % N) + N) % N;
    const S = modPow(base, this.a + u * x, N);
    const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
    const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
    const timestamp = srpTimestamp(now);
    const signature = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp, 'utf8')]))
      .digest('base64');
    return { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp };
  }
}
