import * as vscode from 'vscode';
import type { AwsContext } from '../../aws/context';
import { ActionableError, InvalidArgumentsError } from '../../aws/errors';
import { allPages } from '../../aws/paging';
import { describeIdentityPool, listIdentityPools } from '../../aws/services/cognitoIdentity';
import type { ConnectionManager } from '../../connection/connectionManager';
import { EXPORT_FORMATS, type ExportFormat, isExportFormat } from '../../provisioning/export/formats';
import { readSetup } from '../../provisioning/export/read';
import { optionalStringArg, stringArg } from '../../provisioning/names';
import type { Log } from '../../ui/log';
import { isArgsObject } from '../../ui/registerCommand';

export interface ExportDeps {
  readonly connections: ConnectionManager;
  readonly log: Log;
}

interface ExportRequest {
  readonly identityPoolId: string;
  readonly format: ExportFormat;
  readonly includeUserPool: boolean;
  readonly uri: vscode.Uri;
}

const title = () => vscode.l10n.t('Export Setup as Code');
const FORMATS = Object.keys(EXPORT_FORMATS).join(', ');

function defaultUri(format: ExportFormat): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, EXPORT_FORMATS[format].fileName);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Args `{ identityPoolId, format, includeUserPool?, path?, overwrite? }`. An existing file is
 * replaced only with `overwrite: true`: a script run twice must not clobber a template
 * someone has since edited, and it has nobody to ask.
 */
async function parseArgs(args: Record<string, unknown>): Promise<ExportRequest> {
  const identityPoolId = stringArg(args, 'identityPoolId');
  if (!isExportFormat(args.format)) throw new InvalidArgumentsError(`Give "format" as one of ${FORMATS}.`);
  const format = args.format;
  for (const flag of ['includeUserPool', 'overwrite'])
    if (args[flag] !== undefined && typeof args[flag] !== 'boolean') throw new InvalidArgumentsError(`"${flag}" must be true or false.`);
  const path = optionalStringArg(args, 'path');
  const uri = path ? vscode.Uri.file(path) : defaultUri(format);
  if (!uri) throw new InvalidArgumentsError('Give "path" (where to write the file): no folder is open to write it in.');
  if (args.overwrite !== true && (await exists(uri)))
    throw new InvalidArgumentsError(`${uri.fsPath} exists already. Give another "path", or "overwrite": true to replace it.`);
  return { identityPoolId, format, includeUserPool: args.includeUserPool === true, uri };
}

async function pickPool(ctx: AwsContext): Promise<string> {
  const pools = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing identity pools…') }, () =>
    allPages((token) => listIdentityPools(ctx, token)),
  );
  if (pools.length === 0)
    throw new ActionableError(vscode.l10n.t('There are no identity pools in {0} on this connection to export.', ctx.region), [
      { kind: 'command', title: vscode.l10n.t('Set Up Bot Web Access'), command: 'cognitoBot.setUpBotWebAccess' },
    ]);
  const picked = await vscode.window.showQuickPick(
    pools.map((p) => ({ label: p.name, description: p.id, id: p.id })),
    { title: title(), placeHolder: vscode.l10n.t('Which identity pool (with its roles) do you want as code?') },
  );
  if (!picked) throw new vscode.CancellationError();
  return picked.id;
}

/** From the palette or an identity pool node: the pool (unless the node is one), the format, the user pool, where to save. */
async function ask(ctx: AwsContext, node: Record<string, unknown>): Promise<ExportRequest> {
  const identityPoolId = typeof node.identityPoolId === 'string' ? node.identityPoolId : await pickPool(ctx);
  const formatItem = await vscode.window.showQuickPick(
    (Object.entries(EXPORT_FORMATS) as [ExportFormat, (typeof EXPORT_FORMATS)[ExportFormat]][]).map(([format, info]) => ({
      label: info.label,
      description: info.description,
      format,
    })),
    { title: title(), placeHolder: vscode.l10n.t('Write the setup as…') },
  );
  if (!formatItem) throw new vscode.CancellationError();
  const pool = await describeIdentityPool(ctx, identityPoolId);
  let includeUserPool = false;
  if (pool.providers.length > 0) {
    const choice = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t('Include the user pool'),
          description: vscode.l10n.t('its sign-in settings and app client, created by the same code'),
          include: true,
        },
        { label: vscode.l10n.t('Identity pool and roles only'), description: vscode.l10n.t('the code names the user pool that exists now'), include: false },
      ],
      { title: title(), placeHolder: vscode.l10n.t('{0} lets users of {1} sign in', pool.name, pool.providers.map((p) => p.userPoolId).join(', ')) },
    );
    if (!choice) throw new vscode.CancellationError();
    includeUserPool = choice.include;
  }
  const info = EXPORT_FORMATS[formatItem.format];
  // The save dialog itself asks before it replaces a file.
  const uri = await vscode.window.showSaveDialog({
    title: title(),
    defaultUri: defaultUri(formatItem.format),
    filters: { [info.label]: [info.fileName.slice(info.fileName.lastIndexOf('.') + 1)] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) throw new vscode.CancellationError();
  return { identityPoolId, format: formatItem.format, includeUserPool, uri };
}

/**
 * `cognitoBot.exportSetup`: reads an identity pool's setup (its roles with their trust and
 * policies; with `includeUserPool`, its user pool and app client) and writes it as
 * CloudFormation, an AWS CDK stack or Terraform, then opens the file. Reads only; nothing is
 * sent anywhere. Args `{ identityPoolId, format, includeUserPool?, path?, overwrite? }` →
 * `{ file }`.
 */
export async function exportSetup(deps: ExportDeps, args?: unknown): Promise<{ file: string }> {
  const ctx = await deps.connections.awsContext();
  const request = isArgsObject(args) ? await parseArgs(args) : await ask(ctx, (args ?? {}) as Record<string, unknown>);
  const info = EXPORT_FORMATS[request.format];
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading identity pool {0} for {1}…', request.identityPoolId, info.label) },
    async () => info.write(await readSetup(ctx, request.identityPoolId, { includeUserPool: request.includeUserPool })),
  );
  await vscode.workspace.fs.writeFile(request.uri, new TextEncoder().encode(text));
  deps.log.info(
    `Exported identity pool ${request.identityPoolId}${request.includeUserPool ? ' with its user pool' : ''} as ${info.label} to ${request.uri.fsPath}`,
  );
  await vscode.window.showTextDocument(request.uri, { preview: false });
  return { file: request.uri.fsPath };
}
