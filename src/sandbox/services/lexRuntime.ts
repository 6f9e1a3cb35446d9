import { gunzipSync, gzipSync } from 'node:zlib';
import { botAliasArn } from '../../aws/arns';
import { SANDBOX_ACCOUNT_ID } from '../../aws/sandboxAccount';
import { authorize, type Caller } from '../auth';
import { CodeHookError, LocaleNotFoundError, SessionNotFoundError, type SessionState } from '../../bot/engine';
import type { SandboxBot } from '../bots';
import { jsonBody, jsonResult } from '../protocols/json';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';
import type { SandboxState } from '../state';
import type { JsonStore } from '../store';

const SESSION_PATH = /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)(\/text|\/utterance)?$/;

type Operation = 'RecognizeText' | 'RecognizeUtterance' | 'GetSession' | 'PutSession' | 'DeleteSession';

/** Each operation's errors, as the Lex V2 runtime's API model lists them. */
const COMMON_ERRORS = ['AccessDeniedException', 'ResourceNotFoundException', 'ValidationException', 'ThrottlingException', 'InternalServerException'];
const TURN_ERRORS = [...COMMON_ERRORS, 'ConflictException', 'DependencyFailedException', 'BadGatewayException'];
const OPERATION_ERRORS: Record<Operation, ReadonlySet<string>> = {
  RecognizeText: new Set(TURN_ERRORS),
  RecognizeUtterance: new Set(TURN_ERRORS),
  PutSession: new Set(TURN_ERRORS),
  GetSession: new Set(COMMON_ERRORS),
  DeleteSession: new Set([...COMMON_ERRORS, 'ConflictException']),
};

/** What the sandbox answers in: text. Lex V2 takes this value for text in and out. */
const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';
/** Any text/plain content type, whatever its parameters. */
const PLAIN_TEXT = /^text\/plain\s*(;|$)/i;

export function isRuntimePath(path: string): boolean {
  return SESSION_PATH.test(path);
}

const validation = (message: string) => new ServiceError('ValidationException', message);

/** Lex V2 sends (and takes) its header-bound JSON compressed with gzip, then base64-encoded. */
function encodeHeader(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');
}

/**
 * A JSON object from a request header, gzip-compressed then base64-encoded as the API reference
 * asks; base64 of the bare JSON is taken too.
 */
function decodeHeader(request: SandboxRequest, header: string, member: string): Record<string, unknown> | undefined {
  const value = request.headers[header];
  if (value === undefined) return undefined;
  try {
    const bytes = Buffer.from(String(value), 'base64');
    const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw validation(`${member} (header ${header}) must be a JSON object, compressed with gzip and then base64-encoded.`);
}

/** An optional JSON object member of a request. */
function objectMember<T>(value: unknown, member: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw validation(`${member} must be a JSON object.`);
  return value as T;
}

function checkText(text: unknown): string {
  if (typeof text !== 'string' || text.length === 0 || text.length > 1024) {
    throw validation("1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and 1024");
  }
  return text;
}

/** The response content type asked for; the sandbox answers in text only (it has no speech synthesis). */
function responseContentType(request: SandboxRequest, header: string): string {
  const asked = request.headers[header];
  if (asked === undefined) return TEXT_CONTENT_TYPE;
  const value = String(asked);
  if (!PLAIN_TEXT.test(value)) {
    throw validation(`The sandbox answers in text only (it does not synthesize speech): ask for ${TEXT_CONTENT_TYPE}, not ${value}.`);
  }
  return value;
}

/** The request's text: RecognizeUtterance with Content-Type text/plain. */
function utteranceText(request: SandboxRequest): string {
  const contentType = request.headers['content-type'];
  if (contentType === undefined) {
    throw validation("1 validation error detected: Value null at 'requestContentType' failed to satisfy constraint: Member must not be null");
  }
  if (/^audio\//i.test(contentType)) {
    throw validation(
      `The sandbox understands text only: it does not recognize speech (${contentType}). Send the text with Content-Type ${TEXT_CONTENT_TYPE}, or call RecognizeText.`,
    );
  }
  if (!PLAIN_TEXT.test(contentType)) {
    throw validation(`Content-Type ${contentType} is not one Lex V2 takes: send text as ${TEXT_CONTENT_TYPE}.`);
  }
  return checkText(request.body.toString('utf8'));
}

/** An error as the operation's model lists it: anything else the sandbox hit is its own fault. */
function asOperationError(operation: Operation, error: unknown): ServiceError {
  if (error instanceof SessionNotFoundError || error instanceof LocaleNotFoundError) return new ServiceError('ResourceNotFoundException', error.message, 404);
  // A failing code hook is reported as Lex reports a failing Lambda.
  if (error instanceof CodeHookError) return new ServiceError('DependencyFailedException', error.message, 424);
  if (error instanceof ServiceError) {
    if (OPERATION_ERRORS[operation].has(error.code)) return error;
    if (error.status < 500) return validation(error.message);
  }
  return new ServiceError('InternalServerException', 'The sandbox failed to handle the request.', 500, 'Receiver');
}

function operationOf(request: SandboxRequest, suffix: string | undefined): Operation | undefined {
  if (suffix === '/text') return request.method === 'POST' ? 'RecognizeText' : undefined;
  if (suffix === '/utterance') return request.method === 'POST' ? 'RecognizeUtterance' : undefined;
  return ({ GET: 'GetSession', POST: 'PutSession', DELETE: 'DeleteSession' } as const)[request.method as 'GET'];
}

/** The Lex V2 runtime, answered by each bot's offline engine (which keeps the sessions). */
export class LexRuntime {
  constructor(private readonly bots: () => readonly SandboxBot[]) {}

  async handle(request: SandboxRequest, store: JsonStore<SandboxState>, caller: Caller): Promise<SandboxResponse> {
    const match = SESSION_PATH.exec(request.path);
    const operation = match ? operationOf(request, match[5]) : undefined;
    if (!match || !operation) throw new ServiceError('UnknownOperationException', `Unknown operation: ${request.method} ${request.path}`, 404);
    try {
      return await this.run(operation, match.slice(1, 5).map(decodeURIComponent), request, store, caller);
    } catch (error) {
      throw asOperationError(operation, error);
    }
  }

  private async run(
    operation: Operation,
    [botId, botAliasId, localeId, sessionId]: string[],
    request: SandboxRequest,
    store: JsonStore<SandboxState>,
    caller: Caller,
  ): Promise<SandboxResponse> {
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
    switch (operation) {
      case 'RecognizeText': {
        const body = jsonBody(request.body);
        const turn = await bot.engine.recognizeText(localeId, key, {
          text: checkText(body.text),
          sessionState: objectMember<SessionState>(body.sessionState, 'sessionState'),
          requestAttributes: objectMember<Record<string, string>>(body.requestAttributes, 'requestAttributes'),
        });
        return result({ ...turn, sessionId });
      }
      case 'RecognizeUtterance': {
        // The turn RecognizeText takes, sent as the body and headers; it answers in headers,
        // each compressed and encoded, with an audio body that is empty for a text answer.
        const contentType = responseContentType(request, 'response-content-type');
        const text = utteranceText(request);
        const requestAttributes = decodeHeader(request, 'x-amz-lex-request-attributes', 'requestAttributes') as Record<string, string> | undefined;
        const turn = await bot.engine.recognizeText(localeId, key, {
          text,
          sessionState: decodeHeader(request, 'x-amz-lex-session-state', 'sessionState') as SessionState | undefined,
          requestAttributes,
        });
        const headers: Record<string, string> = {
          'content-type': contentType,
          'x-amz-lex-input-mode': 'Text',
          'x-amz-lex-session-id': sessionId,
          'x-amz-lex-session-state': encodeHeader(turn.sessionState),
          'x-amz-lex-interpretations': encodeHeader(turn.interpretations),
          // The transcript is a JSON string too (the Lex web UI strips its quotes).
          'x-amz-lex-input-transcript': encodeHeader(text),
          'x-amzn-requestid': request.requestId,
        };
        if (turn.messages.length > 0) headers['x-amz-lex-messages'] = encodeHeader(turn.messages);
        if (requestAttributes) headers['x-amz-lex-request-attributes'] = encodeHeader(requestAttributes);
        return { status: 200, headers, body: '' };
      }
      case 'GetSession':
        return result({ ...bot.engine.getSession(localeId, key), sessionId });
      case 'PutSession': {
        const contentType = responseContentType(request, 'responsecontenttype');
        const body = jsonBody(request.body);
        const state = objectMember<SessionState>(body.sessionState, 'sessionState');
        if (!state) throw validation("1 validation error detected: Value null at 'sessionState' failed to satisfy constraint: Member must not be null");
        if (body.messages !== undefined && !Array.isArray(body.messages)) throw validation('messages must be a list of messages.');
        const requestAttributes = objectMember<Record<string, string>>(body.requestAttributes, 'requestAttributes');
        const stored = bot.engine.putSession(localeId, key, state);
        // PutSession answers in headers, compressed and encoded as RecognizeUtterance's, with an
        // audio body that is empty for a text answer.
        const headers: Record<string, string> = {
          'content-type': contentType,
          'x-amz-lex-session-id': sessionId,
          'x-amz-lex-session-state': encodeHeader(stored),
          'x-amzn-requestid': request.requestId,
        };
        if (Array.isArray(body.messages) && body.messages.length > 0) headers['x-amz-lex-messages'] = encodeHeader(body.messages);
        if (requestAttributes) headers['x-amz-lex-request-attributes'] = encodeHeader(requestAttributes);
        return { status: 200, headers, body: '' };
      }
      case 'DeleteSession':
        bot.engine.deleteSession(localeId, key);
        return result({ botId, botAliasId, localeId, sessionId });
    }
  }
}
