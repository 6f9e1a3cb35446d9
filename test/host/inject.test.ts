import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeTree } from '../support/files';
import { activeExtension, commandError } from './support';

const VALUES = { userPoolId: 'us-east-1_AbCdEfGhI', clientId: '1example23456789abcdefghij', region: 'us-east-1' };

/** Files as the webchat tutorial has them, plus a stale id in a config key and an untouchable word. */
const FILES: Record<string, string> = {
  'web/config.js':
    "export const cognito = {\r\n  UserPoolId: 'userpoolId',\r\n  ClientId: 'ClientId',\r\n  region: 'YOUR_REGION',\r\n};\r\n// ClientIdentifier stays\r\n",
  'web/.env': 'USER_POOL_ID=us-west-2_OldOldOld\nAPP_CLIENT_ID=YOUR_APP_CLIENT_ID\n',
  'README.md': '\uFEFFSet `YOUR_USER_POOL_ID` in the config.\n',
  'node_modules/lib/index.js': "const pool = 'YOUR_USER_POOL_ID';\n",
};

describe('injectIds over a workspace (extension host)', () => {
  let root: string;

  before(async () => {
    await activeExtension();
    // VS Code saves dirty files after a delay by default; off, "unsaved" stays unsaved while we look.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    writeTree(root, FILES);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of Object.keys(FILES)) fs.rmSync(path.join(root, file.split('/')[0]), { recursive: true, force: true });
  });

  it('plans every placeholder with apply: false, and a stale id in a known key as an update', async () => {
    const plan = await vscode.commands.executeCommand<{
      files: { path: string; replacements: { oldText: string; newText: string; reason: string; line: number }[] }[];
    }>('cognitoBot.injectIds', { values: VALUES, apply: false });
    const byFile = Object.fromEntries(
      plan.files.map((f) => [path.relative(root, f.path), f.replacements.map((r) => `${r.line}:${r.oldText}->${r.newText}:${r.reason}`)]),
    );
    assert.deepEqual(byFile, {
      'README.md': ['0:YOUR_USER_POOL_ID->us-east-1_AbCdEfGhI:placeholder'],
      [path.join('web', '.env')]: ['0:us-west-2_OldOldOld->us-east-1_AbCdEfGhI:stale', '1:YOUR_APP_CLIENT_ID->1example23456789abcdefghij:placeholder'],
      [path.join('web', 'config.js')]: [
        '1:userpoolId->us-east-1_AbCdEfGhI:placeholder',
        '2:ClientId->1example23456789abcdefghij:placeholder',
        '3:YOUR_REGION->us-east-1:placeholder',
      ],
    });
  });

  it('applies through an open, dirty document without losing its unsaved text; CRLF and BOM kept; undo restores every file', async () => {
    const configUri = vscode.Uri.file(path.join(root, 'web/config.js'));
    const document = await vscode.workspace.openTextDocument(configUri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// unsaved note\r\n'));
    assert.ok(document.isDirty);

    const result = await vscode.commands.executeCommand<{ files: number; replacements: number }>('cognitoBot.injectIds', { values: VALUES, apply: true });
    assert.deepEqual(result, { files: 3, replacements: 5, readOnly: [] });
    assert.match(document.getText(), /^\/\/ unsaved note\r\n/, 'the unsaved change is still there');
    assert.match(document.getText(), /UserPoolId: 'us-east-1_AbCdEfGhI',\r\n {2}ClientId: '1example23456789abcdefghij',\r\n {2}region: 'us-east-1',/);
    assert.match(document.getText(), /ClientIdentifier stays/);
    const readme = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'README.md')));
    assert.equal(readme.getText(), 'Set `us-east-1_AbCdEfGhI` in the config.\n');
    const env = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'web/.env')));
    assert.equal(
      env.getText(),
      'USER_POOL_ID=us-west-2_OldOldOld\nAPP_CLIENT_ID=1example23456789abcdefghij\n',
      'the stale id is not changed without includeStale',
    );
    assert.equal(readme.isDirty, false, 'files without unsaved changes are saved');
    assert.equal(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), '\uFEFFSet `us-east-1_AbCdEfGhI` in the config.\n', 'on disk, with its BOM');
    assert.equal(document.isDirty, true, 'the file with unsaved changes is left for the user to save');
    assert.equal(fs.readFileSync(path.join(root, 'node_modules/lib/index.js'), 'utf8'), FILES['node_modules/lib/index.js']);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.match(document.getText(), /UserPoolId: 'userpoolId'/);
    assert.match(readme.getText(), /YOUR_USER_POOL_ID/, 'one undo step for every file');
    assert.match(document.getText(), /^\/\/ unsaved note\r\n/);
  });

  it('says what it needs for bad values', async () => {
    assert.match((await commandError('cognitoBot.injectIds', { values: { userPoolId: 'nope' } })).message, /userPoolId.*like us-east-1_AbCdEfGhI/);
    assert.match((await commandError('cognitoBot.injectIds', { values: { favourite: 'x' } })).message, /favourite/);
    assert.match((await commandError('cognitoBot.injectIds', {})).message, /Give "values"/);
  });

  it('writeConfig updates amplify_outputs.json in place (other keys kept) and creates a .env with the VITE_ prefix', async () => {
    const outputs = path.join(root, 'app', 'amplify_outputs.json');
    fs.mkdirSync(path.dirname(outputs), { recursive: true });
    fs.writeFileSync(
      outputs,
      '{\n    "version": "1.3",\n    "auth": {\n        "user_pool_id": "us-west-2_OldOldOld",\n        "mfa_methods": []\n    },\n    "data": { "url": "https://example.com/graphql" }\n}\n',
    );
    try {
      const written = await vscode.commands.executeCommand<{ path: string; created: boolean }>('cognitoBot.writeConfig', {
        format: 'amplify-outputs',
        values: VALUES,
      });
      assert.deepEqual(written, { path: outputs, created: false });
      const json = JSON.parse(fs.readFileSync(outputs, 'utf8'));
      assert.deepEqual(json.auth, { user_pool_id: VALUES.userPoolId, mfa_methods: [], aws_region: 'us-east-1', user_pool_client_id: VALUES.clientId });
      assert.deepEqual(json.data, { url: 'https://example.com/graphql' });
      assert.match(fs.readFileSync(outputs, 'utf8'), /^\{\n {4}"version"/, 'the file keeps its four-space indentation');

      const env = await vscode.commands.executeCommand<{ path: string; created: boolean }>('cognitoBot.writeConfig', {
        format: 'dotenv',
        values: VALUES,
        envPrefix: 'VITE_',
        path: 'app/.env',
      });
      assert.deepEqual(env, { path: path.join(root, 'app', '.env'), created: true });
      assert.match(fs.readFileSync(env.path, 'utf8'), /VITE_\w*USER_POOL_ID=us-east-1_AbCdEfGhI/);
      assert.match((await commandError('cognitoBot.writeConfig', { format: 'yaml', values: VALUES })).message, /"format" must be one of/);
    } finally {
      fs.rmSync(path.join(root, 'app'), { recursive: true, force: true });
    }
  });
});
