import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { setGuestAccess as set } from '../../provisioning/identityPool';
import { type FlowStep, pickIdentityPool, stepTitle } from '../../ui/pickers';
import { commandInput, field, type PoolsDeps, withAws } from './shared';

const title = () => vscode.l10n.t('Turn Guest Access On or Off');

/** Asks which, showing what the pool has now; the other state is the one offered first. */
async function askOnOrOff(poolLabel: string, isOn: boolean, at: FlowStep): Promise<boolean> {
  const items = [
    { label: vscode.l10n.t('On'), allow: true, detail: vscode.l10n.t('Visitors who do not sign in get credentials of the unauthenticated (guest) role.') },
    { label: vscode.l10n.t('Off'), allow: false, detail: vscode.l10n.t('Only users who sign in through a login provider get credentials.') },
  ].map((item) => ({ ...item, description: item.allow === isOn ? vscode.l10n.t('(now)') : undefined }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = stepTitle(at);
  quickPick.placeholder = isOn
    ? vscode.l10n.t('Guest access is on for {0}. Turn it…', poolLabel)
    : vscode.l10n.t('Guest access is off for {0}. Turn it…', poolLabel);
  quickPick.items = items;
  quickPick.activeItems = items.filter((item) => item.allow !== isOn);
  quickPick.ignoreFocusOut = true;
  const picked = await new Promise<(typeof items)[number] | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!picked) throw new vscode.CancellationError();
  return picked.allow;
}

/**
 * `cognitoBot.setGuestAccess`: turns unauthenticated (guest) identities on or off. Args
 * `{ identityPoolId, allowUnauthenticated }`; from the tree or the palette it asks which.
 */
export async function setGuestAccess(deps: PoolsDeps, args?: unknown): Promise<{ identityPoolId: string; allowUnauthenticated: boolean }> {
  const input = commandInput(args);
  let identityPoolId = field(input, 'identityPoolId');
  let allow = input.fields.allowUnauthenticated;
  let poolLabel = identityPoolId;
  if (input.scripted) {
    if (!identityPoolId || typeof allow !== 'boolean') throw new InvalidArgumentsError('Give "identityPoolId" and "allowUnauthenticated" (true or false).');
  } else {
    const ctx = await deps.connections.awsContext();
    const totalSteps = identityPoolId ? 1 : 2;
    identityPoolId ??= await pickIdentityPool(ctx, vscode.l10n.t('Identity pool to turn guest access on or off for'), { title: title(), step: 1, totalSteps });
    const pool = await describeIdentityPool(ctx, identityPoolId);
    poolLabel = `${pool.name} (${pool.id})`;
    allow = await askOnOrOff(poolLabel, pool.allowUnauthenticated, { title: title(), step: totalSteps, totalSteps });
    if (allow === pool.allowUnauthenticated) {
      void vscode.window.showInformationMessage(
        allow
          ? vscode.l10n.t('Guest access was already on for {0}; nothing changed.', poolLabel)
          : vscode.l10n.t('Guest access was already off for {0}; nothing changed.', poolLabel),
      );
      return { identityPoolId, allowUnauthenticated: allow };
    }
  }
  const id = identityPoolId!;
  const result = await withAws(deps, allow ? vscode.l10n.t('Turning guest access on…') : vscode.l10n.t('Turning guest access off…'), (ctx) =>
    set(ctx, id, allow as boolean),
  );
  deps.log.info(`Guest access of identity pool ${poolLabel} is now ${result.allowUnauthenticated ? 'on' : 'off'}`);
  if (result.warning) void vscode.window.showWarningMessage(result.warning);
  else if (!input.scripted) {
    void vscode.window.showInformationMessage(
      result.allowUnauthenticated
        ? vscode.l10n.t('Guest access is now on for {0}.', String(poolLabel))
        : vscode.l10n.t('Guest access is now off for {0}.', String(poolLabel)),
    );
  }
  deps.tree.refresh();
  return { identityPoolId: id, allowUnauthenticated: result.allowUnauthenticated };
}
