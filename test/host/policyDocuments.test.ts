import * as assert from 'node:assert/strict';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import * as vscode from 'vscode';
import { cognitoTrustPolicy } from '../../src/policies/trust';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, commandError } from './support';

/** Waits (up to 10 s) for what VS Code's language servers report in their own time. */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition() && Date.now() - started < 10_000;) await new Promise((resolve) => setTimeout(resolve, 100));
}

const POOL_ID = 'us-east-1:7d2c4a1e-0f3b-4c8d-9e6a-5b4c3d2e1f00';
const ROLE = `PolicyDocs_${Date.now()}`;
const s3Policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::notes/*' }],
};

async function open(args: unknown): Promise<vscode.TextDocument> {
  const { uri } = await vscode.commands.executeCommand<{ uri: string }>('cognitoBot.openPolicy', args);
  const document = vscode.window.activeTextEditor?.document;
  assert.equal(document?.uri.toString(), uri, 'the document is in the active editor');
  return document;
}

async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
}

describe('policyDocuments', () => {
  let iam: IAMClient;

  before(async () => {
    const { exports: api } = await activeExtension();
    await vscode.commands.executeCommand('cognitoBot.startSandbox');
    const endpoint = api.currentConnection()?.endpoint;
    assert.ok(endpoint, 'connected to the sandbox');
    iam = new IAMClient(sandboxClientConfig(endpoint));
    await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: JSON.stringify(cognitoTrustPolicy(POOL_ID, 'unauthenticated')) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'Notes', PolicyDocument: JSON.stringify(s3Policy) }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: ROLE, PolicyName: 'Notes' }));
    await iam.send(new DeleteRoleCommand({ RoleName: ROLE }));
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
  });

  const storedTrust = async () => JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role!.AssumeRolePolicyDocument!));
  const storedInline = async () =>
    JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: ROLE, PolicyName: 'Notes' }))).PolicyDocument!));

  it("openPolicy opens a role's trust policy as a JSON editor and returns its uri", async () => {
    const document = await open({ kind: 'trust', roleName: ROLE });
    assert.match(
      document.uri.toString(),
      new RegExp(`^cognitobot-policy://sandbox_3ahttp_3a_2f_2f127\\.0\\.0\\.1_3a\\d+_40us-east-1/roles/${ROLE}/trust-policy\\.json$`),
    );
    assert.equal(document.languageId, 'json');
    assert.deepEqual(JSON.parse(document.getText()), cognitoTrustPolicy(POOL_ID, 'unauthenticated'));
    assert.match(document.getText(), /^\{\n {2}"Version"/, 'pretty-printed');
  });

  it('saving an edited trust or inline policy puts it into IAM', async () => {
    const trust = await open({ kind: 'trust', roleName: ROLE });
    const authenticated = cognitoTrustPolicy(POOL_ID, 'authenticated');
    await replaceText(trust, JSON.stringify(authenticated, null, 2));
    assert.ok(await trust.save(), 'the trust policy was saved');
    assert.equal(trust.isDirty, false);
    assert.deepEqual(await storedTrust(), authenticated);

    // As the explorer passes it: a tree node carrying the ref.
    const inline = await open({ policyRef: { kind: 'inline', roleName: ROLE, policyName: 'Notes' }, label: 'Notes' });
    const widened = { ...s3Policy, Statement: [{ ...s3Policy.Statement[0], Action: ['s3:GetObject', 's3:PutObject'] }] };
    await replaceText(inline, JSON.stringify(widened, null, 2));
    assert.ok(await inline.save(), 'the inline policy was saved');
    assert.deepEqual(await storedInline(), widened);
  });

  it('a document IAM would refuse is not saved: the editor stays dirty and the reason is a diagnostic where the problem is', async () => {
    const document = await open({ kind: 'inline', roleName: ROLE, policyName: 'Notes' });
    const before = await storedInline();
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: 's3:GetObject', Resource: '*' }] }, null, 2);
    await replaceText(document, text);
    assert.equal(await document.save(), false, 'the save failed');
    assert.equal(document.isDirty, true, 'the edit is kept');
    assert.equal(document.getText(), text);
    // IAM's reason, on save; the IAM policy schema (jsonValidation) says the same as it is typed,
    // once VS Code's JSON language server has validated the edit.
    await until(() => vscode.languages.getDiagnostics(document.uri).some((d) => d.source !== 'IAM'));
    const all = vscode.languages.getDiagnostics(document.uri);
    const [diagnostic, ...others] = all.filter((d) => d.source === 'IAM');
    assert.equal(others.length, 0);
    assert.deepEqual(
      all.filter((d) => d.source !== 'IAM').map((d) => [/Effect/.test(d.message), d.range.start.line]),
      [[true, 3]],
      `the schema's own: ${all.map((d) => `${d.source}: ${d.message}`).join(' | ')}`,
    );
    assert.deepEqual(
      [diagnostic?.message, diagnostic?.source, diagnostic?.severity],
      ['Missing required field Effect', 'IAM', vscode.DiagnosticSeverity.Error],
    );
    assert.equal(diagnostic.range.start.line, 3, 'on the statement without Effect');
    assert.deepEqual(await storedInline(), before);

    // Fixed, it saves and the diagnostic goes.
    await replaceText(document, JSON.stringify(before, null, 2));
    assert.ok(await document.save());
    await until(() => vscode.languages.getDiagnostics(document.uri).length === 0);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
  });

  it("a document only IAM refuses (over its size quota) keeps the editor dirty with IAM's reason", async () => {
    const document = await open({ kind: 'trust', roleName: ROLE });
    const principals = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::000000000000:role/some-long-role-name-number-${i}`);
    await replaceText(
      document,
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] }, null, 2),
    );
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true);
    assert.deepEqual(
      vscode.languages.getDiagnostics(document.uri).map((d) => [d.message, d.range.start.line]),
      [['Cannot exceed quota for ACLSizePerRole: 2048.', 0]],
    );
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.isDirty, false, 'reverted');
  });

  it('a managed policy opens read-only', async () => {
    const document = await open({ kind: 'managed', policyArn: 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly' });
    assert.ok(JSON.parse(document.getText()).Statement[0].Action.includes('lex:RecognizeText'));
    const stat = await vscode.workspace.fs.stat(document.uri);
    assert.equal(stat.permissions, vscode.FilePermission.Readonly);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode('{}'))), (error: vscode.FileSystemError) => {
      assert.match(`${error.code} ${error.message}`, /NoPermissions|read-only|readonly/i);
      return true;
    });
  });

  it('a document of another connection is neither read nor saved, and says which connection it belongs to', async () => {
    const document = await open({ kind: 'trust', roleName: ROLE });
    const elsewhere = document.uri.with({ authority: 'profile_3aother_40eu-west-1' });
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(elsewhere)), /belongs to the connection other · eu-west-1.*Switch back/);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(elsewhere, new TextEncoder().encode(document.getText()))),
      /belongs to the connection other · eu-west-1/,
    );
  });

  it('openPolicy says what it takes for anything else', async () => {
    const error = await commandError('cognitoBot.openPolicy', { kind: 'inline', roleName: ROLE });
    assert.match(error.message, /^Expected a policy document: \{ kind: "trust", roleName \}, \{ kind: "inline", roleName, policyName \}/);
  });
});
