import { randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomUpper(length: number): string {
  return Array.from(randomBytes(length), (b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('');
}

/** An IAM unique id: AROA (role), ANPA (policy) or AIDA (user) and 17 characters, 21 in all. */
export function iamUniqueId(prefix: 'AROA' | 'ANPA' | 'AIDA'): string {
  return prefix + randomUpper(17);
}

/** A temporary access key id: ASIA and 16 characters, 20 in all, as STS issues them. */
export function temporaryAccessKeyId(): string {
  return `ASIA${randomUpper(16)}`;
}
