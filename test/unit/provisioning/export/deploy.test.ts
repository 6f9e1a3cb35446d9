import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientFactory } from '../../../../src/aws/clientFactory';
import type { AwsContext } from '../../../../src/aws/context';
import { ActionableError } from '../../../../src/aws/errors';
import { deployStack, type StackEvent, stackNameFromFile, stackNameProblem, templateParameters } from '../../../../src/provisioning/export/deploy';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { awsContextFor, FIXTURES } from '../../support';

const BOT_WEB_ACCESS = fs.readFileSync(path.join(FIXTURES, 'cloudformation', 'bot-web-access.yaml'), 'utf8');
const FAILS_AFTER_A_POOL = fs.readFileSync(path.join(FIXTURES, 'cloudformation', 'fails-after-a-pool.yaml'), 'utf8');
const noWait = async () => undefined;

describe('provisioning: deploying a template as aws cloudformation deploy does', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let factory: ClientFactory;
  let ctx: AwsContext;

  beforeEach(async () => {
    sandbox = await startSandboxServer();
    factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000 });
    ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
  });
  afterEach(async () => {
    factory.clear();
    await sandbox.close();
  });

  it('names a stack after its file, as CloudFormation allows', () => {
    assert.equal(stackNameFromFile('/work/infra/cognito_bot.setup.yaml'), 'cognito-bot-setup');
    assert.equal(stackNameFromFile('C:\\infra\\2024 stack.template'), 'stack-2024-stack');
    assert.equal(stackNameProblem(stackNameFromFile('___.json')), undefined);
    assert.match(stackNameProblem('1st') ?? '', /starts with a letter/);
  });

  it('reads the parameters with their defaults', async () => {
    const parameters = await templateParameters(ctx, BOT_WEB_ACCESS);
    assert.deepEqual(
      parameters.map((p) => [p.key, p.defaultValue]),
      [
        ['PoolName', 'BotWebPool'],
        ['Stage', 'dev'],
        ['ClientFlows', 'ALLOW_USER_SRP_AUTH,ALLOW_REFRESH_TOKEN_AUTH'],
      ],
    );
  });

  it('creates the stack through a change set, reports each event in order, and returns the outputs; the same again changes nothing', async () => {
    const events: StackEvent[] = [];
    const result = await deployStack(
      ctx,
      { stackName: 'bot-web', templateBody: BOT_WEB_ACCESS, parameters: { PoolName: 'ShopVisitors' } },
      { onEvent: (e) => events.push(e), sleep: noWait },
    );
    assert.equal(result.status, 'CREATE_COMPLETE');
    assert.equal(result.changed, true);
    assert.match(result.outputs.IdentityPoolId, /^us-east-1:[0-9a-f-]{36}$/);
    assert.match(result.outputs.UserPoolId, /^us-east-1_\w{9}$/);
    assert.equal(result.outputs.Region, 'us-east-1');
    // The stack's own events, as a change set makes them, open and close the list; every
    // resource went IN_PROGRESS then COMPLETE.
    assert.deepEqual(
      events.filter((e) => e.logicalId === 'bot-web').map((e) => e.status),
      ['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE'],
    );
    assert.equal(events[0].status, 'REVIEW_IN_PROGRESS');
    assert.deepEqual(events.at(-1), { logicalId: 'bot-web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE', reason: events.at(-1)?.reason });
    const userPool = events.filter((e) => e.logicalId === 'UserPool').map((e) => e.status);
    assert.deepEqual(userPool.slice(-1), ['CREATE_COMPLETE']);
    assert.ok(userPool.includes('CREATE_IN_PROGRESS'));

    const again = await deployStack(ctx, { stackName: 'bot-web', templateBody: BOT_WEB_ACCESS, parameters: { PoolName: 'ShopVisitors' } }, { sleep: noWait });
    assert.deepEqual(again, { ...result, changed: false });
  });

  it('a failing resource: says which and why, after CloudFormation rolled the rest back; the failed stack must be deleted first', async () => {
    const failing = FAILS_AFTER_A_POOL;
    const events: StackEvent[] = [];
    await assert.rejects(
      deployStack(ctx, { stackName: 'broken', templateBody: failing }, { onEvent: (e) => events.push(e), sleep: noWait }),
      (error: unknown) =>
        error instanceof ActionableError &&
        /^Stack broken ended ROLLBACK_COMPLETE: Broken \(AWS::IAM::Role\) failed: .+\. What the deployment made was rolled back\.$/.test(error.message),
    );
    assert.ok(
      events.some((e) => e.logicalId === 'Users' && e.status === 'DELETE_COMPLETE'),
      'the user pool was rolled back',
    );
    await assert.rejects(
      deployStack(ctx, { stackName: 'broken', templateBody: failing }, { sleep: noWait }),
      /Stack broken is ROLLBACK_COMPLETE.*Delete it \(aws cloudformation delete-stack --stack-name broken\)/,
    );
  });

  it('refuses a stack name CloudFormation would refuse, before calling it', async () => {
    await assert.rejects(deployStack(ctx, { stackName: 'my stack', templateBody: BOT_WEB_ACCESS }), /A stack name starts with a letter/);
  });
});
