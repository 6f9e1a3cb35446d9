// The chat page (browser bundle, dist/webview.js): the conversation, the inspector and the
// session controls. It shows the state it kept (vscode.getState) at once, says `ready`, and
// the host's `init` replaces it. Every change is kept with vscode.setState.
// Its styles: esbuild writes the imported CSS to dist/webview.css, which the page links.
import './chat.css';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { PageMessage } from '../chat/protocol';
import { Composer } from './composer';
import { Conversation } from './conversation';
import { h } from './dom';
import { Header } from './header';
import { Inspector } from './inspector';
import { applyHostMessage, initialState, parseHostMessage, restoreState, selectedTurn, sent, type PageState } from './model';
import { vscode } from './vscodeApi';

let state: PageState = restoreState(vscode.getState()) ?? initialState();

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function update(next: PageState): void {
  state = next;
  vscode.setState(state);
  render();
}

function send(text: string, label: string): void {
  post({ type: 'send', text });
  update(sent(state, text, label));
}

const composer = new Composer(
  (text) => send(text, text),
  () => state.history,
);
const header = new Header({
  post,
  toggleInspector: () => update({ ...state, inspectorOpen: !state.inspectorOpen }),
});
const conversation = new Conversation(
  {
    post,
    send,
    select: (turnId) => update({ ...state, selected: turnId === selectedTurn({ ...state, selected: undefined })?.id ? undefined : turnId }),
  },
  composer.element,
);
const inspector = new Inspector({
  select: (turnId) => update({ ...state, selected: turnId }),
  draft: (rows) => update({ ...state, draft: rows }),
  apply: (attributes) => {
    post({ type: 'setSessionAttributes', attributes });
    update({ ...state, sessionAttributes: attributes, draft: undefined });
  },
});
const main = h('main', { class: 'main' }, conversation.element, inspector.element);

function render(): void {
  header.render(state);
  conversation.render(state, selectedTurn(state)?.id);
  inspector.render(state);
  main.classList.toggle('inspector-closed', !state.inspectorOpen);
}

const root = document.getElementById('root') ?? document.body;
root.replaceChildren(h('div', { class: 'app' }, header.element, main));
composer.resetRecall();
render();
composer.focus();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) update(applyHostMessage(state, message));
});
post({ type: 'ready' });
