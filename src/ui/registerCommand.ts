import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Connection } from '../aws/connection';
import { ActionableError, type ErrorAction, explainError, InvalidArgumentsError } from '../aws/errors';
import type { Log } from './log';

export type CommandHandler = (args?: unknown, ...rest: unknown[]) => unknown;

/**
 * What the wrapper needs: the log, and where AWS calls go now, so an AWS error names it and
 * expired credentials are shown on the connection.
 */
export interface CommandEnv {
  readonly log: Log;
  readonly connections?: { readonly current?: { readonly connection: Connection }; noteCredentialsExpired?(): void };
}

/** Shows an error; resolves with the action the user picked, if any. */
export type ShowError = (message: string, ...buttons: string[]) => Thenable<string | undefined>;

export function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError'));
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
 * The one wrapper around every command: a cancelled command ends silently; an AWS error is
 * explained (what to do, with buttons), the same for every command; any error is logged
 * (redacted) and shown with what the user can do, plus "Show Log". A command invoked with an
 * args object (from a script or test) also rejects with the error, so its caller learns what
 * failed; one invoked from the UI does not, so VS Code adds no second message.
 */
export function wrapCommand(id: string, handler: CommandHandler, env: CommandEnv, showError: ShowError = vscode.window.showErrorMessage): CommandHandler {
  const { log } = env;
  return async (args?: unknown, ...rest: unknown[]) => {
    try {
      return await handler(args, ...rest);
    } catch (raw) {
      const scripted = isArgsObject(args);
      if (isCancellation(raw)) {
        log.debug(`${id}: cancelled`);
        if (scripted) throw raw;
        return undefined;
      }
      const error = explainError(raw, env.connections?.current?.connection);
      if (error instanceof ActionableError && error.reason === 'credentials-expired') env.connections?.noteCredentialsExpired?.();
      log.error(`${id} failed: ${error instanceof Error ? '' : String(error)}`);
      if (error instanceof Error) log.error(error);
      const actions = error instanceof ActionableError ? error.actions : [];
      const message =
        error instanceof ActionableError || error instanceof InvalidArgumentsError ? messageOf(error) : vscode.l10n.t('Cognito Bot: {0}', messageOf(error));
      const showLog = vscode.l10n.t('Show Log');
      void showError(message, ...actions.map((a) => a.title), showLog).then((picked) => {
        if (picked === showLog) log.show();
        const action = actions.find((a) => a.title === picked);
        if (action) runAction(action).catch((e: unknown) => log.error(`Could not ${action.title}: ${messageOf(e)}`));
      });
      if (scripted) throw error;
      return undefined;
    }
  };
}

/** A plain args object, as scripts and tests pass; not a tree node or a Uri from a menu. */
export function isArgsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function registerCommand(context: vscode.ExtensionContext, id: string, handler: CommandHandler, env: CommandEnv): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, wrapCommand(id, handler, env)));
}
