import { ServiceError } from './request';

/**
 * One page of a list, as AWS pages: an opaque token (here, the index of the next item,
 * base64) and a page size. A bad token fails with the service's error code and token name.
 */
export function pageOf<T>(items: readonly T[], token: unknown, size: number, bad: { code: string; tokenName: string }): { items: T[]; next?: string } {
  const start = typeof token === 'string' && token !== '' ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ServiceError(bad.code, `Invalid ${bad.tokenName}.`);
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}
