import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';
import { attachRolePolicy } from './commands/attachRolePolicy';
import { copyFromNode } from './commands/copy';
import { createIdentityPool } from './commands/createIdentityPool';
import { createUserPool } from './commands/createUserPool';
import { deleteIdentityPool } from './commands/deleteIdentityPool';
import { deleteUserPool } from './commands/deleteUserPool';
import { detachRolePolicy } from './commands/detachRolePolicy';
import { linkUserPool } from './commands/linkUserPool';
import { setGuestAccess } from './commands/setGuestAccess';
import { setUpBotWebAccess } from './commands/setUpBotWebAccess';
import { explaining, type PoolsDeps } from './commands/shared';
import { ExplorerTreeProvider } from './explorer';
import { type ExplorerNode, LoadMoreNode } from './nodes';
import { registerPolicyDocuments } from './policyDocuments';

/** The explorer view, its commands, and policy documents as JSON editors. */
export function registerPools(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): ExplorerTreeProvider {
  const tree = new ExplorerTreeProvider(connections, log);
  const view = vscode.window.createTreeView('cognitoBot.explorer', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view);
  const deps: PoolsDeps = { connections, tree, log };

  registerCommand(context, 'cognitoBot.refresh', () => tree.refresh(), log);
  registerCommand(context, 'cognitoBot.refreshNode', (node) => tree.refresh(node as ExplorerNode), log);
  registerCommand(context, 'cognitoBot.loadMore', (node) => (node instanceof LoadMoreNode ? tree.loadMore(node.list) : undefined), log);
  registerCommand(context, 'cognitoBot.copyId', (node) => copyFromNode('id', node), log);
  registerCommand(context, 'cognitoBot.copyArn', (node) => copyFromNode('arn', node), log);
  registerCommand(context, 'cognitoBot.createUserPool', explaining(deps, (args) => createUserPool(deps, args)), log);
  registerCommand(context, 'cognitoBot.createIdentityPool', explaining(deps, (args) => createIdentityPool(deps, args)), log);
  registerCommand(context, 'cognitoBot.setUpBotWebAccess', explaining(deps, (args) => setUpBotWebAccess(deps, args)), log);
  registerCommand(context, 'cognitoBot.attachRolePolicy', explaining(deps, (args) => attachRolePolicy(deps, args)), log);
  registerCommand(context, 'cognitoBot.detachRolePolicy', explaining(deps, (args) => detachRolePolicy(deps, args)), log);
  registerCommand(context, 'cognitoBot.linkUserPool', explaining(deps, (args) => linkUserPool(deps, args)), log);
  registerCommand(context, 'cognitoBot.setGuestAccess', explaining(deps, (args) => setGuestAccess(deps, args)), log);
  registerCommand(context, 'cognitoBot.deleteUserPool', explaining(deps, (args) => deleteUserPool(deps, args)), log);
  registerCommand(context, 'cognitoBot.deleteIdentityPool', explaining(deps, (args) => deleteIdentityPool(deps, args)), log);
  registerPolicyDocuments(context, connections, log, () => tree.refresh());
  return tree;
}
