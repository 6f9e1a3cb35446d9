import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';

/** The setup as code: `cognitoBot.exportSetup` writes it, `cognitoBot.deployToSandbox` deploys a template. */
export function registerExport(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const commands = () => import('./commands');
  registerCommand(context, 'cognitoBot.exportSetup', async (args) => (await commands()).exportSetup({ connections, log }, args), { log, connections });
  registerCommand(context, 'cognitoBot.deployToSandbox', async (args) => (await commands()).deployToSandbox({ connections, log }, args), {
    log,
    connections,
  });
}
