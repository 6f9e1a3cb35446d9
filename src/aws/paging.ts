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
