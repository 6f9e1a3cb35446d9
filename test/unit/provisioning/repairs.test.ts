import * as assert from 'node:assert/strict';
import { roleNameFromArn } from '../../../src/aws/arns';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { AwsContext } from '../../../src/aws/context';
import { createIdentityPool, parseCreateIdentityPoolArgs } from '../../../src/provisioning/identityPool';
import { applyRepair, parseRepairArgs } from '../../../src/provisioning/repairs';
import { createUserPool, parseCreateUserPoolArgs } from '../../../src/provisioning/userPool';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { awsContextFor } from '../support';

// What the doctor's repairs say they did: the pools and app clients a person knows by name,
// each with the id it is found by.

describe("the setup doctor's repairs against the sandbox (what they say)", () => {
  let sandbox: RunningSandbox;
  let factory: ClientFactory;
  let ctx: AwsContext;
  const repair = (args: Record<string, unknown>) => applyRepair(async () => ctx, parseRepairArgs(args));

  before(async () => {
    sandbox = await startSandboxServer();
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
  });
  after(async () => {
    factory.clear();
    await sandbox.close();
  });

  it('name the identity pool, the role and the app client they changed, with their ids', async () => {
    const pool = await createIdentityPool(ctx, parseCreateIdentityPoolArgs({ name: 'RepairPool', allowUnauthenticated: false }));
    const users = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'RepairUsers', authFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }));
    const named = `RepairPool (${pool.identityPoolId})`;
    const guestRole = roleNameFromArn(pool.unauthRoleArn);

    assert.equal(
      await repair({ repair: 'setGuestAccess', identityPoolId: pool.identityPoolId, allowUnauthenticated: true }),
      `Guest access is on for ${named}.`,
    );
    assert.equal(
      await repair({ repair: 'linkUserPool', identityPoolId: pool.identityPoolId, userPoolId: users.userPoolId, clientId: users.clientId }),
      `Identity pool ${named} now trusts user pool ${users.userPoolId} with app client ${users.clientId}.`,
    );
    assert.equal(
      await repair({ repair: 'rewriteTrust', roleName: guestRole, identityPoolId: pool.identityPoolId, amr: 'unauthenticated' }),
      `Role ${guestRole} now trusts the unauthenticated identities of identity pool ${named} (through Cognito).`,
    );
    assert.equal(
      await repair({ repair: 'setPoolRole', identityPoolId: pool.identityPoolId, kind: 'unauthenticated', roleName: 'RepairGuests' }),
      `Role RepairGuests is now the unauthenticated role of identity pool ${named}.`,
    );
    assert.match(
      await repair({ repair: 'allowClientFlows', userPoolId: users.userPoolId, clientId: users.clientId, flows: ['ALLOW_USER_SRP_AUTH'] }),
      new RegExp(`^App client chatapp \\(${users.clientId}\\) now allows `),
    );
  });
});
