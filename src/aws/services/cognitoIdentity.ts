import type { DescribeIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import { ActionableError, isNotFound } from '../errors';
import type { AwsContext } from '../context';
import { allPages, type Page } from '../paging';

// Cognito identity pools (cognito-identity): typed reads and the one update call.

export interface Provider {
  readonly userPoolId: string;
  readonly clientId: string;
  /** cognito-idp.REGION.amazonaws.com/POOL_ID, as the Logins map and the pool name it. */
  readonly providerName: string;
  /** Whether the pool asks the user pool whether a token was revoked (ServerSideTokenCheck). */
  readonly serverSideTokenCheck: boolean;
}

export interface IdentityPoolSummary {
  readonly id: string;
  readonly name: string;
}

export interface IdentityPoolDetails extends IdentityPoolSummary {
  readonly allowUnauthenticated: boolean;
  /** The basic (classic) authflow, off unless turned on. */
  readonly allowClassicFlow: boolean;
  readonly providers: readonly Provider[];
  readonly roles: { readonly authenticated?: string; readonly unauthenticated?: string };
}

export async function listIdentityPools(ctx: AwsContext, nextToken?: string, maxResults = 60): Promise<Page<IdentityPoolSummary>> {
  const identity = await ctx.client('cognitoIdentity');
  const answer = await identity.send(new ctx.sdk.ListIdentityPoolsCommand({ MaxResults: maxResults, NextToken: nextToken }));
  return {
    items: (answer.IdentityPools ?? []).map((p) => ({ id: p.IdentityPoolId ?? '', name: p.IdentityPoolName ?? '' })),
    nextToken: answer.NextToken,
  };
}

export async function describeIdentityPoolRaw(ctx: AwsContext, identityPoolId: string): Promise<DescribeIdentityPoolCommandOutput> {
  const identity = await ctx.client('cognitoIdentity');
  try {
    return await identity.send(new ctx.sdk.DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
  } catch (error) {
    if (isNotFound(error))
      throw new ActionableError(`There is no identity pool ${identityPoolId} in ${ctx.region}; it may be deleted already. Refresh the explorer.`, [], {
        cause: error,
      });
    throw error;
  }
}

export async function describeIdentityPool(ctx: AwsContext, identityPoolId: string): Promise<IdentityPoolDetails> {
  const identity = await ctx.client('cognitoIdentity');
  const pool = await describeIdentityPoolRaw(ctx, identityPoolId);
  const roles = await identity.send(new ctx.sdk.GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId }));
  return {
    id: identityPoolId,
    name: pool.IdentityPoolName ?? identityPoolId,
    allowUnauthenticated: pool.AllowUnauthenticatedIdentities ?? false,
    allowClassicFlow: pool.AllowClassicFlow ?? false,
    providers: (pool.CognitoIdentityProviders ?? []).map((p) => ({
      providerName: p.ProviderName ?? '',
      userPoolId: (p.ProviderName ?? '').split('/').pop() ?? '',
      clientId: p.ClientId ?? '',
      serverSideTokenCheck: p.ServerSideTokenCheck ?? false,
    })),
    roles: { authenticated: roles.Roles?.authenticated, unauthenticated: roles.Roles?.unauthenticated },
  };
}

export async function findIdentityPoolsNamed(ctx: AwsContext, name: string): Promise<IdentityPoolSummary[]> {
  return (await allPages((token) => listIdentityPools(ctx, token))).filter((pool) => pool.name === name);
}

/** UpdateIdentityPool replaces the whole configuration: send back what is there, changed. */
export async function updateIdentityPool(
  ctx: AwsContext,
  identityPoolId: string,
  change: (pool: DescribeIdentityPoolCommandOutput) => Partial<DescribeIdentityPoolCommandOutput>,
): Promise<void> {
  const identity = await ctx.client('cognitoIdentity');
  const current = await describeIdentityPoolRaw(ctx, identityPoolId);
  const next = { ...current, ...change(current) };
  await identity.send(
    new ctx.sdk.UpdateIdentityPoolCommand({
      IdentityPoolId: identityPoolId,
      IdentityPoolName: next.IdentityPoolName,
      AllowUnauthenticatedIdentities: next.AllowUnauthenticatedIdentities ?? false,
      AllowClassicFlow: next.AllowClassicFlow,
      SupportedLoginProviders: next.SupportedLoginProviders,
      DeveloperProviderName: next.DeveloperProviderName,
      OpenIdConnectProviderARNs: next.OpenIdConnectProviderARNs,
      CognitoIdentityProviders: next.CognitoIdentityProviders,
      SamlProviderARNs: next.SamlProviderARNs,
      IdentityPoolTags: next.IdentityPoolTags,
    }),
  );
}
