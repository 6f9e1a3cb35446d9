import type { ServiceClients, ServiceName } from './clientFactory';
import type { Sdk } from './loadSdk';

/**
 * What the AWS layer needs to call AWS (or the sandbox): the SDK's command classes, the
 * current connection's clients, its region and account. The connection manager builds it.
 */
export interface AwsContext {
  readonly sdk: Sdk;
  readonly region: string;
  /** The account the connection's credentials belong to, for ARNs. */
  readonly account: string;
  client<S extends ServiceName>(service: S): Promise<ServiceClients[S]>;
}
