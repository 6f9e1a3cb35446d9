import * as vscode from 'vscode';
import { connectionKey, describeConnection } from '../../aws/connection';
import type { ConnectionManager } from '../../connection/connectionManager';
import { ID_FORMATS, idKindOf, idPatternSource } from '../../aws/ids';

/** Text that may be a Cognito or Lex id: user pool and identity pool ids, 26-char client ids, 10-char Lex ids. */
const ID_AT_CURSOR = new RegExp(
  [idPatternSource('userPoolId'), idPatternSource('identityPoolId'), `\\b${idPatternSource('clientId')}\\b`, `\\b${idPatternSource('botId')}\\b`].join('|'),
);
const CACHE_MS = 60_000;

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
      entry = { at: Date.now(), text: Promise.all([this.connections.awsContext(), import('../commands')]).then(([ctx, { lookUpId }]) => lookUpId(ctx, id)) };
      this.cache.set(key, entry);
      entry.text.catch(() => this.cache.delete(key));
    }
    let text: string | undefined;
    try {
      text = await entry.text;
    } catch (error) {
      return new vscode.Hover(vscode.l10n.t('Cognito Bot: could not look up {0}: {1}', id, error instanceof Error ? error.message : String(error)), range);
    }
    const where = describeConnection(active.connection);
    return new vscode.Hover(
      new vscode.MarkdownString(
        text
          ? vscode.l10n.t({
              message: 'Cognito Bot: {0} ({1})',
              args: [text, where],
              comment: ['{0} says what the id is ("user pool WebChatPool"), {1} the connection'],
            })
          : vscode.l10n.t({
              message: 'Cognito Bot: no {0} `{1}` on {2}.',
              args: [ID_FORMATS[kind].label, id, where],
              comment: ['{0} is a kind of id ("user pool id"), {1} the id, {2} the connection'],
            }),
      ),
      range,
    );
  }
}
