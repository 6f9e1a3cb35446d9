import { randomBytes } from 'node:crypto';
import { claimSignature, g, k, modPow, N, passwordExponent, scramble } from './cognitoSrp';

// The client side of Cognito's USER_SRP_AUTH, as amazon-cognito-identity-js (the library a web
// page uses) does it: SRP-6a over the RFC 5054 3072-bit group, padded hex, HKDF with the info
// "Caldera Derived Key", and a signature over pool name, user id, secret block and timestamp.
// The password never leaves this process; only A and the signature do.

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
    const u = scramble(A, B);
    if (u === 0n) throw new Error('The SRP handshake gave u = 0; try again.');
    const poolName = this.userPoolId.split('_')[1] ?? '';
    const x = passwordExponent(poolName, userId, password, salt);
    const base = (((B - ((k * modPow(g, x, N)) % N)) % N) + N) % N;
    const S = modPow(base, this.a + u * x, N);
    const timestamp = srpTimestamp(now);
    const signature = claimSignature(u, S, { poolName, userId, secretBlock, timestamp }).toString('base64');
    return { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp };
  }
}
