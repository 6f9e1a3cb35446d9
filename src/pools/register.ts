import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';
import { ExplorerTreeProvider } from './explorer';
import { registerPolicyDocuments } from './policyDocuments';

/** The explorer view and its commands. */
export function registerPools(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const tree = new ExplorerTreeProvider(connections);
  const view = vscode.window.createTreeView('cognitoBot.explorer', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view);
  registerCommand(context, 'cognitoBot.refresh', () => tree.refresh(), log);
  registerPolicyDocuments(context, connections, log, () => tree.refresh());
}
