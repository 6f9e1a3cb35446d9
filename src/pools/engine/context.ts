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

/** Every page of a list, in order. */
export async function allPages<T>(load: (token?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await load(token);
    items.push(...page.items);
    token = page.nextToken;
  } while (token);
  return items;
}

/**
 * Maps with at most `limit` calls in flight: describing every item of a page at once would
 * trip Cognito's low request-rate quotas.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
