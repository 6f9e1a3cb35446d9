import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID } from './support';

// VS Code has no API that reads a walkthrough or its steps' progress. What the extension host
// can reach: the workbench's command that opens a walkthrough, the tab it opens, and the
// commands behind the page's own checkboxes (welcome.markStepComplete / markStepIncomplete),
// which fail for a step VS Code has not registered. That a step ticks when its command runs
// is seen in the e2e layer, on the page itself.
const WALKTHROUGH = `${EXTENSION_ID}#tutorials`;

async function stepIds(): Promise<string[]> {
  const extension = await activeExtension();
  return (extension.packageJSON.contributes.walkthroughs[0].steps as { id: string }[]).map((step) => `${WALKTHROUGH}#${step.id}`);
}

describe('the walkthrough', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('is registered by VS Code with every step of the manifest (a step VS Code does not know is refused)', async () => {
    const steps = await stepIds();
    assert.equal(steps.length, 6);
    // Unticking a step looks it up in VS Code's registry of walkthrough steps. VS Code registers
    // an extension's walkthroughs a few seconds after it starts (it first waits up to 5 s for
    // an experiment service that may override their `when`).
    for (let started = Date.now(); ;) {
      try {
        await vscode.commands.executeCommand('welcome.markStepIncomplete', steps[0]);
        break;
      } catch (error) {
        if (Date.now() - started > 20_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    for (const step of steps) await vscode.commands.executeCommand('welcome.markStepIncomplete', step);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('welcome.markStepIncomplete', `${WALKTHROUGH}#noSuchStep`)), /does not exist/);
  });
});
