import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SrpClient, srpTimestamp } from '../../../src/aws/srpClient';
import { makeVerifier, serverChallenge, verifyPasswordClaim } from '../../../src/sandbox/srp';

// amazon-cognito-identity-js is the library a web page signs in with (a dev dependency here):
// the SRP client must compute what it computes, step for step.
// Its typings leave out the helpers used here.
/* eslint-disable @typescript-eslint/no-require-imports */
const { AuthenticationHelper, DateHelper } = require('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (poolName: string) => Helper;
  DateHelper: new () => { getNowString(): string };
};
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default as new (value: string, radix: number) => unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

interface Helper {
  getSmallAValue(): { toString(radix: number): string };
  getLargeAValue(callback: (error: unknown, value: { toString(radix: number): string }) => void): void;
  getPasswordAuthenticationKey(username: string, password: string, serverB: unknown, salt: unknown, callback: (error: unknown, key: Buffer) => void): void;
}

describe('aws/srpClient', () => {
  it('writes TIMESTAMP as amazon-cognito-identity-js does', () => {
    for (;;) {
      const before = new Date();
      const theirs = new DateHelper().getNowString();
      if (new Date().getUTCSeconds() !== before.getUTCSeconds()) continue; // a second boundary: again
      assert.equal(srpTimestamp(before), theirs);
      break;
    }
    assert.equal(srpTimestamp(new Date('2024-03-05T09:07:03Z')), 'Tue Mar 5 09:07:03 UTC 2024');
  });

  it('computes A and the password claim signature as amazon-cognito-identity-js does, and the sandbox accepts it', async () => {
    const userPoolId = 'us-east-1_AbCdEf123';
    const poolName = 'AbCdEf123';
    const userId = 'ada';
    const password = 'Chat-Passw0rd!';
    const helper = new AuthenticationHelper(poolName);
    const a = BigInt(`0x${helper.getSmallAValue().toString(16)}`);
    const ours = new SrpClient(userPoolId, a);
    const theirA = await new Promise<string>((resolve, reject) =>
      helper.getLargeAValue((error, value) => (error ? reject(error) : resolve(value.toString(16)))),
    );
    assert.equal(ours.srpA, theirA);

    const { salt, verifier } = makeVerifier(poolName, userId, password);
    const { b, B } = serverChallenge(verifier);
    const secretBlock = Buffer.from('a secret block from the server').toString('base64');
    const now = new Date('2024-03-05T09:07:03Z');
    const answer = ours.respond({ SALT: salt, SRP_B: B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId }, password, now);

    const key = await new Promise<Buffer>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(userId, password, new BigInteger(B, 16), new BigInteger(salt, 16), (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    const message = Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(secretBlock, 'base64'), Buffer.from(answer.TIMESTAMP)]);
    assert.deepEqual(answer, {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: 'Tue Mar 5 09:07:03 UTC 2024',
      PASSWORD_CLAIM_SIGNATURE: createHmac('sha256', key).update(message).digest('base64'),
    });
    assert.equal(
      verifyPasswordClaim({
        poolName,
        userId,
        verifier,
        A: ours.srpA,
        B,
        b,
        secretBlock,
        timestamp: answer.TIMESTAMP,
        signature: answer.PASSWORD_CLAIM_SIGNATURE,
      }),
      true,
    );
    const wrong = new SrpClient(userPoolId, a).respond({ SALT: salt, SRP_B: B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId }, 'not the password', now);
    assert.equal(
      verifyPasswordClaim({
        poolName,
        userId,
        verifier,
        A: ours.srpA,
        B,
        b,
        secretBlock,
        timestamp: wrong.TIMESTAMP,
        signature: wrong.PASSWORD_CLAIM_SIGNATURE,
      }),
      false,
    );
  });
});
