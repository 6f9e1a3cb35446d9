import { ActionableError } from '../aws/errors';
import { getCallerIdentity } from '../aws/identity';
import { loadSdk } from '../aws/loadSdk';
import type { ConnectionManager } from '../connection/connectionManager';
import type { AwsContext } from './engine/context';

/** The engine's view of the current connection; says what to do when there is none. */
export async function awsContext(connections: ConnectionManager): Promise<AwsContext> {
  const active = connections.current;
  if (!active) {
    throw new ActionableError('Connect to AWS or the local sandbox first.', [
      { kind: 'command', title: 'Select Connection', command: 'cognitoBot.selectConnection' },
      { kind: 'command', title: 'Start Local Sandbox', command: 'cognitoBot.startSandbox' },
    ]);
  }
  const { connection } = active;
  const factory = connections.clients;
  // A connection restored at startup has not met STS yet; ARNs need its account.
  const account = active.identity?.account ?? (await getCallerIdentity(factory, connection)).account;
  return {
    sdk: await loadSdk(),
    region: connection.region,
    account,
    client: (service) => factory.client(connection, service),
  };
}
