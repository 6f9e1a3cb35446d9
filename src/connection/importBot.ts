import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ActionableError, InvalidArgumentsError } from '../aws/errors';
import type { Log } from '../ui/log';
import type { ConnectionManager } from './connectionManager';
import type { SandboxHost } from './sandboxHost';
import { startSandbox } from './startSandbox';

/** What `cognitoBot.importBot` returns. */
export interface ImportBotResult {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeIds: readonly string[];
}

/**
 * `cognitoBot.importBot`: runs an exported Lex V2 bot (a console export .zip or its folder) in
 * the local sandbox, starting the sandbox if it is not running. Args: `{ path }` (absolute, or
 * relative to the first workspace folder).
 */
export async function importBot(connections: ConnectionManager, sandbox: SandboxHost, log: Log, args?: unknown): Promise<ImportBotResult> {
  const source = args === undefined ? await askForExport() : pathFrom(args);
  if (!fs.existsSync(source)) {
    throw new InvalidArgumentsError(`${source} does not exist. Give the path of a Lex V2 export: the .zip the Lex console downloads, or its unzipped folder.`);
  }
  if (!sandbox.running) await startSandbox(connections, sandbox, {});
  const imported = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Importing {0}…', path.basename(source)) },
    async () => {
      try {
        return sandbox.running!.addBot(source);
      } catch (error) {
        throw new ActionableError(
          vscode.l10n.t('Could not import {0}: {1}', path.basename(source), error instanceof Error ? error.message : String(error)),
          [],
          {
            cause: error,
          },
        );
      }
    },
  );
  log.info(`Imported bot ${imported.botName} (${imported.botId}, alias ${imported.botAliasId}, locales ${imported.localeIds.join(', ')}) from ${source}`);
  for (const problem of imported.problems) log.warn(`${imported.botName}: ${problem.file} ${problem.field}: ${problem.message}`);
  if (args === undefined) {
    const summary = vscode.l10n.t('Bot {0} runs in the sandbox as {1}, alias {2}.', imported.botName, imported.botId, imported.botAliasId);
    if (imported.problems.length > 0) {
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('{0} {1} part(s) of the export could not be used; see the log.', summary, imported.problems.length),
          vscode.l10n.t('Show Log'),
        )
        .then((pick) => pick && log.show());
    } else {
      void vscode.window.showInformationMessage(summary);
    }
  }
  return { botId: imported.botId, botAliasId: imported.botAliasId, localeIds: imported.localeIds };
}

function pathFrom(args: unknown): string {
  const given = (args as { path?: unknown }).path;
  if (typeof given !== 'string' || given.trim() === '') throw new InvalidArgumentsError('"path" must be the path of a Lex V2 export (.zip or folder).');
  if (path.isAbsolute(given)) return given;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new InvalidArgumentsError(`"path" ${given} is relative, but no folder is open: give an absolute path.`);
  return path.join(folder, given);
}

async function askForExport(): Promise<string> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import a Lex V2 bot export into the sandbox'),
    openLabel: vscode.l10n.t('Import'),
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Lex V2 export (LexJson)')]: ['zip'] },
  });
  if (!picked?.[0]) throw new vscode.CancellationError();
  return picked[0].fsPath;
}
