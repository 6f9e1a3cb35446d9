import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { isArgsObject } from '../../ui/registerCommand';
import { applyRepair, parseRepairArgs } from '../../provisioning/repairs';
import type { DoctorDeps } from './shared';

/**
 * `cognitoBot.repairSetup`: applies one of the doctor's fixes (a finding's `fix.args`) in the
 * region of the pool it changes. Scripted only: the view's fix button confirms first.
 */
export async function repairSetup(deps: DoctorDeps, args?: unknown): Promise<{ done: string }> {
  if (!isArgsObject(args)) throw new InvalidArgumentsError('Run a fix from the Setup Check view, or give a finding\'s "fix.args".');
  const repair = parseRepairArgs(args);
  const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Applying the fix…') }, () =>
    applyRepair((region) => deps.connections.awsContext(region), repair),
  );
  deps.log.info(`Setup fix: ${done}`);
  void vscode.commands.executeCommand('cognitoBot.refresh');
  return { done };
}
