// The inspector: what Lex decided on the selected turn (intent, slots, dialog action,
// interpretations, contexts, request attributes, the raw request and response), and the
// session attributes editor. A turn's sections are redrawn only when the turn changes.
import type { Inspection, Turn } from '../chat/protocol';
import { AttributesEditor, type AttributeActions } from './attributes';
import { h, replaceChildren, type Child } from './dom';
import { selectedTurn, turnsOf, type PageState } from './model';

export interface InspectorActions extends AttributeActions {
  /** A turn id, or undefined to follow the last turn. */
  select(turnId: string | undefined): void;
}

const FOLLOW = '';

export class Inspector {
  readonly element: HTMLElement;
  private readonly turnSelect = h('select', { id: 'turn-select' });
  private readonly body = h('div', { class: 'inspector-turn' });
  private readonly editor: AttributesEditor;
  /** Which sections the user opened or closed, kept across turns. */
  private readonly open = new Map<string, boolean>([['Raw', false]]);
  private shown?: Turn | null;
  private optionsKey = '';

  constructor(actions: InspectorActions) {
    this.editor = new AttributesEditor(actions);
    this.turnSelect.addEventListener('change', () => actions.select(this.turnSelect.value === FOLLOW ? undefined : this.turnSelect.value));
    this.element = h(
      'aside',
      { id: 'inspector', 'aria-label': 'Inspector' },
      h('div', { class: 'inspector-head' }, h('h2', {}, 'Inspector'), h('label', {}, 'Turn', this.turnSelect)),
      this.body,
      this.section('Session attributes', this.editor.element),
    );
  }

  render(state: PageState): void {
    this.element.hidden = !state.inspectorOpen;
    this.renderOptions(state);
    const turn = selectedTurn(state) ?? null;
    if (turn !== this.shown) {
      this.shown = turn;
      replaceChildren(this.body, ...this.drawTurn(turn));
    }
    this.editor.sync(state);
  }

  private renderOptions(state: PageState): void {
    const turns = turnsOf(state);
    const key = `${state.selected ?? FOLLOW}|${turns.map((t) => t.id).join(',')}`;
    if (key === this.optionsKey) return;
    this.optionsKey = key;
    const last = turns.at(-1);
    const options = [h('option', { value: FOLLOW }, last ? `Latest: ${describe(last, turns.length)}` : 'Latest turn')];
    turns.forEach((turn, i) => options.push(h('option', { value: turn.id }, describe(turn, i + 1))));
    this.turnSelect.replaceChildren(...options);
    this.turnSelect.value = state.selected ?? FOLLOW;
    this.turnSelect.disabled = turns.length === 0;
  }

  private drawTurn(turn: Turn | null): Child[] {
    if (!turn) return [h('p', { class: 'none' }, 'Send a message to see what Lex decides.')];
    const inspection = turn.inspection;
    if (!inspection) {
      return [h('p', { class: 'none' }, turn.error ? `No answer from Lex for this turn (${turn.error.name}).` : 'Nothing to inspect for this turn.')];
    }
    return [
      drawIntent(inspection),
      this.section('Slots', drawSlots(inspection)),
      this.section('Dialog action', drawDialogAction(inspection)),
      this.section('Interpretations', drawInterpretations(inspection)),
      this.section('Active contexts', drawContexts(inspection)),
      this.section('Request attributes', drawPairs(inspection.requestAttributes, 'No request attributes.')),
      this.section('Raw', drawRaw(inspection)),
    ];
  }

  private section(title: string, content: HTMLElement): HTMLElement {
    const element = h('vscode-collapsible', { heading: title, open: this.open.get(title) ?? true }, content);
    element.addEventListener('vsc-collapsible-toggle', (event) => this.open.set(title, (event as CustomEvent<{ open: boolean }>).detail.open));
    return element;
  }
}

function describe(turn: Turn, n: number): string {
  const text = turn.user.length > 40 ? `${turn.user.slice(0, 39)}…` : turn.user;
  return `${n}. ${text}`;
}

function orNone(value: string | undefined): Child {
  return value ? value : h('span', { class: 'none' }, 'none');
}

function drawIntent(inspection: Inspection): HTMLElement {
  const intent = inspection.intent;
  return h(
    'dl',
    { class: 'intent' },
    h('dt', {}, 'Intent'),
    h('dd', { class: 'intent-name' }, orNone(intent?.name)),
    h('dt', {}, 'State'),
    h('dd', { class: 'intent-state' }, orNone(intent?.state)),
    h('dt', {}, 'Confirmation'),
    h('dd', { class: 'intent-confirmation' }, orNone(intent?.confirmationState)),
  );
}

function drawSlots(inspection: Inspection): HTMLElement {
  const slots = inspection.intent?.slots ?? [];
  const rows = slots.map((slot) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, slot.name),
      h('td', {}, orNone(slot.original)),
      h('td', {}, orNone(slot.interpreted)),
      h('td', {}, slot.resolved && slot.resolved.length > 0 ? slot.resolved.join(', ') : orNone(undefined)),
    ),
  );
  if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 4, class: 'none' }, 'No slots.')));
  return h(
    'div',
    { class: 'section' },
    h(
      'table',
      { id: 'slots' },
      h('caption', { class: 'visually-hidden' }, 'Slots'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Slot'),
          h('th', { scope: 'col' }, 'Original'),
          h('th', { scope: 'col' }, 'Interpreted'),
          h('th', { scope: 'col' }, 'Resolved'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}

function drawDialogAction(inspection: Inspection): HTMLElement {
  const action = inspection.dialogAction;
  return h(
    'div',
    { class: 'section' },
    h(
      'dl',
      { class: 'intent dialog-action' },
      h('dt', {}, 'Type'),
      h('dd', { class: 'dialog-action-type' }, orNone(action?.type)),
      h('dt', {}, 'Slot to elicit'),
      h('dd', { class: 'slot-to-elicit' }, orNone(action?.slotToElicit)),
    ),
  );
}

function drawInterpretations(inspection: Inspection): HTMLElement {
  if (inspection.interpretations.length === 0) return h('div', { class: 'section none' }, 'No interpretations.');
  return h(
    'div',
    { class: 'section' },
    h(
      'table',
      { class: 'interpretations' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Intent'), h('th', { scope: 'col' }, 'Confidence'))),
      h(
        'tbody',
        {},
        ...inspection.interpretations.map((interpretation) =>
          h(
            'tr',
            {},
            h('td', {}, interpretation.intent),
            h(
              'td',
              {},
              interpretation.confidence === undefined
                ? orNone(undefined)
                : h(
                    'span',
                    { class: 'confidence' },
                    h('meter', { min: 0, max: 1, value: interpretation.confidence, 'aria-hidden': 'true' }),
                    interpretation.confidence.toFixed(2),
                  ),
            ),
          ),
        ),
      ),
    ),
  );
}

function drawContexts(inspection: Inspection): HTMLElement {
  if (inspection.activeContexts.length === 0) return h('div', { class: 'section none' }, 'No active contexts.');
  return h(
    'div',
    { class: 'section' },
    h(
      'table',
      { class: 'contexts' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Context'), h('th', { scope: 'col' }, 'Turns left'), h('th', { scope: 'col' }, 'Seconds left'))),
      h(
        'tbody',
        {},
        ...inspection.activeContexts.map((context) =>
          h('tr', {}, h('td', {}, context.name), h('td', {}, context.turnsToLive ?? '–'), h('td', {}, context.secondsToLive ?? '–')),
        ),
      ),
    ),
  );
}

function drawPairs(pairs: Readonly<Record<string, string>>, empty: string): HTMLElement {
  const entries = Object.entries(pairs);
  if (entries.length === 0) return h('div', { class: 'section none' }, empty);
  return h(
    'div',
    { class: 'section' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', {}, ...entries.map(([key, value]) => h('tr', {}, h('td', {}, key), h('td', {}, value)))),
    ),
  );
}

function drawRaw(inspection: Inspection): HTMLElement {
  return h(
    'div',
    { class: 'section raw' },
    h('h3', {}, 'Request'),
    h('pre', { class: 'raw-request', tabindex: 0 }, json(inspection.raw.request)),
    h('h3', {}, 'Response'),
    h('pre', { class: 'raw-response', tabindex: 0 }, json(inspection.raw.response)),
  );
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    return String(value);
  }
}
