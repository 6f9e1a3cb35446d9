import * as vscode from 'vscode';
import { type Connection, connectionFromKey, connectionKey, describeConnection } from '../aws/connection';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';
import type { AwsContext } from '../aws/context';
import type { PolicyText } from '../provisioning/policyDocuments';
import { PolicyDocumentError, PolicyNotFoundError, ReadOnlyPolicyError } from '../aws/errors';
import { describePolicyRef, type PolicyRef } from '../provisioning/policyRefs';
import { connectionAuthority, connectionKeyFromAuthority, POLICY_SCHEME, policyPath, refFromPath } from './policyPaths';

// Reading and writing go through the pools chunk (dist/pools.js), loaded on the first open:
// the parser the checks use need not load at activation.
const policyDocuments = () => import('./commands');

export { POLICY_SCHEME };

/**
 * The editor's address of a policy document: cognitobot-policy://<connection>/roles/<role>/trust-policy.json,
 * …/roles/<role>/inline/<policy>.json or …/managed/<partition>/<account>/<name>.json. The
 * authority names the connection, so a document is never read from or saved to another one.
 */
export function policyUri(ref: PolicyRef, connectionKey: string): vscode.Uri {
  return vscode.Uri.from({ scheme: POLICY_SCHEME, authority: connectionAuthority(connectionKey), path: policyPath(ref) });
}

/** The document a policy URI stands for; undefined for other URIs and for the folders above documents. */
export function refFromUri(uri: vscode.Uri): PolicyRef | undefined {
  return uri.scheme === POLICY_SCHEME ? refFromPath(uri.path) : undefined;
}

/** "dev · eu-west-1" for the key of a connection that may no longer exist. */
function describeConnectionKey(key: string): string {
  const connection = connectionFromKey(key);
  try {
    if (connection) return describeConnection(connection);
  } catch {
    // not a URL after all: show the key
  }
  return key;
}

/** Gives up: the user sees `message` in the editor's error, the caller of vscode.workspace.fs the error. */
function asFileSystemError(error: unknown): vscode.FileSystemError {
  if (error instanceof vscode.FileSystemError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PolicyNotFoundError) return vscode.FileSystemError.FileNotFound(message);
  if (error instanceof ReadOnlyPolicyError) return vscode.FileSystemError.NoPermissions(message);
  return vscode.FileSystemError.Unavailable(message);
}

// The JSON we compare documents by: IAM stores what it is sent, the editor shows it pretty-printed.
function canonical(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

interface KnownDocument {
  readonly canonical: string;
  readonly size: number;
  readonly mtime: number;
}

const FOLDER = /^\/(roles(\/[^/]+(\/inline)?)?|managed(\/.*)?)?$/;

/**
 * Policy documents as files: reading asks IAM, saving checks the document and puts it back.
 * A document VS Code saw keeps its mtime until its content changes in IAM, so VS Code notices
 * a change made elsewhere (and offers to compare) but never mistakes our own save for one.
 */
export class PolicyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly known = new Map<string, KnownDocument>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: Log,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly onChanged: () => void,
  ) {}

  /** Where `ref` lives on the current connection. */
  async uriFor(ref: PolicyRef): Promise<vscode.Uri> {
    return policyUri(ref, connectionKey(await this.currentConnection()));
  }

  watch(): vscode.Disposable {
    // Nothing tells us when IAM changes; stat and readFile ask it each time.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = refFromUri(uri);
    if (!ref) {
      if (FOLDER.test(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const { known, readonly } = await this.load(uri, ref);
    return { type: vscode.FileType.File, ctime: 0, mtime: known.mtime, size: known.size, permissions: readonly ? vscode.FilePermission.Readonly : undefined };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = refFromUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode((await this.load(uri, ref)).text);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const ref = refFromUri(uri);
    if (!ref) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Only IAM policy documents can be saved here.'));
    const text = new TextDecoder().decode(content);
    const { ctx, connection } = await this.context(uri);
    try {
      await (await policyDocuments()).writePolicy(ctx, ref, text);
    } catch (error) {
      if (error instanceof PolicyDocumentError) {
        this.diagnose(uri, text, error);
        this.log.warn(`Did not save ${describePolicyRef(ref)}: ${error.message}`);
        // Failing the write keeps the editor dirty, so nothing typed is lost.
        throw new vscode.FileSystemError(error.message);
      }
      throw asFileSystemError(error);
    }
    this.diagnostics.delete(uri);
    this.known.set(uri.toString(), { canonical: canonical(text), size: content.byteLength, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    this.log.info(`Saved ${describePolicyRef(ref)} (${describeConnection(connection)})`);
    this.onChanged();
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Roles and policies are created with the Cognito Bot commands, not as files.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Detach or delete policies with the Cognito Bot commands, not as files.'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Policy documents cannot be renamed.'));
  }

  /** The document from IAM, remembered so stat can tell VS Code whether it changed. */
  private async load(uri: vscode.Uri, ref: PolicyRef): Promise<{ text: string; readonly: boolean; known: KnownDocument }> {
    const { ctx } = await this.context(uri);
    let document: PolicyText;
    try {
      document = await (await policyDocuments()).readPolicy(ctx, ref);
    } catch (error) {
      throw asFileSystemError(error);
    }
    const key = uri.toString();
    let known = this.known.get(key);
    if (!known || known.canonical !== canonical(document.text)) {
      known = { canonical: canonical(document.text), size: new TextEncoder().encode(document.text).byteLength, mtime: Date.now() };
      this.known.set(key, known);
    }
    return { text: document.text, readonly: document.readonly, known };
  }

  /** The engine's context, if the document belongs to the current connection. */
  private async context(uri: vscode.Uri): Promise<{ ctx: AwsContext; connection: Connection }> {
    const owner = connectionKeyFromAuthority(uri.authority);
    const active = this.connections.current?.connection;
    if (!active || connectionKey(active) !== owner) {
      const ownerName = describeConnectionKey(owner);
      throw vscode.FileSystemError.Unavailable(
        active
          ? vscode.l10n.t(
              'This policy document belongs to the connection {0}, and the current connection is {1}. Switch back to {0} (Cognito Bot: Select Connection…) to read or save it.',
              ownerName,
              describeConnection(active),
            )
          : vscode.l10n.t(
              'This policy document belongs to the connection {0}, and nothing is connected now. Switch back to {0} (Cognito Bot: Select Connection…) to read or save it.',
              ownerName,
            ),
      );
    }
    try {
      return { ctx: await this.connections.awsContext(), connection: active };
    } catch (error) {
      throw asFileSystemError(error);
    }
  }

  private async currentConnection(): Promise<Connection> {
    const active = this.connections.current;
    if (active) return active.connection;
    await this.connections.awsContext(); // throws, saying how to connect
    throw new Error(vscode.l10n.t('Connect to AWS or the local sandbox first.'));
  }

  private diagnose(uri: vscode.Uri, text: string, error: PolicyDocumentError): void {
    let range: vscode.Range;
    if (error.range) {
      const start = new vscode.Position(error.range.start.line - 1, error.range.start.column - 1);
      const end = new vscode.Position(error.range.end.line - 1, error.range.end.column - 1);
      // At least one character, so a problem at the very end (a missing bracket) still shows.
      range = new vscode.Range(start, end.isAfter(start) ? end : start.translate(0, 1));
    } else {
      // The whole first line when IAM did not say where.
      const firstLine = text.split(/\r?\n/)[0];
      range = new vscode.Range(0, 0, 0, Math.max(1, firstLine.trimEnd().length));
    }
    const diagnostic = new vscode.Diagnostic(range, error.reason, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'IAM';
    this.diagnostics.set(uri, [diagnostic]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Policy documents as JSON editors (a virtual file system); cognitoBot.openPolicy opens them. */
export function registerPolicyDocuments(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log, onChanged: () => void): PolicyFileSystem {
  const diagnostics = vscode.languages.createDiagnosticCollection('Cognito Bot policies');
  const files = new PolicyFileSystem(connections, log, diagnostics, onChanged);
  context.subscriptions.push(
    diagnostics,
    files,
    vscode.workspace.registerFileSystemProvider(POLICY_SCHEME, files, { isCaseSensitive: true }),
    // A problem from a save that was given up on is no longer news.
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === POLICY_SCHEME) diagnostics.delete(document.uri);
    }),
  );
  return files;
}
