import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';

/** Export Setup as Code: `cognitoBot.exportSetup`. */
export function registerExport(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const commands = () => import('./commands');
  registerCommand(context, 'cognitoBot.exportSetup', async (args) => (await commands()).exportSetup({ connections, log }, args), { log, connections });
}
