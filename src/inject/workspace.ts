import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { decodeText, encodeText } from './files';
import { ALWAYS_EXCLUDED_NAMES, searchWithRipgrep } from './ripgrep';
import { DEFAULT_RULES, type InjectRules } from './rules';
import { applyReplacements, findReplacements, type Replacement, searchStrings } from './scan';
import { type InjectValues } from './values';

/**
 * The injection over whole workspace folders: which files hold placeholders or stale ids for the
 * values, and what to change in each. Ripgrep (VS Code's) finds the candidate files when it can;
 * otherwise a Node walk applies the same rules: .gitignore, .ignore and .rgignore files inside
 * each folder (whether or not it is a git repository; not those above it, not git's global or
 * info/exclude ones), the exclude globs, hidden files included, symbolic links not followed,
 * node_modules and .git always left out.
 */

export interface ScanOptions {
  /** Workspace folders (absolute). */
  readonly roots: readonly string[];
  /** Glob patterns relative to a root, VS Code glob syntax (**, *, {a,b}): files.exclude, search.exclude and the extension's own. */
  readonly exclude: readonly string[];
  readonly useGitignore: boolean;
  /** Files over this size are not changed; those that contain a token are listed as skipped. */
  readonly maxFileBytes: number;
  /** When given and runnable, candidate files come from ripgrep; otherwise a Node walk does the same. */
  readonly ripgrepPath?: string;
  readonly signal?: AbortSignal;
}

export interface FilePlan {
  readonly path: string;
  readonly root: string;
  /** Relative to the root, with `/`. */
  readonly relativePath: string;
  readonly replacements: readonly Replacement[];
  /** The file has no write permission for its owner (VS Code shows it locked) or for this process. */
  readonly readOnly: boolean;
}

export interface SkippedFile {
  readonly path: string;
  /** binary and too large: files that contain a searched string but cannot be changed as text; unreadable: files that could not be read at all. */
  readonly reason: 'binary' | 'too large' | 'unreadable';
}

export interface ScanResult {
  readonly files: readonly FilePlan[];
  readonly skipped: readonly SkippedFile[];
  readonly usedRipgrep: boolean;
  /** Files looked into (by ripgrep, or by the walk). */
  readonly filesSearched?: number;
  /** Why ripgrep was given but not used (it could not run, or rejected an exclude glob). */
  readonly ripgrepProblem?: string;
}

const READ_CONCURRENCY = 16;
const DIR_CONCURRENCY = 8;
const STREAM_CHUNK = 1 << 20;
/** More than the longest search string, so that one cut by a chunk's end is found in the next. */
const STREAM_OVERLAP = 1024;
const IGNORE_FILES = ['.gitignore', '.ignore', '.rgignore'];

export async function scanWorkspace(options: ScanOptions, values: InjectValues, rules: InjectRules = DEFAULT_RULES): Promise<ScanResult> {
  const strings = searchStrings(values, rules);
  if (strings.length === 0) return { files: [], skipped: [], usedRipgrep: false, filesSearched: 0 };
  const roots = [...new Set(options.roots.map((root) => path.resolve(root)))];
  const contains = bytesMatcher(strings);
  const read = (candidate: Candidate, collect: Collector, checkBytes: boolean) =>
    readCandidate(candidate, collect, { options, values, rules, contains, checkBytes });

  let ripgrepProblem: string | undefined;
  if (options.ripgrepPath) {
    const searches = await Promise.all(
      roots.map((root) =>
        searchWithRipgrep({
          rgPath: options.ripgrepPath!,
          root,
          strings,
          exclude: options.exclude,
          useGitignore: options.useGitignore,
          signal: options.signal,
        }),
      ),
    );
    const failed = searches.find((s) => !s.ok);
    if (!failed) {
      const collect = new Collector();
      const candidates: Candidate[] = [];
      let filesSearched = 0;
      searches.forEach((search, i) => {
        if (!search.ok) return;
        filesSearched += search.filesSearched ?? 0;
        for (const rel of search.files) candidates.push({ root: roots[i], rel });
        for (const rel of search.unreadable) collect.skip(path.join(roots[i], rel), 'unreadable');
      });
      await forEachLimited(unique(candidates), READ_CONCURRENCY, options.signal, (c) => read(c, collect, false));
      return { ...collect.result(roots), usedRipgrep: true, filesSearched };
    }
    ripgrepProblem = failed.ok ? undefined : failed.problem;
  }

  const collect = new Collector();
  const candidates: Candidate[] = [];
  for (const root of roots) {
    const walked = await walk(root, options);
    for (const rel of walked.files) candidates.push({ root, rel });
    for (const rel of walked.unreadable) collect.skip(path.join(root, rel), 'unreadable');
  }
  await forEachLimited(unique(candidates), READ_CONCURRENCY, options.signal, (c) => read(c, collect, true));
  return { ...collect.result(roots), usedRipgrep: false, filesSearched: candidates.length, ...(ripgrepProblem ? { ripgrepProblem } : {}) };
}

/**
 * Applies a plan to files on disk (for the engine tests and scripts; the extension applies
 * through a WorkspaceEdit): keeps BOM and line endings, and every byte outside the replaced
 * ranges. A read-only file is reported, not forced; so is a file that changed since the scan.
 */
export async function applyPlanToDisk(files: readonly FilePlan[]): Promise<{ changed: string[]; failed: { path: string; error: string }[] }> {
  const changed: string[] = [];
  const failed: { path: string; error: string }[] = [];
  for (const plan of files) {
    try {
      if (plan.readOnly || isReadOnly(await fs.promises.stat(plan.path), plan.path)) {
        failed.push({ path: plan.path, error: 'The file is read-only: it was left unchanged.' });
        continue;
      }
      const file = decodeText(await fs.promises.readFile(plan.path));
      if (!file) throw new Error('The file is no longer UTF-8 text.');
      const text = applyReplacements(file.text, plan.replacements);
      await fs.promises.writeFile(plan.path, encodeText({ ...file, text }));
      changed.push(plan.path);
    } catch (error) {
      failed.push({ path: plan.path, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { changed, failed };
}

// ---- reading candidates ----

interface Candidate {
  readonly root: string;
  readonly rel: string;
}

class Collector {
  private readonly files: FilePlan[] = [];
  private readonly skipped: SkippedFile[] = [];

  plan(file: FilePlan): void {
    this.files.push(file);
  }

  skip(filePath: string, reason: SkippedFile['reason']): void {
    this.skipped.push({ path: filePath, reason });
  }

  result(roots: readonly string[]): { files: FilePlan[]; skipped: SkippedFile[] } {
    const rootIndex = (root: string) => roots.indexOf(root);
    const files = [...this.files].sort((a, b) => rootIndex(a.root) - rootIndex(b.root) || compare(a.relativePath, b.relativePath));
    const skipped = [...this.skipped].sort((a, b) => compare(a.path, b.path));
    return { files, skipped };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unique(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = path.join(c.root, c.rel);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface ReadContext {
  readonly options: ScanOptions;
  readonly values: InjectValues;
  readonly rules: InjectRules;
  readonly contains: (bytes: Buffer) => boolean;
  /** Whether the bytes still have to be searched (the walk), or ripgrep already found a string in them. */
  readonly checkBytes: boolean;
}

async function readCandidate(candidate: Candidate, collect: Collector, context: ReadContext): Promise<void> {
  const filePath = path.join(candidate.root, candidate.rel);
  let fd: number | undefined;
  try {
    fd = await open(filePath, 'r');
    const stat = await fstat(fd);
    if (!stat.isFile()) return;
    if (stat.size > context.options.maxFileBytes) {
      if (!context.checkBytes || (await streamContains(fd, context.contains))) collect.skip(filePath, 'too large');
      return;
    }
    const bytes = await readAll(fd, stat.size);
    if (context.checkBytes && !context.contains(bytes)) return;
    const file = decodeText(bytes);
    if (!file) {
      collect.skip(filePath, 'binary');
      return;
    }
    const replacements = findReplacements(file.text, context.values, context.rules);
    if (replacements.length === 0) return;
    collect.plan({ path: filePath, root: candidate.root, relativePath: candidate.rel, replacements, readOnly: isReadOnly(stat, filePath) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // gone since it was listed
    collect.skip(filePath, 'unreadable');
  } finally {
    if (fd !== undefined) await close(fd).catch(() => undefined);
  }
}

// The callback API through promisify: for many small files it is about twice as fast as FileHandle.
const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const close = promisify(fs.close);

async function readAll(fd: number, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await read(fd, buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** Searches a file too large to read whole, a chunk at a time (chunks overlap so no string is cut). */
async function streamContains(fd: number, contains: (bytes: Buffer) => boolean): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(STREAM_CHUNK + STREAM_OVERLAP);
  let kept = 0;
  let position = 0;
  for (;;) {
    const { bytesRead } = await read(fd, buffer, kept, STREAM_CHUNK, position);
    if (bytesRead === 0) return false;
    position += bytesRead;
    const filled = kept + bytesRead;
    if (contains(buffer.subarray(0, filled))) return true;
    kept = Math.min(STREAM_OVERLAP, filled);
    buffer.copy(buffer, 0, filled - kept, filled);
  }
}

/** No write permission for the owner (VS Code shows such a file locked), or none for this process. */
function isReadOnly(stat: fs.Stats, filePath: string): boolean {
  if ((stat.mode & 0o200) === 0) return true;
  try {
    fs.accessSync(filePath, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Whether bytes contain one of the strings, as ripgrep's fixed-string search would find it:
 * byte for byte (each string as its UTF-8 bytes), in text or binary files alike.
 */
export function bytesMatcher(strings: readonly string[]): (bytes: Buffer) => boolean {
  const asLatin1 = strings.map((s) => Buffer.from(s, 'utf8').toString('latin1'));
  const pattern = new RegExp(asLatin1.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  return (bytes) => pattern.test(bytes.toString('latin1'));
}

// ---- the Node walk ----

interface IgnoreLayer {
  /** The folder of the ignore files, relative to the root ('' for the root). */
  readonly dir: string;
  readonly rules: Ignore;
}

/** Files under a root (relative, with `/`) that the scan looks into, and folders it could not list. */
export async function walk(
  root: string,
  options: Pick<ScanOptions, 'exclude' | 'useGitignore' | 'signal'>,
): Promise<{ files: string[]; unreadable: string[] }> {
  const globs = options.exclude
    .map((g) =>
      g
        .trim()
        .replace(/^\.?\//, '')
        .replace(/\/+$/, ''),
    )
    .filter((g) => g !== '');
  const excluded = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  const files: string[] = [];
  const unreadable: string[] = [];
  const queue: Array<{ rel: string; layers: readonly IgnoreLayer[] }> = [{ rel: '', layers: [] }];

  const visit = async (dir: { rel: string; layers: readonly IgnoreLayer[] }) => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, dir.rel), { withFileTypes: true });
    } catch {
      if (dir.rel !== '') unreadable.push(dir.rel);
      return;
    }
    let layers = dir.layers;
    if (options.useGitignore) {
      const present = IGNORE_FILES.filter((name) => entries.some((e) => e.name === name && e.isFile()));
      if (present.length > 0) {
        // Later files take precedence, as in ripgrep: .rgignore over .ignore over .gitignore.
        const rules = ignore({ ignorecase: false });
        for (const name of present) rules.add(await fs.promises.readFile(path.join(root, dir.rel, name), 'utf8').catch(() => ''));
        layers = [...layers, { dir: dir.rel, rules }];
      }
    }
    for (const entry of entries) {
      if (ALWAYS_EXCLUDED_NAMES.includes(entry.name) || entry.isSymbolicLink()) continue;
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue;
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      if (excluded(rel) || isIgnored(layers, rel, isDirectory)) continue;
      if (isDirectory) queue.push({ rel, layers });
      else files.push(rel);
    }
  };

  // A few folders at a time; each one listed may queue more.
  await new Promise<void>((resolve, reject) => {
    let active = 0;
    const pump = () => {
      if (options.signal?.aborted) {
        reject(options.signal.reason);
        return;
      }
      while (active < DIR_CONCURRENCY && queue.length > 0) {
        active++;
        visit(queue.shift()!).then(() => {
          active--;
          pump();
        }, reject);
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  return { files: files.sort(compare), unreadable: unreadable.sort(compare) };
}

/** The deepest ignore file with a rule for the path decides (a `!pattern` there re-includes it). */
function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDirectory: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const inLayer = layer.dir === '' ? rel : rel.slice(layer.dir.length + 1);
    const verdict = layer.rules.test(isDirectory ? `${inLayer}/` : inLayer);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await run(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
