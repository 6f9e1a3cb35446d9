// The chat panel, its session engine and the Markdown sanitiser are a chunk of their own
// (dist/chat.js), loaded when a chat opens: activation stays light.
export { ChatPanel, CHAT_VIEW_TYPE } from './chatPanel';
export { chatActions } from './actions';
export { askTarget, parseOpenChatArgs, revivedTarget, withNames } from './openChat';
export { reviveTurns } from '../revive';
