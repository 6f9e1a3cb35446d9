import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { DescribeBotAliasCommand, DescribeBotCommand, LexModelsV2Client, ListBotAliasesCommand, ListBotLocalesCommand, ListBotsCommand } from '@aws-sdk/client-lex-models-v2';
import { DeleteSessionCommand, GetSessionCommand, LexRuntimeV2Client, PutSessionCommand, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { SANDBOX_ADMIN_CREDENTIALS } from '../../../src/sandbox/account';

/** The Lex V2 runtime over restJson and HTTP/2 (as the SDK's Lex client speaks it), with the built-in echo bot. */
describe('sandbox: Lex V2 runtime', () => {
  let sandbox: RunningSandbox;
  let lex: LexRuntimeV2Client;
  const ids = { botId: 'ECHOBOTSBX', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'us-east-1:5f0c1f4e-1111-2222-3333-444455556666' };

  before(async () => {
    sandbox = await startSandboxServer();
    lex = new LexRuntimeV2Client({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { ...SANDBOX_ADMIN_CREDENTIALS }, maxAttempts: 1 });
  });
  after(() => sandbox.close());

  it('answers RecognizeText with messages, session state and interpretations, keeping session attributes', async () => {
    const answer = await lex.send(new RecognizeTextCommand({ ...ids, text: 'I would like flowers', sessionState: { sessionAttributes: { color: 'red' } } }));
    assert.equal(answer.messages?.[0]?.content, 'You said: I would like flowers');
    assert.equal(answer.sessionId, ids.sessionId);
    assert.equal(answer.sessionState?.sessionAttributes?.color, 'red');
    assert.equal(answer.interpretations?.[0]?.intent?.name, 'FallbackIntent');
  });

  it('gets, puts and deletes the session', async () => {
    await lex.send(new RecognizeTextCommand({ ...ids, text: 'hi' }));
    const session = await lex.send(new GetSessionCommand(ids));
    assert.equal(session.sessionState?.dialogAction?.type, 'Close');
    const put = await lex.send(new PutSessionCommand({ ...ids, sessionState: { sessionAttributes: { step: '2' }, dialogAction: { type: 'ElicitIntent' } } }));
    assert.equal(JSON.parse(gunzipSync(Buffer.from(put.sessionState ?? '', 'base64')).toString('utf8')).sessionAttributes.step, '2');
    assert.equal((await lex.send(new GetSessionCommand(ids))).sessionState?.sessionAttributes?.step, '2');
    await lex.send(new DeleteSessionCommand(ids));
    await assert.rejects(lex.send(new GetSessionCommand(ids)), { name: 'ResourceNotFoundException' });
  });

  it('says so for a bot or alias it does not have, and for empty text', async () => {
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, botId: 'NOSUCHBOT0', text: 'hi' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, botAliasId: 'OTHERALIAS', text: 'hi' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(lex.send(new RecognizeTextCommand({ ...ids, text: '' })), { name: 'ValidationException' });
  });
});

describe('sandbox: Lex V2 model building (read-only)', () => {
  let sandbox: RunningSandbox;
  let models: LexModelsV2Client;
  before(async () => {
    sandbox = await startSandboxServer();
    models = new LexModelsV2Client({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { ...SANDBOX_ADMIN_CREDENTIALS }, maxAttempts: 1 });
  });
  after(() => sandbox.close());

  it('lists and describes the bots, aliases and locales the sandbox runs', async () => {
    const { botSummaries } = await models.send(new ListBotsCommand({}));
    assert.deepEqual(botSummaries?.map((b) => [b.botId, b.botName, b.botStatus]), [['ECHOBOTSBX', 'SandboxEchoBot', 'Available']]);
    assert.equal((await models.send(new DescribeBotCommand({ botId: 'ECHOBOTSBX' }))).botName, 'SandboxEchoBot');
    const { botAliasSummaries } = await models.send(new ListBotAliasesCommand({ botId: 'ECHOBOTSBX' }));
    assert.deepEqual(botAliasSummaries?.map((a) => a.botAliasId), ['TSTALIASID']);
    const alias = await models.send(new DescribeBotAliasCommand({ botId: 'ECHOBOTSBX', botAliasId: 'TSTALIASID' }));
    assert.deepEqual(alias.botAliasLocaleSettings, { en_US: { enabled: true } });
    const { botLocaleSummaries } = await models.send(new ListBotLocalesCommand({ botId: 'ECHOBOTSBX', botVersion: 'DRAFT' }));
    assert.deepEqual(botLocaleSummaries?.map((l) => [l.localeId, l.localeName]), [['en_US', 'English (US)']]);
    await assert.rejects(models.send(new DescribeBotCommand({ botId: 'NOSUCHBOT0' })), { name: 'ResourceNotFoundException' });
  });
});
