// The only module that imports AWS SDK values. The build emits it as its own chunk
// (dist/sdk.js) that is required on first use, so activation never evaluates the SDK.
// Elsewhere, import SDK *types* freely, and values through `loadSdk()`.
export { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
export {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
export {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  RespondToAuthChallengeCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
export {
  IAMClient,
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
export { LexRuntimeV2Client, DeleteSessionCommand, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
export {
  LexModelsV2Client,
  DescribeBotAliasCommand,
  DescribeBotCommand,
  ListBotAliasesCommand,
  ListBotLocalesCommand,
  ListBotsCommand,
  ListIntentsCommand,
  ListSlotsCommand,
} from '@aws-sdk/client-lex-models-v2';
// Deploy to Sandbox (stacks, their events and outputs).
export {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete,
} from '@aws-sdk/client-cloudformation';
export { fromIni } from '@aws-sdk/credential-providers';
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
export { memoizeIdentityProvider, isIdentityExpired, doesIdentityRequireRefresh } from '@smithy/core';
export { NodeHttpHandler } from '@smithy/node-http-handler';
// Node's HTTP agents load with the SDK too: activation opens no connection.
export { Agent as HttpAgent } from 'node:http';
export { Agent as HttpsAgent } from 'node:https';
