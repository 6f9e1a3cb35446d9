import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import type { DiagnoseResult, Finding } from '../findings';
import { runCheck, summary } from './diagnose';
import type { DoctorDeps } from './shared';

/**
 * `cognitoBot.applySetupFix`, the Setup Check view's fix button: shows what the fix will change,
 * runs its command with its args (which asks nothing), then checks the chain again.
 */
export async function applySetupFix(deps: DoctorDeps, item?: unknown): Promise<DiagnoseResult | undefined> {
  const { finding, result } = (item ?? {}) as { finding?: Finding; result?: DiagnoseResult };
  if (!finding?.fix || !result) throw new InvalidArgumentsError('Pick a finding with a fix in the Setup Check view.');
  const { fix } = finding;
  const confirm = await vscode.window.showWarningMessage(fix.title, { modal: true, detail: fix.change }, 'Apply');
  if (confirm !== 'Apply') return undefined;
  await vscode.commands.executeCommand(fix.command, fix.args);
  deps.log.info(`Setup check: applied "${fix.title}" for ${finding.code}`);
  const again = await runCheck(deps, result.input);
  const still = again.findings.some((f) => f.code === finding.code && f.resource === finding.resource);
  void vscode.window.showInformationMessage(
    still
      ? `Applied "${fix.title}", but the check still finds ${finding.code}: see the Setup Check view.`
      : `Fixed: ${finding.title}. Setup check: ${summary(again)}.`,
  );
  return again;
}
