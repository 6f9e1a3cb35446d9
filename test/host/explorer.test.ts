import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sandboxBotId } from '../../src/sandbox/bots';
import { activeExtension, run } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

describe('the explorer for screen readers, against the sandbox (extension host)', () => {
  let stateDir: string;

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-explorer-'));
    await run('startSandbox', { stateDir });
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
});
