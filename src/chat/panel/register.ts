import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { ActionableError } from '../../aws/errors';
import { isArgsObject, registerCommand } from '../../ui/registerCommand';
import type { ChatDeps, ChatIds, ChatPanel } from './chatPanel';
import type { OpenChatResult } from './openChat';

/** Its view type; the same string as CHAT_VIEW_TYPE in the lazily loaded chunk. */
const CHAT_VIEW_TYPE = 'cognitoBot.chat';
const loadChat = () => import('./index');

function targetKey(target: ChatIds): string {
  return [target.region, target.identityPoolId, target.botId, target.botAliasId, target.localeId].join('|');
}

/** The chat panel: `cognitoBot.openChat`, and panels restored after a reload. */
export function registerChat(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const panels = new Map<string, ChatPanel>();
  let deps: ChatDeps | undefined;
  const chatDeps = async () => (deps ??= { connections, log, extensionUri: context.extensionUri, ...(await loadChat()).chatActions(connections, log) });

  const track = (key: string, chat: ChatPanel) => {
    panels.set(key, chat);
    chat.panel.onDidDispose(() => {
      if (panels.get(key) === chat) panels.delete(key);
    });
  };
  context.subscriptions.push({ dispose: () => panels.forEach((chat) => chat.panel.dispose()) });

  registerCommand(
    context,
    'cognitoBot.openChat',
    async (args?: unknown): Promise<OpenChatResult> => {
      const active = connections.current;
      if (!active) {
        throw new ActionableError(vscode.l10n.t('Connect to AWS or the local sandbox first: the chat gets its credentials from an identity pool there.'), [
          { kind: 'command', title: vscode.l10n.t('Select Connection'), command: 'cognitoBot.selectConnection' },
          { kind: 'command', title: vscode.l10n.t('Start Local Sandbox'), command: 'cognitoBot.startSandbox' },
        ]);
      }
      const { ChatPanel, askTarget, parseOpenChatArgs, withNames } = await loadChat();
      const { target, signIn, say } = isArgsObject(args)
        ? parseOpenChatArgs(args, active.connection.region)
        : { target: await askTarget(connections, context.workspaceState, (args ?? {}) as Record<string, unknown>), signIn: undefined, say: undefined };
      const key = targetKey(target);
      let chat = panels.get(key);
      if (!chat) {
        const named = await withNames(connections, target);
        // ChatPanel titles it.
        const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, vscode.l10n.t('Chat'), vscode.ViewColumn.Beside, {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
        });
        chat = new ChatPanel(panel, named, await chatDeps());
        track(key, chat);
      } else {
        chat.reveal();
      }
      // A panel already open keeps its identity unless the caller signs in anew.
      const identity = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Getting credentials from the identity pool…') },
        () => chat!.ensureConnected(signIn),
      );
      const turn = say ? await chat.send(say) : undefined;
      return { ...identity, botId: target.botId, botAliasId: target.botAliasId, localeId: target.localeId, turn };
    },
    { log, connections },
  );

  // After a reload, a panel comes back with its bot and pool, as a guest (a password is never
  // kept). What the page kept is untrusted: the target is checked like args, the turns rebuilt.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = (state ?? {}) as { bot?: Record<string, unknown>; identity?: Record<string, unknown>; entries?: { kind?: unknown; turn?: unknown }[] };
        const { ChatPanel, revivedTarget, reviveTurns } = await loadChat();
        const target = revivedTarget(saved);
        if (!target) {
          panel.dispose();
          return;
        }
        const turns = reviveTurns((Array.isArray(saved.entries) ? saved.entries : []).filter((e) => e?.kind === 'turn').map((e) => e.turn));
        track(targetKey(target), new ChatPanel(panel, target, await chatDeps(), turns));
      },
    }),
  );
}
