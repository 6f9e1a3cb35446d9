// The conversation tests' commands, loaded on first use (dist/convtests.js).
export { runConversationTests } from './runConversationTests';
export { saveConversationTest } from './saveConversationTest';
export { exportTestWorkbenchCsv, importTestWorkbenchCsv } from './workbenchCsv';
export { ConversationRunner } from '../testing/runTests';
export { parseTestFile } from '../format';
