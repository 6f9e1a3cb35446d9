import { InvalidArgumentsError } from './errors';
import { isRegion } from './ids';

// What `cognitoBot.selectConnection` is asked for, checked before anything connects.

const PROFILE_PATTERN = /^[A-Za-z0-9_.@+\-/]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What `cognitoBot.selectConnection` accepts as its args object. */
export type ConnectionRequest =
  | { readonly kind: 'profile'; readonly profile: string; readonly region?: string }
  | { readonly kind: 'sandbox'; readonly endpoint?: string; readonly region?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalRegion(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isRegion(value)) {
    throw new InvalidArgumentsError(`"region" must be an AWS region code such as us-east-1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Checks that an endpoint is an http(s) URL on this machine, and normalises it. */
export function normaliseSandboxEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentsError(`The sandbox endpoint ${JSON.stringify(value)} is not a URL; use one like http://127.0.0.1:4599.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentsError(`The sandbox endpoint must start with http:// or https://; got ${value}.`);
  }
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    // The sandbox's admin keys are meant for this machine only.
    throw new InvalidArgumentsError(`The sandbox endpoint must be on loopback (127.0.0.1, localhost or [::1]); got ${url.hostname}.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new InvalidArgumentsError(`The sandbox endpoint is a bare origin such as http://127.0.0.1:4599; remove "${url.pathname}${url.search}${url.hash}".`);
  }
  return url.origin;
}

/**
 * Validates the args object of `cognitoBot.selectConnection`:
 * `{ profile, region? }` or `{ sandbox: { endpoint?, region? } }` (no endpoint: the built-in sandbox).
 */
export function parseConnectionRequest(args: unknown): ConnectionRequest {
  if (!isRecord(args)) {
    throw new InvalidArgumentsError('Expected { profile, region } or { sandbox: { endpoint } }.');
  }
  if ('sandbox' in args && 'profile' in args) {
    throw new InvalidArgumentsError('Give either "profile" or "sandbox", not both.');
  }
  if ('sandbox' in args) {
    const sandbox = args.sandbox ?? {};
    if (!isRecord(sandbox)) {
      throw new InvalidArgumentsError('"sandbox" must be an object such as { endpoint: "http://127.0.0.1:4599" }.');
    }
    const endpoint = sandbox.endpoint;
    if (endpoint !== undefined && typeof endpoint !== 'string') {
      throw new InvalidArgumentsError('"sandbox.endpoint" must be a string URL.');
    }
    return {
      kind: 'sandbox',
      endpoint: endpoint === undefined ? undefined : normaliseSandboxEndpoint(endpoint),
      region: optionalRegion(sandbox.region ?? args.region),
    };
  }
  if ('profile' in args) {
    const profile = args.profile;
    if (typeof profile !== 'string' || !PROFILE_PATTERN.test(profile)) {
      throw new InvalidArgumentsError(`"profile" must be a profile name from your AWS config files; got ${JSON.stringify(profile)}.`);
    }
    return { kind: 'profile', profile, region: optionalRegion(args.region) };
  }
  throw new InvalidArgumentsError('Expected { profile, region } or { sandbox: { endpoint } }.');
}
