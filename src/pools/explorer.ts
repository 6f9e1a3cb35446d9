import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';

/**
 * The Cognito Bot explorer. Until the pools, identity pools and bots arrive, it is empty, so
 * VS Code shows its welcome view (connect / start the sandbox).
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(connections: ConnectionManager) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(node?: vscode.TreeItem): void {
    this.changed.fire(node);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
