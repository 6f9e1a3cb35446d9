import * as os from 'node:os';
import * as vscode from 'vscode';
import { ActionableError, type ErrorAction } from '../aws/errors';
import { InvalidArgumentsError } from '../aws/connection';
import type { Log } from './log';

export type CommandHandler = (args?: unknown, ...rest: unknown[]) => unknown;

/** Shows an error; resolves with the action the user picked, if any. */
export type ShowError = (message: string, ...buttons: string[]) => Thenable<string | undefined>;

const SHOW_LOG = 'Show Log';

export function isCancellation(error: unknown): boolean {
  return (
    error instanceof vscode.CancellationError ||
    (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError'))
  );
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function runAction(action: ErrorAction): Promise<void> {
  switch (action.kind) {
    case 'terminal': {
      const terminal = vscode.window.createTerminal({ name: 'Cognito Bot' });
      terminal.show();
      terminal.sendText(action.commandLine, true);
      return;
    }
    case 'command':
      await vscode.commands.executeCommand(action.command, action.args);
      return;
    case 'openFile': {
      const path = action.path.startsWith('~') ? action.path.replace('~', os.homedir()) : action.path;
      await vscode.window.showTextDocument(vscode.Uri.file(path));
      return;
    }
  }
}

/**
 * The one wrapper around every command: a cancelled command ends silently; any other error is
 * logged (redacted) and shown with what the user can do, plus "Show Log". A command invoked
 * with an args object (from a script or test) also rejects with the error, so its caller
 * learns what failed; one invoked from the UI does not, so VS Code adds no second message.
 */
export function wrapCommand(id: string, handler: CommandHandler, log: Log, showError: ShowError = vscode.window.showErrorMessage): CommandHandler {
  return async (args?: unknown, ...rest: unknown[]) => {
    try {
      return await handler(args, ...rest);
    } catch (error) {
      const scripted = isArgsObject(args);
      if (isCancellation(error)) {
        log.debug(`${id}: cancelled`);
        if (scripted) throw error;
        return undefined;
      }
      log.error(`${id} failed: ${error instanceof Error ? '' : String(error)}`);
      if (error instanceof Error) log.error(error);
      const actions = isActionable(error) ? error.actions : [];
      const prefix = isActionable(error) || error instanceof InvalidArgumentsError || (error as Error | undefined)?.name === 'InvalidArgumentsError' ? '' : 'Cognito Bot: ';
      void showError(`${prefix}${messageOf(error)}`, ...actions.map((a) => a.title), SHOW_LOG).then((picked) => {
        if (picked === SHOW_LOG) log.show();
        const action = actions.find((a) => a.title === picked);
        if (action) runAction(action).catch((e: unknown) => log.error(`Could not ${action.title}: ${messageOf(e)}`));
      });
      if (scripted) throw error;
      return undefined;
    }
  };
}

/**
 * By name, not instanceof: commands load as chunks of their own (dist/pools.js, inject.js),
 * each with its own copy of the error classes.
 */
function isActionable(error: unknown): error is ActionableError {
  return error instanceof ActionableError || ((error as Error | undefined)?.name === 'ActionableError' && Array.isArray((error as ActionableError).actions));
}

/** A plain args object, as scripts and tests pass; not a tree node or a Uri from a menu. */
export function isArgsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function registerCommand(context: vscode.ExtensionContext, id: string, handler: CommandHandler, log: Log): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, wrapCommand(id, handler, log)));
}
