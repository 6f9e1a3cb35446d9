import type { ExplicitAuthFlowsType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { ActionableError, explainAwsError, isNotFound } from '../errors';
import type { AwsContext } from '../context';
import { regionOfUserPoolId } from '../ids';
import { allPages, type Page } from '../paging';

// Cognito user pools (cognito-idp): typed reads, and the one-call changes with their errors explained.

/** Sign-in identifiers Cognito offers as usernames. */
export const SIGN_IN_ALIASES = ['email', 'phone_number'] as const;
/** A standard attribute as DescribeUserPool lists it in SchemaAttributes (constraints are strings there). */
export interface StandardAttribute {
  readonly name: string;
  readonly type: 'String' | 'Number' | 'Boolean';
  readonly minLength?: string;
  readonly maxLength?: string;
  readonly minValue?: string;
}

const text = (name: string, minLength = '0', maxLength = '2048'): StandardAttribute => ({ name, type: 'String', minLength, maxLength });

/**
 * Cognito's standard attributes, in the order and with the types DescribeUserPool gives them
 * (the AWS CLI's describe-user-pool example); `sub` comes before them and is not one of them.
 */
export const STANDARD_ATTRIBUTE_SCHEMA: readonly StandardAttribute[] = [
  text('name'),
  text('given_name'),
  text('family_name'),
  text('middle_name'),
  text('nickname'),
  text('preferred_username'),
  text('profile'),
  text('picture'),
  text('website'),
  text('email'),
  { name: 'email_verified', type: 'Boolean' },
  text('gender'),
  text('birthdate', '10', '10'),
  text('zoneinfo'),
  text('locale'),
  text('phone_number'),
  { name: 'phone_number_verified', type: 'Boolean' },
  text('address'),
  { name: 'updated_at', type: 'Number', minValue: '0' },
];

/** Standard attributes that can be required at sign-up (the two verified flags cannot). */
export const STANDARD_ATTRIBUTES: readonly string[] = STANDARD_ATTRIBUTE_SCHEMA.filter((a) => a.type !== 'Boolean')
  .map((a) => a.name)
  .sort();
export const AUTH_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
] as const;

/** Legacy ExplicitAuthFlows values and the ALLOW_ flows they became (the two kinds cannot be mixed). */
export const LEGACY_AUTH_FLOWS: Readonly<Record<string, string>> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
};

/**
 * The flows an app client allows, as Cognito reads its ExplicitAuthFlows: none listed means
 * SRP, refresh and custom; legacy values, in their ALLOW_ names, allowed SRP and refresh too
 * (unless custom only).
 */
export function effectiveAuthFlows(listed: readonly string[]): string[] {
  if (listed.length === 0) return ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  if (!listed.some((flow) => flow in LEGACY_AUTH_FLOWS)) return [...listed];
  const modern = listed.map((flow) => LEGACY_AUTH_FLOWS[flow] ?? flow);
  return listed.includes('CUSTOM_AUTH_FLOW_ONLY') ? modern : [...new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...modern])];
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

/** The user pool as DescribeUserPool gives it: every setting, for those who copy it whole (the export). */
export async function describeUserPoolRaw(ctx: AwsContext, userPoolId: string): Promise<UserPoolType | undefined> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const { UserPool: pool } = await idp.send(new ctx.sdk.DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  return pool;
}

export async function describeUserPool(ctx: AwsContext, userPoolId: string): Promise<UserPoolDetails> {
  const pool = await describeUserPoolRaw(ctx, userPoolId);
  return {
    id: pool?.Id ?? userPoolId,
    name: pool?.Name ?? userPoolId,
    arn: pool?.Arn,
    signInAttributes: [...(pool?.UsernameAttributes ?? []), ...(pool?.AliasAttributes ?? [])],
    // sub is required of every user (Cognito sets it); the others are what sign-up asks for.
    requiredAttributes: (pool?.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== 'sub').map((a) => a.Name ?? ''),
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
      throw new ActionableError(
        `User pool ${userPoolId} has no app client ${clientId} in ${ctx.region} (or the pool does not exist). Copy both ids from the explorer.`,
        [],
        { cause: error },
      );
    }
    throw error;
  }
}

/** A user pool's name and, when asked, one of its app clients', for what a person reads beside their ids. */
export interface UserPoolNames {
  readonly userPoolName?: string;
  readonly clientName?: string;
  /** Why a name is not there. */
  readonly problem?: UserPoolNamesProblem;
}

export interface UserPoolNamesProblem {
  /** The pool or the client is not there, the pool is in a region the context does not read, or a read failed. */
  readonly kind: 'userPoolNotFound' | 'clientNotFound' | 'otherRegion' | 'unreadable';
  readonly message: string;
}

/**
 * The names of a user pool and, given a client id, of that app client (DescribeUserPool and
 * DescribeUserPoolClient, in parallel). Never throws: where a name cannot be read, whoever
 * shows it shows the id and the problem instead.
 */
export async function readUserPoolNames(ctx: AwsContext, userPoolId: string, clientId?: string): Promise<UserPoolNames> {
  const region = regionOfUserPoolId(userPoolId);
  if (region && region !== ctx.region) {
    return { problem: { kind: 'otherRegion', message: `User pool ${userPoolId} is in ${region}; this connection reads ${ctx.region}.` } };
  }
  const [pool, client] = await Promise.allSettled([
    describeUserPool(ctx, userPoolId),
    clientId === undefined ? undefined : describeAppClient(ctx, userPoolId, clientId),
  ]);
  const names = {
    userPoolName: pool.status === 'fulfilled' ? pool.value.name : undefined,
    clientName: client.status === 'fulfilled' ? client.value?.name : undefined,
  };
  // describeAppClient explains a missing client; what AWS said is its cause.
  const notFound = (read: PromiseSettledResult<unknown>) =>
    read.status === 'rejected' && (isNotFound(read.reason) || isNotFound((read.reason as { cause?: unknown } | undefined)?.cause));
  if (notFound(pool)) {
    return { ...names, problem: { kind: 'userPoolNotFound', message: `There is no user pool ${userPoolId} in ${ctx.region}: it was deleted.` } };
  }
  if (notFound(client)) {
    const owner = names.userPoolName ? `${names.userPoolName} (${userPoolId})` : userPoolId;
    return { ...names, problem: { kind: 'clientNotFound', message: `User pool ${owner} has no app client ${clientId}: it was deleted.` } };
  }
  const failed = [pool, client].find((read): read is PromiseRejectedResult => read.status === 'rejected');
  if (failed) return { ...names, problem: { kind: 'unreadable', message: `Could not read the names: ${explainAwsError(failed.reason).message}` } };
  return names;
}

/**
 * Allows more auth flows on an app client. UpdateUserPoolClient resets every setting it is
 * not sent to its default, so what is there is sent back with the flows added.
 */
export async function allowAppClientAuthFlows(ctx: AwsContext, userPoolId: string, clientId: string, flows: readonly string[]): Promise<string[]> {
  const idp = await ctx.client('cognitoIdentityProvider');
  const { UserPoolClient: client } = await idp.send(new ctx.sdk.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  if (!client) throw new ActionableError(`User pool ${userPoolId} returned no app client ${clientId}.`);
  // In ALLOW_ names: a legacy value cannot sit beside them.
  const authFlows = [...new Set([...effectiveAuthFlows(client.ExplicitAuthFlows ?? []), ...flows])] as ExplicitAuthFlowsType[];
  // Everything DescribeUserPoolClient returns that UpdateUserPoolClient takes, unchanged.
  const { ClientSecret: _secret, CreationDate: _created, LastModifiedDate: _modified, ...settings } = client;
  await idp.send(new ctx.sdk.UpdateUserPoolClientCommand({ ...settings, UserPoolId: userPoolId, ClientId: clientId, ExplicitAuthFlows: authFlows }));
  return authFlows;
}

export async function deleteUserPool(ctx: AwsContext, userPoolId: string): Promise<void> {
  const idp = await ctx.client('cognitoIdentityProvider');
  try {
    await idp.send(new ctx.sdk.DeleteUserPoolCommand({ UserPoolId: userPoolId }));
  } catch (error) {
    if (isNotFound(error))
      throw new ActionableError(`There is no user pool ${userPoolId} in ${ctx.region}; it may be deleted already. Refresh the explorer.`, [], { cause: error });
    const message = (error as Error | undefined)?.message ?? '';
    if (/domain/i.test(message))
      throw new ActionableError(
        `Cognito will not delete ${userPoolId} while it has a domain: ${message} Delete the domain in the Cognito console (App integration > Domain), then try again.`,
        [],
        { cause: error },
      );
    if (/deletion protection/i.test(message))
      throw new ActionableError(
        `${userPoolId} has deletion protection on: ${message} Turn it off in the Cognito console (User pool properties), then try again.`,
        [],
        { cause: error },
      );
    throw error;
  }
}
