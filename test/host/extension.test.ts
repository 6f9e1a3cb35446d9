import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './support';

describe('extension', () => {
  it('activates in the real extension host and registers every command its manifest declares', async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    const declared: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });

  it('contributes the explorer view in its own activity bar container', async () => {
    const extension = await activeExtension();
    const { viewsContainers, views } = extension.packageJSON.contributes;
    assert.equal(viewsContainers.activitybar[0].id, 'cognitoBot');
    assert.equal(views.cognitoBot[0].id, 'cognitoBot.explorer');
    // Focusing the view is a real workbench command that fails for an unknown view.
    await vscode.commands.executeCommand('cognitoBot.explorer.focus');
  });
});
