import { botAliasArn } from '../../aws/arns';
import { gzipSync } from 'node:zlib';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { authorize, type Caller } from '../auth';
import { CodeHookError, LocaleNotFoundError, SessionNotFoundError, type SessionState } from '../../bot/engine';
import type { SandboxBot } from '../bots';
import { jsonBody, jsonResult } from '../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import type { SandboxState } from '../state';
import type { JsonStore } from '../store';

const SESSION_PATH = /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)(\/text)?$/;

export function isRuntimePath(path: string): boolean {
  return SESSION_PATH.test(path);
}

/** The Lex V2 runtime, answered by each bot's offline engine (which keeps the sessions). */
export class LexRuntime {
  constructor(private readonly bots: () => readonly SandboxBot[]) {}

  async handle(request: SandboxRequest, store: JsonStore<SandboxState>, caller: Caller): Promise<SandboxResponse> {
    const match = SESSION_PATH.exec(request.path);
    if (!match) throw new ServiceError('UnknownOperationException', `Unknown operation: ${request.method} ${request.path}`, 404);
    const [botId, botAliasId, localeId, sessionId] = match.slice(1, 5).map(decodeURIComponent);
    const isText = match[5] === '/text';
    const operation = isText ? 'RecognizeText' : { GET: 'GetSession', POST: 'PutSession', PUT: 'PutSession', DELETE: 'DeleteSession' }[request.method];
    if (!operation || (isText && request.method !== 'POST'))
      throw new ServiceError('UnknownOperationException', `Unknown operation: ${request.method} ${request.path}`, 404);

    const region = request.signing?.region ?? 'us-east-1';
    authorize(caller, `lex:${operation}`, botAliasArn(region, SANDBOX_ACCOUNT_ID, botId, botAliasId), store);

    const bot = this.bots().find((b) => b.botId === botId);
    if (!bot || !bot.aliases.some((a) => a.botAliasId === botAliasId)) {
      throw new ServiceError('ResourceNotFoundException', `Could not find bot alias ${botAliasId} of bot ${botId}.`, 404);
    }
    if (!bot.localeIds.includes(localeId)) throw new ServiceError('ResourceNotFoundException', `Locale ${localeId} does not exist for bot ${botId}.`, 404);
    // Lex keeps a session per alias, locale and session id.
    const key = `${botAliasId}/${sessionId}`;
    const result = (value: unknown) => jsonResult(value, request.requestId, 'application/json');
    try {
      switch (operation) {
        case 'RecognizeText': {
          const body = jsonBody(request.body);
          if (typeof body.text !== 'string' || body.text.length === 0 || body.text.length > 1024) {
            throw new ServiceError(
              'ValidationException',
              "1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and 1024",
            );
          }
          const turn = await bot.engine.recognizeText(localeId, key, {
            text: body.text,
            sessionState: body.sessionState as SessionState | undefined,
            requestAttributes: body.requestAttributes as Record<string, string> | undefined,
          });
          return result({ ...turn, sessionId });
        }
        case 'GetSession':
          return result({ ...bot.engine.getSession(localeId, key), sessionId });
        case 'PutSession': {
          const body = jsonBody(request.body);
          const state = body.sessionState as SessionState | undefined;
          if (!state || typeof state !== 'object')
            throw new ServiceError(
              'ValidationException',
              "1 validation error detected: Value null at 'sessionState' failed to satisfy constraint: Member must not be null",
            );
          const stored = bot.engine.putSession(localeId, key, state);
          // PutSession answers in headers, gzip + base64 encoded, with an (empty) audio body.
          const encode = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');
          return {
            status: 200,
            headers: {
              'content-type': 'application/json',
              'x-amz-lex-session-id': sessionId,
              'x-amz-lex-session-state': encode(stored),
              'x-amz-lex-messages': encode(body.messages ?? []),
              'x-amzn-requestid': request.requestId,
            },
            body: '',
          };
        }
        default:
          bot.engine.deleteSession(localeId, key);
          return result({ botId, botAliasId, localeId, sessionId });
      }
    } catch (error) {
      if (error instanceof SessionNotFoundError || error instanceof LocaleNotFoundError)
        throw new ServiceError('ResourceNotFoundException', error.message, 404);
      // A failing code hook is reported as Lex reports a failing Lambda.
      if (error instanceof CodeHookError) throw new ServiceError('DependencyFailedException', error.message, 424);
      throw error;
    }
  }
}
