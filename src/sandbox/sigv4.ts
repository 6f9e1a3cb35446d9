import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getCanonicalHeaders, SignatureV4Base } from '@smithy/signature-v4';
import type { HttpRequest, SourceData } from '@smithy/types';
import { BoundedMemo } from '../aws/boundedMemo';
import { ServiceError } from './request';

/** SHA-256 (or HMAC-SHA-256 with a key) in the shape @smithy/signature-v4 asks for. */
function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

// The signer's base class asks for one, though building a canonical request hashes nothing.
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;:-]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  readonly method: string;
  /** The path as it came on the wire, still percent-encoded. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface SigningSecret {
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The canonical request exactly as the SDK's own signer (@smithy/signature-v4) writes it: its
 * path escaping, query and header canonicalisation. Only the hashing is done here, synchronously:
 * the signer's general-purpose async path cost several times more per request, on every request
 * the sandbox serves.
 */
class CanonicalRequests extends SignatureV4Base {
  constructor(service: string) {
    // S3 alone signs the path as sent; every other service escapes it again.
    super({ service, region: 'unused', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: Sha256, uriEscapePath: service !== 's3' });
  }

  of(request: HttpRequest, signedHeaders: ReadonlySet<string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, getCanonicalHeaders(request, undefined, signedHeaders as Set<string>), payloadHash);
  }
}

const canonicalRequests = { escaped: new CanonicalRequests('any'), s3: new CanonicalRequests('s3') };

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// Derived signing keys (four HMACs each), by secret, day, region and service. Every issued
// session has its own secret, so the number of keys grows with callers: bounded.
const SIGNING_KEYS = 1000; // well over the sessions × services a local sandbox serves in a day; an eviction costs four HMACs
const signingKeys = new BoundedMemo<string, Buffer>(SIGNING_KEYS);

function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return signingKeys.get([secretAccessKey, day, region, service].join('\u0000'), () => {
    let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`);
    for (const part of [day, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    return key;
  });
}

/** How the protocol names a bad signature: awsQuery says SignatureDoesNotMatch, JSON services InvalidSignatureException. */
export type SignatureErrorCode = 'SignatureDoesNotMatch' | 'InvalidSignatureException';

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6])) : undefined;
}

/**
 * Checks a request's SigV4 signature by signing it again, over the canonical request the SDK's
 * own signer would write for exactly the headers the caller signed. Throws AWS's error when it does not match,
 * is stale, or is signed with a session token other than the key's.
 */
export function verifySignature(request: SignedRequest, secret: SigningSecret, code: SignatureErrorCode, now = new Date()): void {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  if (!match) throw new ServiceError('IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature.', 403);
  const [, , , region, service, signedHeaderList, signature] = match;
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw new ServiceError('IncompleteSignature', 'Authorization requires the X-Amz-Date header.', 403);
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new ServiceError(
      code,
      `Signature expired: ${amzDate} is now earlier than ${new Date(now.getTime() - MAX_SKEW_MS).toISOString().replace(/[-:]|\.\d{3}/g, '')} (${now.toISOString().replace(/[-:]|\.\d{3}/g, '')} - 15 min.)`,
      403,
    );
  }
  const sentToken = request.headers['x-amz-security-token'];
  if ((secret.sessionToken ?? undefined) !== (sentToken ?? undefined)) {
    throw new ServiceError(
      code === 'SignatureDoesNotMatch' ? 'InvalidClientTokenId' : 'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    );
  }

  const signedHeaders = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw new ServiceError(code, `The request signature names header ${name}, which the request does not have.`, 403);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    const values = request.query.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  // As the signer does: a signed x-amz-content-sha256 stands for the body (S3's UNSIGNED-PAYLOAD).
  const payloadHash = headers['x-amz-content-sha256'] ?? sha256Hex(request.body);
  const canonical = (service === 's3' ? canonicalRequests.s3 : canonicalRequests.escaped).of(
    { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path: request.rawPath, query, headers },
    new Set(signedHeaders),
    payloadHash,
  );
  const day = amzDate.slice(0, 8);
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${day}/${region}/${service}/aws4_request\n${sha256Hex(canonical)}`;
  const expected = createHmac('sha256', signingKey(secret.secretAccessKey, day, region, service))
    .update(stringToSign)
    .digest('hex');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new ServiceError(
      code,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
}
