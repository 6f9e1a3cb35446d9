import * as vscode from 'vscode';
import type { Connection } from '../../aws/connection';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { loadSdk } from '../../aws/loadSdk';
import { PoolCredentials, type SignIn } from '../credentials';
import { type BotView, type HostMessage, type IdentityView, type PageMessage, type PanelState, parsePageMessage, type Turn } from '../protocol';
import { ChatSession } from '../session';
import { answerTexts, answersDiffer } from '../transcript';
import { chatHtml } from './html';

export const CHAT_VIEW_TYPE = 'cognitoBot.chat';



export interface ChatTarget {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly identityPoolId: string;
  readonly region: string;
  readonly label: string;
}

/** What the panel needs from the rest of the extension. */
export interface ChatDeps {
  readonly connections: ConnectionManager;
  readonly log: Log;
  readonly extensionUri: vscode.Uri;
  /** Asks who to sign in as (user pool + client of the identity pool, username, password). */
  readonly askSignIn: (target: ChatTarget) => Promise<SignIn | undefined>;
  /** Runs a fix the page offers (e.g. attach the least-privilege policy); says what it did. */
  readonly runFix: (id: string, target: ChatTarget, turn: Turn | undefined) => Promise<string>;
  readonly saveTranscript: (bot: BotView, turns: readonly Turn[]) => Promise<void>;
  readonly loadTranscript: () => Promise<readonly { user: string; bot: readonly string[] }[] | undefined>;
}

/**
 * One chat panel: the page (untrusted; every message it sends is validated), the session
 * (credentials as a web page gets them, kept here in the extension host), and the turns.
 */
export class ChatPanel implements vscode.Disposable {
  private session?: ChatSession;
  private credentials?: PoolCredentials;
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
    panel.title = `Chat: ${target.label}`;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Starts talking as a guest or as a signed-in user; a new Lex session each time. */
  async connect(signIn?: SignIn): Promise<IdentityView> {
    const connection = this.connection();
    const factory = this.deps.connections.clients;
    const [sdk, cognitoIdentity, cognitoIdentityProvider] = await Promise.all([loadSdk(), factory.client(connection, 'cognitoIdentity'), factory.client(connection, 'cognitoIdentityProvider')]);
    const credentials = new PoolCredentials({ sdk, cognitoIdentity, cognitoIdentityProvider, region: this.target.region }, { identityPoolId: this.target.identityPoolId, signIn });
    await credentials.get();
    this.credentials = credentials;
    this.session?.dispose();
    this.session = new ChatSession(
      { sdk, credentials, lexClient: (creds) => factory.clientWith(connection, 'lexRuntime', creds) },
      { botId: this.target.botId, botAliasId: this.target.botAliasId, localeId: this.target.localeId },
    );
    const identity = this.identity();
    this.post({ type: 'identity', identity });
    this.deps.log.info(`Chat with ${this.target.label}: ${identity.mode === 'signedIn' ? `signed in as ${identity.username}` : 'guest'}, identity ${identity.identityId}`);
    return identity;
  }

  get state(): PanelState {
    return { bot: this.botView(), identity: this.identity(), turns: this.turns, sessionAttributes: this.session?.sessionAttributes ?? {} };
  }

  /** Sends a message as if typed in the page (scripts and tests use it through the command). */
  send(text: string, expected?: readonly string[]): Promise<Turn> {
    const run = async () => {
      if (!this.session) await this.connect();
      this.post({ type: 'typing', on: true });
      try {
        let turn = await this.session!.send(text);
        // A replayed turn shows what the bot said in the transcript where it now says otherwise.
        if (expected && answersDiffer(expected, answerTexts(turn))) turn = { ...turn, expected };
        this.turns.push(turn);
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
    if (!active) throw new Error('Connect to AWS or the local sandbox first (Cognito Bot: Select Connection…).');
    return { ...active.connection, region: this.target.region };
  }

  private botView(): BotView {
    return { botId: this.target.botId, botAliasId: this.target.botAliasId, localeId: this.target.localeId, label: this.target.label };
  }

  private identity(): IdentityView {
    return this.credentials?.view() ?? { mode: 'guest', identityPoolId: this.target.identityPoolId, region: this.target.region };
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parsePageMessage(raw);
    if (!message) {
      this.deps.log.warn(`Chat: dropped a message from the page that is not one it may send (${typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw})`);
      return;
    }
    this.handle(message).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Chat: ${text}`);
      this.post({ type: 'notice', text, error: { name: error instanceof Error ? error.name : 'Error', message: text, advice: 'See the Cognito Bot log for details.' } });
    });
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', state: this.state });
        if (!this.session) await this.connect();
        return;
      case 'send':
        await this.send(message.text);
        return;
      case 'restart':
        await this.session?.restart();
        this.post({ type: 'notice', text: 'Started a new Lex session.' });
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
        await this.connect(signIn);
        return;
      }
      case 'runFix': {
        const text = await this.deps.runFix(message.id, this.target, this.turns.at(-1));
        this.post({ type: 'notice', text });
        return;
      }
    }
  }

  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
