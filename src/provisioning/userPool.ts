import { ActionableError, InvalidArgumentsError } from '../aws/errors';
import type { AwsContext } from '../aws/context';
import { AUTH_FLOWS, findUserPoolsNamed, SIGN_IN_ALIASES, STANDARD_ATTRIBUTES } from '../aws/services/cognitoIdp';
import { Journal, PartialCreationError } from './journal';
import { check, clientNameProblem, optionalStringArg, stringArg, stringListArg, userPoolNameProblem } from './names';

/** The webchat tutorial's choices: email sign-in, email and name required, a public client chatapp. */
export const USER_POOL_DEFAULTS = {
  /** Offered by the wizard, as the webchat tutorial names its pool. */
  name: 'WebChatPool',
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
      UsernameAttributes: args.signInAliases.length > 0 ? ([...args.signInAliases] as ('email' | 'phone_number')[]) : undefined,
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
