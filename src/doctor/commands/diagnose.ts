import * as vscode from 'vscode';
import { sameConnection } from '../../aws/connection';
import { ActionableError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { allBotAliases, listBotLocales } from '../../aws/services/lexModels';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import type { AwsContext } from '../../aws/context';
import { pickIdentityPool } from '../../ui/pickers';
import { isArgsObject } from '../../ui/registerCommand';
import { checkSetup } from '../check';
import type { DiagnoseInput, DiagnoseResult } from '../findings';
import { gatherSetup } from '../gather';
import { parseDiagnoseInput } from '../input';
import type { DoctorDeps } from './shared';

const TITLE = 'Check Setup';

async function pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder, ignoreFocusOut: true, matchOnDescription: true });
  if (!picked) throw new vscode.CancellationError();
  return picked;
}

/** Lists that take a moment show the window's progress. */
function listing<T>(title: string, list: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, list);
}

/** Who the page calls as, and with which login provider, when the pool has any. */
async function askCaller(ctx: AwsContext, identityPoolId: string): Promise<Partial<DiagnoseInput>> {
  const pool = await listing('Reading the identity pool…', () => describeIdentityPool(ctx, identityPoolId));
  if (pool.providers.length === 0) return { mode: 'guest' };
  const mode = await pick(
    [
      { label: 'Guests and signed-in users', description: 'guests first, sign-in optional (the Lex web UI)', mode: 'both' as const },
      { label: 'Guests only', description: 'nobody signs in', mode: 'guest' as const },
      { label: 'Signed-in users only', description: 'the page signs in before it talks to the bot', mode: 'signedIn' as const },
    ],
    `Who does the page call as? ${pool.name} lets users of ${pool.providers.length === 1 ? 'a user pool' : `${pool.providers.length} user pools`} sign in.`,
  );
  if (mode.mode === 'guest') return { mode: 'guest' };
  const provider =
    pool.providers.length === 1
      ? pool.providers[0]
      : (
          await pick(
            pool.providers.map((p) => ({ label: p.userPoolId, description: `app client ${p.clientId}`, p })),
            'Which user pool and app client does the page sign in with?',
          )
        ).p;
  return { mode: mode.mode, userPoolId: provider.userPoolId, clientId: provider.clientId };
}

/** The bot alias and locale to check, or none (the Cognito half only). */
async function askBot(ctx: AwsContext, only: { botId?: string; botAliasId?: string }): Promise<Partial<DiagnoseInput>> {
  let botId = only.botId;
  let botAliasId = only.botAliasId;
  const aliases = await listing('Listing bot aliases…', () => allBotAliases(ctx, botId));
  if (!botAliasId) {
    const skip = { label: 'No bot', description: 'check the identity pool, its roles and the user pool only', botId: undefined, botAliasId: undefined };
    const picked = await pick(
      [
        ...aliases.map(({ bot, alias }) => ({
          label: `${bot.name} / ${alias.name}`,
          description: `${bot.botId} · ${alias.botAliasId}`,
          botId: bot.botId,
          botAliasId: alias.botAliasId,
        })),
        skip,
      ],
      'Which bot alias does the page talk to?',
    );
    if (!picked.botId || !picked.botAliasId) return {};
    ({ botId, botAliasId } = picked);
  }
  const alias = aliases.find((a) => a.alias.botId === botId && a.alias.botAliasId === botAliasId)?.alias;
  if (!alias) return { botId, botAliasId }; // the check reports it missing
  const locales = await listing("Listing the alias's locales…", () => allPages((token) => listBotLocales(ctx, alias, token)));
  if (locales.length <= 1) return { botId, botAliasId, localeId: locales[0]?.localeId };
  const locale = await pick(
    locales.map((l) => ({ label: l.localeId, description: l.name })),
    'Which locale does the page use?',
  );
  return { botId, botAliasId, localeId: locale.label };
}

/** From the palette or a tree node (an identity pool, a bot alias): pickers fill what the node does not give. */
async function askInput(deps: DoctorDeps, node: Record<string, unknown>): Promise<DiagnoseInput> {
  const ctx = await deps.connections.awsContext();
  const text = (key: string) => (typeof node[key] === 'string' ? (node[key] as string) : undefined);
  const identityPoolId = text('identityPoolId') ?? (await pickIdentityPool(ctx, 'Check Setup: which identity pool does the page get credentials from?'));
  const caller = await askCaller(ctx, identityPoolId);
  const bot = await askBot(ctx, { botId: text('botId'), botAliasId: text('botAliasId') });
  return { identityPoolId, ...caller, ...bot };
}

/** Reads the chain and checks it; the Setup Check view shows the result. */
export async function runCheck(deps: DoctorDeps, input: DiagnoseInput): Promise<DiagnoseResult> {
  const ctx = await deps.connections.awsContext();
  const started = deps.connections.current?.connection;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the setup…' }, async () =>
    checkSetup(await gatherSetup((region) => deps.connections.awsContext(region), input, { region: ctx.region, account: ctx.account })),
  );
  // What one connection's account holds says nothing about another's.
  if (!started || !sameConnection(deps.connections.current?.connection, started)) {
    throw new ActionableError('The connection changed while the setup was being checked. Check it again on this connection.', [
      { kind: 'command', title: 'Check Setup', command: 'cognitoBot.diagnose' },
    ]);
  }
  deps.view.show(result);
  const counts = summary(result);
  deps.log.info(`Setup check of ${input.identityPoolId}${input.botId ? ` with bot ${input.botId}/${input.botAliasId}` : ''}: ${counts}`);
  for (const finding of result.findings) deps.log.info(`  ${finding.severity} ${finding.code}: ${finding.title}`);
  return result;
}

export function summary(result: DiagnoseResult): string {
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  const [errors, warnings] = [count('error'), count('warning')];
  if (errors === 0 && warnings === 0) return 'every link checked, nothing wrong';
  return [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean).join(', ');
}

/**
 * `cognitoBot.diagnose`: checks the chain a bot's web page walks (identity pool, roles, trust
 * and permission policies, user pool client, bot alias and locale) and reports findings with
 * fixes. Args `{ identityPoolId, botId?, botAliasId?, localeId?, userPoolId?, clientId?,
 * region?, lexRegion?, voice? }` → `{ ok, findings, links, input }`; asks nothing with args.
 */
export async function diagnose(deps: DoctorDeps, args?: unknown): Promise<DiagnoseResult> {
  const scripted = isArgsObject(args);
  const input = scripted ? parseDiagnoseInput(args) : await askInput(deps, (args ?? {}) as Record<string, unknown>);
  const result = await runCheck(deps, input);
  if (!scripted) {
    await vscode.commands.executeCommand('cognitoBot.setupCheck.focus');
    const text = `Setup check: ${summary(result)}.`;
    if (result.ok) void vscode.window.showInformationMessage(text);
    else void vscode.window.showWarningMessage(`${text} The Setup Check view lists them, with fixes.`);
  }
  return result;
}
