import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The ripgrep that VS Code ships, and one search with it: which files under a root contain any
 * of some fixed strings, with the same exclusions the Node walk applies (see workspace.ts).
 */

/**
 * The rg binary inside a VS Code installation (`vscode.env.appRoot`), or undefined. Desktop VS
 * Code has it in @vscode/ripgrep (unpacked next to node_modules.asar in packaged builds); newer
 * builds and code-server ship @vscode/ripgrep-universal with one binary per platform and arch;
 * old ones had vscode-ripgrep.
 */
export function findVsCodeRipgrep(appRoot: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const candidates: string[] = [];
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    candidates.push(
      path.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe),
      path.join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
      path.join(appRoot, modules, 'vscode-ripgrep', 'bin', exe),
    );
  }
  return candidates.find((candidate) => {
    try {
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/** What the walk always leaves out, wherever it is. */
export const ALWAYS_EXCLUDED_NAMES: readonly string[] = ['node_modules', '.git'];

/**
 * A VS Code exclude glob (relative to the workspace folder: `out`, `**\/*.min.js`, `{a,b}/**`)
 * as an rg exclusion: anchored at the root unless it starts with `**`, as VS Code matches it.
 */
export function toRipgrepExclude(glob: string): string | undefined {
  let g = glob.trim().replace(/^\.\//, '');
  while (g.endsWith('/')) g = g.slice(0, -1);
  if (g === '') return undefined;
  return `!${g.startsWith('**') || g.startsWith('/') ? g : `/${g}`}`;
}

export interface RipgrepSearch {
  readonly rgPath: string;
  readonly root: string;
  readonly strings: readonly string[];
  readonly exclude: readonly string[];
  readonly useGitignore: boolean;
  readonly signal?: AbortSignal;
}

export type RipgrepResult =
  | { readonly ok: true; readonly files: string[]; readonly unreadable: string[]; readonly filesSearched?: number }
  | { readonly ok: false; readonly problem: string };

/** The command line for a search (run with the root as working directory). */
export function ripgrepArgs(search: Omit<RipgrepSearch, 'rgPath' | 'root' | 'signal'>): string[] {
  // --binary: list binary files that contain a string too (the caller reports them as skipped);
  // --encoding none: bytes as they are, no UTF-16 transcoding, as the Node walk compares them.
  const args = ['--files-with-matches', '--null', '--stats', '--fixed-strings', '--hidden', '--no-config', '--binary', '--encoding', 'none'];
  // Only the root's own ignore files and those below it, whether or not it is a git repository:
  // the Node walk reads the same ones.
  if (search.useGitignore) args.push('--no-require-git', '--no-ignore-parent', '--no-ignore-global', '--no-ignore-exclude');
  else args.push('--no-ignore');
  for (const name of ALWAYS_EXCLUDED_NAMES) args.push('--glob', `!**/${name}`);
  for (const glob of search.exclude) {
    const rg = toRipgrepExclude(glob);
    if (rg) args.push('--glob', rg);
  }
  for (const s of search.strings) args.push('-e', s);
  args.push('./');
  return args;
}

/**
 * Files (relative to the root, with `/`) that contain one of the strings, sorted. Files rg could
 * not read come back as unreadable; when rg cannot run or rejects the arguments (a glob it
 * cannot parse), the result says why, so that the caller can walk the tree itself.
 */
export function searchWithRipgrep(search: RipgrepSearch): Promise<RipgrepResult> {
  return new Promise((resolve, reject) => {
    if (search.strings.length === 0) {
      resolve({ ok: true, files: [], unreadable: [] });
      return;
    }
    const child = spawn(search.rgPath, ripgrepArgs(search), { cwd: search.root, stdio: ['ignore', 'pipe', 'pipe'], signal: search.signal, windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: Error) => {
      if (search.signal?.aborted) reject(search.signal.reason ?? error);
      else resolve({ ok: false, problem: `ripgrep (${search.rgPath}) could not run: ${error.message}` });
    });
    child.on('close', (code) => {
      if (search.signal?.aborted) return;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const parts = stdout.split('\0');
      const stats = parts.pop() ?? '';
      const files = parts.map(toRelative).sort();
      const searched = /(\d+) files searched/.exec(stats);
      const filesSearched = searched ? Number(searched[1]) : undefined;
      if (code === 0 || code === 1) {
        resolve({ ok: true, files, unreadable: [], filesSearched });
        return;
      }
      const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
      const unreadable = lines.map(fileErrorPath);
      if (code === 2 && lines.length > 0 && unreadable.every((p) => p !== undefined)) {
        resolve({ ok: true, files, unreadable: (unreadable as string[]).map(toRelative).sort(), filesSearched });
        return;
      }
      resolve({ ok: false, problem: `ripgrep exited with ${code ?? 'a signal'}: ${lines.slice(0, 3).join(' / ') || 'no message'}` });
    });
  });
}

function toRelative(rgPath: string): string {
  return rgPath
    .replace(/^\.[\\/]/, '')
    .split(path.sep)
    .join('/');
}

/** "rg: ./dir/file: Permission denied (os error 13)" -> "./dir/file"; undefined for any other line. */
function fileErrorPath(line: string): string | undefined {
  const m = /^(?:rg: )?(\.[\\/].*): ([^:]+\(os error \d+\))$/.exec(line);
  return m ? m[1] : undefined;
}
