import * as vscode from 'vscode';
import { connectionKey, describeConnection } from '../../aws/connection';
import { InvalidArgumentsError } from '../../aws/errors';
import { type Pin, PIN_ID, PIN_LABEL, type PinKind } from '../pins';
import { commandInput, type PoolsDeps, sayDone } from './shared';

const KINDS = Object.keys(PIN_ID) as PinKind[];

/** The pin a script names: exactly one of `{ userPoolId }`, `{ identityPoolId }`, `{ botId }`. */
function pinNamed(fields: Record<string, unknown>): { kind: PinKind; id: string } {
  const named = KINDS.filter((kind) => fields[PIN_ID[kind]] !== undefined);
  const id = named.length === 1 ? fields[PIN_ID[named[0]]] : undefined;
  if (typeof id !== 'string' || !id)
    throw new InvalidArgumentsError(`Give one of ${KINDS.map((kind) => `"${PIN_ID[kind]}"`).join(', ')}: the id of the pinned resource.`);
  return { kind: named[0], id: id.trim() };
}

async function pickPin(pins: readonly Pin[], where: string): Promise<Pin> {
  if (pins.length === 0)
    throw new InvalidArgumentsError(
      vscode.l10n.t('Nothing is pinned on {0}. Pin with "Add User Pool by Id…", "Add Identity Pool by Id…" or "Add Bot by Id…".', where),
    );
  const picked = await vscode.window.showQuickPick(
    pins.map((pin) => ({ label: pin.name, description: `${PIN_LABEL[pin.kind]} · ${pin.id}`, pin })),
    { title: vscode.l10n.t('Remove Pin'), placeHolder: vscode.l10n.t('Pinned on {0}', where), matchOnDescription: true },
  );
  if (!picked) throw new vscode.CancellationError();
  return picked.pin;
}

/**
 * `cognitoBot.removePin`: stops showing a resource pinned by id (nothing changes in AWS). From
 * a pinned row, a picker of the connection's pins, or args `{ userPoolId }`, `{ identityPoolId }`
 * or `{ botId }`; returns `{ kind, id, removed }` (removed false: it was not pinned).
 */
export async function removePin(deps: PoolsDeps, args?: unknown): Promise<{ kind: PinKind; id: string; removed: boolean }> {
  const input = commandInput(args);
  const active = deps.connections.current;
  if (!active) throw new InvalidArgumentsError(vscode.l10n.t('Connect first: pins are kept per connection.'));
  const key = connectionKey(active.connection);
  const where = describeConnection(active.connection);
  const fromRow = input.fields.pin as Pin | undefined;
  const { kind, id } = input.scripted ? pinNamed(input.fields) : (fromRow ?? (await pickPin(deps.pins.list(key), where)));
  const removed = await deps.pins.remove(key, kind, id);
  deps.log.info(removed ? `Removed the pin of ${PIN_LABEL[kind]} ${id} on ${where}` : `${PIN_LABEL[kind]} ${id} was not pinned on ${where}`);
  sayDone(
    input,
    removed
      ? vscode.l10n.t({
          message: 'Removed the pin of {0} {1}.',
          args: [PIN_LABEL[kind], id],
          comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its id'],
        })
      : vscode.l10n.t('{0} was not pinned on {1}.', id, where),
  );
  deps.tree.refresh();
  return { kind, id, removed };
}
