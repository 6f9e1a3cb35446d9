import * as vscode from 'vscode';
import { ClientFactory } from '../aws/clientFactory';
import { type Connection, describeConnection, sameConnection } from '../aws/connection';
import type { CallerIdentity } from '../aws/identity';
import type { Log } from '../ui/log';

export interface ActiveConnection {
  readonly connection: Connection;
  /** Set once STS GetCallerIdentity has answered for it. */
  readonly identity?: CallerIdentity;
}

const LAST_PROFILE_KEY = 'cognitoBot.lastProfileConnection';

/**
 * Holds the current connection and the client factory that serves it. Features read
 * `current` and listen to `onDidChange`; only the connection commands change it.
 */
export class ConnectionManager implements vscode.Disposable {
  private active: ActiveConnection | undefined;
  private readonly changed = new vscode.EventEmitter<ActiveConnection | undefined>();
  readonly onDidChange = this.changed.event;
  private factory: ClientFactory;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    private readonly version: string,
  ) {
    this.factory = this.createFactory();
  }

  /** Builds the SDK clients for the current connection (cached, cleared on change). */
  get clients(): ClientFactory {
    return this.factory;
  }

  get current(): ActiveConnection | undefined {
    return this.active;
  }

  /** Makes a checked connection current; clients built for another one are dropped. */
  async use(connection: Connection, identity: CallerIdentity | undefined): Promise<void> {
    if (!sameConnection(this.active?.connection, connection)) this.clients.clear();
    this.active = { connection, identity };
    this.log.info(`Connected to ${describeConnection(connection)}${identity ? ` as ${identity.arn}` : ''}`);
    if (connection.kind === 'profile') {
      await this.state.update(LAST_PROFILE_KEY, { profile: connection.profile, region: connection.region });
    }
    await this.publish();
  }

  async disconnect(): Promise<void> {
    if (!this.active) return;
    this.log.info(`Disconnected from ${describeConnection(this.active.connection)}`);
    this.active = undefined;
    this.clients.clear();
    await this.publish();
  }

  /** The profile connection used last, to restore without a network call at startup. */
  lastProfileConnection(): { profile: string; region: string } | undefined {
    const saved = this.state.get<{ profile?: unknown; region?: unknown }>(LAST_PROFILE_KEY);
    return typeof saved?.profile === 'string' && typeof saved.region === 'string' ? { profile: saved.profile, region: saved.region } : undefined;
  }

  /** Settings that shape clients changed: rebuild them on next use. */
  settingsChanged(): void {
    this.factory.clear();
    this.factory = this.createFactory();
  }

  private createFactory(): ClientFactory {
    return new ClientFactory({ userAgent: `cognito-bot-workbench/${this.version}`, requestTimeoutMs: requestTimeoutMs() });
  }

  dispose(): void {
    this.clients.clear();
    this.changed.dispose();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'cognitoBot.connected', this.active !== undefined);
    this.changed.fire(this.active);
  }
}

export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('cognitoBot').get<number>('requestTimeoutSeconds', 30);
  return Math.max(1, seconds) * 1000;
}
