import * as vscode from 'vscode';
import { type Connection, connectionKey, describeConnection } from '../../aws/connection';
import type { AwsContext } from '../../aws/context';
import { ActionableError, explainAwsError, InvalidArgumentsError, isAccessDenied, isNotFound } from '../../aws/errors';
import { ID_FORMATS } from '../../aws/ids';
import { PIN_ID, PIN_LABEL, pinIdProblem, type PinKind } from '../pins';
import { commandInput, field, type PoolsDeps, sayDone } from './shared';

/** How one kind of resource is read before it is pinned. */
export interface PinnedKind {
  readonly kind: PinKind;
  /** The command's title, for the input box. */
  readonly title: string;
  /** The IAM actions the read takes: named when AWS denies it. */
  readonly permissions: readonly string[];
  /** The region an id names (pool ids start with theirs); undefined for ids that name none (bots). */
  readonly regionOf?: (id: string) => string | undefined;
  /** Its name, read with its Describe call: this is what tells a wrong id. */
  readName(ctx: AwsContext, id: string): Promise<string>;
}

export interface PinResult {
  readonly kind: PinKind;
  readonly id: string;
  readonly name: string;
  /** It was pinned before: nothing changed but its name. */
  readonly alreadyPinned: boolean;
}

/**
 * The add-by-id commands: takes the id from args (`{ userPoolId }`, `{ identityPoolId }` or
 * `{ botId }`, as the other commands name them) or an input box that checks its format as it
 * is typed; reads the resource, so a wrong id is refused with why, and pins it for the
 * current connection. The explorer then shows it under its group, listed or not.
 */
export async function pinById(deps: PoolsDeps, what: PinnedKind, args?: unknown): Promise<PinResult> {
  const input = commandInput(args);
  const idField = PIN_ID[what.kind];
  const label = PIN_LABEL[what.kind];
  const given = field(input, idField);
  if (input.scripted && (!given || pinIdProblem(what.kind, given)))
    throw new InvalidArgumentsError(`Give "${idField}". ${pinIdProblem(what.kind, given ?? '')}`);
  // Connected first: not connected, this says so before anything is asked.
  const ctx = await deps.connections.awsContext();
  const connection = deps.connections.current!.connection;
  const trimmed = (given && !pinIdProblem(what.kind, given) ? given : await askId(what, describeConnection(connection))).trim();

  const region = what.regionOf?.(trimmed);
  if (region && region !== ctx.region)
    throw new ActionableError(
      `${trimmed} is a ${label} of ${region}, and this connection is in ${ctx.region}: Cognito answers for its own region only. Connect in ${region} ("Select Connection…") and add it there; pins are kept per connection. Nothing was pinned.`,
      [{ kind: 'command', title: 'Select Connection', command: 'cognitoBot.selectConnection' }],
    );
  const name = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${label} ${trimmed}…` }, () =>
    readToPin(what, ctx, trimmed, connection),
  );
  const added = await deps.pins.add(connectionKey(connection), { kind: what.kind, id: trimmed, name });
  deps.log.info(`${added ? 'Pinned' : 'Already pinned:'} ${label} ${name} (${trimmed}) on ${describeConnection(connection)}`);
  sayDone(
    input,
    added
      ? `Pinned ${label} ${name} (${trimmed}): the explorer shows it for this connection, even where listing is not allowed.`
      : `${label[0].toUpperCase()}${label.slice(1)} ${name} (${trimmed}) was already pinned.`,
  );
  deps.tree.refresh();
  return { kind: what.kind, id: trimmed, name, alreadyPinned: !added };
}

async function askId(what: PinnedKind, where: string): Promise<string> {
  const { label, expected } = ID_FORMATS[PIN_ID[what.kind]];
  const id = await vscode.window.showInputBox({
    title: what.title,
    prompt: `The ${label}: ${expected}. It is kept for ${where}.`,
    ignoreFocusOut: true,
    validateInput: (value) => pinIdProblem(what.kind, value),
  });
  if (id === undefined) throw new vscode.CancellationError();
  return id;
}

/** Its name; a wrong id or a missing permission becomes a message that says which, and what to do. */
async function readToPin(what: PinnedKind, ctx: AwsContext, id: string, connection: Connection): Promise<string> {
  const label = PIN_LABEL[what.kind];
  try {
    return await what.readName(ctx, id);
  } catch (error) {
    if (isNotFound(error) || isNotFound((error as { cause?: unknown } | undefined)?.cause))
      throw new ActionableError(
        `There is no ${label} ${id} on ${describeConnection(connection)}. Check the id, and that it belongs to this connection's account and region. Nothing was pinned.`,
        [],
        { cause: error },
      );
    if (isAccessDenied(error))
      throw new ActionableError(
        `Pinning ${label} ${id} needs ${what.permissions.join(' and ')} on it. ${explainAwsError(error, connection).message} Nothing was pinned.`,
        [],
        { cause: error },
      );
    throw error; // the command wrapper explains it (the network, expired credentials)
  }
}
