import * as vscode from 'vscode';
import { sameConnection } from '../../aws/connection';
import { ActionableError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { allBotLocales } from '../../aws/services/lexModels';
import { describeIdentityPool, type IdentityPoolDetails, listIdentityPools } from '../../aws/services/cognitoIdentity';
import type { AwsContext } from '../../aws/context';
import { MultiStepInput } from '../../ui/multiStepInput';
import { isArgsObject } from '../../ui/registerCommand';
import { checkSetup } from '../check';
import type { DiagnoseInput, DiagnoseResult } from '../findings';
import { gatherSetup } from '../gather';
import { parseDiagnoseInput } from '../input';
import type { DoctorDeps } from './shared';

const title = () => vscode.l10n.t('Check Setup');

/** Lists that take a moment show the window's progress. */
function listing<T>(title: string, list: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, list);
}

interface PoolItem extends vscode.QuickPickItem {
  readonly identityPoolId: string;
}

/** One way the page may call, with one of the pool's login providers. */
interface CallerItem extends vscode.QuickPickItem {
  readonly caller: Partial<DiagnoseInput>;
}

interface BotItem extends vscode.QuickPickItem {
  readonly bot: Partial<DiagnoseInput>;
}

/** Who the page calls as: guests only, or with each login provider the pool has, guests and signed-in users or signed-in users only. */
function callerItems(pool: IdentityPoolDetails): CallerItem[] {
  const many = pool.providers.length > 1;
  const ways = (mode: 'both' | 'signedIn') =>
    pool.providers.map((p) => ({
      label: mode === 'both' ? vscode.l10n.t('Guests and signed-in users') : vscode.l10n.t('Signed-in users only'),
      description:
        mode === 'both' ? vscode.l10n.t('guests first, sign-in optional (the Lex web UI)') : vscode.l10n.t('the page signs in before it talks to the bot'),
      detail: many ? vscode.l10n.t('Signs in with user pool {0}, app client {1}', p.userPoolId, p.clientId) : undefined,
      caller: { mode, userPoolId: p.userPoolId, clientId: p.clientId },
    }));
  return [
    ...ways('both'),
    { label: vscode.l10n.t('Guests only'), description: vscode.l10n.t('nobody signs in'), caller: { mode: 'guest' } },
    ...ways('signedIn'),
  ];
}

/** The bot locales to check (of the node's bot or alias, when it names one), and "No bot" unless the node is a bot. */
async function botItems(ctx: AwsContext, only: { botId?: string; botAliasId?: string }): Promise<BotItem[]> {
  const locales = (await allBotLocales(ctx, only)).map(({ bot, alias, locale }) => ({
    label: `${bot.name} / ${alias.name} / ${locale.localeId}`,
    description: `${bot.botId} · ${alias.botAliasId}`,
    bot: { botId: bot.botId, botAliasId: alias.botAliasId, localeId: locale.localeId },
  }));
  if (only.botId || only.botAliasId) return locales;
  return [...locales, { label: vscode.l10n.t('No bot'), description: vscode.l10n.t('check the identity pool, its roles and the user pool only'), bot: {} }];
}

/**
 * From the palette or a tree node (an identity pool, a bot or an alias): the identity pool
 * (step 1), who the page calls as (2), the bot locale (3). What the node gives is not asked,
 * nor a step with one answer (a pool without login providers has guests only).
 */
async function askInput(deps: DoctorDeps, node: Record<string, unknown>): Promise<DiagnoseInput> {
  const ctx = await deps.connections.awsContext();
  const text = (key: string) => (typeof node[key] === 'string' ? (node[key] as string) : undefined);
  const only = { botId: text('botId'), botAliasId: text('botAliasId') };
  const given = text('identityPoolId');
  const [pools, bots] = await listing(vscode.l10n.t('Listing identity pools and bots…'), () =>
    Promise.all([given ? undefined : allPages((token) => listIdentityPools(ctx, token)), botItems(ctx, only)]),
  );
  if (pools?.length === 0)
    throw new ActionableError(vscode.l10n.t('There are no identity pools in {0} on this connection to check.', ctx.region), [
      { kind: 'command', title: vscode.l10n.t('Set Up Bot Web Access'), command: 'cognitoBot.setUpBotWebAccess' },
    ]);
  // An alias the node names but nobody lists is checked anyway: the check says it is missing.
  const botAnswer = bots.length === 0 ? (only.botAliasId ? only : {}) : bots.length === 1 ? bots[0].bot : undefined;
  const answers: { identityPoolId?: string; caller: Partial<DiagnoseInput>; bot?: Partial<DiagnoseInput> } = {
    identityPoolId: given,
    caller: {},
    bot: botAnswer,
  };
  let pool: IdentityPoolDetails | undefined;
  let callers: CallerItem[] = [];
  const chosen: { pool?: PoolItem; caller?: CallerItem } = {};
  // Steps are numbered as they are asked; until a pool is read, its caller step is counted.
  const steps = () => {
    const asked = { pool: !given, caller: pool ? callers.length > 0 : true, bot: !botAnswer };
    return {
      pool: 1,
      caller: Number(asked.pool) + 1,
      bot: Number(asked.pool) + Number(asked.caller) + 1,
      total: Number(asked.pool) + Number(asked.caller) + Number(asked.bot),
    };
  };

  const askBot = async (input: MultiStepInput): Promise<undefined> => {
    const [picked] = await input.quickPick({
      title: title(),
      step: steps().bot,
      totalSteps: steps().total,
      placeholder: vscode.l10n.t('Which bot alias and locale does the page talk to?'),
      items: bots,
    });
    answers.bot = picked.bot;
    return undefined;
  };
  const askCaller = async (input: MultiStepInput) => {
    const providers = pool!.providers.length;
    [chosen.caller] = await input.quickPick({
      title: title(),
      step: steps().caller,
      totalSteps: steps().total,
      placeholder:
        providers === 1
          ? vscode.l10n.t('Who does the page call as? {0} lets users of a user pool sign in.', pool!.name)
          : vscode.l10n.t('Who does the page call as? {0} lets users of {1} user pools sign in.', pool!.name, providers),
      items: callers,
      selected: chosen.caller && [chosen.caller],
    });
    answers.caller = chosen.caller.caller;
    return botAnswer ? undefined : askBot;
  };
  const readPool = async (identityPoolId: string) => {
    pool = await listing(vscode.l10n.t('Reading the identity pool…'), () => describeIdentityPool(ctx, identityPoolId));
    callers = pool.providers.length > 0 ? callerItems(pool) : [];
    chosen.caller = undefined;
    answers.caller = pool.providers.length > 0 ? {} : { mode: 'guest' };
    return callers.length > 0 ? askCaller : botAnswer ? undefined : askBot;
  };
  const poolItems: PoolItem[] = (pools ?? []).map((p) => ({ label: p.name, description: p.id, identityPoolId: p.id }));
  const askPool = async (input: MultiStepInput) => {
    [chosen.pool] = await input.quickPick({
      title: title(),
      step: steps().pool,
      totalSteps: steps().total,
      placeholder: vscode.l10n.t('Which identity pool does the page get credentials from?'),
      items: poolItems,
      selected: chosen.pool && [chosen.pool],
    });
    answers.identityPoolId = chosen.pool.identityPoolId;
    return readPool(chosen.pool.identityPoolId);
  };
  const first = given ? await readPool(given) : askPool;
  if (first) await MultiStepInput.run(first, undefined);
  return { identityPoolId: answers.identityPoolId!, ...answers.caller, ...answers.bot };
}

/** Reads the chain and checks it; the Setup Check view shows the result. */
export async function runCheck(deps: DoctorDeps, input: DiagnoseInput): Promise<DiagnoseResult> {
  const ctx = await deps.connections.awsContext();
  const started = deps.connections.current?.connection;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the setup…') }, async () =>
    checkSetup(await gatherSetup((region) => deps.connections.awsContext(region), input, { region: ctx.region, account: ctx.account })),
  );
  // What one connection's account holds says nothing about another's.
  if (!started || !sameConnection(deps.connections.current?.connection, started)) {
    throw new ActionableError(vscode.l10n.t('The connection changed while the setup was being checked. Check it again on this connection.'), [
      { kind: 'command', title: title(), command: 'cognitoBot.diagnose' },
    ]);
  }
  deps.view.show(result);
  const counts = summary(result);
  const checked = result.links.filter((l) => (l.link === 'identityPool' || l.link === 'bot') && l.status !== 'skipped').map((l) => l.label);
  deps.log.info(`Setup check (${checked.join('; ')}): ${counts}`);
  for (const finding of result.findings) deps.log.info(`  ${finding.severity} ${finding.code}: ${finding.title}`);
  return result;
}

export function summary(result: DiagnoseResult): string {
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  const [errors, warnings] = [count('error'), count('warning')];
  if (errors === 0 && warnings === 0) return vscode.l10n.t('every link checked, nothing wrong');
  return [
    errors && (errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', errors)),
    warnings && (warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', warnings)),
  ]
    .filter(Boolean)
    .join(', ');
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
    if (result.ok) void vscode.window.showInformationMessage(vscode.l10n.t('Setup check: {0}.', summary(result)));
    else void vscode.window.showWarningMessage(vscode.l10n.t('Setup check: {0}. The Setup Check view lists them, with fixes.', summary(result)));
  }
  return result;
}
