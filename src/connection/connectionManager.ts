import * as vscode from 'vscode';
import { ClientFactory } from '../aws/clientFactory';
import { type Connection, connectionKey, describeConnection, sameConnection } from '../aws/connection';
import type { AwsContext } from '../aws/context';
import { ActionableError } from '../aws/errors';
import { type CallerIdentity, getCallerIdentity } from '../aws/identity';
import { loadSdk } from '../aws/loadSdk';
import type { Log } from '../ui/log';

export interface ActiveConnection {
  readonly connection: Connection;
  /** Set once STS GetCallerIdentity has answered for it. */
  readonly identity?: CallerIdentity;
}

const LAST_PROFILE_KEY = 'cognitoBot.lastProfileConnection';

/**
 * Holds the current connection, who its credentials belong to, and the client factory that
 * serves it. Features read `current` or `awsContext()` and listen to `onDidChange`; only the
 * connection commands change it.
 */
export class ConnectionManager implements vscode.Disposable {
  private active: ActiveConnection | undefined;
  private readonly changed = new vscode.EventEmitter<ActiveConnection | undefined>();
  /** The connection changed (or ended). */
  readonly onDidChange = this.changed.event;
  private readonly identityLearned = new vscode.EventEmitter<ActiveConnection>();
  /** The current connection's identity became known (it was restored without one). */
  readonly onDidLearnIdentity = this.identityLearned.event;
  /** The one GetCallerIdentity in flight for the current connection, if it has no identity yet. */
  private learning: { key: string; identity: Promise<CallerIdentity> } | undefined;
  /** AWS said the current connection's credentials expired (or its SSO session ended). */
  private expired = false;
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

  /** The current connection's credentials expired, or its SSO session ended; until it is used again. */
  get credentialsExpired(): boolean {
    return this.expired;
  }

  /** A command failed because the current connection's credentials expired: show it until reconnected. */
  noteCredentialsExpired(): void {
    if (!this.active || this.expired) return;
    this.expired = true;
    this.log.warn(`The credentials of ${describeConnection(this.active.connection)} have expired`);
    // At once, so the status bar shows it by the time the failed command's caller hears of it.
    this.changed.fire(this.active);
    void vscode.commands.executeCommand('setContext', 'cognitoBot.credentialsExpired', true);
  }

  /**
   * What the AWS layer needs for the current connection: its clients, region and account.
   * A connection restored at startup has not met STS yet; its identity is learned here, once.
   * With a region, the same connection's credentials in that region (a pool or bot may live
   * in another region than the connection's).
   */
  async awsContext(region?: string): Promise<AwsContext> {
    const active = this.active;
    if (!active) {
      throw new ActionableError(vscode.l10n.t('Connect to AWS or the local sandbox first.'), [
        { kind: 'command', title: vscode.l10n.t('Select Connection'), command: 'cognitoBot.selectConnection' },
        { kind: 'command', title: vscode.l10n.t('Start Local Sandbox'), command: 'cognitoBot.startSandbox' },
      ]);
    }
    const { connection } = active;
    const [sdk, identity] = await Promise.all([loadSdk(), active.identity ?? this.learnIdentity(connection)]);
    const inRegion = region && region !== connection.region ? { ...connection, region } : connection;
    return {
      sdk,
      region: inRegion.region,
      account: identity.account,
      client: (service) => this.factory.client(inRegion, service),
    };
  }

  private learnIdentity(connection: Connection): Promise<CallerIdentity> {
    const key = connectionKey(connection);
    if (this.learning?.key !== key) {
      const identity = getCallerIdentity(this.factory, connection);
      this.learning = { key, identity };
      identity.then(
        (learned) => {
          if (this.learning?.identity !== identity) return;
          this.learning = undefined;
          // Still the same connection: remember who it is, so no caller asks STS again.
          if (this.active && sameConnection(this.active.connection, connection)) {
            this.active = { connection: this.active.connection, identity: learned };
            this.expired = false;
            this.log.info(`${describeConnection(connection)} is ${learned.arn}`);
            this.identityLearned.fire(this.active);
          }
        },
        // A failure is the caller's to show; the next call asks again.
        () => {
          if (this.learning?.identity === identity) this.learning = undefined;
        },
      );
    }
    return this.learning.identity;
  }

  /** Makes a checked connection current; clients built for another one are dropped. */
  async use(connection: Connection, identity: CallerIdentity | undefined): Promise<void> {
    if (!sameConnection(this.active?.connection, connection)) this.clients.clear();
    this.learning = undefined;
    this.expired = false;
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
    this.learning = undefined;
    this.expired = false;
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
    this.identityLearned.dispose();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'cognitoBot.connected', this.active !== undefined);
    await vscode.commands.executeCommand('setContext', 'cognitoBot.credentialsExpired', this.expired);
    this.changed.fire(this.active);
  }
}

export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('cognitoBot').get<number>('requestTimeoutSeconds', 30);
  return Math.max(1, seconds) * 1000;
}
