import * as vscode from 'vscode';
import { registerConnection } from './connection/register';
import type { ConnectionStatus } from './connection/statusBar';
import { registerChat } from './chat/panel/register';
import { registerConversationTests } from './convtests/register';
import type { TestTree } from './convtests/testing/testTree';
import { registerDoctor } from './doctor/register';
import { registerExport } from './export/register';
import type { SetupCheckView } from './doctor/view/setupCheckView';
import { registerInject } from './inject/register';
import type { ExplorerItem } from './pools/explorer';
import type { Pin } from './pools/pins';
import { registerPools } from './pools/register';
import { createLog, type Log } from './ui/log';
import { registerCommand } from './ui/registerCommand';

/** What the extension offers other extensions (and its own host tests). */
export interface CognitoBotApi {
  /** The current connection, or undefined; never credentials. */
  currentConnection(): { kind: string; region: string; profile?: string; endpoint?: string; account?: string } | undefined;
  /** What the connection's status bar item shows: text, tooltip, error colours (expired credentials), command. */
  connectionStatus(): ConnectionStatus;
  /** The explorer's items under a path of labels, as the view shows them (for scripts and tests). */
  explorerItems(path?: readonly string[], options?: { loadAll?: boolean }): Promise<ExplorerItem[] | undefined>;
  /** The current connection's pinned resources, read afresh from globalState: what a reloaded window shows. */
  pinnedResources(): Pin[];
  /** The Setup Check view's rows: each link of the last check, its findings under it. */
  setupCheckRows(): ReturnType<SetupCheckView['rows']>;
  /** The Test Explorer's conversation tests: files, their conversations (line) and turns. */
  conversationTestRows(): ReturnType<TestTree['rows']>;
}

export function activate(context: vscode.ExtensionContext): CognitoBotApi | undefined {
  let log: Log | undefined;
  try {
    log = createLog(context);
    registerCommand(context, 'cognitoBot.showLog', () => log?.show(), { log });
    const { connections, connectionStatus } = registerConnection(context, log);
    const pools = registerPools(context, connections, log);
    registerInject(context, connections, log);
    registerChat(context, connections, log);
    const setupCheck = registerDoctor(context, connections, log);
    const conversationTests = registerConversationTests(context, connections, log);
    registerExport(context, connections, log);
    log.info(`Cognito Bot Workbench ${context.extension.packageJSON.version} activated`);
    return {
      currentConnection() {
        const active = connections.current;
        if (!active) return undefined;
        const { connection, identity } = active;
        return { ...connection, account: identity?.account };
      },
      connectionStatus,
      explorerItems: (path = [], options) => pools.explorer.itemsAt(path, options),
      pinnedResources: () => pools.pinnedResources(),
      setupCheckRows: () => setupCheck.rows(),
      conversationTestRows: () => conversationTests.rows(),
    };
  } catch (error) {
    // Activation failures must reach the user, not only the log.
    const message = error instanceof Error ? error.message : String(error);
    log?.error(error instanceof Error ? error : message);
    void vscode.window.showErrorMessage(vscode.l10n.t('Cognito Bot Workbench failed to start: {0}', message));
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
