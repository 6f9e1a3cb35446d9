import { ActionableError, InvalidArgumentsError } from '../aws/errors';
import type { AwsContext } from '../aws/context';
import { looksLike, regionOfIdentityPoolId, regionOfUserPoolId } from '../aws/ids';
import { describeIdentityPoolRaw } from '../aws/services/cognitoIdentity';
import { allowAppClientAuthFlows, AUTH_FLOWS, describeAppClient } from '../aws/services/cognitoIdp';
import { detachPolicy, getRole } from '../aws/services/iam';
import { type PolicyDocument, type PolicyStatement, validatePolicyDocument } from '../policies/document';
import { wildcardMatch } from '../policies/evaluate';
import { AUD, COGNITO_IDENTITY, type CognitoAuthType, cognitoTrustPolicy, valuesOf } from '../policies/trust';
import { DEFAULT_RETRY, linkUserPool, setGuestAccess, withRoleRetry } from './identityPool';
import { describeRollback, Journal, PartialCreationError } from './journal';
import { check, optionalStringArg, roleNameProblem, stringArg } from './names';
import { attachPolicy, createCognitoRole, deleteRoleCompletely } from './roles';

// The setup doctor's fixes: each the least change that mends one finding, made with the
// engines the commands use. The doctor's `fix.args` are these repairs' args.

export type RepairArgs =
  | { readonly repair: 'setGuestAccess'; readonly identityPoolId: string; readonly allowUnauthenticated: boolean }
  | { readonly repair: 'linkUserPool'; readonly identityPoolId: string; readonly userPoolId: string; readonly clientId: string }
  | { readonly repair: 'setPoolRole'; readonly identityPoolId: string; readonly kind: CognitoAuthType; readonly roleName: string; readonly bot?: BotAlias }
  | { readonly repair: 'rewriteTrust'; readonly roleName: string; readonly identityPoolId: string; readonly amr: readonly CognitoAuthType[] }
  | { readonly repair: 'attachPolicy'; readonly roleName: string; readonly template: string; readonly params: Readonly<Record<string, unknown>> }
  | { readonly repair: 'allowClientFlows'; readonly userPoolId: string; readonly clientId: string; readonly flows: readonly string[] }
  | { readonly repair: 'narrowGuestRole'; readonly roleName: string; readonly detach: readonly string[]; readonly bot: BotAlias };

interface BotAlias {
  readonly botId: string;
  readonly botAliasId: string;
  readonly lexRegion?: string;
}

export const REPAIRS = ['setGuestAccess', 'linkUserPool', 'setPoolRole', 'rewriteTrust', 'attachPolicy', 'allowClientFlows', 'narrowGuestRole'] as const;

function identityPoolIdArg(args: Record<string, unknown>): string {
  const id = stringArg(args, 'identityPoolId');
  if (!looksLike('identityPoolId', id)) throw new InvalidArgumentsError(`"${id}" is not an identity pool id, such as us-east-1:0f1e2d3c-….`);
  return id;
}

function kindArg(args: Record<string, unknown>, field: string): CognitoAuthType {
  const kind = args[field];
  if (kind !== 'authenticated' && kind !== 'unauthenticated') throw new InvalidArgumentsError(`"${field}" must be "authenticated" or "unauthenticated".`);
  return kind;
}

function botArg(args: Record<string, unknown>, required: boolean): BotAlias | undefined {
  const botId = optionalStringArg(args, 'botId');
  const botAliasId = optionalStringArg(args, 'botAliasId');
  if (!botId || !botAliasId) {
    if (required || botId || botAliasId) throw new InvalidArgumentsError('Give both "botId" and "botAliasId".');
    return undefined;
  }
  return { botId, botAliasId, lexRegion: optionalStringArg(args, 'lexRegion') };
}

function roleNameArg(args: Record<string, unknown>): string {
  const roleName = stringArg(args, 'roleName');
  check(roleNameProblem(roleName), 'roleName');
  return roleName;
}

/** Reads `cognitoBot.repairSetup`'s args; a wrong one says what is expected. */
export function parseRepairArgs(args: Record<string, unknown>): RepairArgs {
  switch (args.repair) {
    case 'setGuestAccess':
      if (typeof args.allowUnauthenticated !== 'boolean') throw new InvalidArgumentsError('Give "allowUnauthenticated" as true or false.');
      return { repair: 'setGuestAccess', identityPoolId: identityPoolIdArg(args), allowUnauthenticated: args.allowUnauthenticated };
    case 'linkUserPool':
      return {
        repair: 'linkUserPool',
        identityPoolId: identityPoolIdArg(args),
        userPoolId: stringArg(args, 'userPoolId'),
        clientId: stringArg(args, 'clientId'),
      };
    case 'setPoolRole':
      return {
        repair: 'setPoolRole',
        identityPoolId: identityPoolIdArg(args),
        kind: kindArg(args, 'kind'),
        roleName: roleNameArg(args),
        bot: botArg(args, false),
      };
    case 'rewriteTrust': {
      // One kind, or both when the pool gives one role to guests and signed-in users alike.
      const amr = Array.isArray(args.amr) ? args.amr.map((kind: unknown) => kindArg({ amr: kind }, 'amr')) : [kindArg(args, 'amr')];
      if (amr.length === 0) throw new InvalidArgumentsError('"amr" must be "authenticated", "unauthenticated", or a list of them.');
      return { repair: 'rewriteTrust', roleName: roleNameArg(args), identityPoolId: identityPoolIdArg(args), amr };
    }
    case 'attachPolicy': {
      const params = args.params ?? {};
      if (typeof params !== 'object' || params === null || Array.isArray(params))
        throw new InvalidArgumentsError('"params" must be an object of the template\'s fields.');
      return { repair: 'attachPolicy', roleName: roleNameArg(args), template: stringArg(args, 'template'), params: params as Record<string, unknown> };
    }
    case 'allowClientFlows': {
      const flows = args.flows;
      if (!Array.isArray(flows) || flows.length === 0 || !flows.every((f) => (AUTH_FLOWS as readonly unknown[]).includes(f)))
        throw new InvalidArgumentsError(`Give "flows", a list of ${AUTH_FLOWS.join(', ')}.`);
      return { repair: 'allowClientFlows', userPoolId: stringArg(args, 'userPoolId'), clientId: stringArg(args, 'clientId'), flows: flows as string[] };
    }
    case 'narrowGuestRole': {
      const detach = args.detach;
      if (!Array.isArray(detach) || !detach.every((arn) => typeof arn === 'string' && arn.startsWith('arn:')))
        throw new InvalidArgumentsError('Give "detach", the list of managed policy ARNs to take off the role.');
      return { repair: 'narrowGuestRole', roleName: roleNameArg(args), detach: detach as string[], bot: botArg(args, true)! };
    }
    default:
      throw new InvalidArgumentsError(`Give "repair", one of ${REPAIRS.join(', ')}.`);
  }
}

/** An AwsContext in a region (the connection's own when undefined): a repair goes where its pool lives. */
export type ContextIn = (region?: string) => Promise<AwsContext>;

function isCognitoStatement(statement: PolicyStatement): boolean {
  const principal = statement.Principal;
  if (principal === undefined || principal === '*') return false;
  return [principal.Federated ?? []].flat().includes(COGNITO_IDENTITY);
}

/** A Cognito statement held to other pools only (its aud names pools, none of them this one). */
function isForOtherPools(statement: PolicyStatement, identityPoolId: string): boolean {
  const pools = valuesOf(statement.Condition, AUD.toLowerCase());
  return pools.length > 0 && !pools.some((pool) => wildcardMatch(pool, identityPoolId));
}

/**
 * A trust policy whose Cognito statements for this pool (or for any pool) are replaced by the
 * one that binds this pool and these kinds of identity. Statements for other principals, and
 * Cognito statements held to other pools, stay: nobody else loses access.
 */
export function reboundTrustPolicy(current: string | undefined, identityPoolId: string, amr: CognitoAuthType | readonly CognitoAuthType[]): PolicyDocument {
  const bound = cognitoTrustPolicy(identityPoolId, amr);
  const validation = current ? validatePolicyDocument(current, 'trust') : undefined;
  if (!validation?.ok) return bound;
  const kept = validation.document.Statement.filter((s) => !isCognitoStatement(s) || isForOtherPools(s, identityPoolId));
  return { ...validation.document, Version: '2012-10-17', Statement: [...bound.Statement, ...kept] };
}

/** A role name not taken yet: the name, else the name with -2, -3, … */
async function freeRoleName(ctx: AwsContext, wanted: string): Promise<string> {
  for (let n = 1; n < 20; n++) {
    const candidate = n === 1 ? wanted : `${wanted.slice(0, 64 - `-${n}`.length)}-${n}`;
    if (!(await getRole(ctx, candidate))) return candidate;
  }
  throw new ActionableError(`Roles named ${wanted} and ${wanted}-2 … -19 all exist. Delete the ones you no longer use, or set a role on the pool yourself.`);
}

function lexAliasPolicy(roleName: string, bot: BotAlias) {
  return {
    roleName,
    template: 'lexBotAlias',
    params: { botId: bot.botId, botAliasId: bot.botAliasId, ...(bot.lexRegion ? { region: bot.lexRegion } : {}) },
  };
}

/**
 * "BotPool (us-east-1:0f1e…)", for saying what a repair did: one read, after the change. A pool
 * whose name cannot be read is named by its id (the change is made; only the words are poorer).
 */
async function poolNamed(ctx: AwsContext, identityPoolId: string): Promise<string> {
  const name = await describeIdentityPoolRaw(ctx, identityPoolId).then(
    (pool) => pool.IdentityPoolName,
    () => undefined,
  );
  return name ? `${name} (${identityPoolId})` : identityPoolId;
}

/** Applies one repair, each call in the region of what it changes; returns what it did, in words. */
export async function applyRepair(contextIn: ContextIn, args: RepairArgs): Promise<string> {
  switch (args.repair) {
    case 'setGuestAccess': {
      const ctx = await contextIn(regionOfIdentityPoolId(args.identityPoolId));
      const result = await setGuestAccess(ctx, args.identityPoolId, args.allowUnauthenticated);
      return `Guest access is ${result.allowUnauthenticated ? 'on' : 'off'} for ${await poolNamed(ctx, args.identityPoolId)}.${result.warning ? ` ${result.warning}` : ''}`;
    }
    case 'linkUserPool': {
      const [poolCtx, clientCtx] = await Promise.all([contextIn(regionOfIdentityPoolId(args.identityPoolId)), contextIn(regionOfUserPoolId(args.userPoolId))]);
      const { added } = await linkUserPool(poolCtx, args.identityPoolId, args.userPoolId, args.clientId, clientCtx);
      const pool = await poolNamed(poolCtx, args.identityPoolId);
      return `Identity pool ${pool} ${added ? 'now trusts' : 'already trusted'} user pool ${args.userPoolId} with app client ${args.clientId}.`;
    }
    case 'setPoolRole':
      return setPoolRole(await contextIn(regionOfIdentityPoolId(args.identityPoolId)), args);
    case 'rewriteTrust': {
      const ctx = await contextIn();
      const role = await getRole(ctx, args.roleName);
      if (!role) throw new ActionableError(`There is no IAM role named ${args.roleName}. Run the check again to see the pool's roles now.`);
      const iam = await ctx.client('iam');
      const document = reboundTrustPolicy(role.trustPolicy, args.identityPoolId, args.amr);
      await iam.send(new ctx.sdk.UpdateAssumeRolePolicyCommand({ RoleName: args.roleName, PolicyDocument: JSON.stringify(document) }));
      const pool = await poolNamed(await contextIn(regionOfIdentityPoolId(args.identityPoolId)), args.identityPoolId);
      return `Role ${args.roleName} now trusts the ${args.amr.join(' and ')} identities of identity pool ${pool} (through Cognito).`;
    }
    case 'attachPolicy': {
      const attached = await attachPolicy(await contextIn(), { roleName: args.roleName, template: args.template, params: args.params });
      return `Role ${args.roleName} now has inline policy ${'policyName' in attached ? attached.policyName : attached.policyArn}.`;
    }
    case 'allowClientFlows': {
      const ctx = await contextIn(regionOfUserPoolId(args.userPoolId));
      const flows = await allowAppClientAuthFlows(ctx, args.userPoolId, args.clientId, args.flows);
      const name = await describeAppClient(ctx, args.userPoolId, args.clientId).then(
        (client) => client.name,
        () => undefined,
      );
      return `App client ${name ? `${name} (${args.clientId})` : args.clientId} now allows ${flows.join(', ')}.`;
    }
    case 'narrowGuestRole': {
      const ctx = await contextIn();
      // Allow the alias first, so the role never loses access to the bot on the way.
      const attached = await attachPolicy(ctx, lexAliasPolicy(args.roleName, args.bot));
      for (const policyArn of args.detach) await detachPolicy(ctx, { roleName: args.roleName, policyArn });
      const name = 'policyName' in attached ? attached.policyName : attached.policyArn;
      return `Role ${args.roleName} now has ${name} (bot alias ${args.bot.botId}/${args.bot.botAliasId} only) instead of ${args.detach.map((arn) => arn.slice(arn.lastIndexOf('/') + 1)).join(', ')}.`;
    }
  }
}

/** Creates a role bound to the pool (allowed on the bot alias, when given) and sets it; rolls back on failure. */
async function setPoolRole(ctx: AwsContext, args: Extract<RepairArgs, { repair: 'setPoolRole' }>): Promise<string> {
  const identity = await ctx.client('cognitoIdentity');
  // Its name for the messages; its roles and role mappings, to send back (describeIdentityPool would read the roles twice).
  const poolName = (await describeIdentityPoolRaw(ctx, args.identityPoolId)).IdentityPoolName ?? args.identityPoolId;
  const current = await identity.send(new ctx.sdk.GetIdentityPoolRolesCommand({ IdentityPoolId: args.identityPoolId }));
  const roleName = await freeRoleName(ctx, args.roleName);
  const journal = new Journal();
  let step = `create IAM role ${roleName}`;
  try {
    const arn = await createCognitoRole(ctx, roleName, args.identityPoolId, args.kind);
    journal.record(`IAM role ${roleName}`, () => deleteRoleCompletely(ctx, roleName));
    if (args.bot) {
      step = `allow ${roleName} on bot alias ${args.bot.botId}/${args.bot.botAliasId}`;
      const bot = args.bot;
      await withRoleRetry(() => attachPolicy(ctx, lexAliasPolicy(roleName, bot), { roleJustCreated: true }), DEFAULT_RETRY);
    }
    step = `set ${roleName} as the ${args.kind} role of ${poolName}`;
    // SetIdentityPoolRoles replaces the roles and the role mappings: send back what is there.
    await withRoleRetry(
      () =>
        identity.send(
          new ctx.sdk.SetIdentityPoolRolesCommand({
            IdentityPoolId: args.identityPoolId,
            Roles: { ...current.Roles, [args.kind]: arn },
            RoleMappings: current.RoleMappings,
          }),
        ),
      DEFAULT_RETRY,
    );
  } catch (error) {
    // A fix is whole or not at all: take away what this one made.
    const rolledBack = describeRollback(await journal.rollback());
    throw new ActionableError(`${new PartialCreationError(step, journal, error).message} ${rolledBack}`.trim(), [], { cause: error });
  }
  return `Role ${roleName} is now the ${args.kind} role of identity pool ${poolName} (${args.identityPoolId})${args.bot ? `, allowed on bot alias ${args.bot.botId}/${args.bot.botAliasId} only` : ''}.`;
}
