import type { ServiceClients, ServiceName } from '../../aws/clientFactory';
import type { Sdk } from '../../aws/loadSdk';

/**
 * What the pools engine needs to call AWS (or the sandbox): the SDK's command classes, the
 * current connection's clients, and its region. The VS Code side builds one per command.
 */
export interface AwsContext {
  readonly sdk: Sdk;
  readonly region: string;
  /** The account the connection's credentials belong to, for ARNs. */
  readonly account: string;
  client<S extends ServiceName>(service: S): Promise<ServiceClients[S]>;
}

/** One page of a list, and the token for the next (undefined at the end). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}
