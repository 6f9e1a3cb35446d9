import * as vscode from 'vscode';
import { exportWorkbenchCsv, importWorkbenchCsv } from '../csv';
import { parseTestFile, serializeTestFile } from '../format';
import { isArgsObject } from '../../ui/registerCommand';
import { TEST_FILE_SUFFIX } from '../model';
import { botArg, type ConvTestsDeps, readText, uriArg, writeText } from './shared';

async function pickFile(title: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  const [uri] = (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters })) ?? [];
  return uri;
}

/**
 * `cognitoBot.importTestWorkbenchCsv`: a Lex Test Workbench test set (CSV) as a conversation test
 * file beside it. Args `{ path, out?, bot? }` → `{ file, conversations, problems }`; without a bot the
 * file names none, and its tests say to add one.
 */
export async function importTestWorkbenchCsv(deps: ConvTestsDeps, args?: unknown) {
  const input = isArgsObject(args) ? args : {};
  const source =
    input.path !== undefined
      ? uriArg(input.path, 'path')
      : args instanceof vscode.Uri // the Explorer's context menu
        ? args
        : await pickFile(vscode.l10n.t('Import a Test Workbench CSV'), { [vscode.l10n.t('Test set')]: ['csv'] });
  if (!source) return undefined;
  const imported = importWorkbenchCsv(await readText(source));
  const { problems } = imported;
  // A test set names no bot (the console picks it when it runs one): the args may.
  const file = input.bot !== undefined ? { ...imported.file, bot: botArg(input.bot, 'bot') } : imported.file;
  const out = input.out !== undefined ? uriArg(input.out, 'out') : source.with({ path: source.path.replace(/\.csv$/i, '') + TEST_FILE_SUFFIX });
  await writeText(out, serializeTestFile(file));
  await deps.tree.itemFor(out);
  deps.log.info(`Imported ${file.conversations.length} conversation(s) from ${source.fsPath} into ${out.fsPath}`);
  for (const problem of problems) deps.log.warn(`${source.fsPath}:${problem.line + 1}: ${problem.message}`);
  if (!isArgsObject(args)) {
    await vscode.window.showTextDocument(out, { preview: false });
    const where = vscode.workspace.asRelativePath(out);
    void vscode.window.showInformationMessage(
      problems.length > 0
        ? vscode.l10n.t(
            'Imported {0} conversation(s) into {1}. {2} line(s) could not be read: see the Cognito Bot log.',
            file.conversations.length,
            where,
            problems.length,
          )
        : vscode.l10n.t('Imported {0} conversation(s) into {1}.', file.conversations.length, where),
    );
  }
  return { file: out.fsPath, conversations: file.conversations.length, problems };
}

/**
 * `cognitoBot.exportTestWorkbenchCsv`: a conversation test file as a Test Workbench test set
 * (CSV), to run in the Lex console too. Args `{ path, out? }` → `{ file }`.
 */
export async function exportTestWorkbenchCsv(deps: ConvTestsDeps, args?: unknown) {
  const input = isArgsObject(args) ? args : {};
  const active = vscode.window.activeTextEditor?.document.uri;
  const source =
    input.path !== undefined
      ? uriArg(input.path, 'path')
      : args instanceof vscode.Uri
        ? args
        : active?.path.endsWith(TEST_FILE_SUFFIX)
          ? active
          : await pickFile(vscode.l10n.t('Export conversation tests as a Test Workbench CSV'), { [vscode.l10n.t('Conversation tests')]: ['lextest.yaml'] });
  if (!source) return undefined;
  const parsed = parseTestFile(await readText(source));
  if (parsed.problems.length > 0) {
    const first = parsed.problems[0];
    throw new Error(
      vscode.l10n.t(
        '{0} has problems (line {1}: {2}); fix them (see Problems), then export.',
        vscode.workspace.asRelativePath(source),
        first.range.start.line + 1,
        first.message,
      ),
    );
  }
  const out =
    input.out !== undefined
      ? uriArg(input.out, 'out')
      : source.with({
          path: (source.path.endsWith(TEST_FILE_SUFFIX) ? source.path.slice(0, -TEST_FILE_SUFFIX.length) : source.path.replace(/\.[^./]+$/, '')) + '.csv',
        });
  await writeText(
    out,
    exportWorkbenchCsv({
      bot: parsed.bot,
      as: parsed.as,
      conversations: parsed.conversations.map((c) => ({
        name: c.name,
        sessionAttributes: c.sessionAttributes,
        turns: c.turns.map((t) => ({ user: t.user, expect: t.expect })),
      })),
    }),
  );
  deps.log.info(`Exported ${parsed.conversations.length} conversation(s) from ${source.fsPath} to ${out.fsPath}`);
  if (!isArgsObject(args))
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Exported {0} conversation(s) to {1}.', parsed.conversations.length, vscode.workspace.asRelativePath(out)),
    );
  return { file: out.fsPath };
}
