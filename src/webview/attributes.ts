// The session attributes editor: key/value rows to add, change and remove, checked as the host
// checks them, and "Apply" to send them with the next turn. While the user edits, the rows are
// the page's draft (kept with setState); the host's attributes replace them only when there is
// no draft.
import { button, h } from './dom';
import { checkAttributes, rowsOf, type AttributeRow, type PageState, type RowProblem } from './model';

export interface AttributeActions {
  /** The rows changed: a draft, or undefined when they equal the session's attributes again. */
  draft(rows: readonly AttributeRow[] | undefined): void;
  apply(attributes: Record<string, string>): void;
}

interface RowElements {
  readonly row: HTMLElement;
  readonly key: HTMLInputElement;
  readonly value: HTMLInputElement;
  readonly problem: HTMLElement;
}

export class AttributesEditor {
  readonly element: HTMLElement;
  private readonly rowsElement = h('div', { class: 'attribute-rows' });
  private readonly status = h('p', { class: 'attribute-status', role: 'status' });
  private readonly applyButton: HTMLElementTagNameMap['vscode-button'];
  private readonly revertButton: HTMLElementTagNameMap['vscode-button'];
  private rows: RowElements[] = [];
  private session: Readonly<Record<string, string>> = {};
  private counter = 0;

  constructor(private readonly actions: AttributeActions) {
    this.applyButton = button('Apply', () => this.apply(), { disabled: true, title: 'Send these attributes with the next message' });
    this.revertButton = button('Revert', () => this.revert(), { secondary: true, disabled: true, title: 'Discard the changes' });
    this.element = h(
      'div',
      { class: 'section attributes' },
      h('p', { class: 'hint' }, 'Sent with the next message. Keys: letters, digits and _ . : -'),
      this.rowsElement,
      h(
        'div',
        { class: 'attribute-actions' },
        button('Add', () => this.add(), { secondary: true, 'aria-label': 'Add attribute' }),
        this.applyButton,
        this.revertButton,
      ),
      this.status,
    );
  }

  /** Shows the draft, or the session's attributes; leaves the rows alone when they already match. */
  sync(state: PageState): void {
    this.session = state.sessionAttributes;
    const wanted = state.draft ?? rowsOf(state.sessionAttributes);
    if (!sameRows(wanted, this.current())) this.build(wanted);
    this.check(false);
  }

  private current(): AttributeRow[] {
    return this.rows.map(({ key, value }) => ({ key: key.value, value: value.value }));
  }

  private build(rows: readonly AttributeRow[]): void {
    const focused = this.rowsElement.contains(document.activeElement);
    this.rows = rows.map((row) => this.makeRow(row));
    this.rowsElement.replaceChildren(...this.rows.map((r) => r.row));
    if (this.rows.length === 0) this.rowsElement.append(h('p', { class: 'none' }, 'No session attributes.'));
    if (focused) this.rows[0]?.key.focus();
  }

  private makeRow(row: AttributeRow): RowElements {
    this.counter += 1;
    const id = `attribute-${this.counter}`;
    const key = h('input', {
      type: 'text',
      value: row.key,
      'aria-label': 'Key',
      placeholder: 'key',
      spellcheck: 'false',
      maxlength: 100,
      'aria-describedby': `${id}-problem`,
    });
    const value = h('input', {
      type: 'text',
      value: row.value,
      'aria-label': 'Value',
      placeholder: 'value',
      spellcheck: 'false',
      'aria-describedby': `${id}-problem`,
    });
    const problem = h('div', { class: 'attribute-problem', id: `${id}-problem`, hidden: true });
    const element = h('div', { class: 'attribute-row' }, key, value);
    const elements: RowElements = { row: element, key, value, problem };
    element.append(
      button('Remove', () => this.remove(elements), { secondary: true, 'aria-label': 'Remove attribute' }),
      problem,
    );
    for (const input of [key, value]) input.addEventListener('input', () => this.changed());
    value.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.apply();
    });
    key.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') value.focus();
    });
    return elements;
  }

  private add(): void {
    this.rowsElement.querySelector('.none')?.remove();
    const row = this.makeRow({ key: '', value: '' });
    this.rows.push(row);
    this.rowsElement.append(row.row);
    row.key.focus();
    this.changed();
  }

  private remove(row: RowElements): void {
    const index = this.rows.indexOf(row);
    this.rows.splice(index, 1);
    row.row.remove();
    const next = this.rows[Math.min(index, this.rows.length - 1)];
    if (next) next.key.focus();
    else this.element.querySelector<HTMLElement>('[aria-label="Add attribute"]')?.focus();
    this.changed();
  }

  private changed(): void {
    const rows = this.current();
    this.actions.draft(sameRows(rows, rowsOf(this.session)) ? undefined : rows);
    this.status.textContent = '';
    this.check(false);
  }

  private revert(): void {
    this.build(rowsOf(this.session));
    this.changed();
    this.status.textContent = 'Changes discarded.';
  }

  /** Marks rows with problems; `announce` also moves focus to the first and says why. */
  private check(announce: boolean): RowProblem[] {
    const rows = this.current();
    const { problems } = checkAttributes(rows);
    this.rows.forEach((row, index) => {
      const problem = problems.find((p) => p.index === index);
      // Say nothing about a row the user has just added and not typed in yet.
      const show = problem && (announce || rows[index].key !== '' || rows[index].value !== '');
      row.problem.textContent = show ? problem.message : '';
      row.problem.hidden = !show;
      row.key.setAttribute('aria-invalid', String(Boolean(show)));
    });
    const dirty = !sameRows(rows, rowsOf(this.session));
    this.applyButton.disabled = !dirty;
    this.revertButton.disabled = !dirty;
    if (announce && problems.length > 0) {
      this.rows[problems[0].index]?.key.focus();
      this.status.textContent = `Not applied: ${problems[0].message}`;
    }
    return problems;
  }

  private apply(): void {
    if (this.check(true).length > 0) return;
    const { attributes } = checkAttributes(this.current());
    if (!attributes) return;
    this.actions.apply(attributes);
    this.status.textContent = `Applied ${Object.keys(attributes).length} attribute(s); they go with the next message.`;
  }
}

function sameRows(a: readonly AttributeRow[], b: readonly AttributeRow[]): boolean {
  return a.length === b.length && a.every((row, i) => row.key === b[i].key && row.value === b[i].value);
}
