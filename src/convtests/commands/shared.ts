import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connection/connectionManager';
import { InvalidArgumentsError } from '../../aws/errors';
import { looksLike } from '../../aws/ids';
import type { Log } from '../../ui/log';
import type { BotRef } from '../model';
import type { ConversationRunner } from '../testing/runTests';
import type { TestTree } from '../testing/testTree';

export interface ConvTestsDeps {
  readonly tree: TestTree;
  readonly runner: ConversationRunner;
  readonly connections: ConnectionManager;
  readonly log: Log;
}

/** A path from args: absolute, or relative to the first workspace folder. */
export function uriArg(value: unknown, field: string): vscode.Uri {
  if (typeof value !== 'string' || value === '') throw new InvalidArgumentsError(`"${field}" must be a file path.`);
  if (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value)) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new InvalidArgumentsError(`"${field}" is relative, and no folder is open: give an absolute path.`);
  return vscode.Uri.joinPath(folder.uri, value);
}

/** A bot from args: its three ids, each of Lex's format. */
export function botArg(value: unknown, field: string): BotRef {
  const bot = (value ?? {}) as Record<string, unknown>;
  const { botId, botAliasId, localeId } = bot;
  if (typeof botId !== 'string' || typeof botAliasId !== 'string' || typeof localeId !== 'string')
    throw new InvalidArgumentsError(`"${field}" needs "botId", "botAliasId" and "localeId".`);
  if (!looksLike('botId', botId)) throw new InvalidArgumentsError(`"${field}.botId" "${botId}" is not a Lex bot id (10 upper-case letters and digits).`);
  if (botAliasId !== 'TSTALIASID' && !looksLike('botAliasId', botAliasId))
    throw new InvalidArgumentsError(`"${field}.botAliasId" "${botAliasId}" is not a Lex bot alias id.`);
  if (!looksLike('localeId', localeId)) throw new InvalidArgumentsError(`"${field}.localeId" "${localeId}" is not a locale id like en_US.`);
  return { botId, botAliasId, localeId };
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
