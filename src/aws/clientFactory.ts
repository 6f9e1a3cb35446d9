import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { SANDBOX_ADMIN_CREDENTIALS } from './sandboxAccount';
import { type Connection, connectionKey } from './connection';
import { loadSdk, type Sdk } from './loadSdk';

export interface ServiceClients {
  sts: STSClient;
  cognitoIdentity: CognitoIdentityClient;
  cognitoIdentityProvider: CognitoIdentityProviderClient;
  iam: IAMClient;
  lexRuntime: LexRuntimeV2Client;
  lexModels: LexModelsV2Client;
  cloudFormation: CloudFormationClient;
}
export type ServiceName = keyof ServiceClients;

export interface ClientFactoryOptions {
  /** Names the extension and its version in every request's User-Agent. */
  readonly userAgent: string;
  readonly requestTimeoutMs: number;
  /** Attempts per request, first included, with the SDK's standard retry strategy. */
  readonly maxAttempts?: number;
}

function constructorOf(sdk: Sdk, service: ServiceName) {
  switch (service) {
    case 'sts':
      return sdk.STSClient;
    case 'cognitoIdentity':
      return sdk.CognitoIdentityClient;
    case 'cognitoIdentityProvider':
      return sdk.CognitoIdentityProviderClient;
    case 'iam':
      return sdk.IAMClient;
    case 'lexRuntime':
      return sdk.LexRuntimeV2Client;
    case 'lexModels':
      return sdk.LexModelsV2Client;
    case 'cloudFormation':
      return sdk.CloudFormationClient;
  }
}

interface Destroyable {
  destroy(): void;
}

/**
 * Builds every AWS SDK v3 client the extension uses, configured one way (region, endpoint
 * override, credentials with refresh, retries, timeout, user agent), and caches them per
 * connection. Clear it when the connection changes or its settings do.
 */
export class ClientFactory {
  private readonly clients = new Map<string, Promise<Destroyable>>();
  private readonly credentialProviders = new Map<string, AwsCredentialIdentityProvider>();

  constructor(private readonly options: ClientFactoryOptions) {}

  async client<S extends ServiceName>(connection: Connection, service: S): Promise<ServiceClients[S]> {
    const key = `${connectionKey(connection)}#${service}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.build(connection, service);
      this.clients.set(key, client);
      // A failed build must not poison the cache.
      client.catch(() => this.clients.delete(key));
    }
    return (await client) as ServiceClients[S];
  }

  /**
   * One credential provider per connection, shared by all its clients, so an SSO token or a
   * credential_process runs once, and again only five minutes before the credentials expire.
   */
  async credentials(connection: Connection): Promise<AwsCredentialIdentityProvider> {
    const key = connectionKey(connection);
    let provider = this.credentialProviders.get(key);
    if (!provider) {
      const sdk = await loadSdk();
      const source: AwsCredentialIdentityProvider =
        connection.kind === 'sandbox' ? async () => ({ ...SANDBOX_ADMIN_CREDENTIALS }) : sdk.fromIni({ profile: connection.profile, ignoreCache: true });
      provider = sdk.memoizeIdentityProvider(source, sdk.isIdentityExpired, sdk.doesIdentityRequireRefresh) as AwsCredentialIdentityProvider;
      this.credentialProviders.set(key, provider);
    }
    return provider;
  }

  /** Resolves the connection's credentials now (for checks; never log the result). */
  async resolveCredentials(connection: Connection): Promise<AwsCredentialIdentity> {
    return (await this.credentials(connection))();
  }

  /** Drops every cached client and credential; the next call builds afresh. */
  clear(): void {
    const clients = [...this.clients.values()];
    this.clients.clear();
    this.credentialProviders.clear();
    for (const client of clients) {
      client.then(
        (c) => c.destroy(),
        () => undefined,
      );
    }
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * A client of the connection's region and endpoint that signs with other credentials (e.g.
   * an identity pool's, for the chat panel). Not cached: the caller destroys it.
   */
  async clientWith<S extends ServiceName>(
    connection: Connection,
    service: S,
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  ): Promise<ServiceClients[S]> {
    return (await this.build(connection, service, credentials)) as ServiceClients[S];
  }

  private async build(connection: Connection, service: ServiceName, credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider): Promise<Destroyable> {
    const sdk = await loadSdk();
    const Client = constructorOf(sdk, service);
    const handlerOptions = {
      requestTimeout: this.options.requestTimeoutMs,
      connectionTimeout: Math.min(this.options.requestTimeoutMs, 5000),
      // Without this, the SDK only logs a warning when a request outlives requestTimeout.
      throwOnRequestTimeout: true,
    };
    return new Client({
      region: connection.region,
      endpoint: connection.kind === 'sandbox' ? connection.endpoint : connection.endpoints?.[service],
      // The connection's endpoints were resolved for its profile; left alone, the SDK would
      // apply the AWS_PROFILE (or default) profile's endpoint_url to every profile's clients.
      ignoreConfiguredEndpointUrls: true,
      credentials: credentials ?? (await this.credentials(connection)),
      maxAttempts: this.options.maxAttempts ?? 3,
      retryMode: 'standard',
      customUserAgent: this.options.userAgent,
      // Lex Runtime V2's default handler is HTTP/2 with a new session (a new TLS handshake)
      // per request, which StartConversation needs and RecognizeText does not. A chat turn is
      // one small request: HTTP/1.1 with keep-alive reuses one connection across turns.
      requestHandler:
        service === 'lexRuntime'
          ? new sdk.NodeHttpHandler({
              ...handlerOptions,
              httpAgent: new sdk.HttpAgent({ keepAlive: true }),
              httpsAgent: new sdk.HttpsAgent({ keepAlive: true }),
            })
          : handlerOptions,
    });
  }
}
