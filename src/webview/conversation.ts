// The conversation: a role="log" list of turns (the user's message, the bot's messages, an
// inline error), notices, messages awaiting their turn, and the typing indicator. Turns are
// drawn once and kept, so the live region announces only what is new.
import type { BotMessage, CardView, ChatError, PageMessage, Turn } from '../chat/protocol';
import { button, h, type Child } from './dom';
import { entryKey, type Entry, type PageState } from './model';

export interface ConversationActions {
  post(message: PageMessage): void;
  /** Sends a card button's value, showing its text as the user's message. */
  send(text: string, label: string): void;
  select(turnId: string): void;
}

export class Conversation {
  readonly element: HTMLElement;
  readonly log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: 0 });
  private readonly typing = h(
    'div',
    { class: 'typing', role: 'status', hidden: true },
    h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    'The bot is typing…',
  );
  private readonly drawn = new Map<string, { entry: Entry; element: HTMLElement }>();
  private readonly pendingElements: HTMLElement[] = [];
  private readonly empty = h('p', { class: 'empty-log' }, 'Say hello to the bot: type a message below and press Enter.');
  private selectedElement?: HTMLElement;

  constructor(
    private readonly actions: ConversationActions,
    composer: HTMLElement,
  ) {
    this.element = h('section', { class: 'chat', 'aria-label': 'Chat' }, this.log, this.typing, composer);
    this.log.addEventListener('click', (event) => {
      const turn = (event.target as Element).closest<HTMLElement>('.turn');
      if (turn?.dataset.turnId && !(event.target as Element).closest('vscode-button, a')) actions.select(turn.dataset.turnId);
    });
  }

  render(state: PageState, selectedId: string | undefined): void {
    const nearBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    const before = this.log.childElementCount;
    const wanted: HTMLElement[] = [];
    const keys = new Set<string>();
    for (const entry of state.entries) {
      const key = entryKey(entry);
      keys.add(key);
      let drawn = this.drawn.get(key);
      if (!drawn || drawn.entry !== entry) {
        drawn = { entry, element: this.draw(entry, state.labels) };
        this.drawn.get(key)?.element.remove();
        this.drawn.set(key, drawn);
      }
      wanted.push(drawn.element);
    }
    for (const [key, drawn] of this.drawn) {
      if (!keys.has(key)) {
        drawn.element.remove();
        this.drawn.delete(key);
      }
    }
    // Messages awaiting their turn: keep the elements already shown, by their text.
    const unused = [...this.pendingElements];
    this.pendingElements.length = 0;
    for (const pending of state.pending) {
      const at = unused.findIndex((element) => element.textContent === pending.label);
      this.pendingElements.push(at >= 0 ? unused.splice(at, 1)[0] : h('div', { class: 'message user pending' }, pending.label));
    }
    for (const element of unused) element.remove();
    wanted.push(...this.pendingElements);
    if (wanted.length === 0) wanted.push(this.empty);
    else this.empty.remove();
    // Insert in order, moving only what is out of place (appending leaves the rest alone).
    let cursor: Element | null = this.log.firstElementChild;
    for (const element of wanted) {
      if (element === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.log.insertBefore(element, cursor);
      }
    }
    while (cursor) {
      const next: Element | null = cursor.nextElementSibling;
      cursor.remove();
      cursor = next;
    }

    const selected = selectedId === undefined ? undefined : this.drawn.get(`turn:${selectedId}`)?.element;
    if (selected !== this.selectedElement) {
      this.selectedElement?.classList.remove('selected');
      selected?.classList.add('selected');
      this.selectedElement = selected;
    }
    this.typing.hidden = !state.typing;
    if (nearBottom || this.log.childElementCount !== before) this.log.scrollTop = this.log.scrollHeight;
  }

  private draw(entry: Entry, labels: Readonly<Record<string, string>>): HTMLElement {
    if (entry.kind === 'notice') {
      return entry.error ? drawError(entry.error, this.actions) : h('div', { class: 'notice' }, entry.text);
    }
    const { turn } = entry;
    const label = labels[turn.id] ?? turn.user;
    const time = new Date(turn.at);
    const element = h(
      'div',
      { class: 'turn', 'data-turn-id': turn.id, title: Number.isNaN(time.getTime()) ? undefined : time.toLocaleString() },
      // Who said what, for screen readers, beside (not inside) the messages.
      h('span', { class: 'visually-hidden' }, 'You:'),
      h('div', { class: 'message user' }, label),
      turn.bot.length > 0 || turn.responseCard?.length ? h('span', { class: 'visually-hidden' }, 'Bot:') : undefined,
      // appContext.responseCard takes the place of the turn's ImageResponseCards, after its last message (as the Lex web UI shows it).
      ...turn.bot.flatMap((message) => (turn.responseCard && message.contentType === 'ImageResponseCard' ? [] : [this.drawBotMessage(message)])),
      ...(turn.responseCard ?? []).map((card) => this.drawCard(card, 'appContext.responseCard')),
      turn.bot.length === 0 && !turn.responseCard?.length && !turn.error ? h('div', { class: 'no-reply' }, 'No message from the bot.') : undefined,
      turn.expected ? drawExpected(turn) : undefined,
      turn.error ? drawError(turn.error, this.actions) : undefined,
    );
    return element;
  }

  private drawBotMessage(message: BotMessage): HTMLElement {
    if (message.alt) {
      const source = `appContext.altMessages.${message.alt.from}`;
      return drawHtml(message.alt.html, {
        class: 'message bot markdown alt',
        'data-source': source,
        title: `Shown from ${source}, as the Lex web UI shows it`,
      });
    }
    switch (message.contentType) {
      case 'ImageResponseCard':
        if (message.imageResponseCard) return this.drawCard(message.imageResponseCard);
        break;
      case 'CustomPayload':
        return h('div', { class: 'message bot payload' }, h('pre', {}, message.content ?? ''));
      case 'SSML':
        return h(
          'div',
          { class: 'message bot text ssml' },
          h('vscode-badge', { variant: 'counter', title: 'Speech Synthesis Markup Language' }, 'SSML'),
          message.content ?? '',
        );
      case 'PlainText':
        if (typeof message.html === 'string') return drawHtml(message.html, { class: 'message bot markdown' });
        break;
    }
    return h('div', { class: 'message bot text' }, message.content ?? '');
  }

  private drawCard(card: CardView, source?: string): HTMLElement {
    const image = card.imageUrl?.startsWith('https:')
      ? h('img', { src: card.imageUrl, alt: card.title, referrerpolicy: 'no-referrer', loading: 'lazy' })
      : undefined;
    const buttons = (card.buttons ?? []).map((b) =>
      button(b.text, () => this.actions.send(b.value, b.text), { secondary: true, title: b.value === b.text ? undefined : `Sends "${b.value}"` }),
    );
    // VS Code opens a link clicked in the page in the browser, like the Markdown's.
    const link = card.linkUrl?.startsWith('https:')
      ? h('a', { class: 'card-link', href: card.linkUrl, title: card.linkUrl, rel: 'noopener noreferrer' }, 'Open link')
      : undefined;
    return h(
      'div',
      {
        class: 'message bot card',
        role: 'group',
        'aria-label': card.title || 'Card',
        'data-source': source,
        title: source ? `Shown from ${source}, as the Lex web UI shows it` : undefined,
      },
      image,
      card.title ? h('div', { class: 'card-title' }, card.title) : undefined,
      card.subtitle ? h('div', { class: 'card-subtitle' }, card.subtitle) : undefined,
      buttons.length > 0 ? h('div', { class: 'card-buttons' }, ...buttons) : undefined,
      link,
    );
  }
}

/** HTML the host rendered from the bot's text and sanitised; the CSP blocks scripts anyway. */
function drawHtml(html: string, attributes: Record<string, string>): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  const element = h('div', attributes);
  element.append(template.content);
  return element;
}

function drawExpected(turn: Turn): HTMLElement {
  const lines: Child[] = [];
  (turn.expected ?? []).forEach((line, i) => lines.push(i > 0 ? '\n' : undefined, line));
  return h('div', { class: 'expected', title: 'The answer in the loaded transcript differs' }, h('span', { class: 'expected-label' }, 'was: '), ...lines);
}

function drawError(error: ChatError, actions: ConversationActions): HTMLElement {
  return h(
    'div',
    { class: 'message error', role: 'group', 'aria-label': `Error: ${error.name}` },
    h('strong', { class: 'error-name' }, error.name),
    h('span', { class: 'error-message' }, error.message),
    error.advice ? h('p', { class: 'advice' }, error.advice) : undefined,
    error.fix ? drawFix(error.fix, actions) : undefined,
  );
}

function drawFix(fix: NonNullable<ChatError['fix']>, actions: ConversationActions): HTMLElement {
  const element = button(fix.title, () => actions.post({ type: 'runFix', id: fix.id }), { class: 'fix' });
  return h('div', {}, element);
}
