import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CognitoBotApi } from '../../src/extension';
import { activeExtension, commandError, run } from './support';

const TEMPLATE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'cloudformation', 'bot-web-access.yaml');

interface Deployed {
  file: string;
  stackName: string;
  status: string;
  changed: boolean;
  outputs: Record<string, string>;
}

describe('cognitoBot.deployToSandbox (extension host)', function () {
  this.timeout(120_000);
  let api: CognitoBotApi;
  let stateDir: string;
  let folder: string;

  before(async () => {
    api = (await activeExtension()).exports;
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-deploy-state-'));
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-deploy-'));
    fs.copyFileSync(TEMPLATE, path.join(folder, 'bot-web-access.yaml'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('says to start the sandbox when the connection is not it', async () => {
    await run('stopSandbox', undefined);
    const error = await commandError('cognitoBot.deployToSandbox', { path: path.join(folder, 'bot-web-access.yaml') });
    assert.match(error.message, /deploys to the local sandbox, and the current connection is not it/);
  });

  it('deploys a template to the sandbox: its outputs come back, and what it made is in the explorer', async () => {
    await run('startSandbox', { stateDir });
    const file = path.join(folder, 'bot-web-access.yaml');
    const result = await run<Deployed>('deployToSandbox', { path: file, stackName: 'web-access', parameters: { PoolName: 'DeployedVisitors' } });
    assert.equal(result.file, file);
    assert.equal(result.status, 'CREATE_COMPLETE');
    assert.equal(result.changed, true);
    assert.match(result.outputs.IdentityPoolId, /^us-east-1:[0-9a-f-]{36}$/);
    // The fixture names the identity pool PoolName_Stage.
    const [root] = (await api.explorerItems([]))!;
    const pools = await api.explorerItems([root.label, 'Identity pools'], { loadAll: true });
    assert.ok(
      pools?.some((item) => item.label === 'DeployedVisitors_dev'),
      JSON.stringify(pools?.map((p) => p.label)),
    );
    // Again with the same template and parameters: nothing to deploy, the same outputs.
    const again = await run<Deployed>('deployToSandbox', { path: file, stackName: 'web-access', parameters: { PoolName: 'DeployedVisitors' } });
    assert.deepEqual(again, { ...result, changed: false });
  });

  it('a resource type the sandbox does not run fails the deployment with a message naming it', async () => {
    const file = path.join(folder, 'lambda.yaml');
    fs.writeFileSync(file, 'Resources:\n  Hook:\n    Type: AWS::Lambda::Function\n    Properties: { Runtime: nodejs20.x }\n');
    const error = await commandError('cognitoBot.deployToSandbox', { path: file });
    assert.match(
      error.message,
      /Stack lambda ended ROLLBACK_COMPLETE: Hook \(AWS::Lambda::Function\) failed: .*AWS::Lambda::Function is not supported by the sandbox/,
    );
  });
});
