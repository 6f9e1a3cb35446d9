import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import * as vscode from 'vscode';
import { makeTree } from '../support/files';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, commandError } from './support';

const plain = (value: string) => ({ message: { plainTextMessage: { value } } });
/** A bot written for this test, in the console's export layout. */
const FILES: Record<string, unknown> = {
  'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
  'Library/Bot.json': { name: 'Library', idleSessionTTLInSeconds: 300 },
  'Library/BotLocales/en_GB/BotLocale.json': { identifier: 'en_GB', name: 'English (GB)', nluConfidenceThreshold: 0.4 },
  'Library/BotLocales/en_GB/Intents/Hours/Intent.json': {
    name: 'Hours',
    sampleUtterances: [{ utterance: 'when does the library open' }, { utterance: 'opening times' }],
    intentClosingSetting: { closingResponse: { messageGroupsList: [plain('We open at nine.')] }, active: true },
  },
};

describe('importBot', () => {
  let dir: string;
  before(() => {
    dir = makeTree(FILES, 'cbw-import-');
  });
  after(async () => {
    await vscode.commands.executeCommand('cognitoBot.stopSandbox');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs an exported bot in the sandbox (starting it), with the alias TSTALIASID, and the bot answers', async () => {
    const { exports: api } = await activeExtension();
    const result = await vscode.commands.executeCommand<{ botId: string; botAliasId: string; localeIds: string[] }>('cognitoBot.importBot', { path: dir });
    assert.match(result.botId, /^[A-Z2-7]{10}$/);
    assert.deepEqual([result.botAliasId, result.localeIds], ['TSTALIASID', ['en_GB']]);
    const endpoint = api.currentConnection()?.endpoint;
    assert.ok(endpoint, 'importing connects to the sandbox');
    const lex = new LexRuntimeV2Client(sandboxClientConfig(endpoint));
    const answer = await lex.send(
      new RecognizeTextCommand({
        botId: result.botId,
        botAliasId: 'TSTALIASID',
        localeId: 'en_GB',
        sessionId: 'host-test',
        text: 'when does the library open?',
      }),
    );
    assert.equal(answer.messages?.[0]?.content, 'We open at nine.');
  });

  it('says what it needs for a path that is missing or is not a bot export', async () => {
    const missing = await commandError('cognitoBot.importBot', { path: path.join(dir, 'nope.zip') });
    assert.match(missing.message, /does not exist\. Give the path of a Lex V2 export/);
    const notABot = await commandError('cognitoBot.importBot', { path: path.join(dir, 'Library', 'BotLocales') });
    assert.match(notABot.message, /Could not import BotLocales: .* has no Bot\.json/);
  });
});
