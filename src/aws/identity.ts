import type { ClientFactory } from './clientFactory';
import type { Connection } from './connection';
import { explainAwsError } from './errors';
import { loadSdk } from './loadSdk';

/** Who a connection's credentials belong to, as STS GetCallerIdentity reports. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/**
 * Proves a connection works: resolves its credentials and asks STS who they belong to.
 * Failures come back as ActionableError with what to do.
 */
export async function getCallerIdentity(factory: ClientFactory, connection: Connection, abortSignal?: AbortSignal): Promise<CallerIdentity> {
  try {
    const [{ GetCallerIdentityCommand }, sts] = await Promise.all([loadSdk(), factory.client(connection, 'sts')]);
    const answer = await sts.send(new GetCallerIdentityCommand({}), { abortSignal });
    if (!answer.Account || !answer.Arn || !answer.UserId) {
      throw new Error('STS GetCallerIdentity answered without Account, Arn or UserId.');
    }
    return { account: answer.Account, arn: answer.Arn, userId: answer.UserId };
  } catch (error) {
    throw explainAwsError(error, connection);
  }
}
