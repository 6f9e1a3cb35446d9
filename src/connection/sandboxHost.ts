import * as path from 'node:path';
import * as vscode from 'vscode';
import { ActionableError } from '../aws/errors';
import type { RunningSandbox } from '../sandbox';
import type { Log } from '../ui/log';

/** Owns the sandbox server running inside this extension host, if any. */
export class SandboxHost implements vscode.Disposable {
  private current: RunningSandbox | undefined;
  private starting: Promise<RunningSandbox> | undefined;

  constructor(
    private readonly log: Log,
    /** Where the sandbox keeps its state unless a setting or args say otherwise. */
    readonly globalStorage: vscode.Uri,
  ) {}

  /** The running sandbox, if any. */
  get running(): RunningSandbox | undefined {
    return this.current;
  }

  /** Starts the sandbox with its state in `stateDir`, or returns the one already running. */
  async start(port: number, stateDir: string): Promise<RunningSandbox> {
    if (this.current) return this.current;
    this.starting ??= this.launch(port, stateDir).finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<boolean> {
    const running = this.current;
    if (!running) return false;
    this.current = undefined;
    await running.close();
    await vscode.commands.executeCommand('setContext', 'cognitoBot.sandboxRunning', false);
    this.log.info(`Sandbox stopped (${running.endpoint})`);
    return true;
  }

  dispose(): void {
    void this.current?.close();
    this.current = undefined;
  }

  private async launch(port: number, stateDir: string): Promise<RunningSandbox> {
    const { normaliseOrigin, startSandboxServer } = await import('../sandbox');
    // An entry that is not an origin is left out with a warning, rather than keeping the sandbox from starting.
    const allowedOrigins = allowedOriginsSetting().flatMap((entry) => {
      try {
        return [normaliseOrigin(entry)];
      } catch (error) {
        this.log.warn(`cognitoBot.sandbox.allowedOrigins: ${(error as Error).message}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Cognito Bot sandbox: cognitoBot.sandbox.allowedOrigins: {0}', (error as Error).message));
        return [];
      }
    });
    try {
      this.current = await startSandboxServer({
        port,
        stateDir,
        codeHooks: codeHooksSetting(),
        allowedOrigins,
        onRequest: (line) => this.log.trace(`sandbox: ${line}`),
        // Confirmation codes and temporary passwords: what AWS would send by mail.
        onMessage: (message) => this.log.info(`sandbox: ${message}`),
        onWarning: (message) => {
          this.log.warn(message);
          void vscode.window.showWarningMessage(vscode.l10n.t('Cognito Bot sandbox: {0}', message));
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new ActionableError(
          vscode.l10n.t(
            'Port {0} on 127.0.0.1 is already in use, so the sandbox cannot start there. Stop what uses it, or set "cognitoBot.sandbox.port" to another port (0 picks a free one).',
            port,
          ),
          [{ kind: 'command', title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: 'cognitoBot.sandbox.port' }],
          { cause: error },
        );
      }
      throw error;
    }
    await vscode.commands.executeCommand('setContext', 'cognitoBot.sandboxRunning', true);
    this.log.info(`Sandbox listening on ${this.current.endpoint}, state in ${stateDir}`);
    return this.current;
  }
}

/** cognitoBot.sandbox.allowedOrigins: web page origins besides loopback, as written. */
function allowedOriginsSetting(): string[] {
  const configured = vscode.workspace.getConfiguration('cognitoBot').get<unknown>('sandbox.allowedOrigins', []);
  return Array.isArray(configured)
    ? configured.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim())
    : [];
}

/** cognitoBot.sandbox.codeHooks, with ${workspaceFolder} and relative paths resolved. */
function codeHooksSetting(): Record<string, string> {
  const configured = vscode.workspace.getConfiguration('cognitoBot').get<Record<string, unknown>>('sandbox.codeHooks', {});
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const hooks: Record<string, string> = {};
  for (const [bot, value] of Object.entries(configured ?? {})) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const expanded = value.replace(/\$\{workspaceFolder\}/g, folder);
    hooks[bot] = path.isAbsolute(expanded) ? expanded : path.join(folder, expanded);
  }
  return hooks;
}
