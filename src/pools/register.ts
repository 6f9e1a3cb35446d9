import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import { registerCommand } from '../ui/registerCommand';
import { copyFromNode } from './commands/copy';
import { openPolicy } from './commands/openPolicy';
import type * as PoolsCommands from './commands';
import type { PoolsDeps } from './commands/shared';
import { ExplorerTreeProvider } from './explorer';
import { type Pin, PinStore } from './pins';
import { connectionKey } from '../aws/connection';
import type { ExplorerNode, LoadMoreNode } from './nodes';
import { registerPolicyDocuments } from './policyDocuments';

type LazyCommand = Exclude<keyof typeof PoolsCommands, 'readPolicy' | 'writePolicy'>;

/** The explorer view, its commands, and policy documents as JSON editors. */
export function registerPools(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  log: Log,
): { explorer: ExplorerTreeProvider; pinnedResources(): Pin[] } {
  // Per machine, as the AWS Toolkit keeps what it knows of accounts: a pin names a resource of
  // an account and region, whatever folder is open. Not synced: profiles differ per machine.
  const pins = new PinStore(context.globalState);
  const tree = new ExplorerTreeProvider(connections, log, pins);
  const view = vscode.window.createTreeView('cognitoBot.explorer', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view);
  const deps: PoolsDeps = { connections, tree, log, pins };
  const loadCommands = () => import('./commands');

  registerCommand(context, 'cognitoBot.refresh', () => tree.refresh(), deps);
  registerCommand(context, 'cognitoBot.refreshNode', (node) => tree.refresh(node as ExplorerNode), deps);
  registerCommand(
    context,
    'cognitoBot.loadMore',
    (node) => ((node as Partial<LoadMoreNode> | undefined)?.list ? tree.loadMore((node as LoadMoreNode).list) : undefined),
    deps,
  );
  registerCommand(context, 'cognitoBot.copyId', (node) => copyFromNode('id', node), deps);
  registerCommand(context, 'cognitoBot.copyArn', (node) => copyFromNode('arn', node), deps);
  // Each command's module loads on first use (dist/pools.js).
  const commands: readonly [string, LazyCommand][] = [
    ['cognitoBot.createUserPool', 'createUserPool'],
    ['cognitoBot.createIdentityPool', 'createIdentityPool'],
    ['cognitoBot.setUpBotWebAccess', 'setUpBotWebAccess'],
    ['cognitoBot.attachRolePolicy', 'attachRolePolicy'],
    ['cognitoBot.detachRolePolicy', 'detachRolePolicy'],
    ['cognitoBot.linkUserPool', 'linkUserPool'],
    ['cognitoBot.setGuestAccess', 'setGuestAccess'],
    ['cognitoBot.deleteUserPool', 'deleteUserPool'],
    ['cognitoBot.deleteIdentityPool', 'deleteIdentityPool'],
    ['cognitoBot.addUserPoolById', 'addUserPoolById'],
    ['cognitoBot.addIdentityPoolById', 'addIdentityPoolById'],
    ['cognitoBot.addBotById', 'addBotById'],
    ['cognitoBot.removePin', 'removePin'],
  ];
  for (const [id, name] of commands) {
    registerCommand(context, id, async (args) => (await loadCommands())[name](deps, args), deps);
  }
  const policyFiles = registerPolicyDocuments(context, connections, log, () => tree.refresh());
  registerCommand(context, 'cognitoBot.openPolicy', (args) => openPolicy(policyFiles, args), deps);
  return {
    explorer: tree,
    // A store of its own over the same Memento: what a reloaded window would read.
    pinnedResources: () => {
      const active = connections.current;
      return active ? new PinStore(context.globalState).list(connectionKey(active.connection)) : [];
    },
  };
}
