import type { AwsContext } from '../../aws/context';
import { allPages } from '../../aws/paging';
import { describeBot, describeBotAlias, listBots } from '../../aws/services/lexModels';
import { describeIdentityPool, describeIdentityPoolRaw } from '../../aws/services/cognitoIdentity';
import { isNotFound } from '../../aws/errors';
import { describeAppClient, describeUserPool, listAppClients, listUserPools } from '../../aws/services/cognitoIdp';
import { type IdKind, idKindOf } from '../../aws/ids';

/** What an id is on the current connection, one sentence. */
export async function lookUpId(ctx: AwsContext, id: string): Promise<string | undefined> {
  const kind = idKindOf(id);
  try {
    switch (kind) {
      case 'userPoolId': {
        const pool = await describeUserPool(ctx, id);
        return `user pool **${pool.name}**, ${ctx.region}`;
      }
      case 'identityPoolId': {
        const pool = await describeIdentityPool(ctx, id);
        return `identity pool **${pool.name}**, ${ctx.region}, guest access ${pool.allowUnauthenticated ? 'on' : 'off'}`;
      }
      case 'clientId': {
        for (const pool of await allPages((t) => listUserPools(ctx, t))) {
          const client = (await allPages((t) => listAppClients(ctx, pool.id, t))).find((c) => c.clientId === id);
          if (client) return `app client **${client.name}** of user pool ${pool.name} (${pool.id})`;
        }
        return undefined;
      }
      case 'botId': {
        const bot = (await allPages((t) => listBots(ctx, t))).find((b) => b.botId === id);
        return bot ? `Lex bot **${bot.name}**, ${ctx.region}` : undefined;
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (isNotFound(error) || (error instanceof Error && /no (user|identity) pool|not found/i.test(error.message))) return undefined;
    throw error;
  }
}

/** AWS's not-found, as it comes or as the cause of the wrappers' explained error. */
function notFound(error: unknown): boolean {
  return isNotFound(error) || (error instanceof Error && isNotFound(error.cause));
}

async function answers(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (notFound(error)) return false;
    throw error;
  }
}

/**
 * Whether the connection has an id of this kind, in the context's region; undefined when one
 * call cannot tell (an app client without its user pool, an alias without its bot): opening a
 * file never walks every pool or bot. Errors other than not-found are thrown: they say nothing
 * about the id.
 */
export async function idExists(ctx: AwsContext, kind: IdKind, id: string, related: { userPoolId?: string; botId?: string } = {}): Promise<boolean | undefined> {
  switch (kind) {
    case 'identityPoolId':
      return answers(() => describeIdentityPoolRaw(ctx, id));
    case 'userPoolId':
      return answers(() => describeUserPool(ctx, id));
    case 'clientId':
      return related.userPoolId ? answers(() => describeAppClient(ctx, related.userPoolId!, id)) : undefined;
    case 'botId':
      return answers(() => describeBot(ctx, id));
    case 'botAliasId':
      return related.botId ? answers(() => describeBotAlias(ctx, related.botId!, id)) : undefined;
    default:
      return undefined;
  }
}
