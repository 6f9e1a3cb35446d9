import type { PolicyDocument } from '../../policies/document';
import type { CognitoAuthType } from '../../policies/trust';

/**
 * The live setup, as the writers need it: what was read from AWS, with no AWS types and no
 * format's syntax. Each writer (CloudFormation, CDK, Terraform) is a pure function of it.
 */
export interface SetupModel {
  /** Where it was read: ARNs naming this region and account are written relative to the stack's own. */
  readonly region: string;
  readonly account: string;
  readonly identityPool: IdentityPoolModel;
  /** The pool's roles, authenticated first; a kind the pool has no role for is absent. */
  readonly roles: readonly RoleModel[];
  /** The user pools of the identity pool's Cognito providers, when the export includes them. */
  readonly userPools: readonly UserPoolModel[];
}

export interface IdentityPoolModel {
  readonly id: string;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  readonly allowClassicFlow: boolean;
  readonly providers: readonly ProviderModel[];
}

export interface ProviderModel {
  readonly providerName: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly serverSideTokenCheck: boolean;
}

export interface RoleModel {
  readonly kind: CognitoAuthType;
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  readonly trustPolicy: PolicyDocument;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicies: readonly { readonly name: string; readonly document: PolicyDocument }[];
}

export interface UserPoolModel {
  readonly id: string;
  readonly name: string;
  /** Sign in with these instead of a username (UsernameAttributes). */
  readonly usernameAttributes: readonly string[];
  /** Sign in with a username or these (AliasAttributes). */
  readonly aliasAttributes: readonly string[];
  readonly autoVerifiedAttributes: readonly string[];
  /** Standard attributes required at sign-up (not sub). */
  readonly requiredAttributes: readonly string[];
  readonly usernameCaseSensitive: boolean;
  readonly passwordPolicy?: PasswordPolicyModel;
  readonly clients: readonly AppClientModel[];
}

export interface PasswordPolicyModel {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly temporaryPasswordValidityDays?: number;
}

export interface AppClientModel {
  readonly id: string;
  readonly name: string;
  /** ALLOW_ flows, as Cognito reads what the client lists. */
  readonly authFlows: readonly string[];
}

/** The ids a bot's web page is configured with, and the config keys that take each (the Lex web UI's and Amplify's). */
export const OUTPUT_CONFIG_KEYS = {
  identityPoolId: 'cognito.poolId (Lex web UI), aws_cognito_identity_pool_id (aws-exports.js), auth.identity_pool_id (amplify_outputs.json)',
  userPoolId: 'cognito.appUserPoolName (Lex web UI), aws_user_pools_id (aws-exports.js), auth.user_pool_id (amplify_outputs.json)',
  clientId: 'cognito.appUserPoolClientId (Lex web UI), aws_user_pools_web_client_id (aws-exports.js), auth.user_pool_client_id (amplify_outputs.json)',
  region: 'region and cognito.region (Lex web UI), aws_cognito_region (aws-exports.js), auth.aws_region (amplify_outputs.json)',
  botId: 'lex.v2BotId (Lex web UI)',
  botAliasId: 'lex.v2BotAliasId (Lex web UI)',
} as const;
