import * as assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import fc from 'fast-check';
import { type SignedRequest, verifySignature } from '../../../src/sandbox/sigv4';

// The sandbox checks signatures with its own synchronous path over the SDK signer's canonical
// form; the SDK's signer (@smithy/signature-v4, as every v3 client uses it) is the oracle here.

class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', Buffer.from(secret as Uint8Array)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data as Uint8Array));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** Percent-encoding as the SDK writes paths and query strings on the wire. */
const escape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Case {
  method: string;
  service: string;
  segments: string[];
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: string;
  sessionToken?: string;
}

const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcXYZ019 -_.~/+=&?%:é😀'.split(/(?:)/u)) });
const cases: fc.Arbitrary<Case> = fc.record(
  {
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    service: fc.constantFrom('lex', 'iam', 'sts', 'cognito-idp', 's3'),
    segments: fc.array(word, { maxLength: 4 }),
    query: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'aBc-_.~ é'.split(/(?:)/u)) }),
      fc.array(word, { minLength: 1, maxLength: 3 }),
      { maxKeys: 3 },
    ),
    headers: fc.dictionary(
      fc.stringMatching(/^x-amz-meta-[a-z]{1,6}$/),
      fc.string({ minLength: 1, maxLength: 16, unit: fc.constantFrom(...'ab  \t1,;='.split('')) }).map((v) => v.trim() || 'v'),
      { maxKeys: 3 },
    ),
    body: fc.string({ maxLength: 40 }),
    sessionToken: fc.option(fc.string({ minLength: 8, maxLength: 30, unit: fc.constantFrom(...'AZaz09+/='.split('')) }), { nil: undefined }),
  },
  { requiredKeys: ['method', 'service', 'segments', 'query', 'headers', 'body'] },
);

const SECRET = 'sandbox-test-secret';
const DATE = new Date('2026-11-23T10:00:00Z');

/** Signs a case with the SDK's signer; returns the request as the sandbox reads it off the wire. */
async function signed(c: Case): Promise<SignedRequest> {
  const rawPath = `/${c.segments.map(escape).join('/')}`;
  const signer = new SignatureV4({
    service: c.service,
    region: 'us-east-1',
    credentials: { accessKeyId: 'ASIATESTKEY000000000', secretAccessKey: SECRET, sessionToken: c.sessionToken },
    sha256: Sha256,
    uriEscapePath: c.service !== 's3',
    applyChecksum: c.service === 's3',
  });
  const request = await signer.sign(
    {
      method: c.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: rawPath,
      query: c.query,
      headers: { host: '127.0.0.1:4566', 'content-type': 'application/json', 'user-agent': 'aws-sdk-js/3', ...c.headers },
      body: c.body,
    },
    { signingDate: DATE },
  );
  const queryString = Object.entries(c.query)
    .flatMap(([key, values]) => values.map((value) => `${escape(key)}=${escape(value)}`))
    .join('&');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: c.method, rawPath, query: new URLSearchParams(queryString), headers, body: Buffer.from(c.body) };
}

const verify = (request: SignedRequest, sessionToken?: string, secret = SECRET) =>
  verifySignature(request, { secretAccessKey: secret, sessionToken }, 'SignatureDoesNotMatch', new Date(DATE.getTime() + 60_000));

const mismatch = { name: 'Error', message: /The request signature we calculated does not match/ };

describe('sandbox/sigv4: checking signatures the SDK signer made', () => {
  it('accepts every request the SDK signed, whatever its path, query, headers and body', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        verify(await signed(c), c.sessionToken);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses it once its method, path, query, a signed header, body or the secret differs', async () => {
    const tampers: Array<[string, (r: SignedRequest) => SignedRequest]> = [
      ['method', (r) => ({ ...r, method: r.method === 'GET' ? 'POST' : 'GET' })],
      ['path', (r) => ({ ...r, rawPath: `${r.rawPath}x` })],
      ['query', (r) => ({ ...r, query: new URLSearchParams([...r.query, ['extra', '1']]) })],
      ['signed header', (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } })],
      ['body', (r) => ({ ...r, body: Buffer.concat([r.body, Buffer.from(' ')]) })],
    ];
    await fc.assert(
      fc.asyncProperty(cases, fc.constantFrom(...tampers), async (c, [, tamper]) => {
        const request = await signed(c);
        // S3 signs the payload's hash header, not the body itself.
        fc.pre(!(c.service === 's3' && tamper === tampers[4][1]));
        assert.throws(() => verify(tamper(request), c.sessionToken), mismatch);
      }),
      { numRuns: 200 },
    );
    const request = await signed({ method: 'POST', service: 'lex', segments: ['bots'], query: {}, headers: {}, body: '{}' });
    assert.throws(() => verify(request, undefined, 'another-secret'), mismatch);
  });

  it('ignores headers the caller did not sign, as AWS does', async () => {
    const request = await signed({ method: 'POST', service: 'lex', segments: ['bots', 'B1'], query: {}, headers: {}, body: '{"text":"hi"}' });
    verify({ ...request, headers: { ...request.headers, 'user-agent': 'something else', 'x-forwarded-for': '10.0.0.1' } });
  });

  it("takes a signed x-amz-content-sha256 (S3's UNSIGNED-PAYLOAD) for the body, as the signer does", async () => {
    const request = await signed({
      method: 'PUT',
      service: 's3',
      segments: ['bucket', 'key'],
      query: {},
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: 'streamed',
    });
    verify({ ...request, body: Buffer.from('streamed, and not hashed') });
  });

  it('refuses a session token other than the one the key was issued with', async () => {
    const request = await signed({ method: 'POST', service: 'lex', segments: ['bots'], query: {}, headers: {}, body: '', sessionToken: 'token-one' });
    assert.throws(() => verify(request, 'token-two'), { message: /security token included in the request is invalid/ });
  });
});
