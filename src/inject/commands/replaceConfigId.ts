import * as vscode from 'vscode';
import { describeConnection } from '../../aws/connection';
import type { AwsContext } from '../../aws/context';
import { InvalidArgumentsError } from '../../aws/errors';
import { ID_FORMATS, ID_KINDS, type IdKind, looksLike } from '../../aws/ids';
import { allPages } from '../../aws/paging';
import { allBotAliases, listBots } from '../../aws/services/lexModels';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { pickIdentityPool, pickUserPool, pickUserPoolClient } from '../../ui/pickers';
import { isArgsObject } from '../../ui/registerCommand';
import { LOOKED_UP_KINDS } from '../configIds';
import { applyAndSave } from './applyEdit';

function uriFrom(value: unknown): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return value.includes('://') || value.startsWith('file:') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  throw new InvalidArgumentsError('"uri" must be the file: a Uri, a URI string or a path.');
}

function positionFrom(value: unknown): vscode.Position | undefined {
  if (value instanceof vscode.Position) return value;
  const { line, character } = (value ?? {}) as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0
    ? new vscode.Position(line as number, character as number)
    : undefined;
}

function rangeFrom(value: unknown): vscode.Range {
  if (value instanceof vscode.Range) return value;
  const { start, end } = (value ?? {}) as { start?: unknown; end?: unknown };
  const [from, to] = [positionFrom(start), positionFrom(end)];
  if (!from || !to)
    throw new InvalidArgumentsError('"range" must be { start: { line, character }, end: { line, character } } (0-based), the id\'s place in the file.');
  return new vscode.Range(from, to);
}

function kindFrom(value: unknown): IdKind {
  if (!ID_KINDS.includes(value as IdKind)) throw new InvalidArgumentsError(`"kind" must be one of ${ID_KINDS.join(', ')}.`);
  return value as IdKind;
}

async function pickFrom<T extends vscode.QuickPickItem>(items: readonly T[], placeHolder: string, none: string): Promise<T> {
  if (items.length === 0) throw new InvalidArgumentsError(none);
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) throw new vscode.CancellationError();
  return picked;
}

/** An id of the kind from the connection, picked by name. */
async function pickId(ctx: AwsContext, kind: IdKind, where: string): Promise<string> {
  const placeHolder = vscode.l10n.t({
    message: 'Which {0} from {1} goes here?',
    args: [ID_FORMATS[kind].label, where],
    comment: ['{0} is a kind of id ("user pool id"), {1} the connection'],
  });
  switch (kind) {
    case 'identityPoolId':
      return pickIdentityPool(ctx, placeHolder);
    case 'userPoolId':
      return pickUserPool(ctx, placeHolder);
    case 'clientId':
      return (await pickUserPoolClient(ctx, placeHolder)).clientId;
    case 'botId': {
      const bots = await allPages((token) => listBots(ctx, token));
      const items = bots.map((bot) => ({ label: bot.name, description: bot.botId, id: bot.botId }));
      return (await pickFrom(items, placeHolder, vscode.l10n.t('There are no Lex bots in {0} on {1}.', ctx.region, where))).id;
    }
    case 'botAliasId': {
      const aliases = await allBotAliases(ctx);
      const items = aliases.map(({ bot, alias }) => ({
        label: `${bot.name} / ${alias.name}`,
        description: `${bot.botId} · ${alias.botAliasId}`,
        id: alias.botAliasId,
      }));
      return (await pickFrom(items, placeHolder, vscode.l10n.t('There are no Lex bot aliases in {0} on {1}.', ctx.region, where))).id;
    }
    default:
      throw new InvalidArgumentsError(
        `A ${ID_FORMATS[kind].label} is not something to pick from a connection: give "value", or one of the kinds ${LOOKED_UP_KINDS.join(', ')}.`,
      );
  }
}

/**
 * `cognitoBot.replaceConfigId`: puts an id of the connection into a config file, where the
 * Problems panel said a wrong or unknown one is. Args `{ uri, range, kind, value? }` (the code
 * action gives the first three; with `value` it asks nothing); returns `{ uri, value }`. The
 * file is saved unless it had unsaved changes before.
 */
export async function replaceConfigId(connections: ConnectionManager, log: Log, args?: unknown): Promise<{ uri: string; value: string }> {
  if (!isArgsObject(args))
    throw new InvalidArgumentsError('Use the quick fix on an id in a config file (Problems panel), or give { uri, range, kind, value? }.');
  const uri = uriFrom(args.uri);
  const range = rangeFrom(args.range);
  const kind = kindFrom(args.kind);
  let value: string;
  if (args.value !== undefined) {
    if (typeof args.value !== 'string' || !looksLike(kind, args.value)) {
      throw new InvalidArgumentsError(`"value" must be ${ID_FORMATS[kind].label}: ${ID_FORMATS[kind].expected}.`);
    }
    value = args.value;
  } else {
    const ctx = await connections.awsContext();
    value = await pickId(ctx, kind, describeConnection(connections.current!.connection));
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, value);
  const { applied } = await applyAndSave(edit);
  if (!applied) throw new Error(vscode.l10n.t('Could not edit {0}: it may be read-only, or it changed meanwhile.', vscode.workspace.asRelativePath(uri)));
  log.info(`Put ${ID_FORMATS[kind].label} ${value} into ${vscode.workspace.asRelativePath(uri)} at line ${range.start.line + 1}`);
  return { uri: uri.toString(), value };
}
