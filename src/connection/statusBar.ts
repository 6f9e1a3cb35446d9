import * as vscode from 'vscode';
import { describeConnection } from '../aws/connection';
import type { ConnectionManager } from './connectionManager';

/** The status bar item that shows the connection; clicking it switches connection. */
export function registerConnectionStatusBar(context: vscode.ExtensionContext, connections: ConnectionManager): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('cognitoBot.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Cognito Bot Connection';
  item.command = 'cognitoBot.selectConnection';
  const render = () => {
    const active = connections.current;
    if (!active) {
      item.text = '$(debug-disconnect) Cognito Bot: not connected';
      item.tooltip = 'Cognito Bot Workbench is not connected. Click to connect to AWS or the local sandbox.';
      return;
    }
    const icon = active.connection.kind === 'sandbox' ? '$(beaker)' : '$(cloud)';
    item.text = `${icon} ${describeConnection(active.connection)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Cognito Bot Workbench**\n\n`);
    tooltip.appendMarkdown(
      active.connection.kind === 'sandbox' ? `Local sandbox at \`${active.connection.endpoint}\`\n\n` : `Profile \`${active.connection.profile}\`\n\n`,
    );
    tooltip.appendMarkdown(`Region \`${active.connection.region}\`\n\n`);
    if (active.identity) tooltip.appendMarkdown(`Account \`${active.identity.account}\` as \`${active.identity.arn}\`\n\n`);
    tooltip.appendMarkdown('Click to switch connection.');
    item.tooltip = tooltip;
  };
  render();
  item.show();
  context.subscriptions.push(item, connections.onDidChange(render), connections.onDidLearnIdentity(render));
  return item;
}
