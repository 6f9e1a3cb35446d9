import * as path from 'node:path';
import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { isArgsObject } from '../../ui/registerCommand';
import type { InjectRules } from '../rules';
import { findReplacements, type Replacement } from '../scan';
import { ID_FORMATS } from '../../aws/ids';
import { type InjectValues } from '../values';
import { type FilePlan, scanWorkspace } from '../workspace';
import { applyAndSave } from './applyEdit';
import { pickValues, valuesFromArgs, valuesFromNode } from './values';
import { rulesFromSettings, scanOptionsFromSettings } from './scanOptions';

export interface PlannedFile {
  readonly path: string;
  readonly replacements: readonly Pick<Replacement, 'line' | 'character' | 'oldText' | 'newText' | 'kind' | 'reason' | 'key'>[];
}

export interface InjectPlan {
  readonly files: readonly PlannedFile[];
  readonly readOnly: readonly string[];
  readonly skipped: readonly { path: string; reason: string }[];
}

export interface InjectResult {
  /** Files changed, and replacements made. */
  readonly files: number;
  readonly replacements: number;
  readonly readOnly: readonly string[];
}

/**
 * Finds the replacements: on disk for files not open, and in the editor's text for open ones
 * (their unsaved changes are what the user sees, and what the edit will go through).
 */
async function plan(values: InjectValues, rules: InjectRules, signal: AbortSignal): Promise<{ files: FilePlan[]; skipped: InjectPlan['skipped'] }> {
  const options = scanOptionsFromSettings(signal);
  const scanned = await scanWorkspace(options, values, rules);
  const byPath = new Map(scanned.files.map((file) => [file.path, file] as const));
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme !== 'file') continue;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) continue;
    const onDisk = byPath.get(document.uri.fsPath);
    // A clean open file is the file on disk; a dirty one the scan saw is planned from its text
    // (one it did not see may be excluded, ignored or binary: it stays out).
    if (!document.isDirty || !onDisk) continue;
    const replacements = findReplacements(document.getText(), values, rules);
    if (replacements.length === 0) byPath.delete(document.uri.fsPath);
    else
      byPath.set(document.uri.fsPath, {
        path: document.uri.fsPath,
        root: folder.uri.fsPath,
        relativePath: path.relative(folder.uri.fsPath, document.uri.fsPath),
        replacements,
        readOnly: onDisk?.readOnly ?? false,
      });
  }
  return { files: [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path)), skipped: scanned.skipped };
}

function groupLabel(r: Replacement): string {
  return r.reason === 'placeholder'
    ? vscode.l10n.t({ message: 'Put the {0} {1}', args: [ID_FORMATS[r.kind].label, r.newText], comment: ['{0} is a kind of id ("user pool id"), {1} the id'] })
    : vscode.l10n.t({
        message: 'Update a stale {0} to {1} (unticked: check each)',
        args: [ID_FORMATS[r.kind].label, r.newText],
        comment: ['{0} is a kind of id ("user pool id"), {1} the id'],
      });
}

/** One WorkspaceEdit for the whole plan; with confirmation, each replacement is grouped by value in the refactor preview. */
function toEdit(files: readonly FilePlan[], confirm: boolean, includeStale: boolean): { edit: vscode.WorkspaceEdit; count: number; fileCount: number } {
  const edit = new vscode.WorkspaceEdit();
  let count = 0;
  let fileCount = 0;
  for (const file of files) {
    const uri = vscode.Uri.file(file.path);
    const chosen = file.replacements.filter((r) => confirm || includeStale || r.reason === 'placeholder');
    if (chosen.length === 0) continue;
    fileCount++;
    for (const r of chosen) {
      const range = new vscode.Range(r.line, r.character, r.line, r.character + (r.end - r.start));
      count++;
      if (confirm) {
        edit.replace(uri, range, r.newText, {
          label: groupLabel(r),
          description: `${file.relativePath}:${r.line + 1}${r.key ? ` (${r.key})` : ''}`,
          needsConfirmation: true,
        });
      } else {
        edit.replace(uri, range, r.newText);
      }
    }
  }
  return { edit, count, fileCount };
}

function describePlan(files: readonly FilePlan[], readOnly: readonly string[], skipped: InjectPlan['skipped']): InjectPlan {
  return {
    files: files.map((f) => ({
      path: f.path,
      replacements: f.replacements.map(({ line, character, oldText, newText, kind, reason, key }) => ({
        line,
        character,
        oldText,
        newText,
        kind,
        reason,
        key,
      })),
    })),
    readOnly,
    skipped,
  };
}

/**
 * `cognitoBot.injectIds`: finds the tutorials' placeholders (and stale ids in known config
 * keys) across the workspace and replaces them with the ids, as one WorkspaceEdit. From the UI
 * or a tree node, VS Code's refactor preview shows every replacement, grouped by value, to
 * tick and apply (one undo step). Args `{ values, apply?, includeStale? }`: with `apply: true`
 * it applies without preview (placeholders, plus stale ids if includeStale) and returns
 * `{ files, replacements, readOnly }`; with `apply: false` it returns the plan.
 */
export async function injectIds(connections: ConnectionManager, log: Log, args?: unknown): Promise<InjectResult | InjectPlan | undefined> {
  const scripted = isArgsObject(args);
  let values: InjectValues;
  if (scripted) {
    values = valuesFromArgs(args.values);
  } else if (typeof args === 'object' && args !== null) {
    values = { region: connections.current?.connection.region, ...valuesFromNode(args) };
  } else {
    values = await pickValues(connections);
  }
  if (!vscode.workspace.workspaceFolders?.length)
    throw new InvalidArgumentsError(vscode.l10n.t('Open a folder first: the ids go into the files of the workspace.'));
  const rules = rulesFromSettings(log);
  const controller = new AbortController();
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for placeholders…'), cancellable: true },
    (_progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      return plan(values, rules, controller.signal);
    },
  );
  const readOnly = found.files.filter((f) => f.readOnly).map((f) => f.path);
  const writable = found.files.filter((f) => !f.readOnly);
  if (readOnly.length > 0) log.warn(`Left alone, read-only: ${readOnly.join(', ')}`);
  const total = writable.reduce((n, f) => n + f.replacements.length, 0);
  log.info(`Put ids: found ${total} place(s) to change in ${writable.length} file(s) for ${JSON.stringify(values)}`);

  if (scripted && args.apply === false) return describePlan(writable, readOnly, found.skipped);
  if (scripted && args.apply === true) {
    const { edit, count, fileCount } = toEdit(writable, false, args.includeStale === true);
    if (count > 0 && !(await applyAndSave(edit)).applied)
      throw new Error(vscode.l10n.t('VS Code did not apply the edit (a file changed meanwhile?). Run the command again.'));
    return { files: fileCount, replacements: count, readOnly };
  }
  if (total === 0) {
    const names = Object.keys(values).join(', ');
    void vscode.window.showInformationMessage(
      readOnly.length
        ? vscode.l10n.t(
            'No placeholders or stale ids for {0} in this workspace (read-only files left alone: {1}).',
            names,
            readOnly.map((p) => path.basename(p)).join(', '),
          )
        : vscode.l10n.t('No placeholders or stale ids for {0} in this workspace.', names),
    );
    return { files: 0, replacements: 0, readOnly };
  }
  const { edit } = toEdit(writable, true, true);
  // The refactor preview opens (every edit needs confirmation); applied, it is one undo step.
  // What it applied is read back from the documents before they are saved: the user may have
  // unticked any of it.
  let changes: AppliedChange[] = [];
  const { applied } = await applyAndSave(edit, async () => {
    changes = await appliedChanges(writable);
  });
  if (readOnly.length > 0)
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Read-only files were left alone: {0}. Make them writable and run the command again.', readOnly.map((p) => path.basename(p)).join(', ')),
    );
  // VS Code reports "not applied" both for Discard and for Apply with nothing ticked: say it either way.
  if (!applied) {
    void vscode.window.showInformationMessage(nothingApplied());
    return undefined;
  }
  const changedFiles = new Set(changes.map((c) => c.path)).size;
  log.info(`Put ${changes.length} id(s) in ${changedFiles} file(s)`);
  void reportChanges(changes, changedFiles);
  return { files: changedFiles, replacements: changes.length, readOnly };
}

const nothingApplied = () => vscode.l10n.t('Nothing was changed: no replacement was applied from the Refactor Preview.');

interface AppliedChange {
  readonly path: string;
  readonly relativePath: string;
  readonly range: vscode.Range;
  readonly label: string;
  readonly newText: string;
}

/**
 * The planned replacements the documents now hold: walking each file's plan in text order, a
 * replacement was applied where its new text stands at its line and character (shifted by
 * those applied before it on that line), and left out where its old text still does. Lines and
 * characters, as the edit's ranges: offsets differ where VS Code normalised mixed line endings.
 */
async function appliedChanges(files: readonly FilePlan[]): Promise<AppliedChange[]> {
  const changes: AppliedChange[] = [];
  for (const file of files) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file.path));
    const text = document.getText();
    let shiftLine = -1;
    let shift = 0;
    for (const r of [...file.replacements].sort((a, b) => a.line - b.line || a.character - b.character)) {
      if (r.line !== shiftLine) [shiftLine, shift] = [r.line, 0];
      const at = document.offsetAt(new vscode.Position(r.line, r.character + shift));
      if (r.newText !== r.oldText && text.startsWith(r.newText, at) && !text.startsWith(r.oldText, at)) {
        changes.push({
          path: file.path,
          relativePath: file.relativePath,
          range: new vscode.Range(document.positionAt(at), document.positionAt(at + r.newText.length)),
          label: r.key ?? ID_FORMATS[r.kind].label,
          newText: r.newText,
        });
        shift += r.newText.length - r.oldText.length;
      }
    }
  }
  return changes;
}

/** Says what the applied preview changed, with the places to see; nothing ticked is said too. */
async function reportChanges(changes: readonly AppliedChange[], fileCount: number): Promise<void> {
  if (changes.length === 0) {
    void vscode.window.showInformationMessage(nothingApplied());
    return;
  }
  const SHOW = vscode.l10n.t('Show Changes');
  const ids = changes.length === 1 ? vscode.l10n.t('1 id') : vscode.l10n.t('{0} ids', changes.length);
  const files = fileCount === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', fileCount);
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t({ message: 'Put {0} in {1}.', args: [ids, files], comment: ['{0} is "1 id" or "3 ids", {1} "1 file" or "2 files"'] }),
    SHOW,
  );
  if (picked === SHOW) await showChanges(changes);
}

async function showChanges(changes: readonly AppliedChange[]): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    changes.map((change) => ({
      label: `${change.relativePath}:${change.range.start.line + 1}`,
      description: `${change.label} → ${change.newText}`,
      change,
    })),
    { title: vscode.l10n.t('Ids put into the workspace'), placeHolder: vscode.l10n.t('Pick one to open it'), matchOnDescription: true },
  );
  if (picked) await vscode.window.showTextDocument(vscode.Uri.file(picked.change.path), { selection: picked.change.range });
}
