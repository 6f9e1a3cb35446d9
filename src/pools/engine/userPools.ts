import { InvalidArgumentsError } from '../../aws/connection';
import { ActionableError } from '../../aws/errors';
import { allPages, type AwsContext, type Page } from './context';
import { Journal, PartialCreationError } from './journal';
import { check, clientNameProblem, optionalStringArg, stringArg, stringListArg, userPoolNameProblem } from './names';
import { isNotFound } from './roles';

/** Sign-in identifiers Cognito offers as usernames. */
export const SIGN_IN_ALIASES = ['email', 'phone_number'] as const;
/** Standard attributes that can be required at sign-up. */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
] as const;
export const AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] as const;

/** The webchat tutorial's choices: email sign-in, email and name required, a public client chatapp. */
export const USER_POOL_DEFAULTS = {
  signInAliases: ['email'],
  requiredAttributes: ['email', 'name'],
  clientName: 'chatapp',
  authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
} as const;

export interface CreateUserPoolArgs {
  readonly name: string;
  readonly signInAliases: readonly string[];
  readonly requiredAttributes: readonly string[];
  readonly clientName: string;
  readonly authFlows: readonly string[];
}

export interface CreateUserPoolResult {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
}

/** Reads `cognitoBot.createUserPool`'s args object, filling the tutorial's defaults. */
export function parseCreateUserPoolArgs(args: Record<string, unknown>): CreateUserPoolArgs {
  const name = stringArg(args, 'name');
  check(userPoolNameProblem(name), 'name');
  const clientName = optionalStringArg(args, 'clientName') ?? USER_POOL_DEFAULTS.clientName;
  check(clientNameProblem(clientName), 'clientName');
  const authFlows = stringListArg(args, 'authFlows', AUTH_FLOWS) ?? [...USER_POOL_DEFAULTS.authFlows];
  if (authFlows.length === 0) throw new InvalidArgumentsError('"authFlows" needs at least one flow, e.g. ALLOW_USER_SRP_AUTH.');
  return {
    name,
    signInAliases: stringListArg(args, 'signInAliases', SIGN_IN_ALIASES) ?? [...USER_POOL_DEFAULTS.signInAliases],
    requiredAttributes: stringListArg(args, 'requiredAttributes', STANDARD_ATTRIBUTES) ?? [...USER_POOL_DEFAULTS.requiredAttributes],
    clientName,
    authFlows,
  };
}

export interface UserPoolSummary {
  readonly id: string;
  readonly name: string;
  readonly creationDate?: Date;
}

export async function listUserPools(ctx: AwsContext, nextToken?: string, maxResults = 60): Promise<Page<UserPoolSummary>> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const answer = await idp.send(new ctx.sdk.ListUserPoolsCommand({ MaxResults: maxResults, NextToken: nextToken }));
  return {
    items: (answer.UserPools ?? []).map((p) => ({ id: p.Id ?? '', name: p.Name ?? '', creationDate: p.CreationDate })),
    nextToken: answer.NextToken,
  };
}

export async function findUserPoolsNamed(ctx: AwsContext, name: string): Promise<UserPoolSummary[]> {
  return (await allPages((token) => listUserPools(ctx, token))).filter((pool) => pool.name === name);
}

export interface UserPoolDetails {
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly signInAttributes: readonly string[];
  readonly requiredAttributes: readonly string[];
  readonly creationDate?: Date;
}

export async function describeUserPool(ctx: AwsContext, userPoolId: string): Promise<UserPoolDetails> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const { UserPool: pool } = await idp.send(new ctx.sdk.DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  return {
    id: pool?.Id ?? userPoolId,
    name: pool?.Name ?? userPoolId,
    arn: pool?.Arn,
    signInAttributes: [...(pool?.UsernameAttributes ?? []), ...(pool?.AliasAttributes ?? [])],
    requiredAttributes: (pool?.SchemaAttributes ?? []).filter((a) => a.Required).map((a) => a.Name ?? ''),
    creationDate: pool?.CreationDate,
  };
}

export interface AppClientSummary {
  readonly clientId: string;
  readonly name: string;
}

export async function listAppClients(ctx: AwsContext, userPoolId: string, nextToken?: string): Promise<Page<AppClientSummary>> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const answer = await idp.send(new ctx.sdk.ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: nextToken }));
  return {
    items: (answer.UserPoolClients ?? []).map((c) => ({ clientId: c.ClientId ?? '', name: c.ClientName ?? '' })),
    nextToken: answer.NextToken,
  };
}

export interface AppClientDetails extends AppClientSummary {
  readonly userPoolId: string;
  readonly hasSecret: boolean;
  readonly authFlows: readonly string[];
}

export async function describeAppClient(ctx: AwsContext, userPoolId: string, clientId: string): Promise<AppClientDetails> {
  const idp = await ctx.client('cognitoIdentityProvider');
  try {
    const { UserPoolClient: client } = await idp.send(new ctx.sdk.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    return {
      userPoolId,
      clientId,
      name: client?.ClientName ?? clientId,
      hasSecret: Boolean(client?.ClientSecret),
      authFlows: client?.ExplicitAuthFlows ?? [],
    };
  } catch (error) {
    if (isNotFound(error)) {
      throw new ActionableError(`User pool ${userPoolId} has no app client ${clientId} in ${ctx.region} (or the pool does not exist). Copy both ids from the explorer.`, [], { cause: error });
    }
    throw error;
  }
}

/**
 * Creates a user pool for a single-page app and its public app client. A name already taken
 * is refused before anything is created; if the client fails, the pool is reported (and can
 * be rolled back through the error's journal).
 */
export async function createUserPool(ctx: AwsContext, args: CreateUserPoolArgs, journal = new Journal()): Promise<CreateUserPoolResult> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const existing = await findUserPoolsNamed(ctx, args.name);
  if (existing.length > 0) {
    throw new ActionableError(
      `A user pool named "${args.name}" already exists in ${ctx.region} (${existing.map((p) => p.id).join(', ')}). Pick another name, or use or delete the existing pool.`,
    );
  }
  const verified = args.signInAliases.includes('email') || args.requiredAttributes.includes('email') ? ['email'] : [];
  const { UserPool: pool } = await idp.send(
    new ctx.sdk.CreateUserPoolCommand({
      PoolName: args.name,
      UsernameAttributes: args.signInAliases.length > 0 ? [...args.signInAliases] as ('email' | 'phone_number')[] : undefined,
      AutoVerifiedAttributes: verified as 'email'[],
      // Standard attributes keep their own types (updated_at is a number): name them only.
      Schema: args.requiredAttributes.map((name) => ({ Name: name, Required: true, Mutable: true })),
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: verified.length > 0 ? { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] } : undefined,
    }),
  );
  const userPoolId = pool?.Id;
  if (!userPoolId) throw new Error(`Cognito created user pool ${args.name} but returned no id.`);
  journal.record(`user pool ${args.name} (${userPoolId})`, async () => {
    await idp.send(new ctx.sdk.DeleteUserPoolCommand({ UserPoolId: userPoolId }));
  });
  try {
    const { UserPoolClient: client } = await idp.send(
      new ctx.sdk.CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: args.clientName,
        // A browser cannot keep a secret: the client is public.
        GenerateSecret: false,
        ExplicitAuthFlows: [...args.authFlows] as never,
        PreventUserExistenceErrors: 'ENABLED',
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    if (!client?.ClientId) throw new Error('Cognito created the app client but returned no id.');
    return { userPoolId, clientId: client.ClientId, region: ctx.region };
  } catch (error) {
    throw new PartialCreationError(`create app client ${args.clientName}`, journal, error);
  }
}

export async function deleteUserPool(ctx: AwsContext, userPoolId: string): Promise<void> {
  const idp = await ctx.client('cognitoIdentityProvider');
  try {
    await idp.send(new ctx.sdk.DeleteUserPoolCommand({ UserPoolId: userPoolId }));
  } catch (error) {
    if (isNotFound(error)) throw new ActionableError(`There is no user pool ${userPoolId} in ${ctx.region}; it may be deleted already. Refresh the explorer.`, [], { cause: error });
    const message = (error as Error | undefined)?.message ?? '';
    if (/domain/i.test(message)) throw new ActionableError(`Cognito will not delete ${userPoolId} while it has a domain: ${message} Delete the domain in the Cognito console (App integration > Domain), then try again.`, [], { cause: error });
    if (/deletion protection/i.test(message)) throw new ActionableError(`${userPoolId} has deletion protection on: ${message} Turn it off in the Cognito console (User pool properties), then try again.`, [], { cause: error });
    throw error;
  }
}
