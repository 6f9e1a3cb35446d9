import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { sandboxBotId } from '../../src/sandbox/bots';
import { acceptEveryStep, activeExtension, commandError, run, runInteractive } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

/** A parsed template, read by path (any shape: the assertions say what it must be). */
interface Loose {
  readonly [key: string | number]: Loose;
}

interface Template {
  Resources: Record<string, { Type: string; Properties: Loose }>;
  Outputs: Record<string, { Value: unknown }>;
}

describe('cognitoBot.exportSetup against the sandbox (extension host)', function () {
  this.timeout(120_000);
  let stateDir: string;
  let outDir: string;
  let identityPoolId: string;

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-export-state-'));
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-export-out-'));
    await run('startSandbox', { stateDir });
    ({ identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', { name: 'ExportedGuests', ...BOT }));
    const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: 'ExportedUsers' });
    await run('linkUserPool', { identityPoolId, ...users });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the set-up bot web access as a CloudFormation template with its user pool, and opens it', async () => {
    const file = path.join(outDir, 'setup.yaml');
    const result = await run<{ file: string }>('exportSetup', { identityPoolId, format: 'cloudformation', includeUserPool: true, path: file });
    assert.equal(result.file, file);
    const template = parse(fs.readFileSync(file, 'utf8')) as Template;
    assert.deepEqual(
      Object.values(template.Resources)
        .map((r) => r.Type)
        .sort(),
      [
        'AWS::Cognito::IdentityPool',
        'AWS::Cognito::IdentityPoolRoleAttachment',
        'AWS::Cognito::UserPool',
        'AWS::Cognito::UserPoolClient',
        'AWS::IAM::Role',
        'AWS::IAM::Role',
      ],
    );
    const trust = template.Resources.UnauthenticatedRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
    assert.deepEqual(trust.StringEquals, { 'cognito-identity.amazonaws.com:aud': { Ref: 'IdentityPool' } });
    assert.equal(template.Outputs.BotId.Value, BOT.botId);
    assert.equal(template.Outputs.BotAliasId.Value, BOT.botAliasId);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
  });

  it('refuses to replace an existing file unless told to (overwrite: true), and writes Terraform and CDK too', async () => {
    const file = path.join(outDir, 'setup.tf');
    fs.writeFileSync(file, '# mine\n');
    const error = await commandError('cognitoBot.exportSetup', { identityPoolId, format: 'terraform', path: file });
    assert.match(error.message, /exists already.*"overwrite": true/);
    assert.equal(fs.readFileSync(file, 'utf8'), '# mine\n');
    await run('exportSetup', { identityPoolId, format: 'terraform', path: file, overwrite: true });
    assert.match(fs.readFileSync(file, 'utf8'), /resource "aws_cognito_identity_pool_roles_attachment"/);
    const stack = path.join(outDir, 'CognitoBotSetupStack.ts');
    await run('exportSetup', { identityPoolId, format: 'cdk', path: stack });
    assert.match(fs.readFileSync(stack, 'utf8'), /new CfnIdentityPool\(this, 'IdentityPool'/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, stack);
  });

  it("from an identity pool's context menu, takes each offered answer (CloudFormation, with the user pool) and saves in the workspace", async () => {
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'cognito-bot-setup.yaml');
    assert.equal(fs.existsSync(file), false, `${file} is left from an earlier run`);
    try {
      // What the explorer hands the command: its node, not an args object.
      const node = new (class IdentityPoolItem {
        readonly identityPoolId = identityPoolId;
      })();
      const result = await acceptEveryStep(runInteractive<{ file: string }>('exportSetup', node), 60_000);
      assert.equal(result.file, file);
      const template = parse(fs.readFileSync(file, 'utf8')) as Template;
      assert.equal(template.Resources.UserPool.Type, 'AWS::Cognito::UserPool');
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('says which formats there are when the format is not one', async () => {
    const error = await commandError('cognitoBot.exportSetup', { identityPoolId, format: 'pulumi', path: path.join(outDir, 'x') });
    assert.match(error.message, /"format" as one of cloudformation, cdk, terraform/);
  });
});
