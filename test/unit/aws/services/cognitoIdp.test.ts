import * as assert from 'node:assert/strict';
import { ClientFactory } from '../../../../src/aws/clientFactory';
import type { AwsContext } from '../../../../src/aws/context';
import { deleteUserPool, readUserPoolNames } from '../../../../src/aws/services/cognitoIdp';
import { createUserPool, parseCreateUserPoolArgs } from '../../../../src/provisioning/userPool';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { awsContextFor, intercepting } from '../../support';

describe('readUserPoolNames, a user pool and app client by name, against the sandbox', () => {
  let sandbox: RunningSandbox;
  let ctx: AwsContext;
  let users: { userPoolId: string; clientId: string };

  before(async () => {
    sandbox = await startSandboxServer();
    const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
    users = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'NamedUsers' }));
  });
  after(() => sandbox.close());

  it('reads both names, one call each; the pool alone with one call', async () => {
    const sent: string[] = [];
    const spied = intercepting(ctx, () => undefined, sent);
    assert.deepEqual(await readUserPoolNames(spied, users.userPoolId, users.clientId), { userPoolName: 'NamedUsers', clientName: 'chatapp' });
    assert.deepEqual(sent.sort(), ['DescribeUserPoolClientCommand', 'DescribeUserPoolCommand']);
    sent.length = 0;
    assert.deepEqual(await readUserPoolNames(spied, users.userPoolId), { userPoolName: 'NamedUsers', clientName: undefined });
    assert.deepEqual(sent, ['DescribeUserPoolCommand']);
  });

  it('says which is gone: an app client the pool does not have, a deleted pool', async () => {
    const noClient = await readUserPoolNames(ctx, users.userPoolId, '1abcdefghijklmnopqrstuvwxy');
    assert.equal(noClient.userPoolName, 'NamedUsers');
    assert.equal(noClient.problem?.kind, 'clientNotFound');
    assert.equal(noClient.problem?.message, `User pool NamedUsers (${users.userPoolId}) has no app client 1abcdefghijklmnopqrstuvwxy: it was deleted.`);

    const doomed = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'GoneUsers' }));
    await deleteUserPool(ctx, doomed.userPoolId);
    const gone = await readUserPoolNames(ctx, doomed.userPoolId, doomed.clientId);
    assert.deepEqual(gone, {
      userPoolName: undefined,
      clientName: undefined,
      problem: { kind: 'userPoolNotFound', message: `There is no user pool ${doomed.userPoolId} in us-east-1: it was deleted.` },
    });
  });

  it('never throws: a refused read leaves its name out and says why; a pool in another region is not asked for', async () => {
    const denied = Object.assign(new Error('User: arn:aws:iam::123456789012:user/ana is not authorized to perform: cognito-idp:DescribeUserPoolClient'), {
      name: 'AccessDeniedException',
    });
    const refusing = intercepting(ctx, (name) => (name === 'DescribeUserPoolClientCommand' ? denied : undefined));
    const unreadable = await readUserPoolNames(refusing, users.userPoolId, users.clientId);
    assert.equal(unreadable.userPoolName, 'NamedUsers');
    assert.equal(unreadable.clientName, undefined);
    assert.equal(unreadable.problem?.kind, 'unreadable');
    assert.match(unreadable.problem?.message ?? '', /^Could not read the names: .*cognito-idp:DescribeUserPoolClient/);

    const sent: string[] = [];
    const elsewhere = await readUserPoolNames(
      intercepting(ctx, () => undefined, sent),
      'eu-west-1_AbCdEf123',
      users.clientId,
    );
    assert.deepEqual(elsewhere, {
      problem: { kind: 'otherRegion', message: 'User pool eu-west-1_AbCdEf123 is in eu-west-1; this connection reads us-east-1.' },
    });
    assert.deepEqual(sent, []);
  });
});
