import * as path from 'node:path';
import { type InjectValues } from '../../../src/inject/values';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
/** VS Code's app root inside the code-server that `npm start` and `npm test` install. */
export const CODE_SERVER_APP_ROOT = path.join(REPO, '.vscode-test', 'code-server-4.139.1', 'server', 'node_modules', 'code-server', 'lib', 'vscode');

/** One id of each kind, in the formats AWS gives them. */
export const VALUES = {
  userPoolId: 'us-east-1_AbCdEfGhI',
  clientId: '1example23456789abcdefghij',
  identityPoolId: 'us-east-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  region: 'us-east-1',
  botId: 'ABCDE12345',
  botAliasId: 'TSTALIASID',
  localeId: 'en_US',
} as const satisfies InjectValues;
