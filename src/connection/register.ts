import * as vscode from 'vscode';
import { isRegion } from '../aws/ids';
import { findProfile, profileConnection } from '../aws/profiles';
import type { Log } from '../ui/log';
import { registerCommand, wrapCommand } from '../ui/registerCommand';
import { ConnectionManager } from './connectionManager';
import { fixCredentials } from './fixCredentials';
import { importBot } from './importBot';
import { SandboxHost } from './sandboxHost';
import { selectConnection } from './selectConnection';
import { startSandbox } from './startSandbox';
import { type ConnectionStatus, registerConnectionStatusBar } from './statusBar';
import { stopSandbox } from './stopSandbox';

/** The connection feature: its state, status bar item (and what it shows) and commands. */
export function registerConnection(context: vscode.ExtensionContext, log: Log): { connections: ConnectionManager; connectionStatus: () => ConnectionStatus } {
  const connections = new ConnectionManager(context.globalState, log, context.extension.packageJSON.version ?? '0.0.0');
  const sandbox = new SandboxHost(log, context.globalStorageUri);
  context.subscriptions.push(connections, sandbox);
  const connectionStatus = registerConnectionStatusBar(context, connections);
  const env = { log, connections };

  registerCommand(context, 'cognitoBot.selectConnection', (args) => selectConnection(connections, sandbox, args), env);
  registerCommand(context, 'cognitoBot.startSandbox', (args) => startSandbox(connections, sandbox, args), env);
  registerCommand(context, 'cognitoBot.stopSandbox', () => stopSandbox(connections, sandbox), env);
  registerCommand(context, 'cognitoBot.importBot', (args) => importBot(connections, sandbox, log, args), env);
  registerCommand(context, 'cognitoBot.fixCredentials', (args) => fixCredentials(connections, args), env);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cognitoBot.requestTimeoutSeconds')) connections.settingsChanged();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'cognitoBot.connected', false);
  void vscode.commands.executeCommand('setContext', 'cognitoBot.sandboxRunning', false);
  void vscode.commands.executeCommand('setContext', 'cognitoBot.credentialsExpired', false);
  // A profile whose endpoints cannot be read (a services section that is not there, an
  // endpoint_url that is not a URL) is said as a command's failure is, with its fix, as a
  // warning; the sandbox still starts when asked.
  const restore = wrapCommand('restoreConnection', () => restoreConnection(connections, log), env, vscode.window.showWarningMessage);
  void Promise.resolve(restore()).finally(() => startSandboxIfAsked(connections, sandbox, log));
  return { connections, connectionStatus };
}

/** With cognitoBot.sandbox.startOnActivation (the demo workspace's default), connect to the sandbox. */
async function startSandboxIfAsked(connections: ConnectionManager, sandbox: SandboxHost, log: Log): Promise<void> {
  const settings = vscode.workspace.getConfiguration('cognitoBot');
  if (!settings.get<boolean>('sandbox.startOnActivation', false) || settings.get<string>('profile', '').trim()) return;
  try {
    await startSandbox(connections, sandbox, {});
  } catch (error) {
    log.warn(`Could not start the sandbox on activation: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Puts back the profile connection from settings or from last time, without a network call:
 * it is checked when first used. (The sandbox is not restarted by itself.)
 */
async function restoreConnection(connections: ConnectionManager, log: Log): Promise<void> {
  const settings = vscode.workspace.getConfiguration('cognitoBot');
  const profile = settings.get<string>('profile', '').trim();
  const regionSetting = settings.get<string>('region', '').trim();
  let restored: { profile: string; region: string } | undefined;
  if (profile) {
    const region = isRegion(regionSetting) ? regionSetting : (await findProfile(profile))?.region;
    if (region) restored = { profile, region };
    else log.warn(`Setting cognitoBot.profile is "${profile}", but no region is set for it; choose one with "Select Connection".`);
  } else {
    restored = connections.lastProfileConnection();
  }
  if (restored && !connections.current) {
    await connections.use(await profileConnection(restored.profile, restored.region), undefined);
  }
}
