import * as vscode from 'vscode';
import { describeBot } from '../../aws/services/lexModels';
import type { PoolsDeps } from './shared';
import { pinById, type PinResult } from './pinById';

/**
 * `cognitoBot.addBotById`: pins a Lex V2 bot by its id, for people whose permissions leave out
 * lex:ListBots. Args `{ botId }`; returns `{ kind, id, name, alreadyPinned }`. The bot, not an
 * alias: its aliases are its rows, and the chat and Setup Check take an alias id as it is.
 */
export function addBotById(deps: PoolsDeps, args?: unknown): Promise<PinResult> {
  return pinById(
    deps,
    {
      kind: 'bot',
      title: vscode.l10n.t('Add Bot by Id'),
      permissions: ['lex:DescribeBot'],
      readName: async (ctx, id) => (await describeBot(ctx, id)).name,
    },
    args,
  );
}
