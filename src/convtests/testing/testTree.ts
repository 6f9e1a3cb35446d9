import * as vscode from 'vscode';
import { type Conversation, TEST_FILE_SUFFIX, type TestFile, type TextRange } from '../model';

// The Test Explorer's tree of conversation tests: one item per *.lextest.yaml file, its
// conversations under it, their turns under them, each with its place in the file. Files are
// found when the tree is first shown and followed as they are created, edited and deleted;
// a file's conversations are read when it is expanded or run.

export const TEST_FILE_GLOB = `**/*${TEST_FILE_SUFFIX}`;
const REFRESH_DELAY_MS = 150;
const EXCLUDE = '**/node_modules/**';

type Parse = (text: string) => TestFile;

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

/** What an item stands for. */
export type ItemData =
  | { readonly kind: 'file'; readonly uri: vscode.Uri }
  | { readonly kind: 'conversation'; readonly uri: vscode.Uri; readonly conversation: Conversation }
  | { readonly kind: 'turn'; readonly uri: vscode.Uri; readonly conversation: Conversation; readonly index: number };

export class TestTree implements vscode.Disposable {
  readonly data = new WeakMap<vscode.TestItem, ItemData>();
  /** Each file's last parse, for runs. */
  private readonly parsed = new Map<string, TestFile>();
  private readonly disposables: vscode.Disposable[] = [];
  private discovered: Promise<void> | undefined;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Each file's latest read, so an older one that ends later is dropped. */
  private readonly versions = new Map<string, number>();

  constructor(
    readonly controller: vscode.TestController,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly parse: () => Promise<Parse>,
  ) {
    controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
      else await this.refreshFile(item);
    };
    const later = (uri: vscode.Uri) => this.isTestFile(uri) && this.schedule(uri);
    this.disposables.push(
      // Edits in an editor count before they are saved, as the Test Explorer shows them; an
      // opened file gets its Problems at once; a closed one is read again from disk.
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && later(event.document.uri)),
      vscode.workspace.onDidOpenTextDocument((document) => later(document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => later(document.uri)),
      { dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) },
    );
  }

  isTestFile(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && uri.path.endsWith(TEST_FILE_SUFFIX);
  }

  /** Finds every test file in the workspace (once; the watcher follows changes after). */
  discover(): Promise<void> {
    this.discovered ??= (async () => {
      // The watcher starts with the tree, not at activation: files are followed once they are shown.
      const watcher = vscode.workspace.createFileSystemWatcher(TEST_FILE_GLOB);
      const later = (uri: vscode.Uri) => this.isTestFile(uri) && this.schedule(uri);
      this.disposables.push(
        watcher,
        watcher.onDidCreate(later),
        watcher.onDidChange(later),
        watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      );
      const files = await vscode.workspace.findFiles(TEST_FILE_GLOB, EXCLUDE);
      // Files opened or created before the tree was shown already have their items: keep them.
      for (const uri of files) if (!this.controller.items.get(uri.toString())) this.controller.items.add(this.fileItem(uri));
    })();
    return this.discovered;
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem {
    const item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    item.canResolveChildren = true;
    this.data.set(item, { kind: 'file', uri });
    return item;
  }

  /** The item of a test file, added when discovery did not find it (a file just written, or outside the workspace). */
  async itemFor(uri: vscode.Uri): Promise<vscode.TestItem> {
    await this.discover();
    let item = this.controller.items.get(uri.toString());
    if (!item) {
      item = this.fileItem(uri);
      this.controller.items.add(item);
    }
    await this.refreshFile(item);
    return item;
  }

  /** Typing, saving and the watcher each say a file changed: read it once, a moment after the last. */
  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.fileChanged(uri);
      }, REFRESH_DELAY_MS),
    );
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      this.fileDeleted(uri); // closed after it was deleted, or never saved
      return;
    }
    let item = this.controller.items.get(uri.toString());
    if (!item) {
      item = this.fileItem(uri);
      this.controller.items.add(item);
    }
    await this.refreshFile(item);
  }

  private fileDeleted(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
    this.parsed.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  /** The file's text: the editor's, with unsaved edits, when it is open. */
  private async textOf(uri: vscode.Uri): Promise<string> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  /** Reads a file's conversations into its item, with its problems in Problems and on the item. */
  async refreshFile(item: vscode.TestItem): Promise<TestFile | undefined> {
    const data = this.data.get(item);
    if (data?.kind !== 'file') return undefined;
    const { uri } = data;
    const key = uri.toString();
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    let file: TestFile;
    try {
      file = (await this.parse())(await this.textOf(uri));
    } catch (error) {
      item.error = vscode.l10n.t('Could not read {0}: {1}', uri.fsPath, error instanceof Error ? error.message : String(error));
      return undefined;
    }
    // A later read of the same file started meanwhile: it has the newer text.
    if (this.versions.get(key) !== version) return this.parsed.get(key) ?? file;
    this.parsed.set(uri.toString(), file);
    this.diagnostics.set(
      uri,
      file.problems.map((p) => {
        const diagnostic = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'Cognito Bot tests';
        return diagnostic;
      }),
    );
    item.error =
      file.problems.length > 0
        ? new vscode.MarkdownString(file.problems.map((p) => vscode.l10n.t('Line {0}: {1}', p.range.start.line + 1, p.message)).join('\n\n'))
        : undefined;
    item.children.replace(
      file.conversations.map((conversation) => {
        const id = `${uri.toString()}#${conversation.name}`;
        const child = this.controller.createTestItem(id, conversation.name, uri);
        child.range = toRange(conversation.nameRange);
        this.data.set(child, { kind: 'conversation', uri, conversation });
        child.children.replace(
          conversation.turns.map((turn, index) => {
            const turnItem = this.controller.createTestItem(`${id}#${index}`, `${index + 1}. ${turn.user}`, uri);
            turnItem.range = toRange(turn.range);
            this.data.set(turnItem, { kind: 'turn', uri, conversation, index });
            return turnItem;
          }),
        );
        return child;
      }),
    );
    return file;
  }

  /** The parsed file of an item, reading it when it has not been yet. */
  async fileOf(uri: vscode.Uri): Promise<TestFile | undefined> {
    const item = this.controller.items.get(uri.toString());
    if (!item) return undefined;
    const parsed = this.parsed.get(uri.toString());
    // A parse whose conversations are not this item's children yet (the item is new) is read again.
    return parsed && item.children.size === parsed.conversations.length ? parsed : await this.refreshFile(item);
  }

  /** Items as the Test Explorer shows them (for scripts and tests). */
  async rows(): Promise<{ file: string; error?: string; conversations: { label: string; line?: number; turns: string[] }[] }[]> {
    await this.discover();
    const rows: { file: string; error?: string; conversations: { label: string; line?: number; turns: string[] }[] }[] = [];
    for (const [, item] of this.controller.items) {
      await this.fileOf(item.uri!);
      const conversations: { label: string; line?: number; turns: string[] }[] = [];
      item.children.forEach((child) => {
        const turns: string[] = [];
        child.children.forEach((turn) => void turns.push(turn.label));
        conversations.push({ label: child.label, line: child.range?.start.line, turns });
      });
      rows.push({ file: item.label, error: typeof item.error === 'string' ? item.error : item.error?.value, conversations });
    }
    return rows.sort((a, b) => a.file.localeCompare(b.file));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
