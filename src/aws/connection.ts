/** Where AWS calls go: an AWS profile in a region, or the local sandbox on loopback. */
export type Connection = ProfileConnection | SandboxConnection;

export interface ProfileConnection {
  readonly kind: 'profile';
  readonly profile: string;
  readonly region: string;
  /**
   * The endpoints the profile's config (or AWS_ENDPOINT_URL*) sets, as they were when it
   * connected (LocalStack, moto, `npm run sandbox`); clients without one go to AWS.
   */
  readonly endpoints?: ConfiguredEndpoints;
}

export interface SandboxConnection {
  readonly kind: 'sandbox';
  /** http://127.0.0.1:PORT, the endpoint override of every client. */
  readonly endpoint: string;
  readonly region: string;
}

export const SANDBOX_DEFAULT_REGION = 'us-east-1';

/**
 * The SDK serviceId of each client the extension builds: the AWS config files key a service's
 * endpoint by it (lower case, spaces to underscores), and so do AWS_ENDPOINT_URL_<SERVICE> names.
 */
export const SERVICE_IDS = {
  sts: 'STS',
  cognitoIdentity: 'Cognito Identity',
  cognitoIdentityProvider: 'Cognito Identity Provider',
  iam: 'IAM',
  lexRuntime: 'Lex Runtime V2',
  lexModels: 'Lex Models V2',
  cloudFormation: 'CloudFormation',
} as const;

/** Endpoint URLs by client, for the clients that have one configured. */
export type ConfiguredEndpoints = Readonly<Partial<Record<keyof typeof SERVICE_IDS, string>>>;

/** What the picker, status bar and labels say of a profile connection with configured endpoints. */
export const CUSTOM_ENDPOINT = 'custom endpoint';

/** The different URLs among a connection's endpoints, for labels and tooltips. */
export function endpointUrls(endpoints: ConfiguredEndpoints): string[] {
  return [...new Set(Object.values(endpoints))];
}

/** A stable key, so clients and credentials are cached per connection (and per endpoint). */
export function connectionKey(connection: Connection): string {
  if (connection.kind === 'sandbox') return `sandbox:${connection.endpoint}@${connection.region}`;
  const base = `profile:${connection.profile}@${connection.region}`;
  if (!connection.endpoints) return base;
  const sorted = Object.fromEntries(Object.entries(connection.endpoints).sort(([a], [b]) => a.localeCompare(b)));
  return `${base} ${JSON.stringify(sorted)}`;
}

/** The connection a key stands for (the inverse of connectionKey); undefined for what is not a key. */
export function connectionFromKey(key: string): Connection | undefined {
  // Lazy up to the first "@" that a region (and the endpoints, if any) follow: profile names may hold "@".
  const parts = /^(profile|sandbox):(.+?)@([^@\s]+)(?: (\{.*\}))?$/.exec(key);
  if (!parts) return undefined;
  const [, kind, name, region, endpoints] = parts;
  if (kind === 'sandbox') return endpoints ? undefined : { kind, endpoint: name, region };
  try {
    return endpoints
      ? { kind: 'profile', profile: name, region, endpoints: JSON.parse(endpoints) as ConfiguredEndpoints }
      : { kind: 'profile', profile: name, region };
  } catch {
    return undefined;
  }
}

/** Short label for the status bar and messages. */
export function describeConnection(connection: Connection): string {
  if (connection.kind === 'sandbox') return `Sandbox ${new URL(connection.endpoint).host} · ${connection.region}`;
  return [connection.profile, connection.region, connection.endpoints && CUSTOM_ENDPOINT].filter(Boolean).join(' · ');
}

export function sameConnection(a: Connection | undefined, b: Connection | undefined): boolean {
  return a !== undefined && b !== undefined && connectionKey(a) === connectionKey(b);
}
