// The message box: Enter sends, Up in an empty box recalls what was sent (Down goes forward
// again), Send is disabled while the box is empty. One line, at most MAX_MESSAGE_CHARS.
import { MAX_MESSAGE_CHARS } from '../chat/protocol';
import { button, h } from './dom';

export class Composer {
  readonly element: HTMLElement;
  readonly input = h('input', {
    id: 'message',
    type: 'text',
    'aria-label': 'Message',
    maxlength: MAX_MESSAGE_CHARS,
    autocomplete: 'off',
    spellcheck: 'true',
    placeholder: 'Message the bot (Enter sends, ↑ recalls)',
  });
  private readonly sendButton: HTMLElementTagNameMap['vscode-button'];
  private readonly counter = h('span', { class: 'counter', 'aria-live': 'polite' });
  /** Where Up/Down recall is in the history; history.length means "not recalling". */
  private recall = 0;

  constructor(
    private readonly send: (text: string) => void,
    private readonly history: () => readonly string[],
  ) {
    this.sendButton = button('Send', () => this.submit(), { disabled: true, 'aria-label': 'Send' });
    this.element = h(
      'div',
      { class: 'composer' },
      h('label', { for: 'message', class: 'visually-hidden' }, 'Message'),
      this.input,
      this.counter,
      this.sendButton,
    );
    this.input.addEventListener('input', () => {
      this.recall = this.history().length;
      this.update();
    });
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  focus(): void {
    this.input.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const history = this.history();
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'ArrowUp' && history.length > 0 && (this.input.value === '' || this.isRecalled(history))) {
      // An empty box recalls the newest message; Up again goes further back.
      event.preventDefault();
      this.recall = this.input.value === '' ? history.length - 1 : Math.max(this.recall - 1, 0);
      this.show(history[this.recall]);
    } else if (event.key === 'ArrowDown' && this.isRecalled(history)) {
      event.preventDefault();
      this.recall += 1;
      this.show(history[this.recall] ?? '');
    } else if (event.key === 'Escape' && this.input.value !== '') {
      event.preventDefault();
      this.show('');
      this.recall = history.length;
    }
  }

  private isRecalled(history: readonly string[]): boolean {
    return this.recall < history.length && this.input.value === history[this.recall];
  }

  private show(text: string): void {
    this.input.value = text;
    this.input.setSelectionRange(text.length, text.length);
    this.update();
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '' || text.length > MAX_MESSAGE_CHARS) return;
    this.send(text);
    this.input.value = '';
    this.recall = this.history().length;
    this.update();
  }

  private update(): void {
    const length = this.input.value.trim().length;
    this.sendButton.disabled = length === 0;
    this.counter.textContent = length > MAX_MESSAGE_CHARS - 100 ? `${length}/${MAX_MESSAGE_CHARS}` : '';
  }

  /** Called after the history changes (a restore), so Up starts from the newest again. */
  resetRecall(): void {
    this.recall = this.history().length;
  }
}
