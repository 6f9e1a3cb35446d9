import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CognitoBotApi } from '../../src/extension';

export const EXTENSION_ID = 'cognito-bot-workbench.cognito-bot-workbench';

export async function activeExtension(): Promise<vscode.Extension<CognitoBotApi>> {
  const extension = vscode.extensions.getExtension<CognitoBotApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  return extension;
}

/** Runs the extension's command `cognitoBot.<command>` with args. */
export function run<T>(command: string, args: unknown): Thenable<T> {
  return vscode.commands.executeCommand<T>(`cognitoBot.${command}`, args);
}

/** Runs a command with an args object and returns what it rejected with. */
export async function commandError(id: string, args: unknown): Promise<Error> {
  try {
    await vscode.commands.executeCommand(id, args);
  } catch (error) {
    return error as Error;
  }
  assert.fail(`${id} was expected to fail for ${JSON.stringify(args)}`);
}
