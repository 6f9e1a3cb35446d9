import * as vscode from 'vscode';
import { identityPoolNameProblem } from '../../provisioning/names';
import { type BotWebAccessResult, parseBotWebAccessArgs, setUpBotWebAccess as setUp } from '../../provisioning/webAccess';
import { describeBot } from '../../aws/services/lexModels';
import type { AwsContext } from '../../aws/context';
import { pickBotAlias, stepTitle } from '../../ui/pickers';
import { commandInput, createWithRollback, field, type PoolsDeps } from './shared';

const title = () => vscode.l10n.t('Set Up Bot Web Access');

/**
 * `cognitoBot.setUpBotWebAccess`: the Lex "deploy a bot as a web application" setup in one
 * pass: an identity pool with guest access, its two roles, and permission to talk to the bot
 * (to one alias when a bot is chosen: least privilege). Ends by offering to open the chat.
 * Args `{ name?, botId?, botAliasId?, localeId?, authRoleName?, unauthRoleName? }`; returns
 * `{ identityPoolId, authRoleArn, unauthRoleArn, region, botId?, botAliasId?, localeId?, policy }`.
 */
export async function setUpBotWebAccess(deps: PoolsDeps, args?: unknown): Promise<BotWebAccessResult> {
  const input = commandInput(args);
  let fields: Record<string, unknown> = input.fields;
  let botName: string | undefined; // known when picked: no call to read it
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    // From a bot alias or locale node, the bot is known; otherwise, ask.
    const botKnown = Boolean(field(input, 'botId') && field(input, 'botAliasId'));
    const totalSteps = botKnown ? 1 : 2;
    const bot = botKnown
      ? { botId: field(input, 'botId')!, botAliasId: field(input, 'botAliasId')! }
      : await pickBotAlias(ctx, field(input, 'botId'), { title: title(), step: 1, totalSteps });
    const name = await vscode.window.showInputBox({
      title: stepTitle({ title: title(), step: totalSteps, totalSteps }),
      prompt: vscode.l10n.t('Name of the new identity pool'),
      value: 'BotPool',
      ignoreFocusOut: true,
      validateInput: identityPoolNameProblem,
    });
    if (name === undefined) throw new vscode.CancellationError();
    botName = bot && 'botName' in bot ? bot.botName : undefined;
    fields = { name, botId: bot?.botId, botAliasId: bot?.botAliasId, localeId: field(input, 'localeId') };
  }
  const parsed = parseBotWebAccessArgs(fields);
  const ctx = await deps.connections.awsContext();
  // Named for the person reading; a script gets the ids back and is spared the call.
  const botLabel = !parsed.botId
    ? vscode.l10n.t('your Lex bots')
    : vscode.l10n.t('bot {0}', input.scripted ? parsed.botId : await botNameAndId(ctx, parsed.botId, botName));
  const progressTitle = vscode.l10n.t({ message: 'Setting up web access for {0}…', args: [botLabel], comment: ['{0} is "bot <name>" or "your Lex bots"'] });
  const result = await createWithRollback(deps, input, progressTitle, (ctx, journal) => setUp(ctx, parsed, journal));
  deps.log.info(
    `Bot web access ready: identity pool ${result.identityPoolId}, roles ${result.authRoleArn} and ${result.unauthRoleArn}, policy ${result.policy}`,
  );
  deps.tree.refresh();
  if (!input.scripted)
    void offerNextStep(
      result,
      vscode.l10n.t({
        message: 'Web pages can now talk to {0} as guests of identity pool {1} ({2}).',
        args: [botLabel, parsed.name, result.identityPoolId],
        comment: ['{0} is "bot <name>" or "your Lex bots"'],
      }),
    );
  return result;
}

/** "CoffeeShop (QZDHGFY6D5)", read unless known; the id alone if it cannot be read (the setup does not need it). */
async function botNameAndId(ctx: AwsContext, botId: string, knownName: string | undefined): Promise<string> {
  if (knownName) return `${knownName} (${botId})`;
  try {
    return `${(await describeBot(ctx, botId)).name} (${botId})`;
  } catch {
    return botId;
  }
}

/** What the chat should open with, as a tree node would carry it. */
class ChatRequest {
  constructor(fields: Record<string, string | undefined>) {
    Object.assign(this, fields);
  }
}

/** Raised at once, with nothing awaited first, so it shows as the progress notification closes. */
async function offerNextStep(result: BotWebAccessResult, message: string): Promise<void> {
  const OPEN_CHAT = vscode.l10n.t('Open Chat');
  const COPY = vscode.l10n.t('Copy Identity Pool Id');
  const picked = await vscode.window.showInformationMessage(message, OPEN_CHAT, COPY);
  if (picked === OPEN_CHAT) {
    // Not a plain object: the chat asks for whatever is missing (the locale, the bot) instead of failing.
    await vscode.commands.executeCommand(
      'cognitoBot.openChat',
      new ChatRequest({ identityPoolId: result.identityPoolId, botId: result.botId, botAliasId: result.botAliasId, localeId: result.localeId }),
    );
  }
  if (picked === COPY) await vscode.env.clipboard.writeText(result.identityPoolId);
}
