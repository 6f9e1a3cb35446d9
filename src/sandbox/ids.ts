import { randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An IAM unique id: a four-letter prefix (AROA for roles, ANPA for policies) and 17 characters. */
export function iamUniqueId(prefix: 'AROA' | 'ANPA' | 'AIDA' | 'ASIA'): string {
  const bytes = randomBytes(17);
  return prefix + Array.from(bytes, (b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('');
}
