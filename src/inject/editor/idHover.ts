import * as vscode from 'vscode';
import { connectionKey, describeConnection } from '../../aws/connection';
import type { ConnectionManager } from '../../connection/connectionManager';
import { awsContext } from '../../pools/awsContext';
import type { AwsContext } from '../../pools/engine/context';
import { allPages } from '../../pools/engine/context';
import { listBots } from '../../pools/engine/bots';
import { describeIdentityPool } from '../../pools/engine/identityPools';
import { isNotFound } from '../../pools/engine/roles';
import { describeUserPool, listAppClients, listUserPools } from '../../pools/engine/userPools';
import { idKindOf, KIND_LABELS } from '../values';

/** Text that may be a Cognito or Lex id: user pool and identity pool ids, 26-char client ids, 10-char Lex ids. */
const ID_AT_CURSOR = /[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}(?:_[0-9A-Za-z]+|:[0-9a-f-]{36})|\b[a-z0-9]{26}\b|\b[0-9A-Z]{10}\b/;
const CACHE_MS = 60_000;

/** What an id is on the current connection, one sentence. */
async function lookUp(ctx: AwsContext, id: string): Promise<string | undefined> {
  const kind = idKindOf(id);
  try {
    switch (kind) {
      case 'userPoolId': {
        const pool = await describeUserPool(ctx, id);
        return `user pool **${pool.name}**, ${ctx.region}`;
      }
      case 'identityPoolId': {
        const pool = await describeIdentityPool(ctx, id);
        return `identity pool **${pool.name}**, ${ctx.region}, guest access ${pool.allowUnauthenticated ? 'on' : 'off'}`;
      }
      case 'clientId': {
        for (const pool of await allPages((t) => listUserPools(ctx, t))) {
          const client = (await allPages((t) => listAppClients(ctx, pool.id, t))).find((c) => c.clientId === id);
          if (client) return `app client **${client.name}** of user pool ${pool.name} (${pool.id})`;
        }
        return undefined;
      }
      case 'botId': {
        const bot = (await allPages((t) => listBots(ctx, t))).find((b) => b.botId === id);
        return bot ? `Lex bot **${bot.name}**, ${ctx.region}` : undefined;
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (isNotFound(error) || (error instanceof Error && /no (user|identity) pool|not found/i.test(error.message))) return undefined;
    throw error;
  }
}

/**
 * Hovering a Cognito or Lex id in any file says what it is on the current connection ("user
 * pool WebChatPool, us-east-1"), or that it does not exist there. Lookups are cached a minute
 * per connection, and only run when hovered.
 */
export class IdHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, { at: number; text: Promise<string | undefined> }>();

  constructor(private readonly connections: ConnectionManager) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const active = this.connections.current;
    if (!active) return undefined;
    const range = document.getWordRangeAtPosition(position, ID_AT_CURSOR);
    if (!range) return undefined;
    const id = document.getText(range);
    const kind = idKindOf(id);
    if (!kind || kind === 'region' || kind === 'localeId') return undefined;
    const key = `${connectionKey(active.connection)}|${id}`;
    let entry = this.cache.get(key);
    if (!entry || Date.now() - entry.at > CACHE_MS) {
      entry = { at: Date.now(), text: awsContext(this.connections).then((ctx) => lookUp(ctx, id)) };
      this.cache.set(key, entry);
      entry.text.catch(() => this.cache.delete(key));
    }
    let text: string | undefined;
    try {
      text = await entry.text;
    } catch (error) {
      return new vscode.Hover(`Cognito Bot: could not look up ${id}: ${error instanceof Error ? error.message : String(error)}`, range);
    }
    const where = describeConnection(active.connection);
    return new vscode.Hover(new vscode.MarkdownString(text ? `Cognito Bot: ${text} (${where})` : `Cognito Bot: no ${KIND_LABELS[kind]} \`${id}\` on ${where}.`), range);
  }
}
