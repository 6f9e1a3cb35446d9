// CORS for web pages that call the sandbox from a browser (amazon-cognito-identity-js, the AWS
// SDK for JavaScript, the Lex web UI): which origins may, which headers they may send and read.
// Pure rules; the server asks them once per request.
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxResponse } from './request';

/** Methods a page may use: those the services' protocols take, and the preflight's own. */
export const ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

/**
 * Request headers a page may send, beyond the prefixes below: what the AWS SDKs and
 * amazon-cognito-identity-js set (signature, body type, cache control), and the headers a browser
 * lists although they are safelisted (when their values are not).
 */
const ALLOWED_HEADERS = new Set(['authorization', 'content-type', 'cache-control', 'accept', 'accept-language', 'content-language']);
/** x-amz-date, x-amz-target, x-amz-security-token, x-amz-user-agent, x-amz-lex-session-state, …; amz-sdk-invocation-id, amz-sdk-request. */
const ALLOWED_HEADER_PREFIXES: readonly string[] = ['x-amz-', 'amz-sdk-'];

/**
 * Response headers a page's SDK reads, which a browser hides unless exposed: the request id and
 * error type (every protocol), and what Lex Runtime V2 answers in headers (RecognizeText answers
 * in its body; RecognizeUtterance and the session calls in these). Content-Type is safelisted.
 */
export const EXPOSED_HEADERS: readonly string[] = [
  'x-amzn-requestid',
  'x-amzn-request-id',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-errortype',
  'x-amzn-errormessage',
  'date',
  'x-amz-lex-session-id',
  'x-amz-lex-session-state',
  'x-amz-lex-messages',
  'x-amz-lex-interpretations',
  'x-amz-lex-request-attributes',
  'x-amz-lex-input-transcript',
  'x-amz-lex-input-mode',
  'x-amz-lex-recognized-bot-member',
];

/** How long a browser may reuse a preflight's answer, in seconds. */
export const MAX_AGE_SECONDS = 600;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether an origin is a page served from this machine: http or https on localhost, 127.0.0.1 or
 * [::1], any port. Only an exact origin counts (`http://localhost.evil.com`,
 * `http://127.0.0.1.nip.io` and `null` do not).
 */
export function isLoopbackOrigin(origin: string): boolean {
  const url = parseOrigin(origin);
  return url !== undefined && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * An origin as a browser sends it (`scheme://host[:port]`, lower case, default port left out),
 * from what a person wrote (a trailing slash and upper case are forgiven); throws on anything
 * else, saying what an origin is.
 */
export function normaliseOrigin(entry: string): string {
  const url = parseOrigin(entry, true);
  if (!url) {
    throw new Error(`"${entry}" is not an origin: give the scheme, host and port a page is served from, such as http://devbox.local:8080 (no path).`);
  }
  return url.origin;
}

function parseOrigin(text: string, lenient = false): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (lenient) return url.username || url.password || url.pathname !== '/' || url.search || url.hash ? undefined : url;
  // A browser sends the origin serialised; anything else is not one.
  return url.origin === text ? url : undefined;
}

/** The origins a sandbox allows: loopback always, and these exact ones. */
export class CorsPolicy {
  private readonly extra: ReadonlySet<string>;

  /** Throws on an entry that is not an origin. */
  constructor(allowedOrigins: readonly string[] = []) {
    this.extra = new Set(allowedOrigins.map(normaliseOrigin));
  }

  allows(origin: string): boolean {
    return this.extra.has(origin) || isLoopbackOrigin(origin);
  }

  /**
   * The answer to a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method), or
   * undefined when the request is not one. A preflight carries no signature and needs none.
   */
  preflight(headers: IncomingHttpHeaders, method: string): { response: SandboxResponse; refused?: string } | undefined {
    const origin = single(headers.origin);
    const requestMethod = single(headers['access-control-request-method']);
    if (method !== 'OPTIONS' || origin === undefined || requestMethod === undefined) return undefined;
    if (!this.allows(origin)) {
      return {
        refused: 'origin not allowed',
        response: refusal(
          { vary: 'Origin' },
          `The sandbox does not allow requests from pages at ${origin}. Pages on loopback (http://localhost:PORT, http://127.0.0.1:PORT, http://[::1]:PORT) are allowed; ` +
            `allow this origin with --allow-origin ${origin} (npm run sandbox) or the setting cognitoBot.sandbox.allowedOrigins.`,
        ),
      };
    }
    const allowOrigin = { 'access-control-allow-origin': origin, vary: 'Origin' };
    if (!ALLOWED_METHODS.includes(requestMethod)) {
      return {
        refused: 'method not allowed',
        response: refusal(allowOrigin, `The sandbox does not take ${requestMethod} requests; it takes ${ALLOWED_METHODS.join(', ')}.`),
      };
    }
    const requested = (single(headers['access-control-request-headers']) ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const refusedHeaders = requested.filter((name) => !headerAllowed(name));
    if (refusedHeaders.length > 0) {
      return {
        refused: 'header not allowed',
        response: refusal(
          allowOrigin,
          `The sandbox does not take the request header${refusedHeaders.length > 1 ? 's' : ''} ${refusedHeaders.join(', ')}; it takes those the AWS SDKs send (authorization, content-type, x-amz-*, amz-sdk-*, …).`,
        ),
      };
    }
    return {
      response: {
        status: 200,
        headers: {
          ...allowOrigin,
          'access-control-allow-methods': ALLOWED_METHODS.join(', '),
          ...(requested.length > 0 ? { 'access-control-allow-headers': requested.join(', ') } : {}),
          'access-control-max-age': String(MAX_AGE_SECONDS),
        },
        body: '',
      },
    };
  }

  /**
   * Headers to add to the answer of a request (not a preflight): CORS headers for an allowed
   * origin, only Vary for another (the browser then keeps the answer from the page), none
   * without an Origin (SDKs and the CLI send none).
   */
  responseHeaders(headers: IncomingHttpHeaders): { headers: Record<string, string>; refused?: string } {
    const origin = single(headers.origin);
    if (origin === undefined) return { headers: {} };
    if (!this.allows(origin)) return { headers: { vary: 'Origin' }, refused: 'origin not allowed, no CORS headers' };
    return { headers: { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS.join(', '), vary: 'Origin' } };
  }
}

/** Whether a page may send this request header (lower case). */
export function headerAllowed(name: string): boolean {
  return ALLOWED_HEADERS.has(name) || ALLOWED_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
}

function refusal(headers: Record<string, string>, message: string): SandboxResponse {
  return { status: 403, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
