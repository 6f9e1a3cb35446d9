import * as vscode from 'vscode';
import type { Log } from '../../ui/log';
import { findVsCodeRipgrep } from '../ripgrep';
import { DEFAULT_RULES, type InjectRules, rulesFromSetting } from '../rules';
import type { ScanOptions } from '../workspace';

/**
 * Globs a `files.exclude`-style setting turns on. A `when` clause ("**\/*.js" when a sibling
 * .ts exists) depends on each file's siblings; rather than exclude every match, it is skipped.
 */
function enabledGlobs(setting: Record<string, unknown> | undefined): string[] {
  return Object.entries(setting ?? {})
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Where and how to look, from VS Code's settings and the extension's own. */
export function scanOptionsFromSettings(signal?: AbortSignal): ScanOptions {
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const files = vscode.workspace.getConfiguration('files');
  const search = vscode.workspace.getConfiguration('search');
  const ours = vscode.workspace.getConfiguration('cognitoBot.inject');
  return {
    roots,
    exclude: [...enabledGlobs(files.get('exclude')), ...enabledGlobs(search.get('exclude')), ...ours.get<string[]>('exclude', [])],
    useGitignore: search.get<boolean>('useIgnoreFiles', true),
    maxFileBytes: Math.max(1, ours.get<number>('maxFileSizeKB', 1024)) * 1024,
    ripgrepPath: findVsCodeRipgrep(vscode.env.appRoot),
    signal,
  };
}

/** The placeholders to look for: the defaults, merged with the `cognitoBot.inject.placeholders` setting. */
export function rulesFromSettings(log: Log): InjectRules {
  const setting = vscode.workspace.getConfiguration('cognitoBot.inject').get<unknown>('placeholders');
  if (setting === undefined) return DEFAULT_RULES;
  const { rules, problems } = rulesFromSetting(setting);
  for (const problem of problems) log.warn(`cognitoBot.inject.placeholders: ${problem}`);
  return rules;
}
