import * as assert from 'node:assert/strict';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxAdminCredentials, type SandboxCredentials, sandboxClientConfig } from '../../support/sandboxClients';

describe('sandbox/server', () => {
  let sandbox: RunningSandbox;
  let lines: string[];
  const config = () => sandboxClientConfig(sandbox.endpoint);

  before(async () => {
    lines = [];
    sandbox = await startSandboxServer({ onRequest: (line) => lines.push(line) });
  });
  after(() => sandbox.close());

  it('listens on loopback only', () => {
    assert.match(sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers STS GetCallerIdentity over awsQuery for the admin keys', async () => {
    const answer = await new STSClient(config()).send(new GetCallerIdentityCommand({}));
    assert.equal(answer.Account, '000000000000');
    assert.equal(answer.UserId, 'AIDASANDBOXADMIN0000');
    assert.ok(
      lines.some((l) => /POST sts \/ -> 200/.test(l)),
      lines.join('\n'),
    );
  });

  it('rejects unknown keys as STS does', async () => {
    const client = new STSClient({ ...config(), credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
    await assert.rejects(
      client.send(new GetCallerIdentityCommand({})),
      (error: Error) => error.name === 'InvalidClientTokenId' && /security token/.test(error.message),
    );
  });

  it('answers operations it does not serve yet in each protocol, never by crashing', async () => {
    await assert.rejects(new IAMClient(config()).send(new ListUsersCommand({})), (error: Error) => error.name === 'InvalidAction');
    await assert.rejects(
      new CognitoIdentityProviderClient(config()).send(new AdminAddUserToGroupCommand({ UserPoolId: 'us-east-1_AbCdEfGhI', Username: 'x', GroupName: 'g' })),
      (error: Error) => error.name === 'UnknownOperationException',
    );
    // still serving afterwards
    assert.equal((await new STSClient(config()).send(new GetCallerIdentityCommand({}))).Account, '000000000000');
  });
});

describe('sandbox/server: request signatures', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandboxServer()));
  after(() => sandbox.close());
  const sts = (credentials: SandboxCredentials, systemClockOffset = 0) =>
    new STSClient(sandboxClientConfig(sandbox.endpoint, { credentials, systemClockOffset }));

  it('verifies SigV4: the right secret passes, a wrong one fails with SignatureDoesNotMatch', async () => {
    assert.equal((await sts(sandboxAdminCredentials()).send(new GetCallerIdentityCommand({}))).Account, '000000000000');
    await assert.rejects(sts({ ...sandboxAdminCredentials(), secretAccessKey: 'not-the-secret' }).send(new GetCallerIdentityCommand({})), {
      name: 'SignatureDoesNotMatch',
      message: /The request signature we calculated does not match the signature you provided/,
    });
  });

  it('refuses a signature more than 15 minutes old', async () => {
    // A client whose clock is 20 minutes behind signs with a stale date.
    await assert.rejects(sts(sandboxAdminCredentials(), -20 * 60 * 1000).send(new GetCallerIdentityCommand({})), {
      name: 'SignatureDoesNotMatch',
      message: /^Signature expired/,
    });
  });

  it('refuses a session token the key was not issued with', async () => {
    await assert.rejects(sts({ ...sandboxAdminCredentials(), sessionToken: 'forged' }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
    });
  });
});
