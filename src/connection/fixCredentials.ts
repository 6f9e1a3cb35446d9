import * as vscode from 'vscode';
import { describeConnection } from '../aws/connection';
import { cliProfileFlag, InvalidArgumentsError } from '../aws/errors';
import { findProfile } from '../aws/profiles';
import type { ConnectionManager } from './connectionManager';
import { checkWithProgress, type ConnectionResult, toResult } from './selectConnection';

type FixAction = 'ssoLogin' | 'reconnect';
type FixPick = vscode.QuickPickItem & { action: FixAction };

/**
 * `cognitoBot.fixCredentials`, the expired status bar item's command: offers `aws sso login`
 * (in a terminal) for a profile connection, and reconnecting, which checks the connection with
 * STS again and clears the expired state. Args `{ action: 'reconnect' | 'ssoLogin' }` skip the pick.
 */
export async function fixCredentials(connections: ConnectionManager, args?: unknown): Promise<ConnectionResult | { terminal: string } | undefined> {
  const active = connections.current;
  if (!active) {
    await vscode.commands.executeCommand('cognitoBot.selectConnection');
    return undefined;
  }
  const { connection } = active;
  const ssoLogin = `aws sso login${cliProfileFlag(connection.kind === 'profile' ? connection.profile : undefined)}`;
  let action: FixAction | undefined;
  if (args === undefined) {
    const items: FixPick[] = [];
    if (connection.kind === 'profile') {
      const isSso = (await findProfile(connection.profile))?.kind === 'sso';
      items.push({
        label: `$(terminal) ${vscode.l10n.t({ message: 'Run {0}', args: [ssoLogin], comment: ['{0} is a command line, "aws sso login …"'] })}`,
        description: isSso ? vscode.l10n.t('IAM Identity Center (SSO) profile') : vscode.l10n.t('for an SSO profile; otherwise refresh its keys'),
        action: 'ssoLogin',
      });
    }
    items.push({
      label: `$(refresh) ${vscode.l10n.t('Reconnect')}`,
      description: vscode.l10n.t({ message: 'check {0} again', args: [describeConnection(connection)], comment: ['{0} describes the connection'] }),
      action: 'reconnect',
    });
    action = (
      await vscode.window.showQuickPick(items, {
        title: connections.credentialsExpired ? vscode.l10n.t('Cognito Bot: the credentials have expired') : vscode.l10n.t('Cognito Bot: fix credentials'),
        placeHolder: vscode.l10n.t('Refresh the credentials, then reconnect'),
      })
    )?.action;
    if (!action) throw new vscode.CancellationError();
  } else {
    const requested = (args as { action?: unknown } | null)?.action;
    if (requested !== 'reconnect' && requested !== 'ssoLogin') throw new InvalidArgumentsError('Pass { action: "reconnect" } or { action: "ssoLogin" }.');
    if (requested === 'ssoLogin' && connection.kind !== 'profile')
      throw new InvalidArgumentsError('"ssoLogin" is for a profile connection; this is the sandbox.');
    action = requested;
  }
  if (action === 'ssoLogin') {
    const terminal = vscode.window.createTerminal({ name: 'Cognito Bot' });
    terminal.show();
    terminal.sendText(ssoLogin, true);
    return { terminal: ssoLogin };
  }
  const identity = await checkWithProgress(connections, connection);
  await connections.use(connection, identity);
  return toResult(connection, identity);
}
