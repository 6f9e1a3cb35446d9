import { lexRunBotsOnlyArn } from '../aws/arns';
import type { AwsContext } from '../aws/context';
import { InvalidArgumentsError } from '../aws/errors';
import { renderTemplate } from '../policies/templates';
import { attachToPoolRoles, createIdentityPool, type CreateIdentityPoolResult, parseCreateIdentityPoolArgs } from './identityPool';
import { Journal } from './journal';
import { optionalStringArg } from './names';

export interface BotWebAccessArgs {
  readonly name: string;
  /** With a bot and alias, the roles get a least-privilege inline policy for that alias only. */
  readonly botId?: string;
  readonly botAliasId?: string;
  readonly localeId?: string;
  readonly authRoleName?: string;
  readonly unauthRoleName?: string;
}

export interface BotWebAccessResult extends CreateIdentityPoolResult {
  readonly region: string;
  readonly botId?: string;
  readonly botAliasId?: string;
  readonly localeId?: string;
  /** The managed policy ARN, or the inline policy's name, put on both roles. */
  readonly policy: string;
}

export function parseBotWebAccessArgs(args: Record<string, unknown>): BotWebAccessArgs {
  const botId = optionalStringArg(args, 'botId');
  const botAliasId = optionalStringArg(args, 'botAliasId');
  if (Boolean(botId) !== Boolean(botAliasId))
    throw new InvalidArgumentsError(
      'Give both "botId" and "botAliasId" (least-privilege access to that alias), or neither (AmazonLexRunBotsOnly, as the tutorial does).',
    );
  if (botId && botAliasId) {
    // Checked before anything is created (the account and region come later; their format is the connection's).
    const rendered = renderTemplate('lexBotAlias', { botId, botAliasId }, { account: '000000000000', region: 'us-east-1' });
    if (!rendered.ok) throw new InvalidArgumentsError(Object.values(rendered.errors).join(' '));
  }
  return {
    name: optionalStringArg(args, 'name') ?? 'BotPool',
    botId,
    botAliasId,
    localeId: optionalStringArg(args, 'localeId'),
    authRoleName: optionalStringArg(args, 'authRoleName'),
    unauthRoleName: optionalStringArg(args, 'unauthRoleName'),
  };
}

/**
 * The guest tutorial end to end: an identity pool with guest access, its two roles bound to
 * it, and permission to talk to the bot on both. With a bot alias, that permission is an
 * inline policy for that alias alone (least privilege); without one, the tutorial's
 * AmazonLexRunBotsOnly. A failure leaves a journal to roll back.
 */
export async function setUpBotWebAccess(ctx: AwsContext, args: BotWebAccessArgs, journal = new Journal()): Promise<BotWebAccessResult> {
  const poolArgs = parseCreateIdentityPoolArgs({
    name: args.name,
    allowUnauthenticated: true,
    attachLexRunBotsOnly: false,
    authRoleName: args.authRoleName,
    unauthRoleName: args.unauthRoleName,
  });
  const created = await createIdentityPool(ctx, poolArgs, journal);
  const { botId, botAliasId } = args;
  let policy = lexRunBotsOnlyArn(ctx.region);
  if (botId && botAliasId) {
    const policyName = `LexRunBot-${botId}-${botAliasId}`;
    policy = policyName;
    await attachToPoolRoles(ctx, created, (roleName) => ({ roleName, template: 'lexBotAlias', params: { botId, botAliasId }, policyName }), journal);
  } else {
    await attachToPoolRoles(ctx, created, (roleName) => ({ roleName, managedPolicyArn: policy }), journal);
  }
  return { ...created, region: ctx.region, botId, botAliasId, localeId: args.localeId, policy };
}
