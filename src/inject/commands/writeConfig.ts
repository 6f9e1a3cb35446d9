import * as path from 'node:path';
import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { isArgsObject } from '../../ui/registerCommand';
import { CONFIG_FILE_NAMES, type ConfigFormat, renderConfig } from '../configFiles';
import type { ConfigValues } from '../values';
import { applyAndSave } from './applyEdit';
import { type FlowStep, stepTitle } from '../../ui/pickers';
import { pickValues, valuesFromArgs, valuesFromNode, withLexRegion } from './values';

const title = () => vscode.l10n.t('Write Config File');

/** The formats, as the picker offers them. */
function formatItems(): { format: ConfigFormat; label: string; detail: string }[] {
  return [
    {
      format: 'aws-exports',
      label: 'aws-exports.js',
      detail: vscode.l10n.t('Amplify JS (v5 and earlier): aws_user_pools_id, aws_user_pools_web_client_id, …'),
    },
    {
      format: 'amplify-outputs',
      label: 'amplify_outputs.json',
      detail: vscode.l10n.t('Amplify Gen 2: auth.user_pool_id, auth.user_pool_client_id, auth.identity_pool_id, auth.aws_region'),
    },
    { format: 'dotenv', label: '.env', detail: vscode.l10n.t('USER_POOL_ID=…, with a VITE_ or REACT_APP_ prefix if your bundler wants one') },
    {
      format: 'lex-web-ui',
      label: vscode.l10n.t('Lex web UI config'),
      detail: vscode.l10n.t('aws-lex-web-ui loader config: cognito.poolId, lex.v2BotId, v2BotAliasId, v2BotLocaleId, region'),
    },
  ];
}
const PREFIXES = ['', 'VITE_', 'REACT_APP_'] as const;
type EnvPrefix = (typeof PREFIXES)[number];

function formatFrom(value: unknown): ConfigFormat {
  const formats = formatItems();
  const found = formats.find((f) => f.format === value);
  if (!found) throw new InvalidArgumentsError(`"format" must be one of ${formats.map((f) => f.format).join(', ')}.`);
  return found.format;
}

/** Where the file goes: the path given, an existing file of that name in the workspace, or the conventional place in the first folder. */
async function targetUri(format: ConfigFormat, given: unknown): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (typeof given === 'string' && given) {
    if (path.isAbsolute(given)) return vscode.Uri.file(given);
    if (!folder) throw new InvalidArgumentsError(`"path" ${given} is relative, and no folder is open.`);
    return vscode.Uri.joinPath(folder.uri, given);
  }
  if (given !== undefined) throw new InvalidArgumentsError('"path" must be a file path.');
  // An existing file of that name: the one nearest a folder's root (not one in build/ or a nested package).
  const found = await vscode.workspace.findFiles(`**/${path.basename(CONFIG_FILE_NAMES[format])}`, '**/{node_modules,build,dist,out}/**', 20);
  const [existing] = found.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  if (existing) return existing;
  if (!folder) throw new InvalidArgumentsError(vscode.l10n.t('Open a folder first: the config file goes into it.'));
  return vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAMES[format]);
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/**
 * `cognitoBot.writeConfig`: writes the ids into one known config format (aws-exports.js,
 * amplify_outputs.json, .env, the Lex web UI's config), keeping the rest of an existing file
 * as it was; the change goes through the editor (one undo step). Args `{ format, values,
 * path?, envPrefix? }` (values.region is Cognito's; values.lexRegion, when the bot is in
 * another region, goes into the Lex region keys only); returns `{ path, created }`.
 */
export async function writeConfig(connections: ConnectionManager, log: Log, args?: unknown): Promise<{ path: string; created: boolean }> {
  const scripted = isArgsObject(args);
  let format: ConfigFormat;
  let values: ConfigValues;
  let envPrefix: EnvPrefix = '';
  if (scripted) {
    format = formatFrom(args.format);
    values = valuesFromArgs(args.values, { lexRegion: true });
    if (args.envPrefix !== undefined && !PREFIXES.includes(args.envPrefix as EnvPrefix))
      throw new InvalidArgumentsError('"envPrefix" must be "", "VITE_" or "REACT_APP_".');
    envPrefix = (args.envPrefix as EnvPrefix | undefined) ?? '';
  } else {
    // Steps: the format, the values (unless a tree node gave them), the prefix of a .env file.
    const fromNode = typeof args === 'object' && args !== null;
    let totalSteps = fromNode ? 1 : 2;
    const at = (step: number): FlowStep => ({ title: title(), step, totalSteps });
    const picked = await vscode.window.showQuickPick(formatItems(), { title: stepTitle(at(1)), placeHolder: vscode.l10n.t('Which config file?') });
    if (!picked) throw new vscode.CancellationError();
    format = picked.format;
    if (format === 'dotenv') totalSteps++;
    values = fromNode ? { region: connections.current?.connection.region, ...valuesFromNode(args) } : await pickValues(connections, at(2));
    values = withLexRegion(values, connections.current?.connection.region);
    if (format === 'dotenv') {
      const prefix = await vscode.window.showQuickPick(
        PREFIXES.map((p) => ({
          label: p || vscode.l10n.t('(no prefix)'),
          prefix: p,
          description: p === 'VITE_' ? 'Vite' : p === 'REACT_APP_' ? 'Create React App' : vscode.l10n.t('Node, scripts'),
        })),
        { title: stepTitle(at(totalSteps)), placeHolder: vscode.l10n.t('Variable prefix') },
      );
      if (!prefix) throw new vscode.CancellationError();
      envPrefix = prefix.prefix;
    }
  }
  const uri = await targetUri(format, scripted ? args.path : undefined);
  const existing = await readIfExists(uri);
  const text = renderConfig(format, existing, values, { envPrefix });
  const edit = new vscode.WorkspaceEdit();
  if (existing === undefined) {
    edit.createFile(uri, { contents: new TextEncoder().encode(text) });
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  }
  // Written to disk, unless the file had unsaved changes of the user's: those stay theirs to save.
  const { applied, unsaved } = await applyAndSave(edit);
  if (!applied) throw new Error(vscode.l10n.t('VS Code could not write {0}: is it read-only or changed meanwhile? Try again.', uri.fsPath));
  if (unsaved.length > 0) throw new Error(vscode.l10n.t('VS Code could not save {0}. Save it yourself; the change is in the editor.', uri.fsPath));
  log.info(`${existing === undefined ? 'Created' : 'Updated'} ${uri.fsPath} with ${Object.keys(values).join(', ')}`);
  if (!scripted) await vscode.window.showTextDocument(uri);
  return { path: uri.fsPath, created: existing === undefined };
}
