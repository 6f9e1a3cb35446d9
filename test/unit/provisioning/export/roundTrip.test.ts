import * as assert from 'node:assert/strict';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { ClientFactory } from '../../../../src/aws/clientFactory';
import { writeCloudFormation } from '../../../../src/provisioning/export/cloudformation';
import { readSetup } from '../../../../src/provisioning/export/read';
import { linkUserPool } from '../../../../src/provisioning/identityPool';
import { createUserPool, parseCreateUserPoolArgs } from '../../../../src/provisioning/userPool';
import { parseBotWebAccessArgs, setUpBotWebAccess } from '../../../../src/provisioning/webAccess';
import { sandboxBotId } from '../../../../src/sandbox/bots';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { sandboxClientConfig } from '../../../support/sandboxClients';
import { awsContextFor } from '../../support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

/**
 * The round trip: bot web access set up in one sandbox (as the extension's command does
 * it), exported as CloudFormation, deployed to a fresh sandbox with the AWS SDK's
 * CloudFormation client, and a guest chats with the bot using only the stack's outputs.
 */
describe('export: the CloudFormation export deploys to a fresh sandbox, and a guest chats with what it made', function () {
  this.timeout(60_000);
  let source: RunningSandbox;
  let target: RunningSandbox;
  let factory: ClientFactory;

  before(async () => {
    [source, target] = await Promise.all([startSandboxServer(), startSandboxServer()]);
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000 });
  });
  after(async () => {
    factory.clear();
    await Promise.all([source.close(), target.close()]);
  });

  it('round trip: set up, export, deploy with the SDK, chat as a guest from the outputs alone', async () => {
    const ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: source.endpoint, region: 'us-east-1' });
    const access = await setUpBotWebAccess(ctx, parseBotWebAccessArgs({ name: 'ShopGuests', ...BOT }));
    const users = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'ShopUsers' }));
    await linkUserPool(ctx, access.identityPoolId, users.userPoolId, users.clientId);
    const template = writeCloudFormation(await readSetup(ctx, access.identityPoolId, { includeUserPool: true }));

    const config = sandboxClientConfig(target.endpoint);
    const cloudFormation = new CloudFormationClient(config);
    await cloudFormation.send(new CreateStackCommand({ StackName: 'shop', TemplateBody: template, Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    await waitUntilStackCreateComplete({ client: cloudFormation, maxWaitTime: 60, minDelay: 1 }, { StackName: 'shop' });
    const [stack] = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'shop' }))).Stacks!;
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));

    // New resources, not the source's: the ids differ, the pool's name is the default kept.
    const identityPoolId = Object.entries(outputs).find(([key]) => /IdentityPoolId$/.test(key))?.[1];
    assert.ok(identityPoolId && identityPoolId !== access.identityPoolId, JSON.stringify(outputs));
    const botId = Object.entries(outputs).find(([key]) => /BotId$/.test(key))?.[1];
    const botAliasId = Object.entries(outputs).find(([key]) => /BotAliasId$/.test(key))?.[1];
    const region = Object.entries(outputs).find(([key]) => /Region$/.test(key))?.[1];
    assert.deepEqual({ botId, botAliasId, region }, { botId: BOT.botId, botAliasId: BOT.botAliasId, region: 'us-east-1' });

    // A guest, with nothing but the outputs: no keys, as a web page.
    const guest = { endpoint: target.endpoint, region: region! };
    const identity = new CognitoIdentityClient({ ...guest, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const lex = new LexRuntimeV2Client({
      ...guest,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
    });
    const reply = await lex.send(new RecognizeTextCommand({ botId, botAliasId, localeId: 'en_US', sessionId: 'round-trip', text: 'when are you open' }));
    assert.match(reply.messages?.[0]?.content ?? '', /7am to 6pm/i);
    for (const client of [cloudFormation, identity, lex]) client.destroy();
  });
});
