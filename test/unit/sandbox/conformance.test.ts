import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as cfn from '@aws-sdk/client-cloudformation';
import * as idp from '@aws-sdk/client-cognito-identity-provider';
import * as identity from '@aws-sdk/client-cognito-identity';
import * as iam from '@aws-sdk/client-iam';
import * as lexModels from '@aws-sdk/client-lex-models-v2';
import * as lexRuntime from '@aws-sdk/client-lex-runtime-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, sandboxBotId, startSandboxServer } from '../../../src/sandbox';
import { measureCoverage, readmeTable, README, renderCoverage, type ServiceCoverage } from '../../support/conformance/coverage';
import {
  awscliExampleMember,
  COMMON_ERRORS,
  documentedErrors,
  loadModel,
  SANDBOX_SERVICES,
  type SandboxService,
  UNLISTED_ERRORS,
} from '../../support/conformance/models';
import { type Exchange, judge, RecordingHandler, type Verdict } from '../../support/conformance/wire';
import { type SandboxClientOptions, sandboxClientConfig } from '../../support/sandboxClients';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const LEX_RUN_BOTS_ONLY = 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly';
const PASSWORD = 'Correct-Horse-1';

/** Expects the call to fail with code, so an error case cannot pass by succeeding. */
async function failsWith(call: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(call, (error: Error) => {
    assert.equal(error.name.replace(/Exception$/, ''), code.replace(/Exception$/, ''), error.message);
    return true;
  });
}

/**
 * The sandbox against AWS's own service models (botocore's service-2.json): every operation it
 * serves is called with a valid request through the real SDK v3 clients, and a wrong one for
 * its common errors; every answer on the wire is judged against the model (output members and
 * their types, required members, the operation's documented errors, the protocol's shape).
 */
describe('sandbox conformance to AWS service models', function () {
  this.timeout(120_000);
  let sandbox: RunningSandbox;
  const exchanges: Exchange[] = [];
  let verdicts: Verdict[] = [];
  let coverage: ServiceCoverage[] = [];
  let unjudged = 0;
  const called = new Map<string, Set<string>>();

  before(async () => {
    coverage = await measureCoverage();
    sandbox = await startSandboxServer({ onMessage: (message) => messages.push(message) });
    await walk(sandbox.endpoint);
    verdicts = exchanges.map(judge).filter((v): v is Verdict => v !== undefined);
    unjudged = exchanges.length - verdicts.length;
    for (const verdict of verdicts) {
      if (verdict.error) continue;
      if (!called.has(verdict.service)) called.set(verdict.service, new Set());
      called.get(verdict.service)!.add(verdict.operation);
    }
  });
  after(() => sandbox?.close());

  const messages: string[] = [];
  let created: idp.CreateUserPoolCommandOutput | undefined;
  const clientsFor = (endpoint: string, options: SandboxClientOptions = {}) => {
    const config = { ...sandboxClientConfig(endpoint, options), requestHandler: new RecordingHandler(exchanges) as never };
    return {
      idp: new idp.CognitoIdentityProviderClient(config),
      identity: new identity.CognitoIdentityClient(config),
      iam: new iam.IAMClient(config),
      sts: new STSClient(config),
      models: new lexModels.LexModelsV2Client(config),
      runtime: new lexRuntime.LexRuntimeV2Client(config),
      cloudFormation: new cfn.CloudFormationClient(config),
    };
  };
  const codeFor = (email: string) => {
    const line = messages.filter((m) => m.includes(email)).pop() ?? '';
    return /: (\w+)$/.exec(line)?.[1] ?? '';
  };

  /** The tutorials' whole path and the calls around it, each served operation at least once, with its errors. */
  async function walk(endpoint: string): Promise<void> {
    const admin = clientsFor(endpoint);
    // User pool, app client, users.
    const { UserPool } = (created = await admin.idp.send(
      new idp.CreateUserPoolCommand({
        PoolName: 'WebChatPool',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [
          { Name: 'email', Required: true, Mutable: true, AttributeDataType: 'String' },
          { Name: 'name', Required: true, Mutable: true, AttributeDataType: 'String' },
        ],
      }),
    ));
    const UserPoolId = UserPool!.Id!;
    await admin.idp.send(new idp.DescribeUserPoolCommand({ UserPoolId }));
    await admin.idp.send(new idp.ListUserPoolsCommand({ MaxResults: 10 }));
    const { UserPoolClient } = await admin.idp.send(
      new idp.CreateUserPoolClientCommand({ UserPoolId, ClientName: 'chatapp', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const ClientId = UserPoolClient!.ClientId!;
    await admin.idp.send(
      new idp.UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId,
        ClientName: 'chatapp',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    await admin.idp.send(new idp.DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
    await admin.idp.send(new idp.ListUserPoolClientsCommand({ UserPoolId }));
    const alice = 'alice@example.com';
    await admin.idp.send(new idp.SignUpCommand({ ClientId, Username: alice, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Alice' }] }));
    await failsWith(admin.idp.send(new idp.ConfirmSignUpCommand({ ClientId, Username: alice, ConfirmationCode: '000000' })), 'CodeMismatch');
    await admin.idp.send(new idp.ConfirmSignUpCommand({ ClientId, Username: alice, ConfirmationCode: codeFor(alice) }));
    await failsWith(
      admin.idp.send(new idp.SignUpCommand({ ClientId, Username: alice, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'A' }] })),
      'UsernameExists',
    );
    const bob = 'bob@example.com';
    await admin.idp.send(
      new idp.AdminCreateUserCommand({ UserPoolId, Username: bob, UserAttributes: [{ Name: 'name', Value: 'Bob' }], TemporaryPassword: 'Temp-Pass-1' }),
    );
    const started = await admin.idp.send(
      new idp.InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: bob, PASSWORD: 'Temp-Pass-1' } }),
    );
    await admin.idp.send(
      new idp.RespondToAuthChallengeCommand({
        ClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: started.Session,
        ChallengeResponses: { USERNAME: bob, NEW_PASSWORD: PASSWORD },
      }),
    );
    const carol = 'carol@example.com';
    await admin.idp.send(new idp.SignUpCommand({ ClientId, Username: carol, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Carol' }] }));
    await admin.idp.send(new idp.AdminConfirmSignUpCommand({ UserPoolId, Username: carol }));
    await admin.idp.send(new idp.AdminSetUserPasswordCommand({ UserPoolId, Username: carol, Password: PASSWORD, Permanent: true }));
    await admin.idp.send(new idp.ListUsersCommand({ UserPoolId }));
    await admin.idp.send(new idp.ListUsersCommand({ UserPoolId, Filter: 'email = "alice@example.com"' }));
    const signedIn = await admin.idp.send(
      new idp.InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice, PASSWORD: PASSWORD } }),
    );
    await admin.idp.send(
      new idp.InitiateAuthCommand({
        ClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! },
      }),
    );
    await failsWith(
      admin.idp.send(new idp.InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice, PASSWORD: 'wrong' } })),
      'NotAuthorized',
    );
    // What an app does with a user after sign-in, and what an administrator does to one.
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    await admin.idp.send(new idp.AdminGetUserCommand({ UserPoolId, Username: alice }));
    await admin.idp.send(new idp.AdminUpdateUserAttributesCommand({ UserPoolId, Username: alice, UserAttributes: [{ Name: 'given_name', Value: 'Al' }] }));
    await admin.idp.send(new idp.AdminDeleteUserAttributesCommand({ UserPoolId, Username: alice, UserAttributeNames: ['given_name'] }));
    await admin.idp.send(new idp.GetUserCommand({ AccessToken }));
    await admin.idp.send(new idp.UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'name', Value: 'Alice A.' }] }));
    await admin.idp.send(new idp.GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    await failsWith(admin.idp.send(new idp.VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '000000' })), 'CodeMismatch');
    await admin.idp.send(new idp.VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: codeFor(alice) }));
    await admin.idp.send(new idp.ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: `${PASSWORD}x` }));
    await failsWith(admin.idp.send(new idp.GetUserCommand({ AccessToken: 'not-a-token' })), 'NotAuthorized');
    // Carol's address was never verified (an administrator confirmed her), so no code can reach her.
    await failsWith(admin.idp.send(new idp.ForgotPasswordCommand({ ClientId, Username: carol })), 'InvalidParameter');
    await admin.idp.send(new idp.ForgotPasswordCommand({ ClientId, Username: alice }));
    await admin.idp.send(new idp.ConfirmForgotPasswordCommand({ ClientId, Username: alice, ConfirmationCode: codeFor(alice), Password: PASSWORD }));
    const dave = 'dave@example.com';
    await admin.idp.send(new idp.SignUpCommand({ ClientId, Username: dave, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Dave' }] }));
    await admin.idp.send(new idp.ResendConfirmationCodeCommand({ ClientId, Username: dave }));
    await admin.idp.send(new idp.AdminDisableUserCommand({ UserPoolId, Username: dave }));
    await admin.idp.send(new idp.AdminEnableUserCommand({ UserPoolId, Username: dave }));
    await admin.idp.send(new idp.AdminDeleteUserCommand({ UserPoolId, Username: dave }));
    await failsWith(admin.idp.send(new idp.AdminGetUserCommand({ UserPoolId, Username: dave })), 'UserNotFound');
    const bobSignedIn = await admin.idp.send(
      new idp.InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: bob, PASSWORD: PASSWORD } }),
    );
    await admin.idp.send(new idp.GlobalSignOutCommand({ AccessToken: bobSignedIn.AuthenticationResult!.AccessToken! }));
    await failsWith(admin.idp.send(new idp.GetUserCommand({ AccessToken: bobSignedIn.AuthenticationResult!.AccessToken! })), 'NotAuthorized');
    const bobAgain = await admin.idp.send(
      new idp.InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: bob, PASSWORD: PASSWORD } }),
    );
    await admin.idp.send(new idp.RevokeTokenCommand({ ClientId, Token: bobAgain.AuthenticationResult!.RefreshToken! }));
    await failsWith(admin.idp.send(new idp.GetUserCommand({ AccessToken: bobAgain.AuthenticationResult!.AccessToken! })), 'NotAuthorized');
    await failsWith(admin.idp.send(new idp.DescribeUserPoolCommand({ UserPoolId: 'us-east-1_NOSUCHPOO' })), 'ResourceNotFound');
    await failsWith(admin.idp.send(new idp.CreateUserPoolCommand({ PoolName: 'no/slashes' })), 'InvalidParameter');

    // Roles and their policies.
    const roles = {} as Record<'guest' | 'member', string>;
    // Identity pool with guest access and the user pool as its provider.
    const provider = `cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`;
    const { IdentityPoolId } = await admin.identity.send(
      new identity.CreateIdentityPoolCommand({
        IdentityPoolName: 'BotPool',
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: provider, ClientId, ServerSideTokenCheck: false }],
      }),
    );
    for (const [kind, amr] of [
      ['guest', 'unauthenticated'],
      ['member', 'authenticated'],
    ] as const) {
      const { Role } = await admin.iam.send(
        new iam.CreateRoleCommand({
          RoleName: `BotPool_${kind}`,
          AssumeRolePolicyDocument: JSON.stringify(cognitoTrustPolicy(IdentityPoolId!, amr)),
          Description: `${kind} role`,
        }),
      );
      roles[kind] = Role!.Arn!;
      await admin.iam.send(new iam.AttachRolePolicyCommand({ RoleName: `BotPool_${kind}`, PolicyArn: LEX_RUN_BOTS_ONLY }));
    }
    await admin.iam.send(new iam.GetRoleCommand({ RoleName: 'BotPool_guest' }));
    await admin.iam.send(new iam.ListRolesCommand({}));
    await admin.iam.send(
      new iam.UpdateAssumeRolePolicyCommand({
        RoleName: 'BotPool_guest',
        PolicyDocument: JSON.stringify(cognitoTrustPolicy(IdentityPoolId!, 'unauthenticated')),
      }),
    );
    await admin.iam.send(new iam.ListAttachedRolePoliciesCommand({ RoleName: 'BotPool_guest' }));
    const notes = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::notes/private/${cognito-identity.amazonaws.com:sub}/*' }],
    });
    await admin.iam.send(new iam.PutRolePolicyCommand({ RoleName: 'BotPool_member', PolicyName: 'notes', PolicyDocument: notes }));
    await admin.iam.send(new iam.GetRolePolicyCommand({ RoleName: 'BotPool_member', PolicyName: 'notes' }));
    await admin.iam.send(new iam.ListRolePoliciesCommand({ RoleName: 'BotPool_member' }));
    await admin.iam.send(new iam.SimulatePrincipalPolicyCommand({ PolicySourceArn: roles.guest, ActionNames: ['lex:RecognizeText'] }));
    const { Policy } = await admin.iam.send(new iam.GetPolicyCommand({ PolicyArn: LEX_RUN_BOTS_ONLY }));
    await admin.iam.send(new iam.GetPolicyVersionCommand({ PolicyArn: LEX_RUN_BOTS_ONLY, VersionId: Policy!.DefaultVersionId }));
    await admin.iam.send(new iam.ListPoliciesCommand({ Scope: 'AWS', MaxItems: 5 }));
    await failsWith(admin.iam.send(new iam.GetRoleCommand({ RoleName: 'NoSuchRole' })), 'NoSuchEntity');
    await failsWith(
      admin.iam.send(
        new iam.CreateRoleCommand({
          RoleName: 'BotPool_guest',
          AssumeRolePolicyDocument: JSON.stringify(cognitoTrustPolicy(IdentityPoolId!, 'unauthenticated')),
        }),
      ),
      'EntityAlreadyExists',
    );
    await failsWith(
      admin.iam.send(new iam.PutRolePolicyCommand({ RoleName: 'BotPool_member', PolicyName: 'bad', PolicyDocument: '{"Version":"2012-10-17"' })),
      'MalformedPolicyDocument',
    );

    await admin.identity.send(
      new identity.SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { unauthenticated: roles.guest, authenticated: roles.member } }),
    );
    await admin.identity.send(new identity.GetIdentityPoolRolesCommand({ IdentityPoolId }));
    const described = await admin.identity.send(new identity.DescribeIdentityPoolCommand({ IdentityPoolId }));
    await admin.identity.send(new identity.UpdateIdentityPoolCommand({ ...described, $metadata: undefined } as identity.UpdateIdentityPoolCommandInput));
    await admin.identity.send(new identity.ListIdentityPoolsCommand({ MaxResults: 10 }));
    await failsWith(
      admin.identity.send(new identity.DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' })),
      'ResourceNotFound',
    );

    // A guest and a signed-in user, then the bot.
    const guestId = await admin.identity.send(new identity.GetIdCommand({ IdentityPoolId }));
    const guest = await admin.identity.send(new identity.GetCredentialsForIdentityCommand({ IdentityId: guestId.IdentityId }));
    const logins = { [provider]: signedIn.AuthenticationResult!.IdToken! };
    const memberId = await admin.identity.send(new identity.GetIdCommand({ IdentityPoolId, Logins: logins }));
    await admin.identity.send(new identity.GetCredentialsForIdentityCommand({ IdentityId: memberId.IdentityId, Logins: logins }));
    await admin.identity.send(new identity.GetOpenIdTokenCommand({ IdentityId: guestId.IdentityId }));
    await failsWith(
      admin.identity.send(new identity.GetCredentialsForIdentityCommand({ IdentityId: memberId.IdentityId, Logins: { [provider]: 'not.a.token' } })),
      'NotAuthorized',
    );
    const asGuest = clientsFor(endpoint, {
      credentials: {
        accessKeyId: guest.Credentials!.AccessKeyId!,
        secretAccessKey: guest.Credentials!.SecretKey!,
        sessionToken: guest.Credentials!.SessionToken,
      },
    });
    await asGuest.sts.send(new GetCallerIdentityCommand({}));
    await admin.sts.send(new GetCallerIdentityCommand({}));
    // What the guest role does not allow is refused in each service's protocol.
    await failsWith(asGuest.iam.send(new iam.GetRoleCommand({ RoleName: 'BotPool_guest' })), 'AccessDenied');
    await failsWith(asGuest.idp.send(new idp.DescribeUserPoolCommand({ UserPoolId })), 'AccessDenied');

    const bot = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };
    await admin.models.send(new lexModels.ListBotsCommand({}));
    await admin.models.send(new lexModels.DescribeBotCommand({ botId: bot.botId }));
    await admin.models.send(new lexModels.ListBotAliasesCommand({ botId: bot.botId }));
    await admin.models.send(new lexModels.DescribeBotAliasCommand({ botId: bot.botId, botAliasId: bot.botAliasId }));
    await admin.models.send(new lexModels.ListBotLocalesCommand({ botId: bot.botId, botVersion: 'DRAFT' }));
    const intents = await admin.models.send(new lexModels.ListIntentsCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US' }));
    const intentId = intents.intentSummaries!.find((i) => i.intentName === 'OrderCoffee')!.intentId!;
    await admin.models.send(new lexModels.ListSlotsCommand({ botId: bot.botId, botVersion: 'DRAFT', localeId: 'en_US', intentId }));
    await failsWith(admin.models.send(new lexModels.DescribeBotCommand({ botId: 'NOSUCHBOT0' })), 'ResourceNotFound');

    const sessionId = guestId.IdentityId!;
    await asGuest.runtime.send(new lexRuntime.RecognizeTextCommand({ ...bot, sessionId, text: 'can I get a large latte' }));
    // As the Lex web UI sends text: RecognizeUtterance, the turn in compressed headers.
    await asGuest.runtime.send(
      new lexRuntime.RecognizeUtteranceCommand({
        ...bot,
        sessionId,
        requestContentType: 'text/plain; charset=utf-8',
        responseContentType: 'text/plain; charset=utf-8',
        inputStream: 'two',
      }),
    );
    await asGuest.runtime.send(new lexRuntime.GetSessionCommand({ ...bot, sessionId }));
    await asGuest.runtime.send(
      new lexRuntime.PutSessionCommand({ ...bot, sessionId, sessionState: { sessionAttributes: { table: '4' }, dialogAction: { type: 'ElicitIntent' } } }),
    );
    await asGuest.runtime.send(new lexRuntime.DeleteSessionCommand({ ...bot, sessionId }));
    await failsWith(asGuest.runtime.send(new lexRuntime.GetSessionCommand({ ...bot, sessionId })), 'ResourceNotFound');
    await failsWith(asGuest.runtime.send(new lexRuntime.RecognizeTextCommand({ ...bot, botId: 'NOSUCHBOT0', sessionId, text: 'hi' })), 'ResourceNotFound');

    // Taking it down again.
    await admin.iam.send(new iam.DeleteRolePolicyCommand({ RoleName: 'BotPool_member', PolicyName: 'notes' }));
    // A customer managed policy, as CloudFormation's AWS::IAM::ManagedPolicy makes one.
    const { Policy: ownPolicy } = await admin.iam.send(
      new iam.CreatePolicyCommand({
        PolicyName: 'BotNotes',
        Description: 'notes',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lex:RecognizeText', Resource: '*' }] }),
      }),
    );
    await failsWith(admin.iam.send(new iam.CreatePolicyCommand({ PolicyName: 'BotNotes', PolicyDocument: '{}' })), 'MalformedPolicyDocument');
    await admin.iam.send(new iam.AttachRolePolicyCommand({ RoleName: 'BotPool_member', PolicyArn: ownPolicy!.Arn }));
    await admin.iam.send(new iam.GetPolicyCommand({ PolicyArn: ownPolicy!.Arn }));
    await admin.iam.send(new iam.GetPolicyVersionCommand({ PolicyArn: ownPolicy!.Arn, VersionId: 'v1' }));
    await admin.iam.send(new iam.ListPoliciesCommand({ Scope: 'Local' }));
    await failsWith(admin.iam.send(new iam.DeletePolicyCommand({ PolicyArn: ownPolicy!.Arn })), 'DeleteConflict');
    await admin.iam.send(new iam.DetachRolePolicyCommand({ RoleName: 'BotPool_member', PolicyArn: ownPolicy!.Arn }));
    await admin.iam.send(new iam.DeletePolicyCommand({ PolicyArn: ownPolicy!.Arn }));
    await failsWith(admin.iam.send(new iam.DeletePolicyCommand({ PolicyArn: ownPolicy!.Arn })), 'NoSuchEntity');
    for (const kind of ['guest', 'member']) {
      await admin.iam.send(new iam.DetachRolePolicyCommand({ RoleName: `BotPool_${kind}`, PolicyArn: LEX_RUN_BOTS_ONLY }));
      await admin.iam.send(new iam.DeleteRoleCommand({ RoleName: `BotPool_${kind}` }));
    }
    await admin.identity.send(new identity.DeleteIdentityPoolCommand({ IdentityPoolId }));
    await admin.idp.send(new idp.DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
    await admin.idp.send(new idp.DeleteUserPoolCommand({ UserPoolId }));
    await cloudFormation(admin.cloudFormation);
  }

  /** The same setup as a stack: each served CloudFormation operation, with its errors. */
  async function cloudFormation(client: cfn.CloudFormationClient): Promise<void> {
    const TemplateBody = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'cloudformation', 'bot-web-access.yaml'), 'utf8');
    const Capabilities = [cfn.Capability.CAPABILITY_NAMED_IAM];
    await client.send(new cfn.ValidateTemplateCommand({ TemplateBody }));
    await client.send(new cfn.GetTemplateSummaryCommand({ TemplateBody }));
    await failsWith(client.send(new cfn.ValidateTemplateCommand({ TemplateBody: 'Resources: {}' })), 'ValidationError');
    await client.send(
      new cfn.CreateStackCommand({ StackName: 'web', TemplateBody, Capabilities, Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }] }),
    );
    await failsWith(client.send(new cfn.CreateStackCommand({ StackName: 'web', TemplateBody, Capabilities })), 'AlreadyExistsException');
    await failsWith(client.send(new cfn.CreateStackCommand({ StackName: 'other', TemplateBody })), 'InsufficientCapabilitiesException');
    await client.send(new cfn.DescribeStacksCommand({}));
    await client.send(new cfn.DescribeStacksCommand({ StackName: 'web' }));
    await failsWith(client.send(new cfn.DescribeStacksCommand({ StackName: 'nosuch' })), 'ValidationError');
    await client.send(new cfn.DescribeStackEventsCommand({ StackName: 'web' }));
    await client.send(new cfn.DescribeStackResourcesCommand({ StackName: 'web' }));
    await client.send(new cfn.DescribeStackResourceCommand({ StackName: 'web', LogicalResourceId: 'GuestRole' }));
    await client.send(new cfn.GetTemplateCommand({ StackName: 'web' }));
    await client.send(new cfn.GetTemplateSummaryCommand({ StackName: 'web' }));
    // The change sets `aws cloudformation deploy` makes: one with no changes, then a new stack.
    await client.send(
      new cfn.CreateChangeSetCommand({
        StackName: 'web',
        ChangeSetName: 'same',
        ChangeSetType: 'UPDATE',
        TemplateBody,
        Capabilities,
        Parameters: [{ ParameterKey: 'Stage', UsePreviousValue: true }],
      }),
    );
    await client.send(new cfn.DescribeChangeSetCommand({ StackName: 'web', ChangeSetName: 'same' }));
    await failsWith(client.send(new cfn.ExecuteChangeSetCommand({ StackName: 'web', ChangeSetName: 'same' })), 'InvalidChangeSetStatus');
    await client.send(new cfn.DeleteChangeSetCommand({ StackName: 'web', ChangeSetName: 'same' }));
    await failsWith(client.send(new cfn.DescribeChangeSetCommand({ StackName: 'web', ChangeSetName: 'same' })), 'ChangeSetNotFound');
    const { Id } = await client.send(
      new cfn.CreateChangeSetCommand({
        StackName: 'fresh',
        ChangeSetName: 'first',
        ChangeSetType: 'CREATE',
        TemplateBody,
        Capabilities,
        Parameters: [{ ParameterKey: 'PoolName', ParameterValue: 'Fresh' }],
      }),
    );
    await client.send(new cfn.ListChangeSetsCommand({ StackName: 'fresh' }));
    await client.send(new cfn.DescribeChangeSetCommand({ ChangeSetName: Id }));
    await client.send(new cfn.ExecuteChangeSetCommand({ ChangeSetName: Id }));
    await client.send(new cfn.ListStacksCommand({}));
    await client.send(new cfn.DeleteStackCommand({ StackName: 'fresh' }));
    await client.send(new cfn.DeleteStackCommand({ StackName: 'web' }));
    await client.send(new cfn.ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
  }

  // One line per kind of problem: the same missing member of every list item is said once.
  const problemsOf = (service: SandboxService) =>
    verdicts
      .filter((v) => v.service === service && v.problems.length > 0)
      .map((v) => `${v.operation}${v.error ? ` (${v.error})` : ''}: ${[...new Set(v.problems.map((p) => p.replace(/\[\d+\]/g, '[*]')))].join('; ')}`);

  for (const service of Object.keys(SANDBOX_SERVICES) as SandboxService[]) {
    it(`answers every ${service} call as the model says AWS does (members, types, documented errors, protocol)`, () => {
      assert.ok(
        verdicts.some((v) => v.service === service),
        `no ${service} call was judged`,
      );
      assert.deepEqual([...new Set(problemsOf(service))], []);
    });
  }

  it("describes a new pool's standard attributes as AWS's own example does (type, mutability, constraints), sub first", () => {
    const example = awscliExampleMember('cognito-idp', 'describe-user-pool', 'SchemaAttributes') as Array<Record<string, unknown>>;
    const ours = new Map((created?.UserPool?.SchemaAttributes ?? []).map((a) => [a.Name, a]));
    assert.equal(created?.UserPool?.SchemaAttributes?.[0]?.Name, 'sub');
    // The example's pool also federates (`identities`) and has custom attributes: the standard ones are compared.
    const standard = example.filter((a) => a.Name !== 'identities' && !String(a.Name).includes(':'));
    assert.ok(standard.length >= 20, 'the example lists the standard attributes');
    for (const { Required: _required, ...attribute } of standard) {
      const { Required: _ours, ...mine } = ours.get(attribute.Name as string) ?? {};
      assert.deepEqual(mine, attribute, `attribute ${String(attribute.Name)}`);
    }
    assert.deepEqual(
      [...ours.values()].filter((a) => a.Required).map((a) => a.Name),
      ['sub', 'name', 'email'],
      'required: sub, and what the pool asked for',
    );
  });

  it('refuses an empty request to each operation it serves with an error that operation documents, in its protocol', () => {
    const problems = coverage.flatMap(({ probes }) =>
      probes.map(judge).flatMap((verdict) => (verdict?.problems ?? ['not recognised as an operation']).map((p) => `${verdict?.operation}: ${p}`)),
    );
    assert.ok(coverage.every(({ probes, served }) => probes.length === served.length));
    assert.deepEqual(problems, []);
  });

  it('calls every operation the sandbox serves with a valid request, and it succeeds', () => {
    assert.equal(unjudged, 0, 'every request the clients sent is an operation of a model');
    const uncalled = coverage.flatMap(({ service, served }) => served.filter((op) => !called.get(service)?.has(op)).map((op) => `${service}:${op}`));
    assert.deepEqual(uncalled, [], 'served but never called successfully by this suite: add a call to walk()');
    assert.ok(coverage.every(({ served }) => served.length > 0));
  });

  it("writes the README's coverage table from the same models and the same sandbox", () => {
    const readme = fs.readFileSync(README, 'utf8');
    assert.equal(readmeTable(readme), renderCoverage(coverage), 'README.md is out of date: run `npm run sandbox:coverage`');
  });

  it('returns, anywhere in the sandbox, only error codes some operation of that service documents', () => {
    const files: Record<string, SandboxService[]> = {
      ...Object.fromEntries(fs.readdirSync(path.join(REPO, 'src', 'sandbox', 'services', 'cognitoIdp')).map((file) => [`cognitoIdp/${file}`, ['cognito-idp']])),
      'cognitoIdentity.ts': ['cognito-identity'],
      'iam.ts': ['iam'],
      'sts.ts': ['sts'],
      'lexModels.ts': ['lexv2-models'],
      'lexRuntime.ts': ['lexv2-runtime'],
      ...Object.fromEntries(
        fs.readdirSync(path.join(REPO, 'src', 'sandbox', 'services', 'cloudformation')).map((file) => [`cloudformation/${file}`, ['cloudformation']]),
      ),
    };
    const unknown: string[] = [];
    for (const [file, services] of Object.entries(files)) {
      const source = fs.readFileSync(path.join(REPO, 'src', 'sandbox', 'services', file), 'utf8');
      for (const [, code] of source.matchAll(/ServiceError\(\s*'(\w+)'/g)) {
        const known = services.some((service) => {
          const model = loadModel(service);
          return UNLISTED_ERRORS[service]?.includes(code) || Object.keys(model.operations).some((op) => documentedErrors(model, op).has(code));
        });
        const common = services.some((service) => COMMON_ERRORS[loadModel(service).metadata.protocol].has(code));
        if (!known && !common) unknown.push(`${file}: ${code}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});
