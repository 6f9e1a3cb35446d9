import { idPatternSource } from './ids';

/**
 * ARNs and the other names AWS builds from a region and an account, each built in one place.
 * The partition comes from the region: China and GovCloud have their own.
 */

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** The DNS suffix of a region's endpoints (and of Cognito's provider names). */
export function dnsSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export const LEX_RUN_BOTS_ONLY = 'AmazonLexRunBotsOnly';

/** A managed policy's ARN: AWS's own (account `aws`) or an account's, with its path in `pathAndName`. */
export function managedPolicyArn(partition: string, account: string, pathAndName: string): string {
  return `arn:${partition}:iam::${account}:policy/${pathAndName}`;
}

/** An AWS managed policy's ARN (arn:aws:iam::aws:policy/NAME) in the region's partition. */
export function awsManagedPolicyArn(name: string, region = 'us-east-1'): string {
  return managedPolicyArn(partitionOf(region), 'aws', name);
}

/** The managed policy the Lex tutorials attach, in the region's partition. */
export function lexRunBotsOnlyArn(region = 'us-east-1'): string {
  return awsManagedPolicyArn(LEX_RUN_BOTS_ONLY, region);
}

/**
 * A managed policy ARN, AWS's own or an account's: arn:PARTITION:iam::(aws|ACCOUNT):policy/[PATH/]NAME,
 * capturing the partition, the account and the path with the name.
 */
export const MANAGED_POLICY_ARN = /^arn:(aws[\w-]*):iam::(aws|\d{12}):policy\/(.+)$/;

/** IAM is global: its ARNs carry the partition but no region. */
export function roleArn(region: string, account: string, roleName: string, path = '/'): string {
  return `arn:${partitionOf(region)}:iam::${account}:role${path}${roleName}`;
}

/** An IAM user (the sandbox's administrator). */
export function iamUserArn(region: string, account: string, userName: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:user/${userName}`;
}

/** Who a caller is while it holds a role's temporary credentials (STS). */
export function assumedRoleArn(region: string, account: string, roleName: string, sessionName: string): string {
  return `arn:${partitionOf(region)}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

/** A role ARN in any partition, as IAM and Cognito accept it (the path may have slashes). */
export const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** A Lex V2 resource (bot/ID, bot-alias/ID/ALIAS, …) in a region. */
export function lexArn(region: string, account: string, resource: string): string {
  return `arn:${partitionOf(region)}:lex:${region}:${account}:${resource}`;
}

export function userPoolArn(region: string, account: string, userPoolId: string): string {
  return `arn:${partitionOf(region)}:cognito-idp:${region}:${account}:userpool/${userPoolId}`;
}

export function identityPoolArn(region: string, account: string, identityPoolId: string): string {
  return `arn:${partitionOf(region)}:cognito-identity:${region}:${account}:identitypool/${identityPoolId}`;
}

export function botArn(region: string, account: string, botId: string): string {
  return lexArn(region, account, `bot/${botId}`);
}

/** What Lex V2 runtime calls are authorised against: the bot alias. */
export function botAliasArn(region: string, account: string, botId: string, botAliasId: string): string {
  return lexArn(region, account, `bot-alias/${botId}/${botAliasId}`);
}

/** A role's name, from its ARN (the part after the last slash, past any path). */
export function roleNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** A managed policy's name, from its ARN (as a role's: past any path). */
export const policyNameFromArn = roleNameFromArn;

/** The account an ARN belongs to (arn:aws:iam::ACCOUNT:role/…). */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}

/** A user pool's provider name, as an identity pool's CognitoIdentityProviders take it. */
export const COGNITO_PROVIDER_NAME = new RegExp(`^cognito-idp\\.${idPatternSource('region')}\\.amazonaws\\.com(?:\\.cn)?/${idPatternSource('userPoolId')}$`);

/** A user pool as an identity pool's login provider, and the key of its ID token in Logins. */
export function cognitoProviderName(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.${dnsSuffixOf(region)}/${userPoolId}`;
}
