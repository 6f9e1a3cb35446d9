import * as vscode from 'vscode';
import { identityPoolNameProblem } from '../../provisioning/names';
import { type BotWebAccessResult, parseBotWebAccessArgs, setUpBotWebAccess as setUp } from '../../provisioning/webAccess';
import { pickBotAlias } from '../../ui/pickers';
import { commandInput, createWithRollback, field, type PoolsDeps } from './shared';

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
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    // From a bot alias or locale node, the bot is known; otherwise, ask.
    const bot =
      field(input, 'botId') && field(input, 'botAliasId')
        ? { botId: field(input, 'botId')!, botAliasId: field(input, 'botAliasId')! }
        : await pickBotAlias(ctx, field(input, 'botId'));
    const name = await vscode.window.showInputBox({
      title: 'Set Up Bot Web Access',
      prompt: 'Name of the new identity pool',
      value: 'BotPool',
      ignoreFocusOut: true,
      validateInput: identityPoolNameProblem,
    });
    if (name === undefined) throw new vscode.CancellationError();
    fields = { name, ...bot, localeId: field(input, 'localeId') };
  }
  const parsed = parseBotWebAccessArgs(fields);
  const result = await createWithRollback(deps, input, `Setting up web access for ${parsed.botId ?? 'Lex bots'}…`, (ctx, journal) =>
    setUp(ctx, parsed, journal),
  );
  deps.log.info(
    `Bot web access ready: identity pool ${result.identityPoolId}, roles ${result.authRoleArn} and ${result.unauthRoleArn}, policy ${result.policy}`,
  );
  deps.tree.refresh();
  if (!input.scripted) void offerNextStep(result);
  return result;
}

/** What the chat should open with, as a tree node would carry it. */
class ChatRequest {
  constructor(fields: Record<string, string | undefined>) {
    Object.assign(this, fields);
  }
}

async function offerNextStep(result: BotWebAccessResult): Promise<void> {
  const OPEN_CHAT = 'Open Chat';
  const COPY = 'Copy Identity Pool Id';
  const canChat = (await vscode.commands.getCommands(true)).includes('cognitoBot.openChat');
  const picked = await vscode.window.showInformationMessage(
    `Web pages can now talk to ${result.botId ? `bot ${result.botId}` : 'your Lex bots'} as guests of identity pool ${result.identityPoolId}.`,
    ...(canChat ? [OPEN_CHAT] : []),
    COPY,
  );
  if (picked === OPEN_CHAT) {
    // Not a plain object: the chat asks for whatever is missing (the locale, the bot) instead of failing.
    await vscode.commands.executeCommand(
      'cognitoBot.openChat',
      new ChatRequest({ identityPoolId: result.identityPoolId, botId: result.botId, botAliasId: result.botAliasId, localeId: result.localeId }),
    );
  }
  if (picked === COPY) await vscode.env.clipboard.writeText(result.identityPoolId);
}
