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
  item.name = vscode.l10n.t('Cognito Bot Connection');
  const render = () => {
    const active = connections.current;
    item.command = 'cognitoBot.selectConnection';
    item.backgroundColor = undefined;
    if (!active) {
      item.text = `$(debug-disconnect) ${vscode.l10n.t('Cognito Bot: not connected')}`;
      item.tooltip = vscode.l10n.t('Cognito Bot Workbench is not connected. Click to connect to AWS or the local sandbox.');
      return;
    }
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Cognito Bot Workbench**\n\n`);
    if (connections.credentialsExpired) {
      item.text = `$(warning) ${vscode.l10n.t({ message: '{0}: credentials expired', args: [describeConnection(active.connection)], comment: ['{0} describes the connection'] })}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.command = 'cognitoBot.fixCredentials';
      tooltip.appendMarkdown(
        active.connection.kind === 'profile'
          ? `${vscode.l10n.t('The credentials of profile `{0}` have expired, or its SSO session ended: AWS refuses its requests.', active.connection.profile)}\n\n`
          : `${vscode.l10n.t('The sandbox at `{0}` says the credentials have expired.', active.connection.endpoint)}\n\n`,
      );
      tooltip.appendMarkdown(
        active.connection.kind === 'profile'
          ? vscode.l10n.t('Click to fix: run `aws sso login` (or refresh the keys), then reconnect.')
          : vscode.l10n.t('Click to reconnect.'),
      );
      item.tooltip = tooltip;
      return;
    }
    const icon = active.connection.kind === 'sandbox' ? '$(beaker)' : '$(cloud)';
    item.text = `${icon} ${describeConnection(active.connection)}`;
    tooltip.appendMarkdown(
      active.connection.kind === 'sandbox'
        ? `${vscode.l10n.t('Local sandbox at `{0}`', active.connection.endpoint)}\n\n`
        : `${vscode.l10n.t('Profile `{0}`', active.connection.profile)}\n\n`,
    );
    if (active.connection.kind === 'profile' && active.connection.endpoints) {
      const urls = endpointUrls(active.connection.endpoints).map((url) => `\`${url}\``);
      const sends = vscode.l10n.t({
        message: 'Sends requests to a {0}: {1}',
        args: [CUSTOM_ENDPOINT, urls.join(', ')],
        comment: ['{0} is "custom endpoint", {1} its URLs'],
      });
      tooltip.appendMarkdown(`${sends}\n\n`);
    }
    tooltip.appendMarkdown(`${vscode.l10n.t('Region `{0}`', active.connection.region)}\n\n`);
    if (active.identity) tooltip.appendMarkdown(`${vscode.l10n.t('Account `{0}` as `{1}`', active.identity.account, active.identity.arn)}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Click to switch connection.'));
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
