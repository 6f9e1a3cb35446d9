import * as vscode from 'vscode';
import { ActionableError, explainError } from '../../aws/errors';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { isArgsObject } from '../../ui/registerCommand';
import type { AwsContext } from '../../aws/context';
import { describeRollback, Journal, PartialCreationError } from '../../provisioning/journal';
import type { ExplorerTreeProvider } from '../explorer';
import type { PinStore } from '../pins';

/** What every pools command needs. */
export interface PoolsDeps {
  readonly connections: ConnectionManager;
  readonly tree: ExplorerTreeProvider;
  readonly log: Log;
  /** Resources pinned by id, per connection. */
  readonly pins: PinStore;
}

/**
 * A command's input: a plain args object from a script (no prompts, no confirmations), a tree
 * node from a menu (its fields have the same names as the args), or nothing (the palette).
 */
export interface CommandInput {
  readonly scripted: boolean;
  readonly fields: Record<string, unknown>;
}

export function commandInput(args: unknown): CommandInput {
  if (isArgsObject(args)) return { scripted: true, fields: args };
  if (typeof args === 'object' && args !== null) return { scripted: false, fields: args as Record<string, unknown> };
  return { scripted: false, fields: {} };
}

export function field(input: CommandInput, name: string): string | undefined {
  const value = input.fields[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** What a person who ran the command sees when it is done (a script gets the result instead). */
export function sayDone(input: CommandInput, message: string): void {
  if (!input.scripted) void vscode.window.showInformationMessage(message);
}

/** Runs an AWS step with a progress notification (its errors are explained by the command wrapper). */
export async function withAws<T>(deps: PoolsDeps, title: string, run: (ctx: AwsContext) => Promise<T>): Promise<T> {
  const ctx = await deps.connections.awsContext();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => run(ctx));
}

/**
 * Runs a multi-step creation with a journal. If a step fails, what was created is rolled back:
 * at once for a script (it asked for the whole thing or nothing), or with one click from the
 * error message for a person, who first sees what exists.
 */
export async function createWithRollback<T>(
  deps: PoolsDeps,
  input: CommandInput,
  title: string,
  run: (ctx: AwsContext, journal: Journal) => Promise<T>,
): Promise<T> {
  const journal = new Journal();
  try {
    return await withAws(deps, title, (ctx) => run(ctx, journal));
  } catch (error) {
    if (!(error instanceof PartialCreationError) || error.journal.created.length === 0) throw unwrap(error, deps);
    deps.log.error(`${error.message}`);
    deps.tree.refresh();
    if (input.scripted) {
      const result = await error.journal.rollback();
      deps.tree.refresh();
      throw new ActionableError(`${explainStep(error, deps)} ${describeRollback(result)}`, [], { cause: error });
    }
    void offerRollback(deps, error);
    throw new vscode.CancellationError(); // the offer above is the message; no second one
  }
}

function unwrap(error: unknown, deps: PoolsDeps): unknown {
  return error instanceof PartialCreationError ? new ActionableError(explainStep(error, deps), [], { cause: error }) : error;
}

function explainStep(error: PartialCreationError, deps: PoolsDeps): string {
  const explained = explainError(error.cause, deps.connections.current?.connection);
  const reason = explained instanceof Error ? explained.message : String(explained);
  return vscode.l10n.t({ message: 'Could not {0}: {1}', args: [error.step, reason], comment: ['{0} is a step, such as "create role BotPoolAuthRole"'] });
}

async function offerRollback(deps: PoolsDeps, error: PartialCreationError): Promise<void> {
  const ROLL_BACK = vscode.l10n.t('Roll Back');
  const picked = await vscode.window.showErrorMessage(
    vscode.l10n.t('{0} Created so far: {1}.', explainStep(error, deps), error.journal.created.join(', ')),
    ROLL_BACK,
    vscode.l10n.t('Keep Them'),
  );
  if (picked !== ROLL_BACK) return;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rolling back…') }, () =>
    error.journal.rollback(),
  );
  deps.log.info(describeRollback(result));
  deps.tree.refresh();
  if (result.left.length > 0) void vscode.window.showWarningMessage(describeRollback(result));
  else void vscode.window.showInformationMessage(describeRollback(result));
}

/** A modal yes/no that names what goes. */
export async function confirmModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}
