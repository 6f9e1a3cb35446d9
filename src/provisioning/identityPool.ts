import { ActionableError, InvalidArgumentsError } from '../aws/errors';
import { cognitoProviderName, lexRunBotsOnlyArn, roleNameFromArn } from '../aws/arns';
import type { AwsContext } from '../aws/context';
import { looksLike, regionOfUserPoolId } from '../aws/ids';
import { describeIdentityPool, findIdentityPoolsNamed, updateIdentityPool } from '../aws/services/cognitoIdentity';
import { describeAppClient } from '../aws/services/cognitoIdp';
import { getRole } from '../aws/services/iam';
import type { CognitoAuthType } from '../policies/trust';
import { Journal, PartialCreationError } from './journal';
import { check, defaultRoleNames, identityPoolNameProblem, optionalStringArg, roleNameProblem, stringArg } from './names';
import { attachPolicy, type AttachPolicyArgs, createCognitoRole, deleteRoleCompletely, wasCreatedFor } from './roles';

export interface CreateIdentityPoolArgs {
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  readonly userPoolId?: string;
  readonly clientId?: string;
  readonly attachLexRunBotsOnly: boolean;
  readonly authRoleName: string;
  readonly unauthRoleName: string;
}

export interface CreateIdentityPoolResult {
  readonly identityPoolId: string;
  readonly authRoleArn: string;
  readonly unauthRoleArn: string;
}

/** Reads `cognitoBot.createIdentityPool`'s args object. */
export function parseCreateIdentityPoolArgs(args: Record<string, unknown>): CreateIdentityPoolArgs {
  const name = stringArg(args, 'name');
  check(identityPoolNameProblem(name), 'name');
  if (typeof args.allowUnauthenticated !== 'boolean') throw new InvalidArgumentsError('Give "allowUnauthenticated" as true (guest access on) or false.');
  const userPoolId = optionalStringArg(args, 'userPoolId');
  const clientId = optionalStringArg(args, 'clientId');
  if (Boolean(userPoolId) !== Boolean(clientId))
    throw new InvalidArgumentsError('Give both "userPoolId" and "clientId" (the user pool and the app client the identity pool trusts), or neither.');
  if (userPoolId && !looksLike('userPoolId', userPoolId))
    throw new InvalidArgumentsError(`"${userPoolId}" is not a user pool id, such as us-east-1_AbCdEfGhI.`);
  if (args.attachLexRunBotsOnly !== undefined && typeof args.attachLexRunBotsOnly !== 'boolean')
    throw new InvalidArgumentsError('"attachLexRunBotsOnly" must be true or false.');
  const defaults = defaultRoleNames(name);
  const authRoleName = optionalStringArg(args, 'authRoleName') ?? defaults.auth;
  const unauthRoleName = optionalStringArg(args, 'unauthRoleName') ?? defaults.unauth;
  check(roleNameProblem(authRoleName), 'authRoleName');
  check(roleNameProblem(unauthRoleName), 'unauthRoleName');
  if (authRoleName.toLowerCase() === unauthRoleName.toLowerCase())
    throw new InvalidArgumentsError('The authenticated and unauthenticated roles need different names.');
  return {
    name,
    allowUnauthenticated: args.allowUnauthenticated,
    userPoolId,
    clientId,
    attachLexRunBotsOnly: args.attachLexRunBotsOnly === true,
    authRoleName,
    unauthRoleName,
  };
}

/** Waits, then tries again: IAM is eventually consistent, and a role just created may not be usable yet. */
export interface RetryOptions {
  readonly attempts: number;
  readonly sleep: (ms: number) => Promise<void>;
}
export const DEFAULT_RETRY: RetryOptions = { attempts: 6, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

function isRoleNotYetVisible(error: unknown): boolean {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  return /InvalidParameter|InvalidIdentityPoolConfiguration|NoSuchEntity/.test(name) && /role/i.test(message);
}

export async function withRoleRetry<T>(action: () => Promise<T>, retry: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= retry.attempts || !isRoleNotYetVisible(error)) throw error;
      await retry.sleep(500 * 2 ** (attempt - 1));
    }
  }
}

/**
 * Creates an identity pool, its authenticated and unauthenticated roles with trust policies
 * bound to the new pool and amr, sets them on the pool and optionally attaches
 * AmazonLexRunBotsOnly. Name clashes are refused before anything is created; a later failure
 * throws PartialCreationError whose journal can remove what was made.
 */
export async function createIdentityPool(
  ctx: AwsContext,
  args: CreateIdentityPoolArgs,
  journal = new Journal(),
  retry = DEFAULT_RETRY,
): Promise<CreateIdentityPoolResult> {
  const identity = await ctx.client('cognitoIdentity');
  // Everything that can be checked is checked before the first thing is created.
  const [samePools, authTaken, unauthTaken] = await Promise.all([
    findIdentityPoolsNamed(ctx, args.name),
    getRole(ctx, args.authRoleName),
    getRole(ctx, args.unauthRoleName),
  ]);
  if (samePools.length > 0) {
    throw new ActionableError(
      `An identity pool named "${args.name}" already exists in ${ctx.region} (${samePools.map((p) => p.id).join(', ')}). Pick another name, or use or delete the existing pool.`,
    );
  }
  for (const taken of [authTaken, unauthTaken]) {
    if (taken) throw new ActionableError(`An IAM role named ${taken.name} already exists. Pick other role names, or delete that role first.`);
  }
  if (args.userPoolId && args.clientId) await describeAppClient(ctx, args.userPoolId, args.clientId);

  let step = `create identity pool ${args.name}`;
  try {
    const pool = await identity.send(
      new ctx.sdk.CreateIdentityPoolCommand({
        IdentityPoolName: args.name,
        AllowUnauthenticatedIdentities: args.allowUnauthenticated,
        AllowClassicFlow: false,
        CognitoIdentityProviders:
          args.userPoolId && args.clientId
            ? [{ ProviderName: cognitoProviderName(ctx.region, args.userPoolId), ClientId: args.clientId, ServerSideTokenCheck: false }]
            : undefined,
      }),
    );
    const identityPoolId = pool.IdentityPoolId;
    if (!identityPoolId) throw new Error('Cognito created the identity pool but returned no id.');
    journal.record(`identity pool ${args.name} (${identityPoolId})`, async () => {
      await identity.send(new ctx.sdk.DeleteIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
    });

    const createRole = async (roleName: string, amr: CognitoAuthType) => {
      step = `create IAM role ${roleName}`;
      const arn = await createCognitoRole(ctx, roleName, identityPoolId, amr);
      journal.record(`IAM role ${roleName}`, () => deleteRoleCompletely(ctx, roleName));
      return arn;
    };
    const authRoleArn = await createRole(args.authRoleName, 'authenticated');
    const unauthRoleArn = await createRole(args.unauthRoleName, 'unauthenticated');

    step = `set the roles on identity pool ${args.name}`;
    await withRoleRetry(
      () =>
        identity.send(
          new ctx.sdk.SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { authenticated: authRoleArn, unauthenticated: unauthRoleArn } }),
        ),
      retry,
    );
    if (args.attachLexRunBotsOnly) {
      for (const roleName of [args.authRoleName, args.unauthRoleName]) {
        step = `attach AmazonLexRunBotsOnly to ${roleName}`;
        await withRoleRetry(() => attachPolicy(ctx, { roleName, managedPolicyArn: lexRunBotsOnlyArn(ctx.region) }, { roleJustCreated: true }), retry);
      }
    }
    return { identityPoolId, authRoleArn, unauthRoleArn };
  } catch (error) {
    throw new PartialCreationError(step, journal, error);
  }
}

export interface DeleteIdentityPoolResult {
  readonly deletedRoles: readonly string[];
  /** The pool's roles left in place (not created for it, or not asked to delete). */
  readonly keptRoles: readonly string[];
  /** Roles that were to go but could not, with why: they still exist. */
  readonly failedRoles: readonly { readonly roleName: string; readonly error: string }[];
}

/** The pool's roles, and which of them the extension created for it (and may offer to delete). */
export async function rolesOfIdentityPool(ctx: AwsContext, identityPoolId: string): Promise<{ name: string; createdForPool: boolean }[]> {
  const { roles } = await describeIdentityPool(ctx, identityPoolId);
  const names = [...new Set([roles.authenticated, roles.unauthenticated].filter((arn): arn is string => Boolean(arn)).map(roleNameFromArn))];
  return Promise.all(
    names.map(async (name) => {
      const role = await getRole(ctx, name);
      return { name, createdForPool: role ? wasCreatedFor(role.description, identityPoolId) : false };
    }),
  );
}

/**
 * Deletes an identity pool and, if asked, the roles created for it (policies detached first).
 * Roles that other pools may use are never deleted here.
 */
export async function deleteIdentityPool(ctx: AwsContext, identityPoolId: string, deleteCreatedRoles: boolean): Promise<DeleteIdentityPoolResult> {
  const identity = await ctx.client('cognitoIdentity');
  const roles = await rolesOfIdentityPool(ctx, identityPoolId);
  await identity.send(new ctx.sdk.DeleteIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
  const deletedRoles: string[] = [];
  const keptRoles: string[] = [];
  const failedRoles: { roleName: string; error: string }[] = [];
  // The pool is gone now: each role is tried on its own, and whatever stays is reported.
  for (const role of roles) {
    if (!deleteCreatedRoles || !role.createdForPool) {
      keptRoles.push(role.name);
      continue;
    }
    try {
      await deleteRoleCompletely(ctx, role.name);
      deletedRoles.push(role.name);
    } catch (error) {
      failedRoles.push({ roleName: role.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { deletedRoles, keptRoles, failedRoles };
}

/**
 * Adds a user pool + app client as a login provider of an identity pool (once). The app
 * client is looked up with `clientCtx`, in the user pool's region when it is not the pool's.
 */
export async function linkUserPool(
  ctx: AwsContext,
  identityPoolId: string,
  userPoolId: string,
  clientId: string,
  clientCtx = ctx,
): Promise<{ added: boolean }> {
  await describeAppClient(clientCtx, userPoolId, clientId);
  // The provider is named with the user pool's own region, which may not be the identity pool's.
  const name = cognitoProviderName(regionOfUserPoolId(userPoolId) ?? ctx.region, userPoolId);
  let added = false;
  await updateIdentityPool(ctx, identityPoolId, (pool) => {
    const providers = pool.CognitoIdentityProviders ?? [];
    if (providers.some((p) => p.ProviderName === name && p.ClientId === clientId)) return {};
    added = true;
    return { CognitoIdentityProviders: [...providers, { ProviderName: name, ClientId: clientId, ServerSideTokenCheck: false }] };
  });
  return { added };
}

/** Turns guest (unauthenticated) access on or off; says when guests would have no role. */
export async function setGuestAccess(ctx: AwsContext, identityPoolId: string, allow: boolean): Promise<{ allowUnauthenticated: boolean; warning?: string }> {
  await updateIdentityPool(ctx, identityPoolId, () => ({ AllowUnauthenticatedIdentities: allow }));
  if (!allow) return { allowUnauthenticated: false };
  const { roles } = await describeIdentityPool(ctx, identityPoolId);
  return {
    allowUnauthenticated: true,
    warning: roles.unauthenticated
      ? undefined
      : 'Guests can sign in but have no unauthenticated role yet, so GetCredentialsForIdentity will fail for them. Set one on the pool.',
  };
}

/** Attaches the same policy to both of a pool's roles (the guest tutorial's last step). */
export async function attachToPoolRoles(
  ctx: AwsContext,
  result: CreateIdentityPoolResult,
  policy: (roleName: string) => AttachPolicyArgs,
  journal: Journal,
): Promise<void> {
  for (const arn of [result.authRoleArn, result.unauthRoleArn]) {
    const roleName = roleNameFromArn(arn);
    try {
      await withRoleRetry(() => attachPolicy(ctx, policy(roleName), { roleJustCreated: true }), DEFAULT_RETRY);
    } catch (error) {
      throw new PartialCreationError(`attach the bot policy to ${roleName}`, journal, error);
    }
  }
}
