import type { AwsContext } from '../aws/context';
import { isNotFound } from '../aws/errors';
import { looksLike, regionOfIdentityPoolId, regionOfUserPoolId } from '../aws/ids';
import { allBotAliases, describeBot, describeBotAlias, listBotLocales } from '../aws/services/lexModels';
import { describeIdentityPool } from '../aws/services/cognitoIdentity';
import { describeAppClient } from '../aws/services/cognitoIdp';
import { getManagedPolicyDocument, getRole, getRolePolicy, listAttachedPolicies, listInlinePolicies } from '../aws/services/iam';
import { allPages } from '../aws/paging';
import { roleNameFromArn } from '../aws/arns';
import { findManagedPolicy } from '../policies/managed';
import type { DiagnoseInput } from './findings';
import type { BotAliasRead, MissingAliasClues, PolicyRead, Read, RoleRead, SetupSnapshot } from './snapshot';

/** An AwsContext for a region: the identity pool, the user pool and the bot may each be in their own. */
export type ContextFor = (region: string) => Promise<AwsContext>;

function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : '';
}

function denied(error: unknown): boolean {
  const names = [errorName(error), errorName((error as { cause?: unknown } | undefined)?.cause)];
  return names.some((name) => /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|NotAuthorizedException)$/.test(name));
}

/**
 * Runs one read: not there and not allowed are answers the checks report; anything else (the
 * network, expired credentials) fails the whole check with the extension's explained error.
 */
async function read<T>(action: string, fn: () => Promise<T | undefined>): Promise<Read<T>> {
  try {
    const value = await fn();
    return value === undefined ? { state: 'missing' } : { state: 'found', value };
  } catch (error) {
    const cause = (error as { cause?: unknown } | undefined)?.cause;
    if (isNotFound(error) || isNotFound(cause)) return { state: 'missing', message: error instanceof Error ? error.message : String(error) };
    if (denied(error)) return { state: 'unreadable', action, message: error instanceof Error ? error.message : String(error) };
    throw error;
  }
}

/** The region each part lives in: ids carry theirs; the rest default to the page's configured region. */
export function resolveRegions(input: DiagnoseInput, connectionRegion: string): { region: string; lexRegion: string } {
  const region = input.region ?? regionOfIdentityPoolId(input.identityPoolId) ?? connectionRegion;
  return { region, lexRegion: input.lexRegion ?? region };
}

async function readRole(ctx: AwsContext, arn: string, managedDocuments: Map<string, Promise<Read<string>>>): Promise<RoleRead> {
  const name = roleNameFromArn(arn);
  const managedDocument = (policyArn: string) => {
    let document = managedDocuments.get(policyArn);
    if (!document) {
      // The tutorials' AWS managed policies are known documents: no call for them.
      const known = findManagedPolicy(policyArn);
      document = known
        ? Promise.resolve({ state: 'found', value: JSON.stringify(known.document) })
        : read('iam:GetPolicyVersion', () => getManagedPolicyDocument(ctx, policyArn));
      managedDocuments.set(policyArn, document);
    }
    return document;
  };
  const [trustPolicy, managed, inline] = await Promise.all([
    read('iam:GetRole', async () => (await getRole(ctx, name))?.trustPolicy ?? (undefined as string | undefined)),
    read('iam:ListAttachedRolePolicies', async () => {
      const attached = await allPages((marker) => listAttachedPolicies(ctx, name, marker));
      return Promise.all(attached.map(async (p): Promise<PolicyRead> => ({ name: p.name, arn: p.arn, document: await managedDocument(p.arn) })));
    }),
    read('iam:ListRolePolicies', async () => {
      const names = await allPages((marker) => listInlinePolicies(ctx, name, marker));
      return Promise.all(
        names.map(async (policyName): Promise<PolicyRead> => ({
          name: policyName,
          document: await read('iam:GetRolePolicy', () => getRolePolicy(ctx, name, policyName)),
        })),
      );
    }),
  ]);
  return { arn, name, trustPolicy, managed, inline };
}

async function readBotAlias(ctx: AwsContext, botId: string, botAliasId: string): Promise<Read<BotAliasRead>> {
  const alias = await read('lex:DescribeBotAlias', () => describeBotAlias(ctx, botId, botAliasId));
  if (alias.state !== 'found') return alias;
  const { value } = alias;
  const versionLocales = await read('lex:ListBotLocales', async () =>
    (await allPages((token) => listBotLocales(ctx, value, token))).map((l) => ({ localeId: l.localeId, status: l.status })),
  );
  return { state: 'found', value: { name: value.name, botVersion: value.botVersion, locales: value.locales, versionLocales } };
}

/** Only when the alias is not found: does another bot have this alias id (#325)? */
async function missingAliasClues(ctx: AwsContext, botId: string, botAliasId: string): Promise<MissingAliasClues | undefined> {
  try {
    const owner = (await allBotAliases(ctx)).find(({ alias }) => alias.botAliasId === botAliasId && alias.botId !== botId);
    return { aliasOfBot: owner ? { botId: owner.bot.botId, botName: owner.bot.name } : undefined };
  } catch {
    return undefined; // clues only: the finding stands without them
  }
}

/**
 * Reads the chain a bot's web page walks: the identity pool, its roles and their policies,
 * the app client, the bot alias and its locales. Reads only; independent reads in parallel.
 */
export async function gatherSetup(contextFor: ContextFor, input: DiagnoseInput, connection: { region: string; account: string }): Promise<SetupSnapshot> {
  const { region, lexRegion } = resolveRegions(input, connection.region);
  const poolRegion = regionOfIdentityPoolId(input.identityPoolId) ?? region;
  const poolCtx = await contextFor(poolRegion);

  const identityPoolRead = looksLike('identityPoolId', input.identityPoolId)
    ? read('cognito-identity:DescribeIdentityPool', () => describeIdentityPool(poolCtx, input.identityPoolId))
    : Promise.resolve<Read<never>>({ state: 'missing' });

  const readAppClient = (userPoolId: string, clientId: string) =>
    contextFor(regionOfUserPoolId(userPoolId) ?? region).then((ctx) =>
      read('cognito-idp:DescribeUserPoolClient', () => describeAppClient(ctx, userPoolId, clientId)),
    );
  const appClientRead = input.userPoolId && input.clientId ? readAppClient(input.userPoolId, input.clientId) : undefined;

  const botRead =
    input.botId && input.botAliasId
      ? contextFor(lexRegion).then(async (ctx) => {
          const [bot, alias] = await Promise.all([
            // Read for its name: a throttle or a network error here must not stop the check.
            read('lex:DescribeBot', async () => ({ name: (await describeBot(ctx, input.botId!)).name })).catch((error: unknown): Read<{ name: string }> => ({
              state: 'unreadable',
              action: 'lex:DescribeBot',
              message: error instanceof Error ? error.message : String(error),
            })),
            readBotAlias(ctx, input.botId!, input.botAliasId!),
          ]);
          const clues = alias.state === 'missing' ? await missingAliasClues(ctx, input.botId!, input.botAliasId!) : undefined;
          return { bot, alias, clues };
        })
      : undefined;

  // Awaited below, after the identity pool: a failure meanwhile must not go unhandled.
  for (const pending of [appClientRead, botRead]) pending?.catch(() => undefined);
  const identityPool = await identityPoolRead;
  // Given no user pool, a pool with one login provider is checked with it: that is how its page signs in.
  let signIn = input.userPoolId && input.clientId ? { userPoolId: input.userPoolId, clientId: input.clientId } : undefined;
  let appClientOfPool = appClientRead;
  const providers = identityPool.state === 'found' ? identityPool.value.providers : [];
  if (!input.userPoolId && providers.length === 1 && providers[0].userPoolId && providers[0].clientId) {
    signIn = { userPoolId: providers[0].userPoolId, clientId: providers[0].clientId };
    appClientOfPool = readAppClient(signIn.userPoolId, signIn.clientId);
  }
  const managedDocuments = new Map<string, Promise<Read<string>>>();
  const roleArns = identityPool.state === 'found' ? identityPool.value.roles : {};
  const [authenticated, unauthenticated, appClient, bot] = await Promise.all([
    roleArns.authenticated ? readRole(poolCtx, roleArns.authenticated, managedDocuments) : undefined,
    roleArns.unauthenticated ? readRole(poolCtx, roleArns.unauthenticated, managedDocuments) : undefined,
    appClientOfPool,
    botRead,
  ]);

  const allowsGuests = identityPool.state === 'found' && identityPool.value.allowUnauthenticated;
  // Who the page calls as, unless the caller said: a page given a user pool signs in (and lets
  // guests in when the pool does); one whose pool merely has a provider may call either way.
  const mode = input.mode ?? (input.userPoolId ? (allowsGuests ? 'both' : 'signedIn') : signIn ? 'both' : 'guest');
  return {
    input: { ...input, ...signIn, region, lexRegion, mode },
    account: connection.account,
    connectionRegion: connection.region,
    identityPool:
      identityPool.state === 'found'
        ? {
            state: 'found',
            value: {
              name: identityPool.value.name,
              allowUnauthenticated: identityPool.value.allowUnauthenticated,
              providers: identityPool.value.providers.map((p) => ({ providerName: p.providerName, clientId: p.clientId })),
              roles: identityPool.value.roles,
            },
          }
        : identityPool,
    roles: { authenticated, unauthenticated },
    appClient: appClient && (appClient.state === 'found' ? { state: 'found', value: appClient.value } : appClient),
    bot: bot?.bot,
    botAlias: bot?.alias,
    missingAlias: bot?.clues,
  };
}
