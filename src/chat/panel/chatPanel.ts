import * as vscode from 'vscode';
import { type Connection, describeConnection, sameConnection } from '../../aws/connection';
import type { ActiveConnection, ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { loadSdk } from '../../aws/loadSdk';
import { PoolCredentials, type SignIn } from '../../aws/poolCredentials';
import { type BotView, type HostMessage, type IdentityView, type PageMessage, type PanelState, parsePageMessage, type Turn } from '../protocol';
import { ChatSession, chatErrorOf } from '../session';
import { ActionableError } from '../../aws/errors';
import { redactSecrets } from '../../aws/redact';
import { answerTexts, answersDiffer } from '../transcript';
import { chatHtml } from './html';

export const CHAT_VIEW_TYPE = 'cognitoBot.chat';

/** What a panel talks to: a bot alias's locale, through an identity pool's credentials, in a region. */
export interface ChatIds {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly identityPoolId: string;
  readonly region: string;
}

/** The ids, and the names a person reads (an id stands in for a name that could not be read). */
export interface ChatTarget extends ChatIds {
  readonly botName: string;
  readonly identityPoolName: string;
}

/** The tab's title: two panels on different pools (or bots) read differently. */
export function chatTitle(target: ChatTarget): string {
  return vscode.l10n.t({ message: 'Chat: {0} · {1}', args: [target.botName, target.identityPoolName], comment: ['{0} is a bot, {1} an identity pool'] });
}

/** Who the panel talks as: a guest, or signed in to this user pool with this app client. */
export interface ChatCaller {
  readonly mode: 'guest' | 'signedIn';
  readonly userPoolId?: string;
  readonly clientId?: string;
}

/** What the panel needs from the rest of the extension. */
export interface ChatDeps {
  readonly connections: ConnectionManager;
  readonly log: Log;
  readonly extensionUri: vscode.Uri;
  /** Asks who to sign in as (user pool + client of the identity pool, username, password). */
  readonly askSignIn: (target: ChatTarget) => Promise<SignIn | undefined>;
  /** Asks a user signing in with a temporary password for their new one. */
  readonly askNewPassword: (username: string) => Promise<string | undefined>;
  /** Runs a fix the page offers (e.g. attach the least-privilege policy); says what it did. */
  /** Undefined when the user declined. */
  readonly runFix: (id: string, target: ChatTarget, turn: Turn | undefined, caller: ChatCaller) => Promise<string | undefined>;
  readonly saveTranscript: (bot: BotView, turns: readonly Turn[]) => Promise<void>;
  readonly loadTranscript: () => Promise<readonly { user: string; bot: readonly string[] }[] | undefined>;
  /** Saves the turns as a conversation test (asks for its name); says what it did, undefined when the user declined. */
  readonly saveAsTest: (bot: BotView, turns: readonly Turn[]) => Promise<string | undefined>;
}

/**
 * One chat panel: the page (untrusted; every message it sends is validated), the session
 * (credentials as a web page gets them, kept here in the extension host), and the turns.
 */
export class ChatPanel implements vscode.Disposable {
  private session?: ChatSession;
  private credentials?: PoolCredentials;
  /** The connection the session's credentials and clients came from. */
  private sessionConnection?: Connection;
  private connecting?: Promise<IdentityView>;
  private disposed = false;
  /** Fixes the host offered for what it saw; the page may ask only for these (it is untrusted). */
  private readonly offeredFixes = new Set<string>();
  private turns: Turn[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private target: ChatTarget,
    private readonly deps: ChatDeps,
    /** Turns the page kept across a reload; the conversation goes on from them. */
    restoredTurns: readonly Turn[] = [],
  ) {
    this.turns = [...restoredTurns];
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist')] };
    panel.webview.html = chatHtml(panel.webview, deps.extensionUri);
    panel.title = chatTitle(target);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      deps.connections.onDidChange((active) => this.followConnection(active)),
    );
  }

  /**
   * A session belongs to the connection it was made on: when the user switches (or restarts the
   * sandbox on another port), it is dropped and the panel connects again as a guest on the new
   * one (a password is never kept); when the connection ends, it says it waits for the next.
   * A panel restored after a reload before its connection was back connects the same way.
   */
  private followConnection(active: ActiveConnection | undefined): void {
    if (this.disposed) return;
    // A connect under way finishes on the connection it started with; look again after it.
    if (this.connecting) {
      void this.connecting.catch(() => undefined).then(() => this.followConnection(this.deps.connections.current));
      return;
    }
    const next = active && { ...active.connection, region: this.target.region };
    if (this.session && sameConnection(this.sessionConnection, next)) return;
    if (this.session) {
      this.session.dispose();
      this.session = undefined;
      this.credentials = undefined;
      this.sessionConnection = undefined;
      this.post({ type: 'identity', identity: this.identity() });
    }
    if (!next) {
      this.post({ type: 'notice', text: vscode.l10n.t('Disconnected. The chat connects again when you connect to AWS or start the local sandbox.') });
      return;
    }
    this.ensureConnected().then(
      () => this.post({ type: 'notice', text: vscode.l10n.t('Connected to {0} as a guest.', describeConnection(next)) }),
      (error: unknown) => {
        // A failure to get credentials is already said in the page, with its fix.
        if (error instanceof ActionableError || error instanceof vscode.CancellationError) return;
        this.post({ type: 'notice', text: redactSecrets(error instanceof Error ? error.message : String(error)) });
      },
    );
  }

  /** The current identity; connects (as a guest, or signed in when given) when there is none or a sign-in is asked for. */
  async ensureConnected(signIn?: SignIn): Promise<IdentityView> {
    if (signIn) return this.connect(signIn);
    if (this.connecting) return this.connecting;
    if (this.session) return this.identity();
    return this.connect();
  }

  /** Starts talking as a guest or as a signed-in user; a new Lex session each time. */
  connect(signIn?: SignIn): Promise<IdentityView> {
    const connecting = this.doConnect(signIn).finally(() => {
      if (this.connecting === connecting) this.connecting = undefined;
    });
    this.connecting = connecting;
    return connecting;
  }

  private async doConnect(signIn?: SignIn): Promise<IdentityView> {
    const connection = this.connection();
    const factory = this.deps.connections.clients;
    const [sdk, cognitoIdentity, cognitoIdentityProvider] = await Promise.all([
      loadSdk(),
      factory.client(connection, 'cognitoIdentity'),
      factory.client(connection, 'cognitoIdentityProvider'),
    ]);
    const credentials = new PoolCredentials(
      { sdk, cognitoIdentity, cognitoIdentityProvider, region: this.target.region },
      { identityPoolId: this.target.identityPoolId, signIn },
    );
    try {
      await credentials.get();
    } catch (error) {
      // Said in the page, with its fix when there is one, and to the caller with what to do.
      const { chatError } = chatErrorOf(error, {
        target: this.target,
        region: this.target.region,
        identityPoolId: this.target.identityPoolId,
        identityPoolName: this.target.identityPoolName,
        mode: signIn ? 'signedIn' : 'guest',
        step: 'identityPool',
      });
      if (chatError.fix) this.offeredFixes.add(chatError.fix.id);
      this.post({ type: 'notice', text: `${chatError.name}: ${chatError.message}`, error: chatError });
      throw new ActionableError(`${chatError.name}: ${chatError.message} ${chatError.advice}`, [], { cause: error });
    }
    if (this.disposed) throw new vscode.CancellationError();
    // Switching who talks, even back to the same identity, starts a new Lex session.
    await this.session?.restart().catch(() => undefined);
    this.session?.dispose();
    this.credentials = credentials;
    this.sessionConnection = connection;
    this.session = new ChatSession(
      {
        sdk,
        credentials,
        lexClient: (creds) => factory.clientWith(connection, 'lexRuntime', creds),
        identityPoolName: this.target.identityPoolName,
        warn: (text) => this.deps.log.warn(`Chat with ${this.target.botName}: ${text}`),
      },
      { botId: this.target.botId, botAliasId: this.target.botAliasId, localeId: this.target.localeId },
    );
    const identity = this.identity();
    this.post({ type: 'identity', identity });
    this.deps.log.info(
      `Chat with ${this.target.botName} (${this.target.botId}/${this.target.botAliasId}) through ${this.target.identityPoolName}: ${identity.mode === 'signedIn' ? `signed in as ${identity.username}` : 'guest'}, identity ${identity.identityId}`,
    );
    return identity;
  }

  get state(): PanelState {
    return { bot: this.botView(), identity: this.identity(), turns: this.turns, sessionAttributes: this.session?.sessionAttributes ?? {} };
  }

  /** Sends a message as if typed in the page (scripts and tests use it through the command). */
  send(text: string, expected?: readonly string[]): Promise<Turn> {
    const run = async () => {
      if (this.disposed) throw new vscode.CancellationError();
      await this.ensureConnected();
      this.post({ type: 'typing', on: true });
      try {
        let turn = await this.session!.send(text);
        // A replayed turn shows what the bot said in the transcript where it now says otherwise.
        if (expected && answersDiffer(expected, answerTexts(turn))) turn = { ...turn, expected };
        this.turns.push(turn);
        if (turn.error?.fix) this.offeredFixes.add(turn.error.fix.id);
        this.post({ type: 'turn', turn });
        this.post({ type: 'sessionAttributes', attributes: this.session!.sessionAttributes });
        return turn;
      } finally {
        this.post({ type: 'typing', on: false });
      }
    };
    // One turn at a time, in order.
    const next = this.busy.then(run, run);
    this.busy = next.catch(() => undefined);
    return next;
  }

  reveal(): void {
    this.panel.reveal();
  }

  private connection(): Connection {
    const active = this.deps.connections.current;
    if (!active) throw new Error(vscode.l10n.t('Connect to AWS or the local sandbox first (Cognito Bot: Select Connection…).'));
    return { ...active.connection, region: this.target.region };
  }

  private botView(): BotView {
    return { botId: this.target.botId, botAliasId: this.target.botAliasId, localeId: this.target.localeId, botName: this.target.botName };
  }

  private identity(): IdentityView {
    const view = this.credentials?.view() ?? { mode: 'guest', identityPoolId: this.target.identityPoolId, region: this.target.region };
    return { ...view, identityPoolName: this.target.identityPoolName };
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parsePageMessage(raw);
    if (!message) {
      const type = typeof raw === 'object' && raw !== null ? (JSON.stringify((raw as { type?: unknown }).type) ?? 'no type') : typeof raw;
      this.deps.log.warn(`Chat: dropped a message the page may not send (type ${type.slice(0, 60)})`);
      return;
    }
    this.handle(message).catch((error: unknown) => {
      if (error instanceof vscode.CancellationError) return;
      const text = redactSecrets(error instanceof Error ? error.message : String(error));
      this.deps.log.error(`Chat: ${text}`);
      this.post({
        type: 'notice',
        text,
        error: { name: error instanceof Error ? error.name : 'Error', message: text, advice: vscode.l10n.t('See the Cognito Bot log for details.') },
      });
    });
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', state: this.state });
        await this.ensureConnected();
        return;
      case 'send':
        await this.send(message.text);
        return;
      case 'restart':
        await this.session?.restart();
        this.post({ type: 'notice', text: vscode.l10n.t('Started a new Lex session.') });
        return;
      case 'clear':
        this.turns = [];
        this.post({ type: 'cleared' });
        return;
      case 'setSessionAttributes':
        if (this.session) this.session.sessionAttributes = { ...message.attributes };
        this.post({ type: 'sessionAttributes', attributes: message.attributes });
        return;
      case 'saveTranscript':
        await this.deps.saveTranscript(this.botView(), this.turns);
        return;
      case 'saveAsTest': {
        const text = await this.deps.saveAsTest(this.botView(), this.turns);
        if (text !== undefined) this.post({ type: 'notice', text });
        return;
      }
      case 'loadTranscript': {
        const loaded = await this.deps.loadTranscript();
        if (!loaded) return;
        await this.session?.restart();
        for (const old of loaded) await this.send(old.user, old.bot);
        return;
      }
      case 'switchIdentity': {
        const signIn = message.mode === 'signIn' ? await this.deps.askSignIn(this.target) : undefined;
        if (message.mode === 'signIn' && !signIn) return;
        this.turns = [];
        this.post({ type: 'cleared' });
        try {
          await this.connect(signIn);
        } catch (error) {
          // A user made by an administrator signs in first with a temporary password.
          if (!signIn || !(error instanceof Error) || !error.message.startsWith('NEW_PASSWORD_REQUIRED')) throw error;
          const newPassword = await this.deps.askNewPassword(signIn.username);
          if (newPassword) await this.connect({ ...signIn, newPassword });
        }
        return;
      }
      case 'runFix': {
        if (!this.offeredFixes.has(message.id)) {
          this.deps.log.warn(`Chat: the page asked for a fix (${message.id}) the panel did not offer; ignored`);
          return;
        }
        const text = await this.deps.runFix(message.id, this.target, this.turns.at(-1), { mode: this.identity().mode, ...this.credentials?.signInPool() });
        if (text === undefined) return;
        this.offeredFixes.delete(message.id);
        this.post({ type: 'notice', text });
        return;
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.session?.dispose();
    this.session = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
