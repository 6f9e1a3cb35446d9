import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';
import { registerConfigDiagnostics } from './editor/configDiagnostics';
import { IdHoverProvider } from './editor/idHover';

/** Putting ids into the workspace: find-and-replace, config files, hovers on ids, and the Problems of ids in config files. */
export function registerInject(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const commands = () => import('./commands');
  const env = { log, connections };
  registerCommand(context, 'cognitoBot.injectIds', async (args) => (await commands()).injectIds(connections, log, args), env);
  registerCommand(context, 'cognitoBot.writeConfig', async (args) => (await commands()).writeConfig(connections, log, args), env);
  registerCommand(context, 'cognitoBot.replaceConfigId', async (args) => (await commands()).replaceConfigId(connections, log, args), env);
  context.subscriptions.push(vscode.languages.registerHoverProvider({ scheme: 'file' }, new IdHoverProvider(connections)));
  registerConfigDiagnostics(context, connections, log);
}
