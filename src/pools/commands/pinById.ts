import * as vscode from 'vscode';
import { type Connection, connectionKey, describeConnection, sameConnection } from '../../aws/connection';
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
  const asked = deps.connections.current?.connection;
  const ctx = await deps.connections.awsContext();
  const connection = deps.connections.current?.connection;
  // The pin goes under the connection the resource is read from: not one switched to meanwhile.
  if (!connection || (asked && !sameConnection(asked, connection)))
    throw new ActionableError(vscode.l10n.t('The connection changed before the {0} could be read; run the command again. Nothing was pinned.', label));
  const trimmed = (given && !pinIdProblem(what.kind, given) ? given : await askId(what, describeConnection(connection))).trim();

  const region = what.regionOf?.(trimmed);
  if (region && region !== ctx.region)
    throw new ActionableError(
      vscode.l10n.t({
        message:
          '{0} is a {1} of {2}, and this connection is in {3}: Cognito answers for its own region only. Connect in {2} ("Select Connection…") and add it there; pins are kept per connection. Nothing was pinned.',
        args: [trimmed, label, region, ctx.region],
        comment: ['{0} is an id; {1} "user pool", "identity pool" or "bot"; {2} and {3} are regions'],
      }),
      [{ kind: 'command', title: vscode.l10n.t('Select Connection'), command: 'cognitoBot.selectConnection' }],
    );
  const name = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t({ message: 'Reading {0} {1}…', args: [label, trimmed], comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its id'] }),
    },
    () => readToPin(what, ctx, trimmed, connection),
  );
  const added = await deps.pins.add(connectionKey(connection), { kind: what.kind, id: trimmed, name });
  deps.log.info(`${added ? 'Pinned' : 'Already pinned:'} ${label} ${name} (${trimmed}) on ${describeConnection(connection)}`);
  sayDone(
    input,
    added
      ? vscode.l10n.t({
          message: 'Pinned {0} {1} ({2}): the explorer shows it for this connection, even where listing is not allowed.',
          args: [label, name, trimmed],
          comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its name, {2} its id'],
        })
      : vscode.l10n.t({
          message: '{0} {1} ({2}) was already pinned.',
          args: [`${label[0].toUpperCase()}${label.slice(1)}`, name, trimmed],
          comment: ['{0} is "User pool", "Identity pool" or "Bot"; {1} its name, {2} its id'],
        }),
  );
  deps.tree.refresh();
  return { kind: what.kind, id: trimmed, name, alreadyPinned: !added };
}

async function askId(what: PinnedKind, where: string): Promise<string> {
  const { label, expected } = ID_FORMATS[PIN_ID[what.kind]];
  const id = await vscode.window.showInputBox({
    title: what.title,
    prompt: vscode.l10n.t({
      message: 'The {0}: {1}. It is kept for {2}.',
      args: [label, expected, where],
      comment: ['{0} names an id ("user pool id"), {1} its format, {2} the connection'],
    }),
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
        vscode.l10n.t({
          message: "There is no {0} {1} on {2}. Check the id, and that it belongs to this connection's account and region. Nothing was pinned.",
          args: [label, id, describeConnection(connection)],
          comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its id, {2} the connection'],
        }),
        [],
        { cause: error },
      );
    if (isAccessDenied(error))
      throw new ActionableError(
        vscode.l10n.t({
          message: 'Pinning {0} {1} needs {2} on it. {3} Nothing was pinned.',
          args: [label, id, what.permissions.join(' and '), explainAwsError(error, connection).message],
          comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its id, {2} IAM actions, {3} what AWS said'],
        }),
        [],
        { cause: error },
      );
    throw error; // the command wrapper explains it (the network, expired credentials)
  }
}
