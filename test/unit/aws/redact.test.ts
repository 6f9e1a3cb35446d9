import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/aws/redact';

describe('aws/redact', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const jwt = 'eyJraWQiOiJrZXkifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz';

  it('removes secret keys, session tokens and passwords in JSON, ini and XML', () => {
    const text = [
      `{"SecretAccessKey":"${secret}","SessionToken":"IQoJb3JpZ2luX2VjEXAMPLE"}`,
      `aws_secret_access_key = ${secret}`,
      `<SecretAccessKey>${secret}</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLE</SessionToken>`,
      `password: hunter2hunter2`,
    ].join('\n');
    const redacted = redactSecrets(text);
    assert.ok(!redacted.includes(secret), redacted);
    assert.ok(!redacted.includes('IQoJb3JpZ2luX2VjEXAMPLE'), redacted);
    assert.ok(!redacted.includes('FwoGZXIvYXdzEXAMPLE'), redacted);
    assert.ok(!redacted.includes('hunter2hunter2'), redacted);
  });

  it('removes JWTs and SigV4 signatures, and shortens access key ids as the console does', () => {
    const redacted = redactSecrets(`IdToken ${jwt} Signature=${'a'.repeat(64)} key ASIAIOSFODNN7EXAMPLE`);
    assert.ok(!redacted.includes(jwt));
    assert.ok(!redacted.includes('a'.repeat(64)));
    assert.match(redacted, /ASIA.*…MPLE/);
    assert.ok(!redacted.includes('ASIAIOSFODNN7EXAMPLE'));
  });

  it('leaves ordinary text alone', () => {
    const text = 'Created user pool us-east-1_AbCdEfGhI with client chatapp';
    assert.equal(redactSecrets(text), text);
  });
});
