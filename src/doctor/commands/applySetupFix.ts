import * as vscode from 'vscode';
import { ActionableError } from '../../aws/errors';
import { applyRepair, parseRepairArgs } from '../../provisioning/repairs';
import { REPAIR_COMMAND } from '../check';
import type { DiagnoseResult, Finding } from '../findings';
import { runCheck, summary } from './diagnose';
import type { DoctorDeps } from './shared';

/**
 * `cognitoBot.applySetupFix`, the Setup Check view's fix button: shows what the fix will change,
 * applies it, then checks the chain again. Only a fix of the check the view shows runs: the
 * item a menu passes is looked up there, never trusted for what it would run.
 */
export async function applySetupFix(deps: DoctorDeps, item?: unknown): Promise<DiagnoseResult | undefined> {
  const picked = (item as { finding?: unknown } | undefined)?.finding;
  const last = deps.view.last;
  const finding: Finding | undefined = last?.findings.find((f) => f === picked);
  if (!last || !finding?.fix || finding.fix.command !== REPAIR_COMMAND) {
    throw new ActionableError(vscode.l10n.t('Pick a finding with a fix in the Setup Check view (the check may have run again since).'));
  }
  const { fix } = finding;
  const APPLY = vscode.l10n.t('Apply');
  const confirm = await vscode.window.showWarningMessage(fix.title, { modal: true, detail: fix.change }, APPLY);
  if (confirm !== APPLY) return undefined;
  const repair = parseRepairArgs({ ...fix.args });
  const done = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t({ message: '{0}…', args: [fix.title], comment: ["{0} is a fix's title: the progress of applying it"] }),
    },
    () => applyRepair((region) => deps.connections.awsContext(region), repair),
  );
  deps.log.info(`Setup fix for ${finding.code}: ${done}`);
  void vscode.commands.executeCommand('cognitoBot.refresh');
  const again = await runCheck(deps, last.input);
  const still = again.findings.some((f) => f.code === finding.code && f.resource === finding.resource);
  void vscode.window.showInformationMessage(
    still
      ? vscode.l10n.t('{0} The check still finds {1}: see the Setup Check view.', done, finding.code)
      : vscode.l10n.t('Fixed: {0}. {1} Setup check: {2}.', finding.title, done, summary(again)),
  );
  return again;
}
