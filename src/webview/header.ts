// The header line: which bot, who the page talks as (never keys), and the session's buttons.
import type { IdentityView, PageMessage } from '../chat/protocol';
import { button, h } from './dom';
import { type PageState, turnsOf } from './model';

export interface HeaderActions {
  post(message: PageMessage): void;
  toggleInspector(): void;
}

export class Header {
  readonly element: HTMLElement;
  private readonly botLabel = h('h1', { class: 'bot-label' }, 'Cognito Bot chat');
  private readonly botDetail = h('span', { class: 'bot-detail' });
  private readonly identity = h('span', { class: 'identity' });
  private readonly identityId = h('span', { class: 'identity-id' });
  private readonly expiry = h('span', { class: 'expiry' });
  private readonly signIn: HTMLElementTagNameMap['vscode-button'];
  private readonly guest: HTMLElementTagNameMap['vscode-button'];
  private readonly inspectorToggle: HTMLElementTagNameMap['vscode-button'];
  private readonly saveAsTest: HTMLElementTagNameMap['vscode-button'];
  private expiration?: string;

  constructor(actions: HeaderActions) {
    const post = (message: PageMessage) => () => actions.post(message);
    this.signIn = button('Sign in…', post({ type: 'switchIdentity', mode: 'signIn' }), { secondary: true, 'aria-label': 'Sign in' });
    this.guest = button('Use guest', post({ type: 'switchIdentity', mode: 'guest' }), { secondary: true, 'aria-label': 'Switch to guest' });
    this.saveAsTest = button('Save as Test', post({ type: 'saveAsTest' }), {
      secondary: true,
      'aria-label': 'Save as test',
      title: 'Save this conversation as a conversation test, with what the bot did as the expectations',
    });
    this.inspectorToggle = button('Inspector', () => actions.toggleInspector(), { secondary: true, 'aria-controls': 'inspector', 'aria-expanded': 'true' });
    this.element = h(
      'header',
      { class: 'header' },
      h('div', { class: 'who' }, this.botLabel, this.botDetail, this.identity, this.identityId, this.expiry),
      h(
        'div',
        { class: 'actions', role: 'group', 'aria-label': 'Session' },
        button('Restart', post({ type: 'restart' }), { 'aria-label': 'Restart', title: 'Start a new Lex session (DeleteSession)' }),
        button('Clear', post({ type: 'clear' }), { secondary: true, 'aria-label': 'Clear', title: 'Clear the conversation' }),
        button('Save', post({ type: 'saveTranscript' }), { secondary: true, 'aria-label': 'Save transcript', title: 'Save the transcript to a JSON file' }),
        button('Load', post({ type: 'loadTranscript' }), {
          secondary: true,
          'aria-label': 'Load transcript',
          title: 'Load a transcript and replay its messages',
        }),
        this.saveAsTest,
        this.guest,
        this.signIn,
        this.inspectorToggle,
      ),
    );
    // The expiry reads "in N min": keep it current.
    window.setInterval(() => this.renderExpiry(), 30_000);
  }

  render(state: PageState): void {
    const { bot, identity } = state;
    this.botLabel.textContent = bot?.botName || 'Cognito Bot chat';
    this.botDetail.textContent = bot ? `${bot.botId} · ${bot.botAliasId} · ${bot.localeId}` : '';
    this.identity.textContent = identity ? describeIdentity(identity) : 'Connecting…';
    this.identity.title = identity ? `Identity pool ${poolName(identity)} (${identity.identityPoolId}), ${identity.region}` : '';
    this.identityId.textContent = identity?.identityId ?? '';
    this.identityId.title = identity ? `Identity id in identity pool ${poolName(identity)}` : '';
    this.guest.hidden = identity?.mode !== 'signedIn';
    this.signIn.textContent = identity?.mode === 'signedIn' ? 'Other user…' : 'Sign in…';
    this.signIn.setAttribute('aria-label', identity?.mode === 'signedIn' ? 'Sign in as another user' : 'Sign in');
    this.saveAsTest.disabled = !turnsOf(state).some((turn) => !turn.error);
    this.inspectorToggle.setAttribute('aria-expanded', String(state.inspectorOpen));
    this.inspectorToggle.title = state.inspectorOpen ? 'Hide the inspector' : 'Show the inspector';
    this.expiration = identity?.expiration;
    this.renderExpiry();
  }

  private renderExpiry(): void {
    const expires = this.expiration ? new Date(this.expiration) : undefined;
    if (!expires || Number.isNaN(expires.getTime())) {
      this.expiry.textContent = '';
      return;
    }
    const minutes = Math.round((expires.getTime() - Date.now()) / 60_000);
    const time = expires.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    this.expiry.textContent = minutes > 0 ? `credentials expire ${time} (in ${minutes} min)` : `credentials expired ${time}`;
    this.expiry.title = expires.toISOString();
    this.expiry.classList.toggle('soon', minutes <= 5);
  }
}

/** A page kept from before pools were named has only the id until the host's init. */
function poolName(identity: IdentityView): string {
  return identity.identityPoolName || identity.identityPoolId;
}

/** Who, and through which identity pool (by name: two panels on different pools read differently). */
function describeIdentity(identity: IdentityView): string {
  const pool = poolName(identity);
  return identity.mode === 'signedIn' ? `Signed in as ${identity.username ?? 'a user'} to ${pool}` : `Guest of ${pool}`;
}
