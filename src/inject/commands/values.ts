import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import type { ConnectionManager } from '../../connection/connectionManager';
import { allBotLocales } from '../../aws/services/lexModels';
import { allPages } from '../../aws/paging';
import { listIdentityPools } from '../../aws/services/cognitoIdentity';
import { type FlowStep, stepTitle, userPoolClientItems } from '../../ui/pickers';
import { type ConfigValues, type InjectValues, parseValues } from '../values';

/** Tree nodes carry their ids under the names the values use (src/pools/nodes.ts). */
const NODE_FIELDS = ['userPoolId', 'clientId', 'identityPoolId', 'botId', 'botAliasId', 'localeId'] as const;

export function valuesFromNode(node: object): InjectValues {
  const values: InjectValues = {};
  for (const field of NODE_FIELDS) {
    const value = (node as Record<string, unknown>)[field];
    if (typeof value === 'string' && value) values[field] = value;
  }
  return values;
}

/** Reads args.values, saying what is wrong with it; `lexRegion: true` takes the bot's region too (Write Config). */
export function valuesFromArgs(values: unknown, options: { lexRegion?: boolean } = {}): ConfigValues {
  if (values === undefined)
    throw new InvalidArgumentsError(
      `Give "values": { userPoolId?, clientId?, identityPoolId?, region?, ${options.lexRegion ? 'lexRegion?, ' : ''}botId?, botAliasId?, localeId? }.`,
    );
  const parsed = parseValues(values, options);
  if (!parsed.ok) throw new InvalidArgumentsError(`"values": ${parsed.errors.join(' ')}`);
  if (Object.keys(parsed.values).length === 0)
    throw new InvalidArgumentsError('"values" names no id: give at least one of userPoolId, clientId, identityPoolId, region, botId, botAliasId, localeId.');
  return parsed.values;
}

interface ValuesItem extends vscode.QuickPickItem {
  readonly values: InjectValues;
}

/** Lets the user tick what to put into the code: app clients, identity pools, bot locales of the connection. */
export async function pickValues(
  connections: ConnectionManager,
  at: FlowStep = { title: vscode.l10n.t('Put Ids into Workspace'), step: 1, totalSteps: 1 },
): Promise<InjectValues> {
  const ctx = await connections.awsContext();
  const items = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing pools and bots…') },
    async (): Promise<ValuesItem[]> => {
      const [clients, identityPools, locales] = await Promise.all([userPoolClientItems(ctx), allPages((t) => listIdentityPools(ctx, t)), allBotLocales(ctx)]);
      return [
        ...clients.map((c) => ({ label: `$(account) ${c.label}`, description: c.description, values: { userPoolId: c.userPoolId, clientId: c.clientId } })),
        ...identityPools.map((p) => ({ label: `$(key) ${p.name}`, description: p.id, values: { identityPoolId: p.id } })),
        ...locales.map(({ bot, alias, locale }) => ({
          label: `$(hubot) ${bot.name} / ${alias.name} / ${locale.localeId}`,
          description: `${bot.botId} · ${alias.botAliasId}`,
          values: { botId: bot.botId, botAliasId: alias.botAliasId, localeId: locale.localeId },
        })),
      ];
    },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: stepTitle(at),
    canPickMany: true,
    placeHolder: vscode.l10n.t('Tick what to put into the code (the region comes with it)'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) throw new vscode.CancellationError();
  if (picked.length === 0) {
    // OK with nothing ticked is not Escape: say why nothing happens.
    void vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: 'Nothing was ticked, so nothing was done. Run {0} again and tick a pool or a bot.',
        args: [at.title],
        comment: ["{0} is the command's title"],
      }),
    );
    throw new vscode.CancellationError();
  }
  return Object.assign({ region: ctx.region }, ...picked.map((p) => p.values)) as InjectValues;
}

/** The values with the bot's region: the explorer and the picker list bots in the connection's region. */
export function withLexRegion(values: InjectValues, connectionRegion: string | undefined): ConfigValues {
  return values.botId !== undefined && connectionRegion !== undefined ? { ...values, lexRegion: connectionRegion } : values;
}
