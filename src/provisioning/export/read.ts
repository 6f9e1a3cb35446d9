import { roleNameFromArn } from '../../aws/arns';
import type { AwsContext } from '../../aws/context';
import { ActionableError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { describeAppClient, describeUserPoolRaw, effectiveAuthFlows } from '../../aws/services/cognitoIdp';
import { getRole, getRolePolicy, listAttachedPolicies, listInlinePolicies } from '../../aws/services/iam';
import type { PolicyDocument } from '../../policies/document';
import type { CognitoAuthType } from '../../policies/trust';
import type { RoleModel, SetupModel, UserPoolModel } from './model';

export interface ReadSetupOptions {
  /** Also read the user pools of the identity pool's Cognito providers, and their clients it names. */
  readonly includeUserPool?: boolean;
}

function parseDocument(text: string, what: string): PolicyDocument {
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch {
    throw new ActionableError(`The ${what} is not JSON, so it cannot be exported. Open it from the explorer and fix it first.`);
  }
}

async function readRole(ctx: AwsContext, kind: CognitoAuthType, arn: string): Promise<RoleModel> {
  const name = roleNameFromArn(arn);
  const role = await getRole(ctx, name);
  if (!role)
    throw new ActionableError(`The identity pool's ${kind} role ${name} does not exist in this account. Run Check Setup to repair the pool, then export it.`, [
      { kind: 'command', title: 'Check Setup', command: 'cognitoBot.diagnose' },
    ]);
  const [attached, inlineNames] = await Promise.all([
    allPages((marker) => listAttachedPolicies(ctx, name, marker)),
    allPages((marker) => listInlinePolicies(ctx, name, marker)),
  ]);
  const inlinePolicies = await Promise.all(
    inlineNames.map(async (policyName) => ({
      name: policyName,
      document: parseDocument(await getRolePolicy(ctx, name, policyName), `inline policy ${policyName} of role ${name}`),
    })),
  );
  // A role's path is the part of its ARN between role/ and its name.
  const path = arn.slice(arn.indexOf(':role/') + ':role'.length, arn.length - name.length) || '/';
  return {
    kind,
    name,
    path,
    description: role.description || undefined,
    trustPolicy: parseDocument(role.trustPolicy ?? '{"Statement":[]}', `trust policy of role ${name}`),
    managedPolicyArns: attached.map((p) => p.arn),
    inlinePolicies,
  };
}

async function readUserPool(ctx: AwsContext, userPoolId: string, clientIds: readonly string[]): Promise<UserPoolModel> {
  const pool = await describeUserPoolRaw(ctx, userPoolId);
  const clients = await Promise.all(clientIds.map((clientId) => describeAppClient(ctx, userPoolId, clientId)));
  const password = pool?.Policies?.PasswordPolicy;
  return {
    id: userPoolId,
    name: pool?.Name ?? userPoolId,
    usernameAttributes: pool?.UsernameAttributes ?? [],
    aliasAttributes: pool?.AliasAttributes ?? [],
    autoVerifiedAttributes: pool?.AutoVerifiedAttributes ?? [],
    // sub is every user's (Cognito sets it); the others are what sign-up asks for.
    requiredAttributes: (pool?.SchemaAttributes ?? []).filter((a) => a.Required && a.Name && a.Name !== 'sub').map((a) => a.Name!),
    usernameCaseSensitive: pool?.UsernameConfiguration?.CaseSensitive ?? true,
    passwordPolicy: password && {
      minimumLength: password.MinimumLength ?? 8,
      requireLowercase: password.RequireLowercase ?? false,
      requireUppercase: password.RequireUppercase ?? false,
      requireNumbers: password.RequireNumbers ?? false,
      requireSymbols: password.RequireSymbols ?? false,
      temporaryPasswordValidityDays: password.TemporaryPasswordValidityDays,
    },
    // A browser cannot keep a secret: the export writes public clients whatever the live one has.
    clients: clients.map((c) => ({ id: c.clientId, name: c.name, authFlows: effectiveAuthFlows(c.authFlows) })),
  };
}

/**
 * Reads an identity pool's setup for the export: the pool, its role attachment, each role
 * (trust policy, managed policies, inline policies) and, when asked, the user pools of its
 * Cognito providers with the app clients it names. Reads only; changes nothing.
 */
export async function readSetup(ctx: AwsContext, identityPoolId: string, options: ReadSetupOptions = {}): Promise<SetupModel> {
  const details = await describeIdentityPool(ctx, identityPoolId);
  const providers = details.providers;
  const kinds = (['authenticated', 'unauthenticated'] as const).filter((kind) => details.roles[kind]);
  const roles = await Promise.all(kinds.map((kind) => readRole(ctx, kind, details.roles[kind]!)));
  const userPools: UserPoolModel[] = [];
  if (options.includeUserPool) {
    const poolIds = [...new Set(providers.map((p) => p.userPoolId))];
    for (const poolId of poolIds) {
      const clientIds = [...new Set(providers.filter((p) => p.userPoolId === poolId).map((p) => p.clientId))];
      userPools.push(await readUserPool(ctx, poolId, clientIds));
    }
  }
  return {
    region: ctx.region,
    account: ctx.account,
    identityPool: {
      id: identityPoolId,
      name: details.name,
      allowUnauthenticated: details.allowUnauthenticated,
      allowClassicFlow: details.allowClassicFlow,
      providers,
    },
    roles,
    userPools,
  };
}
