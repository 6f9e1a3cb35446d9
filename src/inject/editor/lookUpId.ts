import type { AwsContext } from '../../aws/context';
import { allPages } from '../../aws/paging';
import { listBots } from '../../aws/services/lexModels';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { isNotFound } from '../../aws/errors';
import { describeUserPool, listAppClients, listUserPools } from '../../aws/services/cognitoIdp';
import { idKindOf } from '../../aws/ids';

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
