import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { cognitoTrustPolicy } from '../../src/policies/trust';
import { sandboxBotId } from '../../src/sandbox/bots';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, run } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

describe('the explorer for screen readers, against the sandbox (extension host)', () => {
  let stateDir: string;
  let endpoint: string;

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-explorer-'));
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir }));
  });
  after(async () => {
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("reads each row as it is shown, label then description, never a tooltip's ARN", async () => {
    const { unauthRoleArn } = await run<{ unauthRoleArn: string }>('setUpBotWebAccess', { name: 'SpokenPool', ...BOT });
    const api = (await activeExtension()).exports;
    const [root] = (await api.explorerItems([]))!;
    assert.ok(root.description, 'the connection shows its account');
    assert.equal(root.accessibilityLabel, `${root.label}, ${root.description}`);
    const pool = (await api.explorerItems([root.label, 'Identity pools']))!.find((item) => item.label === 'SpokenPool');
    assert.equal(pool?.accessibilityLabel, 'SpokenPool, guest access on');
    const role = (await api.explorerItems([root.label, 'Identity pools', 'SpokenPool']))!.find((item) => item.tooltip?.startsWith(unauthRoleArn));
    assert.equal(role?.accessibilityLabel, `${role?.label}, unauthenticated role`);
    for (const item of [root, pool, role]) assert.ok(!item?.accessibilityLabel?.includes('arn:'), `${item?.label} is read without an ARN`);
  });

  it('says the warning a role row shows: a trust policy that does not bind the role to its pool', async () => {
    const { authRoleArn } = await run<{ authRoleArn: string }>('setUpBotWebAccess', { name: 'LoosePool', ...BOT });
    const iam = new IAMClient(sandboxClientConfig(endpoint));
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: authRoleArn.split('/').pop(),
        PolicyDocument: JSON.stringify(cognitoTrustPolicy('us-east-1:99999999-9999-9999-9999-999999999999', 'authenticated')),
      }),
    );
    iam.destroy();
    const api = (await activeExtension()).exports;
    const [root] = (await api.explorerItems([]))!;
    const roles = (await api.explorerItems([root.label, 'Identity pools', 'LoosePool']))!;
    const loose = roles.find((item) => item.tooltip?.startsWith(authRoleArn));
    assert.equal(loose?.accessibilityLabel, `${loose?.label}, authenticated role, warning: its trust policy does not bind it to this pool`);
    const bound = roles.find((item) => item.description === 'unauthenticated role');
    assert.equal(bound?.accessibilityLabel, `${bound?.label}, unauthenticated role`);
  });
});
