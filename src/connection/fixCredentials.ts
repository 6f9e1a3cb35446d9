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
        label: `$(terminal) Run ${ssoLogin}`,
        description: isSso ? 'IAM Identity Center (SSO) profile' : 'for an SSO profile; otherwise refresh its keys',
        action: 'ssoLogin',
      });
    }
    items.push({ label: '$(refresh) Reconnect', description: `check ${describeConnection(connection)} again`, action: 'reconnect' });
    action = (
      await vscode.window.showQuickPick(items, {
        title: connections.credentialsExpired ? 'Cognito Bot: the credentials have expired' : 'Cognito Bot: fix credentials',
        placeHolder: 'Refresh the credentials, then reconnect',
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
