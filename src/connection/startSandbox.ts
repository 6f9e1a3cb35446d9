import * as vscode from 'vscode';
import { SANDBOX_DEFAULT_REGION } from '../aws/connection';
import { InvalidArgumentsError } from '../aws/connection';
import type { ConnectionManager } from './connectionManager';
import type { SandboxHost } from './sandboxHost';
import { type ConnectionResult, checkWithProgress, sandboxPortSetting, toResult } from './selectConnection';

/**
 * `cognitoBot.startSandbox`: starts the local sandbox (or reuses the running one) and
 * connects to it. Args: `{ port? }` (default: the `cognitoBot.sandbox.port` setting).
 */
export async function startSandbox(connections: ConnectionManager, sandbox: SandboxHost, args?: unknown): Promise<ConnectionResult> {
  const port = portFrom(args);
  const running = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Starting the Cognito Bot sandbox…' },
    () => sandbox.start(port),
  );
  const connection = { kind: 'sandbox' as const, endpoint: running.endpoint, region: SANDBOX_DEFAULT_REGION };
  const identity = await checkWithProgress(connections, connection);
  await connections.use(connection, identity);
  return toResult(connection, identity);
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
