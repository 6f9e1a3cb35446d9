import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as cfn from '@aws-sdk/client-cloudformation';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand, GetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { emptyState } from '../../../../src/sandbox/state';
import { FIXTURES } from '../../support';
import { sandboxClientConfig } from '../../../support/sandboxClients';

const BOT_WEB_ACCESS = fs.readFileSync(path.join(FIXTURES, 'cloudformation', 'bot-web-access.yaml'), 'utf8');
const NAMED_IAM = [cfn.Capability.CAPABILITY_NAMED_IAM];

/** A role IAM refuses (its trust policy has no Principal), after a user pool was made. */
const FAILING_AFTER_A_POOL = fs.readFileSync(path.join(FIXTURES, 'cloudformation', 'fails-after-a-pool.yaml'), 'utf8');

/** Stacks through the real SDK v3 CloudFormation client: what they make is seen through the IAM and Cognito clients. */
describe('sandbox CloudFormation with the SDK client', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let client: cfn.CloudFormationClient;
  let iam: IAMClient;
  let identity: CognitoIdentityClient;
  let idp: CognitoIdentityProviderClient;

  beforeEach(async () => {
    sandbox = await startSandboxServer();
    const config = sandboxClientConfig(sandbox.endpoint);
    client = new cfn.CloudFormationClient(config);
    iam = new IAMClient(config);
    identity = new CognitoIdentityClient(config);
    idp = new CognitoIdentityProviderClient(config);
  });
  afterEach(() => sandbox?.close());

  const stack = async (StackName: string) => (await client.send(new cfn.DescribeStacksCommand({ StackName }))).Stacks![0];
  const events = async (StackName: string) => (await client.send(new cfn.DescribeStackEventsCommand({ StackName }))).StackEvents!.reverse();
  const outputs = (s: cfn.Stack) => Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));

  it('creates a bot web access stack: pools, roles trusting the pool by id, attachment, outputs; a guest gets credentials from the outputs alone', async () => {
    const { StackId } = await client.send(
      new cfn.CreateStackCommand({
        StackName: 'web',
        TemplateBody: BOT_WEB_ACCESS,
        Capabilities: NAMED_IAM,
        Parameters: [{ ParameterKey: 'PoolName', ParameterValue: 'Shop' }],
      }),
    );
    await cfn.waitUntilStackCreateComplete({ client, maxWaitTime: 10, minDelay: 1 }, { StackName: 'web' });
    const created = await stack('web');
    assert.equal(created.StackId, StackId);
    assert.equal(created.StackStatus, 'CREATE_COMPLETE');
    const out = outputs(created);
    assert.match(out.IdentityPoolId!, /^us-east-1:[0-9a-f-]{36}$/);
    assert.match(out.UserPoolId!, /^us-east-1_\w+$/);
    assert.equal(out.Region, 'us-east-1');
    assert.equal(out.GuestRoleArn, 'arn:aws:iam::000000000000:role/Shop_guest');
    assert.equal(created.Outputs!.find((o) => o.OutputKey === 'GuestRoleArn')!.ExportName, 'web-GuestRoleArn');
    assert.equal(out.ProdNote, undefined, 'an output whose condition is false is left out');

    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: out.IdentityPoolId }));
    assert.deepEqual(roles.Roles, {
      authenticated: 'arn:aws:iam::000000000000:role/Shop_member',
      unauthenticated: 'arn:aws:iam::000000000000:role/Shop_guest',
    });
    const guest = await iam.send(new GetRoleCommand({ RoleName: 'Shop_guest' }));
    const trust = JSON.parse(decodeURIComponent(guest.Role!.AssumeRolePolicyDocument!));
    assert.equal(trust.Statement[0].Condition.StringEquals['cognito-identity.amazonaws.com:aud'], out.IdentityPoolId);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Shop_guest' }));
    assert.deepEqual(
      attached.AttachedPolicies!.map((p) => p.PolicyArn),
      ['arn:aws:iam::aws:policy/AmazonLexRunBotsOnly'],
    );
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'Shop_member', PolicyName: 'uploads' }));
    assert.equal(
      JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Resource,
      'arn:aws:s3:::notes-000000000000/${cognito-identity.amazonaws.com:sub}/*',
      '${!…} is written literally',
    );
    const appClient = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: out.UserPoolId, ClientId: out.AppClientId }));
    assert.equal(appClient.UserPoolClient!.ClientName, 'chatapp');
    assert.deepEqual(appClient.UserPoolClient!.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);

    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: out.IdentityPoolId }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    assert.ok(Credentials?.AccessKeyId, 'the guest role attached by the stack issues credentials');

    const resources = (await client.send(new cfn.DescribeStackResourcesCommand({ StackName: 'web' }))).StackResources!;
    assert.deepEqual(
      resources.map((r) => [r.LogicalResourceId, r.ResourceStatus]),
      ['UserPool', 'UserPoolClient', 'IdentityPool', 'GuestRole', 'MemberRole', 'RoleAttachment'].map((name) => [name, 'CREATE_COMPLETE']),
      'created in dependency order',
    );
    const role = await client.send(new cfn.DescribeStackResourceCommand({ StackName: 'web', LogicalResourceId: 'GuestRole' }));
    assert.equal(role.StackResourceDetail!.PhysicalResourceId, 'Shop_guest', 'a role is known by its name');
    const history = (await events('web')).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
    assert.equal(history[0], 'web CREATE_IN_PROGRESS');
    assert.equal(history.at(-1), 'web CREATE_COMPLETE');
  });

  it('makes a customer managed policy (Ref is its ARN), attaches it by Roles and by ManagedPolicyArns, and its permissions count; delete removes it', async () => {
    const template = `
Resources:
  Notes:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: BotNotes
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:GetObject', Resource: 'arn:aws:s3:::notes/*' }] }
      Roles: [!Ref Reader]
  Reader:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Reader
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: 'sts:AssumeRoleWithWebIdentity' }] }
  Writer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Writer
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: 'sts:AssumeRoleWithWebIdentity' }] }
      ManagedPolicyArns: [!Ref Notes]
Outputs:
  NotesArn: { Value: !Ref Notes }
  NotesId: { Value: !GetAtt Notes.PolicyId }
`;
    await client.send(new cfn.CreateStackCommand({ StackName: 'managed', TemplateBody: template, Capabilities: NAMED_IAM }));
    const created = await stack('managed');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const arn = 'arn:aws:iam::000000000000:policy/BotNotes';
    assert.equal(outputs(created).NotesArn, arn);
    assert.match(outputs(created).NotesId!, /^ANPA/);
    for (const RoleName of ['Reader', 'Writer']) {
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
      assert.deepEqual(
        attached.AttachedPolicies!.map((p) => p.PolicyArn),
        [arn],
        RoleName,
      );
    }
    const simulated = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::000000000000:role/Writer',
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::notes/a'],
      }),
    );
    assert.equal(simulated.EvaluationResults![0].EvalDecision, 'allowed', 'the policy document counts for the role');
    await client.send(new cfn.DeleteStackCommand({ StackName: 'managed' }));
    assert.deepEqual((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies, []);
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
  });

  it('rolls back a failed stack: what it made is deleted, the stack is ROLLBACK_COMPLETE, the events say why', async () => {
    await client.send(new cfn.CreateStackCommand({ StackName: 'broken', TemplateBody: FAILING_AFTER_A_POOL, Capabilities: [cfn.Capability.CAPABILITY_IAM] }));
    await assert.rejects(cfn.waitUntilStackCreateComplete({ client, maxWaitTime: 10, minDelay: 1 }, { StackName: 'broken' }), /ROLLBACK_COMPLETE|FAILURE/);
    const failed = await stack('broken');
    assert.equal(failed.StackStatus, 'ROLLBACK_COMPLETE');
    const history = await events('broken');
    const brokenEvent = history.find((e) => e.LogicalResourceId === 'Broken' && e.ResourceStatus === 'CREATE_FAILED');
    assert.match(brokenEvent?.ResourceStatusReason ?? '', /Principal/i, 'the role failed for its trust policy, as IAM said');
    assert.match(
      history.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')!.ResourceStatusReason!,
      /The following resource\(s\) failed to create: \[Broken\]/,
    );
    assert.deepEqual(
      history.filter((e) => e.LogicalResourceId === 'Users').map((e) => e.ResourceStatus),
      ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE'],
    );
    assert.deepEqual((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools, [], 'the user pool is gone');
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
  });

  it('keeps what a failed stack made when rollback is disabled: CREATE_FAILED', async () => {
    await client.send(
      new cfn.CreateStackCommand({
        StackName: 'kept',
        TemplateBody: FAILING_AFTER_A_POOL,
        Capabilities: [cfn.Capability.CAPABILITY_IAM],
        DisableRollback: true,
      }),
    );
    const failed = await stack('kept');
    assert.equal(failed.StackStatus, 'CREATE_FAILED');
    assert.match(failed.StackStatusReason!, /The following resource\(s\) failed to create: \[Broken\]/);
    assert.deepEqual(
      (await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Name),
      ['RolledBackUsers'],
    );
    await client.send(new cfn.DeleteStackCommand({ StackName: 'kept' }));
    assert.deepEqual((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools, [], 'deleting the stack removes what it kept');
  });

  it('refuses an unsupported resource type with a reason that names it and what is supported', async () => {
    const template = JSON.stringify({
      Resources: {
        Users: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'kept-not' } },
        Hook: { Type: 'AWS::Lambda::Function', DependsOn: 'Users', Properties: {} },
      },
    });
    await client.send(new cfn.CreateStackCommand({ StackName: 'lambda', TemplateBody: template }));
    assert.equal((await stack('lambda')).StackStatus, 'ROLLBACK_COMPLETE');
    const failed = (await events('lambda')).find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    assert.equal(failed.LogicalResourceId, 'Hook');
    assert.match(
      failed.ResourceStatusReason!,
      /^Resource type AWS::Lambda::Function is not supported by the sandbox; it supports: AWS::Cognito::IdentityPool, /,
    );
    assert.deepEqual((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools, []);
  });

  it("runs a template declaring SAM's transform (as the Lex web UI's cognito.yaml) when its AWS::Serverless resources are left out by conditions; asks CAPABILITY_AUTO_EXPAND", async () => {
    // Our own text, in the shape of that template: a hook function only with an email-domain check.
    const sam = (domain: string) =>
      JSON.stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Parameters: { AllowedDomain: { Type: 'String', Default: domain } },
        Conditions: { CheckDomain: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AllowedDomain' }, ''] }] } },
        Resources: {
          Users: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'sam-users' } },
          DomainCheck: { Type: 'AWS::Serverless::Function', Condition: 'CheckDomain', Properties: { Handler: 'index.handler' } },
        },
      });
    await assert.rejects(
      client.send(new cfn.CreateStackCommand({ StackName: 'sam', TemplateBody: sam('') })),
      /Requires capabilities : \[CAPABILITY_AUTO_EXPAND\]/,
    );
    const expand = [cfn.Capability.CAPABILITY_AUTO_EXPAND];
    await client.send(new cfn.CreateStackCommand({ StackName: 'sam', TemplateBody: sam(''), Capabilities: expand }));
    assert.equal((await stack('sam')).StackStatus, 'CREATE_COMPLETE');
    await client.send(new cfn.CreateStackCommand({ StackName: 'sam-hook', TemplateBody: sam('example.com'), Capabilities: expand }));
    assert.equal((await stack('sam-hook')).StackStatus, 'ROLLBACK_COMPLETE');
    const failed = (await events('sam-hook')).find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    assert.match(failed.ResourceStatusReason!, /^Resource type AWS::Serverless::Function is not supported by the sandbox/);
    await assert.rejects(
      client.send(
        new cfn.CreateStackCommand({
          StackName: 'macro',
          TemplateBody: JSON.stringify({ Transform: 'MyMacro', Resources: { Users: { Type: 'AWS::Cognito::UserPool', Properties: {} } } }),
        }),
      ),
      /Transform MyMacro is not supported by the sandbox/,
    );
  });

  it('deletes a stack: everything it made, in reverse order; it is then listed as DELETE_COMPLETE and no longer found by name', async () => {
    await client.send(new cfn.CreateStackCommand({ StackName: 'web', TemplateBody: BOT_WEB_ACCESS, Capabilities: NAMED_IAM }));
    const { StackId } = await stack('web');
    await client.send(new cfn.DeleteStackCommand({ StackName: 'web' }));
    await cfn.waitUntilStackDeleteComplete({ client, maxWaitTime: 10, minDelay: 1 }, { StackName: StackId! });
    const history = await events(StackId!);
    const order = (status: string) =>
      history.filter((e) => e.ResourceStatus === status && e.ResourceType !== 'AWS::CloudFormation::Stack').map((e) => e.LogicalResourceId);
    assert.deepEqual(order('DELETE_COMPLETE'), [...order('CREATE_COMPLETE')].reverse());
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
    assert.deepEqual((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools, []);
    await assert.rejects(client.send(new cfn.DescribeStacksCommand({ StackName: 'web' })), /Stack with id web does not exist/);
    const listed = await client.send(new cfn.ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    assert.deepEqual(
      listed.StackSummaries!.map((s) => s.StackName),
      ['web'],
    );
  });

  it('runs the change-set flow `aws cloudformation deploy` uses: REVIEW_IN_PROGRESS, changes, execute; the same again has no changes', async () => {
    const request = {
      StackName: 'flow',
      TemplateBody: BOT_WEB_ACCESS,
      Capabilities: NAMED_IAM,
      ChangeSetName: 'first',
      ChangeSetType: cfn.ChangeSetType.CREATE,
    };
    const { Id } = await client.send(new cfn.CreateChangeSetCommand(request));
    assert.equal((await stack('flow')).StackStatus, 'REVIEW_IN_PROGRESS');
    await cfn.waitUntilChangeSetCreateComplete({ client, maxWaitTime: 10, minDelay: 1 }, { StackName: 'flow', ChangeSetName: 'first' });
    const changeSet = await client.send(new cfn.DescribeChangeSetCommand({ ChangeSetName: Id }));
    assert.equal(changeSet.ExecutionStatus, 'AVAILABLE');
    assert.deepEqual(
      changeSet.Changes!.map((c) => `${c.ResourceChange!.Action} ${c.ResourceChange!.LogicalResourceId}`),
      ['Add UserPool', 'Add UserPoolClient', 'Add IdentityPool', 'Add GuestRole', 'Add MemberRole', 'Add RoleAttachment'],
    );
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, [], 'a change set makes nothing until executed');
    await client.send(new cfn.ExecuteChangeSetCommand({ ChangeSetName: 'first', StackName: 'flow' }));
    await cfn.waitUntilStackCreateComplete({ client, maxWaitTime: 10, minDelay: 1 }, { StackName: 'flow' });
    assert.equal(outputs(await stack('flow')).GuestRoleArn, 'arn:aws:iam::000000000000:role/BotWebPool_guest');

    await client.send(new cfn.CreateChangeSetCommand({ ...request, ChangeSetName: 'again', ChangeSetType: cfn.ChangeSetType.UPDATE }));
    const again = await client.send(new cfn.DescribeChangeSetCommand({ StackName: 'flow', ChangeSetName: 'again' }));
    assert.equal(again.Status, 'FAILED');
    assert.match(again.StatusReason!, /didn't contain changes/);
  });

  it('refuses named IAM resources without CAPABILITY_NAMED_IAM, a missing parameter, and a cycle, making nothing', async () => {
    await assert.rejects(
      client.send(new cfn.CreateStackCommand({ StackName: 'web', TemplateBody: BOT_WEB_ACCESS })),
      (error: Error) => error.name === 'InsufficientCapabilitiesException' && /CAPABILITY_NAMED_IAM/.test(error.message),
    );
    const needsName =
      'Parameters: { Name: { Type: String } }\nResources:\n  P: { Type: AWS::Cognito::IdentityPool, Properties: { IdentityPoolName: !Ref Name, AllowUnauthenticatedIdentities: true } }';
    await assert.rejects(client.send(new cfn.CreateStackCommand({ StackName: 'p', TemplateBody: needsName })), /Parameters: \[Name\] must have values/);
    const cycle =
      'Resources:\n  A: { Type: AWS::IAM::Role, Properties: { RoleName: !Ref B } }\n  B: { Type: AWS::IAM::Role, Properties: { RoleName: !Ref A } }';
    await assert.rejects(
      client.send(new cfn.CreateStackCommand({ StackName: 'c', TemplateBody: cycle, Capabilities: NAMED_IAM })),
      /Circular dependency between resources: \[A, B\]/,
    );
    assert.deepEqual((await client.send(new cfn.ListStacksCommand({}))).StackSummaries, []);
  });

  it('validates a template: its parameters and the capabilities it needs', async () => {
    const answer = await client.send(new cfn.ValidateTemplateCommand({ TemplateBody: BOT_WEB_ACCESS }));
    assert.deepEqual(
      answer.Parameters!.map((p) => [p.ParameterKey, p.DefaultValue]),
      [
        ['PoolName', 'BotWebPool'],
        ['Stage', 'dev'],
        ['ClientFlows', 'ALLOW_USER_SRP_AUTH,ALLOW_REFRESH_TOKEN_AUTH'],
      ],
    );
    assert.deepEqual(answer.Capabilities, ['CAPABILITY_NAMED_IAM']);
    await assert.rejects(client.send(new cfn.ValidateTemplateCommand({ TemplateBody: 'Resources: [' })), /Template format error/);
  });

  it('starts from a state file written before the sandbox ran CloudFormation (no stacks section)', async () => {
    await sandbox.close();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cfn-'));
    try {
      const { cloudFormation: _none, ...older } = emptyState();
      fs.writeFileSync(path.join(stateDir, 'sandbox-state.json'), JSON.stringify(older));
      const warnings: string[] = [];
      sandbox = await startSandboxServer({ stateDir, onWarning: (warning) => warnings.push(warning) });
      client = new cfn.CloudFormationClient(sandboxClientConfig(sandbox.endpoint));
      assert.deepEqual((await client.send(new cfn.ListStacksCommand({}))).StackSummaries, []);
      assert.deepEqual(warnings, [], 'the file was used, not moved aside');
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('keeps stacks in the sandbox state across a restart', async () => {
    await sandbox.close();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cfn-'));
    try {
      sandbox = await startSandboxServer({ stateDir });
      client = new cfn.CloudFormationClient(sandboxClientConfig(sandbox.endpoint));
      await client.send(new cfn.CreateStackCommand({ StackName: 'kept', TemplateBody: BOT_WEB_ACCESS, Capabilities: NAMED_IAM }));
      await sandbox.close();
      sandbox = await startSandboxServer({ stateDir });
      client = new cfn.CloudFormationClient(sandboxClientConfig(sandbox.endpoint));
      assert.equal((await stack('kept')).StackStatus, 'CREATE_COMPLETE');
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
