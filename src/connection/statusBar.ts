import * as vscode from 'vscode';
import { CUSTOM_ENDPOINT, describeConnection, endpointUrls } from '../aws/connection';
import type { ConnectionManager } from './connectionManager';

/** What the status bar item shows now (for the API and host tests). */
export interface ConnectionStatus {
  readonly text: string;
  readonly tooltip: string;
  /** The item has the error colours: the connection's credentials expired. */
  readonly errorColours: boolean;
  readonly command?: string;
}

/**
 * The status bar item that shows the connection; clicking it switches connection. When the
 * connection's credentials expire (or its SSO session ends) it turns to the error colours and
 * clicking it offers the fix, as the AWS Toolkit does.
 */
export function registerConnectionStatusBar(context: vscode.ExtensionContext, connections: ConnectionManager): () => ConnectionStatus {
  const item = vscode.window.createStatusBarItem('cognitoBot.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Cognito Bot Connection';
  const render = () => {
    const active = connections.current;
    item.command = 'cognitoBot.selectConnection';
    item.backgroundColor = undefined;
    if (!active) {
      item.text = '$(debug-disconnect) Cognito Bot: not connected';
      item.tooltip = 'Cognito Bot Workbench is not connected. Click to connect to AWS or the local sandbox.';
      return;
    }
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Cognito Bot Workbench**\n\n`);
    if (connections.credentialsExpired) {
      item.text = `$(warning) ${describeConnection(active.connection)}: credentials expired`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.command = 'cognitoBot.fixCredentials';
      tooltip.appendMarkdown(
        active.connection.kind === 'profile'
          ? `The credentials of profile \`${active.connection.profile}\` have expired, or its SSO session ended: AWS refuses its requests.\n\n`
          : `The sandbox at \`${active.connection.endpoint}\` says the credentials have expired.\n\n`,
      );
      tooltip.appendMarkdown(
        active.connection.kind === 'profile' ? 'Click to fix: run `aws sso login` (or refresh the keys), then reconnect.' : 'Click to reconnect.',
      );
      item.tooltip = tooltip;
      return;
    }
    const icon = active.connection.kind === 'sandbox' ? '$(beaker)' : '$(cloud)';
    item.text = `${icon} ${describeConnection(active.connection)}`;
    tooltip.appendMarkdown(
      active.connection.kind === 'sandbox' ? `Local sandbox at \`${active.connection.endpoint}\`\n\n` : `Profile \`${active.connection.profile}\`\n\n`,
    );
    if (active.connection.kind === 'profile' && active.connection.endpoints) {
      const urls = endpointUrls(active.connection.endpoints).map((url) => `\`${url}\``);
      tooltip.appendMarkdown(`Sends requests to a ${CUSTOM_ENDPOINT}: ${urls.join(', ')}\n\n`);
    }
    tooltip.appendMarkdown(`Region \`${active.connection.region}\`\n\n`);
    if (active.identity) tooltip.appendMarkdown(`Account \`${active.identity.account}\` as \`${active.identity.arn}\`\n\n`);
    tooltip.appendMarkdown('Click to switch connection.');
    item.tooltip = tooltip;
  };
  render();
  item.show();
  context.subscriptions.push(item, connections.onDidChange(render), connections.onDidLearnIdentity(render));
  return () => ({
    text: item.text,
    tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''),
    errorColours: item.backgroundColor instanceof vscode.ThemeColor && item.backgroundColor.id === 'statusBarItem.errorBackground',
    command: typeof item.command === 'string' ? item.command : item.command?.command,
  });
}
