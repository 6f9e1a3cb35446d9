import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import type { AwsContext } from '../aws/context';
import { connectionKey } from '../aws/connection';
import type { PinStore } from './pins';
import type { ConnectionNode, ExplorerNode, LoadMoreNode, PagedNode } from './nodes';

/** The nodes and the engines they call load with the first expansion (dist/explorer.js), not at activation. */
const loadNodes = () => import('./nodes');

function isPaged(node: ExplorerNode): node is PagedNode<unknown> {
  return typeof (node as Partial<PagedNode<unknown>>).reset === 'function';
}

function isLoadMore(node: ExplorerNode | undefined): node is LoadMoreNode {
  return node?.contextValue === 'loadMore';
}

export interface ExplorerItem {
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  readonly tooltip?: string;
  readonly icon?: string;
  readonly copyId?: string;
  readonly copyArn?: string;
  /** What a screen reader says for the row. */
  readonly accessibilityLabel?: string;
}

function labelOf(node: ExplorerNode): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

/**
 * What the row shows, its label and description, and a problem its icon shows, for screen
 * readers: VS Code would read a plain-text tooltip instead (the connection's is its ARN, a role's its ARN).
 */
function shownText(node: ExplorerNode): string {
  return [labelOf(node), typeof node.description === 'string' ? node.description : undefined, node.problem].filter(Boolean).join(', ');
}

/**
 * The Cognito Bot explorer: the connection, its user pools, identity pools (with providers,
 * roles and policies) and Lex bots. Not connected, it is empty, so VS Code shows the welcome
 * view. Lists load a page at a time; a failed load becomes an error node.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private root?: ConnectionNode;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: Log,
    private readonly pins: PinStore,
  ) {
    this.subscriptions = [
      connections.onDidChange(() => this.refresh()),
      // A restored connection learns its account on first use: show it on the connection node.
      connections.onDidLearnIdentity((active) => {
        if (!this.root) return;
        this.root.showIdentity(active);
        this.changed.fire(this.root);
      }),
    ];
  }

  /** Reloads a node's children (its pages start again), or the whole tree. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.root = undefined;
    } else if (isPaged(node)) {
      node.reset();
    } else if (node.parent) {
      // A node that is not a list holds what was described when it was made (an identity
      // pool's guest access, a role's trust): its parent makes it again.
      this.refresh(node.parent);
      return;
    }
    this.changed.fire(node);
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    // Here, not when the node is made: its description may change (the connection's account).
    element.accessibilityInformation = { label: shownText(element) };
    return element;
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    return element.parent;
  }

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    const active = this.connections.current;
    if (!active) return [];
    if (!element) {
      const key = connectionKey(active.connection);
      this.root ??= new (await loadNodes()).ConnectionNode(active, (kind) => this.pins.list(key, kind));
      return [this.root];
    }
    if (!element.loadChildren) return [];
    try {
      const ctx = await this.context();
      const children = await element.loadChildren(ctx);
      for (const child of children) child.parent = element;
      return children;
    } catch (thrown) {
      const nodes = await loadNodes();
      // A list that failed still shows its pinned resources, above the error.
      const failed = thrown instanceof nodes.ListFailedError ? thrown : undefined;
      const error = failed ? failed.cause : thrown;
      this.log.warn(`Explorer: could not load ${String(element.label)}: ${error instanceof Error ? error.message : String(error)}`);
      const children = [...(failed?.pinned ?? []), nodes.errorNode(error, active)];
      for (const child of children) child.parent = element;
      return children;
    }
  }

  async resolveTreeItem(_item: vscode.TreeItem, element: ExplorerNode): Promise<vscode.TreeItem> {
    if (element.resolve) {
      try {
        await element.resolve(await this.context());
      } catch (error) {
        element.tooltip = vscode.l10n.t('Could not describe it: {0}', error instanceof Error ? error.message : String(error));
      }
    }
    return element;
  }

  /**
   * The items under a path of labels (root first), as the view shows them: for scripts and
   * tests, which cannot read a tree view. An unknown label gives undefined.
   */
  async itemsAt(path: readonly string[], options: { loadAll?: boolean } = {}): Promise<ExplorerItem[] | undefined> {
    let parent: ExplorerNode | undefined;
    let children = await this.getChildren();
    for (const label of path) {
      parent = children.find((child) => labelOf(child) === label);
      if (!parent) return undefined;
      children = await this.getChildren(parent);
    }
    // As a person clicking "Load more…" until it goes.
    for (let last = children.at(-1); options.loadAll && isLoadMore(last); last = children.at(-1)) {
      await this.loadMore(last.list);
      children = await this.getChildren(parent);
    }
    return Promise.all(
      children.map(async (child) => {
        await this.resolveTreeItem(child, child);
        const tooltip = typeof child.tooltip === 'string' ? child.tooltip : child.tooltip?.value;
        const icon = child.iconPath instanceof vscode.ThemeIcon ? child.iconPath.id : undefined;
        return {
          label: labelOf(child),
          description: typeof child.description === 'string' ? child.description : undefined,
          contextValue: child.contextValue,
          tooltip,
          icon,
          copyId: child.copyId,
          copyArn: child.copyArn,
          accessibilityLabel: this.getTreeItem(child).accessibilityInformation?.label,
        };
      }),
    );
  }

  /** Loads the next page of a list and shows it. */
  async loadMore(list: PagedNode<unknown>): Promise<void> {
    await list.loadMore(await this.context());
    this.changed.fire(list);
  }

  private context(): Promise<AwsContext> {
    return this.connections.awsContext();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
