import * as assert from 'node:assert/strict';
import { InvalidArgumentsError } from '../../../src/aws/errors';
import { connectionKey, describeConnection, sameConnection } from '../../../src/aws/connection';
import { parseConnectionRequest } from '../../../src/aws/connectionRequest';

describe('aws/connection', () => {
  describe('parseConnectionRequest', () => {
    it('accepts a profile with or without a region', () => {
      assert.deepEqual(parseConnectionRequest({ profile: 'dev', region: 'eu-west-1' }), { kind: 'profile', profile: 'dev', region: 'eu-west-1' });
      assert.deepEqual(parseConnectionRequest({ profile: 'dev' }), { kind: 'profile', profile: 'dev', region: undefined });
    });

    it('accepts a sandbox endpoint on loopback and normalises it to an origin', () => {
      assert.deepEqual(parseConnectionRequest({ sandbox: { endpoint: 'http://localhost:4599/' } }), {
        kind: 'sandbox',
        endpoint: 'http://localhost:4599',
        region: undefined,
      });
      assert.deepEqual(parseConnectionRequest({ sandbox: {} }), { kind: 'sandbox', endpoint: undefined, region: undefined });
    });

    const rejected: Array<[string, unknown, RegExp]> = [
      ['no object', 'dev', /Expected \{ profile, region \}/],
      ['neither key', { region: 'us-east-1' }, /Expected/],
      ['both keys', { profile: 'a', sandbox: {} }, /not both/],
      ['a bad region', { profile: 'dev', region: 'Frankfurt' }, /region code such as us-east-1/],
      ['a profile that is not a string', { profile: 42 }, /profile name/],
      ['a non-loopback sandbox', { sandbox: { endpoint: 'http://10.0.0.5:4599' } }, /loopback/],
      ['a sandbox URL with a path', { sandbox: { endpoint: 'http://127.0.0.1:4599/api' } }, /bare origin/],
      ['a sandbox endpoint that is no URL', { sandbox: { endpoint: 'localhost' } }, /not a URL/],
      ['a sandbox over ftp', { sandbox: { endpoint: 'ftp://127.0.0.1:21' } }, /http:\/\//],
    ];
    for (const [what, args, message] of rejected) {
      it(`rejects ${what} with a message that says what is expected`, () => {
        assert.throws(
          () => parseConnectionRequest(args),
          (error: Error) => error instanceof InvalidArgumentsError && message.test(error.message),
        );
      });
    }
  });

  it('keys and describes connections so caches and labels tell them apart', () => {
    const a = { kind: 'profile', profile: 'dev', region: 'us-east-1' } as const;
    const b = { kind: 'profile', profile: 'dev', region: 'eu-west-1' } as const;
    const s = { kind: 'sandbox', endpoint: 'http://127.0.0.1:4599', region: 'us-east-1' } as const;
    assert.notEqual(connectionKey(a), connectionKey(b));
    assert.notEqual(connectionKey(a), connectionKey(s));
    assert.ok(sameConnection(a, { ...a }));
    assert.ok(!sameConnection(a, b));
    assert.equal(describeConnection(a), 'dev · us-east-1');
    assert.equal(describeConnection(s), 'Sandbox 127.0.0.1:4599 · us-east-1');
  });
});
