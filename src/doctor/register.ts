import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';
import type { DoctorDeps } from './commands/shared';
import { SetupCheckView } from './view/setupCheckView';

/** The setup doctor: `cognitoBot.diagnose`, its fixes, and the Setup Check view. */
export function registerDoctor(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): SetupCheckView {
  const view = new SetupCheckView();
  context.subscriptions.push(view, vscode.window.createTreeView('cognitoBot.setupCheck', { treeDataProvider: view }));
  // A check read one connection's resources: another connection's view would be wrong.
  context.subscriptions.push(connections.onDidChange(() => view.show(undefined)));
  const deps: DoctorDeps = { connections, view, log };
  const commands = () => import('./commands');
  const env = { log, connections };
  registerCommand(context, 'cognitoBot.diagnose', async (args) => (await commands()).diagnose(deps, args), env);
  registerCommand(context, 'cognitoBot.recheckSetup', async () => (await commands()).recheckSetup(deps), env);
  registerCommand(context, 'cognitoBot.applySetupFix', async (item) => (await commands()).applySetupFix(deps, item), env);
  registerCommand(context, 'cognitoBot.repairSetup', async (args) => (await commands()).repairSetup(deps, args), env);
  return view;
}
