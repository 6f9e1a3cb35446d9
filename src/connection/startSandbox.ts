import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../aws/errors';
import { SANDBOX_DEFAULT_REGION } from '../aws/connection';
import type { ConnectionManager } from './connectionManager';
import type { SandboxHost } from './sandboxHost';
import { type ConnectionResult, checkWithProgress, sandboxPortSetting, sandboxStateDirSetting, toResult } from './selectConnection';

/**
 * `cognitoBot.startSandbox`: starts the local sandbox (or reuses the running one) and
 * connects to it. Args: `{ port?, stateDir? }` (defaults: the `cognitoBot.sandbox.port` and
 * `cognitoBot.sandbox.stateFolder` settings, the latter falling back to global storage).
 */
export async function startSandbox(connections: ConnectionManager, sandbox: SandboxHost, args?: unknown): Promise<ConnectionResult> {
  const port = portFrom(args);
  const stateDir = stateDirFrom(args) ?? sandboxStateDirSetting(sandbox.globalStorage);
  const running = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting the Cognito Bot sandbox…') },
    () => sandbox.start(port, stateDir),
  );
  const connection = { kind: 'sandbox' as const, endpoint: running.endpoint, region: SANDBOX_DEFAULT_REGION };
  const identity = await checkWithProgress(connections, connection);
  await connections.use(connection, identity);
  return toResult(connection, identity);
}

function stateDirFrom(args: unknown): string | undefined {
  const stateDir = (args as { stateDir?: unknown } | undefined)?.stateDir;
  if (stateDir === undefined) return undefined;
  if (typeof stateDir !== 'string' || stateDir.trim() === '') {
    throw new InvalidArgumentsError(`"stateDir" must be a folder path; got ${JSON.stringify(stateDir)}.`);
  }
  return stateDir;
}

function portFrom(args: unknown): number {
  if (args === undefined || args === null) return sandboxPortSetting();
  const port = (args as { port?: unknown }).port;
  if (port === undefined) return sandboxPortSetting();
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentsError(`"port" must be an integer from 0 to 65535 (0 picks a free port); got ${JSON.stringify(port)}.`);
  }
  return port;
}
