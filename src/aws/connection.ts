/** Where AWS calls go: an AWS profile in a region, or the local sandbox on loopback. */
export type Connection = ProfileConnection | SandboxConnection;

export interface ProfileConnection {
  readonly kind: 'profile';
  readonly profile: string;
  readonly region: string;
}

export interface SandboxConnection {
  readonly kind: 'sandbox';
  /** http://127.0.0.1:PORT, the endpoint override of every client. */
  readonly endpoint: string;
  readonly region: string;
}

export const SANDBOX_DEFAULT_REGION = 'us-east-1';

/** A stable key, so clients and credentials are cached per connection. */
export function connectionKey(connection: Connection): string {
  return connection.kind === 'profile' ? `profile:${connection.profile}@${connection.region}` : `sandbox:${connection.endpoint}@${connection.region}`;
}

/** Short label for the status bar and messages. */
export function describeConnection(connection: Connection): string {
  return connection.kind === 'profile' ? `${connection.profile} · ${connection.region}` : `Sandbox ${new URL(connection.endpoint).host} · ${connection.region}`;
}

export function sameConnection(a: Connection | undefined, b: Connection | undefined): boolean {
  return a !== undefined && b !== undefined && connectionKey(a) === connectionKey(b);
}
