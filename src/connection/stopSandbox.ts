import type { ConnectionManager } from './connectionManager';
import type { SandboxHost } from './sandboxHost';

/** `cognitoBot.stopSandbox`: stops the local sandbox; a connection to it ends too. */
export async function stopSandbox(connections: ConnectionManager, sandbox: SandboxHost): Promise<{ stopped: boolean }> {
  const endpoint = sandbox.running?.endpoint;
  const stopped = await sandbox.stop();
  const current = connections.current?.connection;
  if (current?.kind === 'sandbox' && current.endpoint === endpoint) {
    await connections.disconnect();
  }
  return { stopped };
}
