import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { isRegion, looksLike } from '../../aws/ids';
import type { ConnectionManager } from '../../connection/connectionManager';
import { allBotLocales } from '../../aws/services/lexModels';
import { pickIdentityPool } from '../../ui/pickers';
import type { SignIn } from '../../aws/poolCredentials';
import type { IdentityView, Turn } from '../protocol';
import type { ChatTarget } from './chatPanel';

const LAST_CHOICE_KEY = 'cognitoBot.chat.lastChoice';

export interface OpenChatArgs {
  readonly target: ChatTarget;
  readonly signIn?: SignIn;
  /** Scripts: a message to send once connected; the result carries the turn. */
  readonly say?: string;
}

export interface OpenChatResult extends IdentityView {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly turn?: Turn;
}

function text(args: Record<string, unknown>, field: string, kind?: Parameters<typeof looksLike>[0]): string {
  const value = args[field];
  if (typeof value !== 'string' || !value) throw new InvalidArgumentsError(`Give "${field}".`);
  if (kind && !looksLike(kind, value))
    throw new InvalidArgumentsError(
      `"${field}" ${value} is not a ${kind === 'identityPoolId' ? 'identity pool id, like us-east-1:0a1b…' : kind === 'localeId' ? 'locale, like en_US' : 'Lex id: 10 letters and digits'}.`,
    );
  return value;
}

function signInFrom(value: unknown): SignIn | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null)
    throw new InvalidArgumentsError('"signIn" must be { userPoolId, clientId, username, password, newPassword? }.');
  const fields = value as Record<string, unknown>;
  const signIn = {
    userPoolId: text(fields, 'userPoolId', 'userPoolId'),
    clientId: text(fields, 'clientId'),
    username: text(fields, 'username'),
    password: text(fields, 'password'),
  };
  return typeof fields.newPassword === 'string' ? { ...signIn, newPassword: fields.newPassword } : signIn;
}

/** Reads `cognitoBot.openChat`'s args: `{ botId, botAliasId, localeId, identityPoolId, region?, signIn?, say? }`. */
export function parseOpenChatArgs(args: Record<string, unknown>, connectionRegion: string): OpenChatArgs {
  const region = args.region === undefined ? connectionRegion : String(args.region);
  if (!isRegion(region)) throw new InvalidArgumentsError(`"region" ${region} is not a region code such as us-east-1.`);
  const botAliasId = text(args, 'botAliasId');
  if (!looksLike('botAliasId', botAliasId))
    throw new InvalidArgumentsError(`"botAliasId" ${botAliasId} is not a Lex alias id: 10 letters and digits, or TSTALIASID.`);
  const target: ChatTarget = {
    botId: text(args, 'botId', 'botId'),
    botAliasId,
    localeId: text(args, 'localeId', 'localeId'),
    identityPoolId: text(args, 'identityPoolId', 'identityPoolId'),
    region,
    label: typeof args.label === 'string' ? args.label : `${String(args.botId)} / ${botAliasId} / ${String(args.localeId)}`,
  };
  if (args.say !== undefined && (typeof args.say !== 'string' || !args.say.trim())) throw new InvalidArgumentsError('"say" must be a message to send.');
  return { target, signIn: signInFrom(args.signIn), say: args.say as string | undefined };
}

/** Bot locale and identity pool: from the tree node, else pickers, the last choice first. */
export async function askTarget(connections: ConnectionManager, state: vscode.Memento, node: Record<string, unknown>): Promise<ChatTarget> {
  const ctx = await connections.awsContext();
  const last = state.get<ChatTarget>(LAST_CHOICE_KEY);
  let bot: { botId: string; botAliasId: string; localeId: string; label: string } | undefined;
  if (typeof node.botId === 'string' && typeof node.botAliasId === 'string' && typeof node.localeId === 'string') {
    bot = { botId: node.botId, botAliasId: node.botAliasId, localeId: node.localeId, label: `${node.botId} / ${node.botAliasId} / ${node.localeId}` };
  } else {
    const only = {
      botId: typeof node.botId === 'string' ? node.botId : undefined,
      botAliasId: typeof node.botAliasId === 'string' ? node.botAliasId : undefined,
    };
    const choices = (await allBotLocales(ctx, only)).map(({ bot: b, alias: a, locale: l }) => ({
      label: `${b.name} / ${a.name} / ${l.localeId}`,
      description: `${b.botId} · ${a.botAliasId}`,
      botId: b.botId,
      botAliasId: a.botAliasId,
      localeId: l.localeId,
    }));
    if (choices.length === 0)
      throw new InvalidArgumentsError(
        `There are no Lex V2 bots with an alias in ${ctx.region} on this connection. Import one into the sandbox (Cognito Bot: Import Lex Bot into Sandbox…) or build one in the Lex console.`,
      );
    choices.sort(
      (a, b) => Number(b.botId === last?.botId && b.botAliasId === last?.botAliasId) - Number(a.botId === last?.botId && a.botAliasId === last?.botAliasId),
    );
    const picked =
      choices.length === 1
        ? choices[0]
        : await vscode.window.showQuickPick(choices, { placeHolder: 'Bot, alias and locale to talk to', matchOnDescription: true });
    if (!picked) throw new vscode.CancellationError();
    bot = picked;
  }
  const identityPoolId =
    typeof node.identityPoolId === 'string'
      ? node.identityPoolId
      : last?.identityPoolId && (await confirmLastPool(last.identityPoolId))
        ? last.identityPoolId
        : await pickIdentityPool(ctx, 'Identity pool whose credentials the page uses');
  const target: ChatTarget = { ...bot, identityPoolId, region: ctx.region };
  await state.update(LAST_CHOICE_KEY, target);
  return target;
}

async function confirmLastPool(identityPoolId: string): Promise<boolean> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: `Use ${identityPoolId}`, description: 'as last time', use: true },
      { label: 'Another identity pool…', use: false },
    ],
    { placeHolder: 'Identity pool whose credentials the page uses' },
  );
  if (!picked) throw new vscode.CancellationError();
  return picked.use;
}
