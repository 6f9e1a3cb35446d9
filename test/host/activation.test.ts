// First of the host test files (they run in name order): it sees the extension as VS Code
// started it, before any other test has activated it or run a command.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';

async function activatedByItself(extension: vscode.Extension<unknown>, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (extension.isActive) return true;
  }
  return false;
}

describe('activation at startup', () => {
  it('activates once VS Code has started, with no view opened, and loads no AWS SDK on the way', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    // onStartupFinished: the status bar's connection item is there from the start.
    assert.ok(await activatedByItself(extension, 30_000), 'the extension did not activate by itself after startup');
    const dist = path.join(extension.extensionPath, 'dist');
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(dist));
    assert.ok(loaded.includes(path.join(dist, 'extension.js')), `the extension's own bundle is not among the loaded modules: ${loaded.join(', ')}`);
    assert.ok(!loaded.includes(path.join(dist, 'sdk.js')), 'activation loaded the AWS SDK chunk; it must stay lazy');
  });
});
