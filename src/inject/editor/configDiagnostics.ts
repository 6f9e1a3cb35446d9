import * as vscode from 'vscode';
import { type Connection, connectionKey, describeConnection, sameConnection } from '../../aws/connection';
import { type IdKind, isRegion, regionOfIdentityPoolId, regionOfUserPoolId } from '../../aws/ids';
import type { ActiveConnection, ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import type { ConfigFinding, ConfigId, ConfigIds, DiagnoseArgs } from '../configIds';
import { configFileKind } from '../configFileNames';

// The engine and the AWS lookups are in the inject chunk, loaded when a connected user opens a file.
const engine = () => import('../commands');
type Engine = Awaited<ReturnType<typeof engine>>;

export const DIAGNOSTIC_SOURCE = 'Cognito Bot';
const CACHE_MS = 60_000;

interface Problem {
  readonly finding: ConfigFinding;
  readonly range: vscode.Range;
  /** "an identity pool id", when the connection has ids of the kind to replace it with. */
  readonly replaceWith?: string;
}

interface FileState {
  readonly problems: readonly Problem[];
  /** Where the file's ids are, for Check Setup. */
  readonly idRanges: readonly vscode.Range[];
  readonly checkSetup?: DiagnoseArgs;
}

/**
 * The Problems of the config files people paste ids into (aws-exports.js, amplify_outputs.json,
 * .env, the Lex web UI config, a page's config.js): an id of the wrong kind, regions that
 * disagree, and an id the current connection does not have. Only while connected; computed when
 * a file is opened or saved (never per keystroke), and for open files when a connection starts.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('cognitoBot');
  private readonly files = new Map<string, FileState>();
  /** The latest refresh of each file: an older one that finishes later is dropped. */
  private readonly tickets = new Map<string, number>();
  private lastTicket = 0;
  private readonly lookups = new Map<string, { at: number; exists: Promise<boolean | undefined> }>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: Log,
  ) {}

  stateOf(uri: vscode.Uri): FileState | undefined {
    return this.files.get(uri.toString());
  }

  async refresh(document: vscode.TextDocument): Promise<void> {
    const active = this.connections.current;
    if (!active || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    const ticket = ++this.lastTicket;
    this.tickets.set(key, ticket);
    const stillCurrent = () => this.tickets.get(key) === ticket && sameConnection(this.connections.current?.connection, active.connection);

    // Most files opened are not config files: do not load the engine for them.
    if (!configFileKind(document.fileName)) return;
    const e = await engine();
    if (!stillCurrent()) return;
    const found = e.findConfigIds(document.fileName, document.getText());
    if (!found) return;
    const rangeOf = (at: { start: number; end: number }) => new vscode.Range(document.positionAt(at.start), document.positionAt(at.end));
    const idRanges = new Map(found.ids.map((id) => [id, rangeOf(id)]));
    const problem = (finding: ConfigFinding, range = rangeOf(finding)): Problem => ({
      finding,
      range,
      replaceWith: finding.code !== 'region-mismatch' && e.LOOKED_UP_KINDS.includes(finding.wants) ? e.withArticle(finding.wants) : undefined,
    });
    const show = (problems: Problem[]) => {
      this.files.set(key, { problems, idRanges: [...idRanges.values()], checkSetup: e.diagnoseArgs(found) });
      this.collection.set(document.uri, problems.map(toDiagnostic));
    };

    const local = found.findings.map((finding) => problem(finding));
    show(local);
    const unknown = await this.unknownIds(found, active, e);
    if (!stillCurrent() || unknown.length === 0) return;
    show([...local, ...unknown.map((finding) => problem(finding, idRanges.get(finding.id)))].sort((a, b) => a.finding.start - b.finding.start));
  }

  /** `config-id-unknown` for each well-formed id the connection does not have, looked up in the id's own region. */
  private async unknownIds(found: ConfigIds, active: ActiveConnection, e: Engine): Promise<Array<ConfigFinding & { id: ConfigId }>> {
    const gathered = e.gatherIds(found);
    const { connection } = active;
    const regionOf = (id: ConfigId): string | undefined => {
      switch (id.wants) {
        case 'identityPoolId':
          return regionOfIdentityPoolId(id.value);
        case 'userPoolId':
          return regionOfUserPoolId(id.value);
        case 'clientId':
          return (gathered.userPoolId && regionOfUserPoolId(gathered.userPoolId)) || gathered.region;
        default:
          return gathered.lexRegion;
      }
    };
    const checked = await Promise.all(
      found.ids
        .filter((id) => id.looksLike === id.wants && e.LOOKED_UP_KINDS.includes(id.wants))
        .map(async (id) => {
          const named = regionOf(id);
          const region = named && isRegion(named) ? named : connection.region;
          const related = { userPoolId: gathered.userPoolId, botId: gathered.botId };
          const exists = await this.exists(connection, region, id.wants, id.value, related, e);
          if (exists !== false) return undefined;
          const finding: ConfigFinding & { id: ConfigId } = {
            code: 'config-id-unknown',
            severity: 'warning',
            message: e.unknownIdMessage(id, region, connectionName(connection)),
            start: id.start,
            end: id.end,
            key: id.key,
            wants: id.wants,
            id,
          };
          return finding;
        }),
    );
    return checked.filter((finding) => finding !== undefined);
  }

  /** Whether the id is there; undefined when AWS did not say (the error is logged, no Problem shown). Cached a minute. */
  private async exists(
    connection: Connection,
    region: string,
    kind: IdKind,
    id: string,
    related: { userPoolId?: string; botId?: string },
    e: Engine,
  ): Promise<boolean | undefined> {
    const key = [connectionKey(connection), region, kind, id, related.userPoolId ?? '', related.botId ?? ''].join('|');
    let entry = this.lookups.get(key);
    if (!entry || Date.now() - entry.at > CACHE_MS) {
      entry = { at: Date.now(), exists: this.connections.awsContext(region).then((ctx) => e.idExists(ctx, kind, id, related)) };
      this.lookups.set(key, entry);
      entry.exists.catch(() => this.lookups.delete(key));
    }
    try {
      return await entry.exists;
    } catch (error) {
      this.log.debug(`Could not look up ${id} in ${region}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A connection started, changed or ended: look again at every open config file, or clear. */
  connectionChanged(active: ActiveConnection | undefined): void {
    this.lookups.clear();
    this.tickets.clear();
    this.files.clear();
    this.collection.clear();
    if (!active) return;
    for (const document of vscode.workspace.textDocuments) this.refreshLater(document);
  }

  refreshLater(document: vscode.TextDocument): void {
    this.refresh(document).catch((error: unknown) =>
      this.log.warn(`Could not check the ids in ${document.fileName}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.tickets.delete(key);
    this.files.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic({ finding, range }: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    range,
    finding.message,
    finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

function connectionName(connection: Connection): string {
  return connection.kind === 'profile' ? `profile "${connection.profile}"` : 'the local sandbox';
}

/**
 * Quick fixes for those Problems: replace an id with one of the connection's (picked by name),
 * set a region to the one its pool id is in, and Check Setup with the file's ids.
 */
export class ConfigIdCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: ConfigDiagnostics,
    private readonly connections: ConnectionManager,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.diagnostics.stateOf(document.uri);
    const active = this.connections.current;
    if (!state || !active) return [];
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    for (const diagnostic of ours) {
      const problem = state.problems.find((p) => p.finding.code === diagnostic.code && p.range.isEqual(diagnostic.range));
      if (!problem) continue;
      if (problem.replaceWith) {
        const title = vscode.l10n.t({
          message: 'Replace with {0} from {1}…',
          args: [problem.replaceWith, describeConnection(active.connection)],
          comment: ['{0} is a kind of id with its article ("an identity pool id"), {1} the connection'],
        });
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = {
          command: 'cognitoBot.replaceConfigId',
          title,
          arguments: [{ uri: document.uri, range: diagnostic.range, kind: problem.finding.wants }],
        };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      if (problem.finding.fix) {
        const action = new vscode.CodeAction(
          vscode.l10n.t({ message: 'Set {0} to {1}', args: [problem.finding.key, problem.finding.fix], comment: ['{0} is a config key, {1} a region'] }),
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, problem.finding.fix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    if (state.checkSetup && (ours.length > 0 || state.idRanges.some((r) => r.intersection(range) !== undefined))) {
      const title = vscode.l10n.t('Check Setup with these ids');
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.command = { command: 'cognitoBot.diagnose', title, arguments: [state.checkSetup] };
      actions.push(action);
    }
    return actions;
  }
}

/** Config file Problems and their quick fixes; every listener and provider into context.subscriptions. */
export function registerConfigDiagnostics(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): void {
  const diagnostics = new ConfigDiagnostics(connections, log);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument((document) => diagnostics.refreshLater(document)),
    vscode.workspace.onDidSaveTextDocument((document) => diagnostics.refreshLater(document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.forget(document)),
    connections.onDidChange((active) => diagnostics.connectionChanged(active)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new ConfigIdCodeActions(diagnostics, connections), {
      providedCodeActionKinds: ConfigIdCodeActions.providedCodeActionKinds,
    }),
  );
  if (connections.current) diagnostics.connectionChanged(connections.current);
}
