import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, commandError, run } from './support';

/** A well-formed identity pool id that no sandbox has. */
const UNKNOWN_POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';

const awsExports = (entries: Record<string, string>) =>
  `const awsmobile = {\n${Object.entries(entries)
    .map(([key, value]) => `    "${key}": "${value}",`)
    .join('\n')}\n};\n\nexport default awsmobile;\n`;

const codes = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Cognito Bot')
    .map((d) => String(d.code));

/** Waits until the file's Problems satisfy `done` (they come after the lookups), then returns their codes. */
async function problemsOf(uri: vscode.Uri, done: (codes: string[]) => boolean): Promise<string[]> {
  for (let waited = 0; !done(codes(uri)); waited += 100) {
    assert.ok(waited < 15_000, `the Problems of ${uri.fsPath} are still ${JSON.stringify(codes(uri))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return codes(uri);
}

/** Time for lookups that would add a Problem to have answered, before asserting there is none. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

describe('config id Problems (extension host)', () => {
  let stateDir: string;
  let root: string;
  let ids: { identityPoolId: string; userPoolId: string; clientId: string };

  async function open(folder: string, text: string): Promise<vscode.Uri> {
    const file = path.join(root, folder, 'aws-exports.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return uri;
  }

  before(async () => {
    await activeExtension();
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    root = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'cfgdiag');
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cfgdiag-'));
    await run('startSandbox', { stateDir });
    const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: 'ConfigUsers' });
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ConfigGuests', allowUnauthenticated: true });
    ids = { identityPoolId, ...users };
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('stopSandbox', undefined);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('a user pool id as the identity pool id is config-id-wrong-kind; a placeholder is nothing', async () => {
    const uri = await open(
      'wrong',
      awsExports({
        aws_project_region: 'us-east-1',
        aws_cognito_identity_pool_id: ids.userPoolId,
        aws_user_pools_id: ids.userPoolId,
        aws_user_pools_web_client_id: 'YOUR_APP_CLIENT_ID',
      }),
    );
    await problemsOf(uri, (c) => c.length > 0);
    await settle();
    assert.deepEqual(codes(uri), ['config-id-wrong-kind']);
    const [diagnostic] = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /aws_cognito_identity_pool_id holds a user pool id/);
  });

  it('an identity pool id the sandbox does not have is config-id-unknown, with Replace and Check Setup as quick fixes; replaceConfigId { value } fixes the file', async () => {
    const uri = await open('unknown', awsExports({ aws_cognito_identity_pool_id: UNKNOWN_POOL, aws_user_pools_id: ids.userPoolId }));
    assert.deepEqual(await problemsOf(uri, (c) => c.length > 0), ['config-id-unknown']);
    const [diagnostic] = vscode.languages.getDiagnostics(uri);
    assert.match(diagnostic.message, /no identity pool id us-east-1:00000000-0000-4000-8000-000000000000 in us-east-1 on the local sandbox/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => /^Replace with an identity pool id from Sandbox .*…$/.test(t)),
      JSON.stringify(titles),
    );
    const replace = actions.find((a) => a.title.startsWith('Replace with'))!;
    assert.equal(replace.command?.command, 'cognitoBot.replaceConfigId');
    assert.equal((replace.command?.arguments?.[0] as { kind: string }).kind, 'identityPoolId');
    const check = actions.find((a) => a.title === 'Check Setup with these ids');
    assert.equal(check?.command?.command, 'cognitoBot.diagnose');
    // No app client id in the file: Check Setup gets the pool alone (it takes a user pool and its client together).
    assert.deepEqual(check?.command?.arguments, [{ identityPoolId: UNKNOWN_POOL }]);

    await run('replaceConfigId', { uri, range: diagnostic.range, kind: 'identityPoolId', value: ids.identityPoolId });
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), new RegExp(`"aws_cognito_identity_pool_id": "${ids.identityPoolId}"`), 'saved to disk');
    assert.deepEqual(await problemsOf(uri, (c) => c.length === 0), [], 'saving looks again: the id is known now');
    assert.match(
      (await commandError('cognitoBot.replaceConfigId', { uri, range: diagnostic.range, kind: 'identityPoolId', value: 'nope' })).message,
      /"value" must be identity pool id/,
    );
  });

  it('a correct file has no Problems', async () => {
    const uri = await open(
      'correct',
      awsExports({
        aws_project_region: 'us-east-1',
        aws_cognito_identity_pool_id: ids.identityPoolId,
        aws_cognito_region: 'us-east-1',
        aws_user_pools_id: ids.userPoolId,
        aws_user_pools_web_client_id: ids.clientId,
      }),
    );
    await settle();
    assert.deepEqual(codes(uri), []);
  });

  it('when the connection ends the Problems go, and without one a file gets none', async () => {
    const uri = await open('ended', awsExports({ aws_cognito_identity_pool_id: ids.userPoolId }));
    await problemsOf(uri, (c) => c.length > 0);
    await run('stopSandbox', undefined);
    assert.deepEqual(codes(uri), []);
    const again = await open('disconnected', awsExports({ aws_cognito_identity_pool_id: ids.userPoolId }));
    await settle();
    assert.deepEqual(codes(again), []);
  });
});
