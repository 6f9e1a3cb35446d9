import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  paginateListRoles,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';

const LEX_RUN_BOTS_ONLY = 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly';
const POOL_ID = 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60';
const trustPolicy = (amr: 'authenticated' | 'unauthenticated') => JSON.stringify(cognitoTrustPolicy(POOL_ID, amr));
const s3Policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::notes-uploads/private/${cognito-identity.amazonaws.com:sub}/*'] },
  ],
});

/**
 * Conformance of the sandbox's IAM with the real SDK v3 IAM client. The SDK names IAM's wire
 * error codes (EntityAlreadyExists, MalformedPolicyDocument, …) with an Exception suffix.
 */
describe('sandbox: IAM', () => {
  let sandbox: RunningSandbox;
  let iam: IAMClient;
  let stateDir: string;

  beforeEach(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-iam-'));
    sandbox = await startSandboxServer({ stateDir });
    iam = new IAMClient(sandboxClientConfig(sandbox.endpoint));
  });
  afterEach(async () => {
    await sandbox.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const createRole = (name: string, amr: 'authenticated' | 'unauthenticated' = 'unauthenticated') =>
    iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy(amr), Description: 'guest role' }));

  it('creates a role with the ARN, id and URL-encoded trust policy IAM returns, and gets it back', async () => {
    const { Role } = await createRole('Cognito_BotPoolUnauth_Role');
    assert.equal(Role?.Arn, 'arn:aws:iam::000000000000:role/Cognito_BotPoolUnauth_Role');
    assert.match(Role?.RoleId ?? '', /^AROA[A-Z0-9]{17}$/);
    assert.equal(Role?.MaxSessionDuration, 3600);
    assert.ok(Role?.CreateDate instanceof Date);
    const fetched = (await iam.send(new GetRoleCommand({ RoleName: 'Cognito_BotPoolUnauth_Role' }))).Role;
    assert.equal(decodeURIComponent(fetched?.AssumeRolePolicyDocument ?? ''), trustPolicy('unauthenticated'));
    assert.equal(fetched?.Description, 'guest role');
  });

  it('refuses a second role of the same name (EntityAlreadyExists) and an unknown one (NoSuchEntity)', async () => {
    await createRole('BotRole');
    await assert.rejects(createRole('botrole'), { name: 'EntityAlreadyExistsException', message: 'Role with name botrole already exists.' });
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'Nope' })), {
      name: 'NoSuchEntityException',
      message: 'The role with name Nope cannot be found.',
    });
  });

  it('validates trust and inline policies as IAM does (MalformedPolicyDocument with the reason)', async () => {
    await assert.rejects(iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{"Version":' })), {
      name: 'MalformedPolicyDocumentException',
      message: 'This policy contains invalid Json',
    });
    const withResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
    });
    await assert.rejects(iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: withResource })), {
      name: 'MalformedPolicyDocumentException',
      message: 'Has prohibited field Resource',
    });
    await createRole('Good');
    const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lex:*', Resource: '*' }] });
    await assert.rejects(iam.send(new PutRolePolicyCommand({ RoleName: 'Good', PolicyName: 'p', PolicyDocument: withPrincipal })), {
      name: 'MalformedPolicyDocumentException',
      message: 'Policy document should not specify a principal.',
    });
    await assert.rejects(
      iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'Good',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }),
        }),
      ),
      { name: 'MalformedPolicyDocumentException', message: 'Missing required field Principal' },
    );
    // nothing half-made: the role's trust policy is unchanged
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'Good' }))).Role;
    assert.equal(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''), trustPolicy('unauthenticated'));
  });

  it('attaches and detaches AmazonLexRunBotsOnly, which carries its real document', async () => {
    await createRole('Guest');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'Guest', PolicyArn: LEX_RUN_BOTS_ONLY }));
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Guest' }))).AttachedPolicies, [
      { PolicyName: 'AmazonLexRunBotsOnly', PolicyArn: LEX_RUN_BOTS_ONLY },
    ]);
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: LEX_RUN_BOTS_ONLY }));
    assert.equal(Policy?.AttachmentCount, 1);
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: LEX_RUN_BOTS_ONLY, VersionId: Policy?.DefaultVersionId }));
    const document = JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''));
    assert.ok(document.Statement[0].Action.includes('lex:RecognizeText'));
    assert.equal(document.Statement[0].Resource, '*');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'Guest', PolicyArn: LEX_RUN_BOTS_ONLY }));
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Guest' }))).AttachedPolicies, []);
    await assert.rejects(iam.send(new DetachRolePolicyCommand({ RoleName: 'Guest', PolicyArn: LEX_RUN_BOTS_ONLY })), { name: 'NoSuchEntityException' });
    await assert.rejects(iam.send(new AttachRolePolicyCommand({ RoleName: 'Guest', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })), {
      name: 'NoSuchEntityException',
      message: 'Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.',
    });
  });

  it("lists the AWS managed policies with AmazonLexRunBotsOnly among them, and none of the account's own", async () => {
    const all = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies ?? [];
    assert.ok(all.some((p) => p.Arn === LEX_RUN_BOTS_ONLY));
    assert.deepEqual((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies, []);
    assert.deepEqual((await iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies, []);
  });

  it('puts, gets, lists and deletes inline policies', async () => {
    await createRole('Auth', 'authenticated');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Auth', PolicyName: 'notes-s3', PolicyDocument: s3Policy }));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'Auth' }))).PolicyNames, ['notes-s3']);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'Auth', PolicyName: 'notes-s3' }));
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ''), s3Policy);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'Auth', PolicyName: 'notes-s3' }));
    await assert.rejects(iam.send(new GetRolePolicyCommand({ RoleName: 'Auth', PolicyName: 'notes-s3' })), {
      name: 'NoSuchEntityException',
      message: 'The role policy with name notes-s3 cannot be found.',
    });
  });

  it('refuses to delete a role that still has policies (DeleteConflict), then deletes it once they are gone', async () => {
    await createRole('Busy');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'Busy', PolicyArn: LEX_RUN_BOTS_ONLY }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Busy', PolicyName: 'inline', PolicyDocument: s3Policy }));
    await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: 'Busy' })), {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'Busy', PolicyArn: LEX_RUN_BOTS_ONLY }));
    await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: 'Busy' })), {
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'Busy', PolicyName: 'inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'Busy' }));
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'Busy' })), { name: 'NoSuchEntityException' });
  });

  it('pages ListRoles with Marker and IsTruncated, which the SDK paginator follows', async () => {
    for (let i = 0; i < 5; i++) await createRole(`Role${i}`);
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    assert.equal(first.Roles?.length, 2);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.Roles?.[0].AssumeRolePolicyDocument, undefined, 'ListRoles leaves trust policies out');
    const names: string[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) names.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ''));
    assert.deepEqual(names, ['Role0', 'Role1', 'Role2', 'Role3', 'Role4']);
  });

  it("simulates a role's policies with the sandbox's evaluator (SimulatePrincipalPolicy)", async () => {
    const { Role } = await createRole('Sim', 'authenticated');
    const alias = 'arn:aws:lex:us-east-1:000000000000:bot-alias/BOTID12345/ALIAS12345';
    const simulate = async () =>
      (
        await iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: Role?.Arn,
            ActionNames: ['lex:RecognizeText', 's3:GetObject'],
            ResourceArns: [alias, 'arn:aws:s3:::notes-app-uploads/private/us-east-1:1111/a.txt'],
            ContextEntries: [{ ContextKeyName: 'cognito-identity.amazonaws.com:sub', ContextKeyType: 'string', ContextKeyValues: ['us-east-1:1111'] }],
          }),
        )
      ).EvaluationResults?.map((r) => `${r.EvalActionName} ${r.EvalResourceName?.split(':').pop()} ${r.EvalDecision}`);
    assert.deepEqual(await simulate(), [
      'lex:RecognizeText bot-alias/BOTID12345/ALIAS12345 implicitDeny',
      'lex:RecognizeText 1111/a.txt implicitDeny',
      's3:GetObject bot-alias/BOTID12345/ALIAS12345 implicitDeny',
      's3:GetObject 1111/a.txt implicitDeny',
    ]);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'Sim', PolicyArn: LEX_RUN_BOTS_ONLY }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Sim', PolicyName: 's3', PolicyDocument: s3Policy.replace('notes-uploads', 'notes-app-uploads') }));
    assert.deepEqual(await simulate(), [
      'lex:RecognizeText bot-alias/BOTID12345/ALIAS12345 allowed',
      'lex:RecognizeText 1111/a.txt allowed',
      's3:GetObject bot-alias/BOTID12345/ALIAS12345 implicitDeny',
      's3:GetObject 1111/a.txt allowed',
    ]);
  });

  it('keeps roles across a restart with the same state folder', async () => {
    await createRole('Survivor');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'Survivor', PolicyArn: LEX_RUN_BOTS_ONLY }));
    await sandbox.close();
    sandbox = await startSandboxServer({ stateDir });
    iam = new IAMClient(sandboxClientConfig(sandbox.endpoint));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'Survivor' }))).Role?.RoleName, 'Survivor');
    assert.equal((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Survivor' }))).AttachedPolicies?.length, 1);
  });

  it('rejects keys it does not know, as IAM does', async () => {
    const stranger = new IAMClient(sandboxClientConfig(sandbox.endpoint, { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } }));
    await assert.rejects(stranger.send(new ListRolesCommand({})), { name: 'InvalidClientTokenId' });
  });
});
