// Entry of the sandbox chunk (dist/sandbox.js), loaded when the sandbox starts.
export { type ImportedBot, startSandboxServer, type RunningSandbox, type SandboxServerOptions } from './server';
export { SANDBOX_ACCOUNT_ID } from '../aws/sandboxAccount';
export { SANDBOX_ADMIN_CREDENTIALS, SANDBOX_PROFILE, sandboxProfileSections } from '../aws/sandboxAccount';
export { sandboxBotId, TEST_ALIAS } from './bots';
export { normaliseOrigin } from './cors';
