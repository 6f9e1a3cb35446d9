import * as vscode from 'vscode';
import type { CheckedLink, DiagnoseResult, Finding } from '../findings';

// The "Setup Check" view: the last check's chain, link by link, each finding under its link
// with its fix as an inline button. A clean chain shows every link checked.

const STATUS_ICONS: Readonly<Record<CheckedLink['status'], vscode.ThemeIcon>> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  skipped: new vscode.ThemeIcon('circle-slash'),
};

export class LinkItem extends vscode.TreeItem {
  constructor(
    readonly link: CheckedLink,
    readonly findings: readonly Finding[],
  ) {
    super(link.label, findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.iconPath = STATUS_ICONS[link.status];
    this.description = link.status === 'ok' ? vscode.l10n.t('checked') : link.status === 'skipped' ? vscode.l10n.t('not checked') : undefined;
    this.contextValue = 'setupLink';
    this.accessibilityInformation = { label: `${link.label}: ${this.description ?? vscode.l10n.t('{0} finding(s)', findings.length)}` };
  }
}

export class FindingItem extends vscode.TreeItem {
  constructor(
    readonly finding: Finding,
    readonly result: DiagnoseResult,
  ) {
    super(finding.title, vscode.TreeItemCollapsibleState.None);
    this.iconPath = STATUS_ICONS[finding.severity];
    this.description = finding.code;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(`**${finding.severity}** \`${finding.code}\`\n\n`).appendText(finding.detail);
    if (finding.evidence) tooltip.appendMarkdown('\n\n').appendCodeblock(finding.evidence, 'text');
    if (finding.fix) tooltip.appendMarkdown(`\n\n**${vscode.l10n.t('Fix:')}** `).appendText(finding.fix.change);
    this.tooltip = tooltip;
    this.contextValue = finding.fix ? 'setupFinding fixable' : 'setupFinding';
    this.accessibilityInformation = { label: `${finding.severity}: ${finding.title}. ${finding.detail}` };
  }
}

type Item = LinkItem | FindingItem;

export class SetupCheckView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private result: DiagnoseResult | undefined;
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  get last(): DiagnoseResult | undefined {
    return this.result;
  }

  show(result: DiagnoseResult | undefined): void {
    this.result = result;
    void vscode.commands.executeCommand('setContext', 'cognitoBot.setupChecked', result !== undefined);
    this.changed.fire(undefined);
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  getChildren(item?: Item): Item[] {
    const result = this.result;
    if (!result) return [];
    if (!item)
      return result.links.map(
        (link) =>
          new LinkItem(
            link,
            result.findings.filter((f) => f.link === link.link),
          ),
      );
    if (item instanceof LinkItem) return item.findings.map((f) => new FindingItem(f, result));
    return [];
  }

  /** The view's rows as it shows them, links and their findings (for scripts and tests). */
  rows(): { label: string; description?: string; icon?: string; children: { label: string; description?: string; fixable: boolean }[] }[] {
    return this.getChildren().map((item) => ({
      label: String(item.label),
      description: typeof item.description === 'string' ? item.description : undefined,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
      children: this.getChildren(item).map((child) => ({
        label: String(child.label),
        description: typeof child.description === 'string' ? child.description : undefined,
        fixable: child.contextValue?.includes('fixable') ?? false,
      })),
    }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
