import * as vscode from 'vscode';
import { allPages } from '../../aws/paging';
import { allBotAliases, listBotLocales } from '../../aws/services/lexModels';
import type { AwsContext } from '../../aws/context';
import { pickIdentityPool } from '../../ui/pickers';
import { isArgsObject } from '../../ui/registerCommand';
import { checkSetup } from '../check';
import type { DiagnoseInput, DiagnoseResult } from '../findings';
import { gatherSetup } from '../gather';
import { parseDiagnoseInput } from '../input';
import type { DoctorDeps } from './shared';

/** The bot alias and locale to check, or none (the Cognito half only). */
async function askBot(ctx: AwsContext, only: { botId?: string; botAliasId?: string }): Promise<Partial<DiagnoseInput>> {
  let botId = only.botId;
  let botAliasId = only.botAliasId;
  if (!botAliasId) {
    const aliases = await allBotAliases(ctx, botId);
    const skip = { label: 'No bot', description: 'check the identity pool, its roles and the user pool only', botId: undefined, botAliasId: undefined };
    const items = [
      ...aliases.map(({ bot, alias }) => ({
        label: `${bot.name} / ${alias.name}`,
        description: `${bot.botId} · ${alias.botAliasId}`,
        botId: bot.botId,
        botAliasId: alias.botAliasId,
      })),
      skip,
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Check Setup (2/3)',
      placeHolder: 'Which bot alias does the page talk to?',
      ignoreFocusOut: true,
    });
    if (!picked) throw new vscode.CancellationError();
    if (!picked.botId || !picked.botAliasId) return {};
    ({ botId, botAliasId } = picked);
  }
  const alias = (await allBotAliases(ctx, botId)).find((a) => a.alias.botAliasId === botAliasId)?.alias;
  if (!alias) return { botId, botAliasId }; // the check reports it missing
  const locales = await allPages((token) => listBotLocales(ctx, alias, token));
  if (locales.length <= 1) return { botId, botAliasId, localeId: locales[0]?.localeId };
  const locale = await vscode.window.showQuickPick(
    locales.map((l) => ({ label: l.localeId, description: l.name })),
    { title: 'Check Setup (3/3)', placeHolder: 'Which locale does the page use?', ignoreFocusOut: true },
  );
  if (!locale) throw new vscode.CancellationError();
  return { botId, botAliasId, localeId: locale.label };
}

/** From the palette or a tree node (an identity pool, a bot alias): pickers fill what the node does not give. */
async function askInput(deps: DoctorDeps, node: Record<string, unknown>): Promise<DiagnoseInput> {
  const ctx = await deps.connections.awsContext();
  const text = (key: string) => (typeof node[key] === 'string' ? (node[key] as string) : undefined);
  const identityPoolId = text('identityPoolId') ?? (await pickIdentityPool(ctx, 'Check Setup (1/3): which identity pool does the page get credentials from?'));
  const bot = await askBot(ctx, { botId: text('botId'), botAliasId: text('botAliasId') });
  return { identityPoolId, ...bot };
}

/** Reads the chain and checks it; the Setup Check view shows the result. */
export async function runCheck(deps: DoctorDeps, input: DiagnoseInput): Promise<DiagnoseResult> {
  const ctx = await deps.connections.awsContext();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the setup…' }, async () =>
    checkSetup(await gatherSetup((region) => deps.connections.awsContext(region), input, { region: ctx.region, account: ctx.account })),
  );
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
