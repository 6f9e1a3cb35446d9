import { randomUUID } from 'node:crypto';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type { Sdk } from '../aws/loadSdk';
import type { BotRef } from './model';
import type { LexSession } from './run';

/**
 * A Lex session for one conversation: RecognizeText with a session id of its own (so
 * conversations never share state), session attributes on the turn that carries them, and
 * DeleteSession at the end.
 */
export function lexSession(sdk: Sdk, client: LexRuntimeV2Client, bot: BotRef, sessionId: string = randomUUID()): LexSession {
  const ids = { botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId, sessionId };
  return {
    recognize: (text, sessionAttributes) =>
      client.send(
        new sdk.RecognizeTextCommand({ ...ids, text, ...(sessionAttributes ? { sessionState: { sessionAttributes: { ...sessionAttributes } } } : {}) }),
      ),
    async end() {
      await client.send(new sdk.DeleteSessionCommand(ids));
    },
  };
}
