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

/** A command run as a person runs it (no args object): it asks through quick inputs. */
export interface Interactive<T> {
  readonly result: Promise<T>;
  settled(): boolean;
}

export function runInteractive<T>(command: string, input?: object): Interactive<T> {
  let done = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(`cognitoBot.${command}`, input)).finally(() => (done = true));
  result.catch(() => undefined); // awaited by the test; not an unhandled rejection meanwhile
  return { result, settled: () => done };
}

/** What a keyboard does in the open quick input: Enter, or Down to the next item. */
export async function quickInput(key: 'Enter' | 'Down'): Promise<void> {
  await vscode.commands.executeCommand(key === 'Enter' ? 'workbench.action.acceptSelectedQuickOpenItem' : 'workbench.action.quickOpenSelectNext');
}

/**
 * Presses Enter in each quick input the command opens until it ends: the defaults of every
 * step are taken. (Enter with no quick input open does nothing.)
 */
export async function acceptEveryStep<T>(run: Interactive<T>, timeoutMs = 30_000): Promise<T> {
  for (const started = Date.now(); !run.settled() && Date.now() - started < timeoutMs;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!run.settled()) await quickInput('Enter');
  }
  return settledWithin(run, 1_000);
}

/** The command's result, or a failure saying it was still waiting (for a quick input nobody answered). */
export async function settledWithin<T>(run: Interactive<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the command was still waiting after ${timeoutMs} ms: a quick input was not answered`)), timeoutMs);
  });
  try {
    return await Promise.race([run.result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
