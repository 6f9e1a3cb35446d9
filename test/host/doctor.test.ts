import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import * as vscode from 'vscode';
import type { DiagnoseResult, Finding } from '../../src/doctor/findings';
import { sandboxBotId } from '../../src/sandbox/bots';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, commandError, run } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

interface Chain {
  identityPoolId: string;
  authRoleArn: string;
  unauthRoleArn: string;
}

const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const codes = (result: DiagnoseResult, severities = ['error', 'warning']) =>
  result.findings
    .filter((f) => severities.includes(f.severity))
    .map((f) => f.code)
    .sort();

describe('cognitoBot.diagnose, the setup doctor, against the sandbox (extension host)', function () {
  this.timeout(120_000);
  let stateDir: string;
  let endpoint: string;
  let count = 0;

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-doctor-'));
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir }));
  });
  after(async () => {
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const iam = () => new IAMClient(sandboxClientConfig(endpoint));

  /** A working guest chain, as Set Up Bot Web Access makes it (least privilege on the alias). */
  async function workingChain(): Promise<Chain> {
    return run<Chain>('setUpBotWebAccess', { name: `Doctor${++count}`, ...BOT });
  }

  /** What a guest on the web page does: GetId, GetCredentialsForIdentity, then RecognizeText. */
  async function guestTalks(identityPoolId: string): Promise<string> {
    const identity = new CognitoIdentityClient(sandboxClientConfig(endpoint));
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const lex = new LexRuntimeV2Client(
      sandboxClientConfig(endpoint, {
        credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
      }),
    );
    const answer = await lex.send(new RecognizeTextCommand({ ...BOT, sessionId: IdentityId!, text: 'when are you open?' }));
    return answer.messages?.[0]?.content ?? '';
  }

  /** Runs the check; exactly `code` is found (among errors and warnings); returns its finding. */
  async function expectOnly(args: Record<string, unknown>, code: string): Promise<Finding> {
    const result = await run<DiagnoseResult>('diagnose', args);
    assert.deepEqual(codes(result), [code], JSON.stringify(result.findings, null, 2));
    return result.findings.find((f) => f.code === code)!;
  }

  /** Applies the finding's fix as the view does (its command with its args), checks again: gone; a guest talks to the bot. Returns what the fix said it did. */
  async function fixThenGuestTalks(finding: Finding, args: Record<string, unknown>): Promise<string> {
    assert.ok(finding.fix, `${finding.code} has a fix`);
    const { done } = await vscode.commands.executeCommand<{ done: string }>(finding.fix.command, finding.fix.args);
    const again = await run<DiagnoseResult>('diagnose', args);
    assert.deepEqual(codes(again), [], JSON.stringify(again.findings, null, 2));
    assert.equal(again.ok, true);
    assert.match(await guestTalks(String(args.identityPoolId)), /open/i);
    return done;
  }

  it('finds nothing wrong with a working chain, and shows each link checked in the Setup Check view', async () => {
    const chain = await workingChain();
    const result = await run<DiagnoseResult>('diagnose', { identityPoolId: chain.identityPoolId, ...BOT });
    assert.equal(result.ok, true);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.links.map((l) => [l.link, l.status]),
      [
        ['regions', 'ok'],
        ['identityPool', 'ok'],
        ['userPool', 'skipped'],
        ['guestRole', 'ok'],
        ['signedInRole', 'skipped'],
        ['bot', 'ok'],
      ],
    );
    assert.match(result.links[1].label, new RegExp(`Doctor${count}`), 'the pool is named, not only its id');
    assert.equal(result.links[5].label, `Bot alias CoffeeShop / TestBotAlias (${BOT.botId}/${BOT.botAliasId}, en_US), us-east-1`, 'and the bot');
    assert.match(await guestTalks(chain.identityPoolId), /open/i);
  });

  it('guest-access-off: finds it, and turning guest access on lets a guest talk again', async () => {
    const chain = await workingChain();
    await run('setGuestAccess', { identityPoolId: chain.identityPoolId, allowUnauthenticated: false });
    await assert.rejects(guestTalks(chain.identityPoolId), /Unauthenticated access is not supported/);
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'guest-access-off');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.title, `Guest access is off for Doctor${count} (${chain.identityPoolId.slice(0, 18)}…)`);
    assert.match(finding.evidence ?? '', /AllowUnauthenticatedIdentities: false/);
    assert.equal(await fixThenGuestTalks(finding, args), `Guest access is on for Doctor${count} (${chain.identityPoolId}).`);
  });

  it('role-not-set: finds a pool without a guest role, and the fix creates one bound to the pool, for this alias only', async () => {
    const chain = await workingChain();
    const identity = new CognitoIdentityClient(sandboxClientConfig(endpoint));
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: chain.identityPoolId, Roles: { authenticated: chain.authRoleArn } }));
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'role-not-set');
    assert.equal(finding.fix?.args.repair, 'setPoolRole');
    await fixThenGuestTalks(finding, args);
  });

  it('trust-not-bound: finds a guest role whose trust names another pool, says which, and rebinds it', async () => {
    const chain = await workingChain();
    const other = 'us-east-1:11111111-2222-3333-4444-555555555555';
    await iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName(chain.unauthRoleArn),
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'cognito-identity.amazonaws.com:aud': other },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
              },
            },
          ],
        }),
      }),
    );
    await assert.rejects(guestTalks(chain.identityPoolId));
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'trust-not-bound');
    assert.match(finding.detail, new RegExp(`names ${other}`));
    await fixThenGuestTalks(finding, args);
  });

  it('trust-too-open: finds a trust policy with no aud condition and binds it to the pool', async () => {
    const chain = await workingChain();
    await iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName(chain.unauthRoleArn),
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        }),
      }),
    );
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'trust-too-open');
    assert.equal(finding.severity, 'warning');
    await fixThenGuestTalks(finding, args);
  });

  it('bot-denied: finds a guest role with no Lex permission, with the evaluator’s decision, and allows this alias only', async () => {
    const chain = await workingChain();
    const role = roleName(chain.unauthRoleArn);
    await iam().send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: `LexRunBot-${BOT.botId}-${BOT.botAliasId}` }));
    await assert.rejects(guestTalks(chain.identityPoolId), /not authorized to perform: lex:RecognizeText/);
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'bot-denied');
    assert.match(finding.evidence ?? '', /lex:RecognizeText on arn:aws:lex:us-east-1:\d{12}:bot-alias\/QZDHGFY6D5\/TSTALIASID: ImplicitlyDenied/);
    assert.deepEqual(finding.fix?.args, {
      repair: 'attachPolicy',
      roleName: role,
      template: 'lexBotAlias',
      params: { botId: BOT.botId, botAliasId: BOT.botAliasId, region: 'us-east-1' },
    });
    await fixThenGuestTalks(finding, args);
  });

  it('policy-on-other-alias: finds a policy scoped to another alias of the bot (#676)', async () => {
    const chain = await workingChain();
    const role = roleName(chain.unauthRoleArn);
    const otherAlias = 'OLDALIAS01';
    await iam().send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: `LexRunBot-${BOT.botId}-${BOT.botAliasId}` }));
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: 'LexOldAlias',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['lex:RecognizeText'], Resource: `arn:aws:lex:us-east-1:000000000000:bot-alias/${BOT.botId}/${otherAlias}` }],
        }),
      }),
    );
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'policy-on-other-alias');
    assert.match(finding.evidence ?? '', new RegExp(otherAlias));
    await fixThenGuestTalks(finding, args);
  });

  it('runtime-actions-missing: RecognizeText alone is a warning naming what the Lex web UI also calls', async () => {
    const chain = await workingChain();
    const role = roleName(chain.unauthRoleArn);
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: `LexRunBot-${BOT.botId}-${BOT.botAliasId}`,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'lex:RecognizeText', Resource: `arn:aws:lex:us-east-1:000000000000:bot-alias/${BOT.botId}/${BOT.botAliasId}` },
          ],
        }),
      }),
    );
    const args = { identityPoolId: chain.identityPoolId, ...BOT };
    const finding = await expectOnly(args, 'runtime-actions-missing');
    assert.match(finding.title, /lex:RecognizeUtterance, lex:PutSession, lex:DeleteSession/);
    await fixThenGuestTalks(finding, args);
  });

  it('guest-role-too-broad: finds a guest role that may do lex:* (no fix takes away what the user wrote)', async () => {
    const chain = await workingChain();
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: roleName(chain.unauthRoleArn),
        PolicyName: 'Everything',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lex:*', Resource: '*' }] }),
      }),
    );
    const finding = await expectOnly({ identityPoolId: chain.identityPoolId, ...BOT }, 'guest-role-too-broad');
    assert.match(finding.detail, /every Lex action/);
    assert.equal(finding.fix, undefined);
  });

  it('bot-alias-not-found and locale-not-on-alias: wrong alias, wrong locale', async () => {
    const chain = await workingChain();
    const alias = await expectOnly({ identityPoolId: chain.identityPoolId, ...BOT, botAliasId: 'NOSUCHALIA' }, 'bot-alias-not-found');
    assert.match(alias.detail, new RegExp(`^Bot CoffeeShop \\(${BOT.botId}\\) has no alias NOSUCHALIA`));
    const locale = await expectOnly({ identityPoolId: chain.identityPoolId, ...BOT, localeId: 'fr_FR' }, 'locale-not-on-alias');
    assert.match(locale.evidence ?? '', /en_US/);
  });

  it('identity-pool-not-found: a user pool id where the identity pool id belongs (#719), and an unknown pool', async () => {
    const users = await run<{ userPoolId: string }>('createUserPool', { name: `DoctorUsers${++count}` });
    const wrongKind = await expectOnly({ identityPoolId: users.userPoolId, ...BOT }, 'identity-pool-not-found');
    assert.match(wrongKind.detail, /is a user pool id/);
    const unknown = await expectOnly({ identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', ...BOT }, 'identity-pool-not-found');
    assert.match(unknown.detail, /There is no identity pool/);
  });

  it('region-mismatch: the page configured with another Cognito region than the pool’s', async () => {
    const chain = await workingChain();
    // Lex stays in us-east-1 (where the role's policy allows the alias): only Cognito's region is wrong.
    const args = { identityPoolId: chain.identityPoolId, ...BOT, region: 'eu-west-1', lexRegion: 'us-east-1' };
    const finding = await expectOnly(args, 'region-mismatch');
    assert.match(finding.title, /identity pool is in us-east-1, the page's Cognito region is eu-west-1/);
    const result = await run<DiagnoseResult>('diagnose', args);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'info').map((f) => f.title),
      ['Lex is in us-east-1, Cognito in eu-west-1'],
      'Cognito and Lex may differ: the check says which is which',
    );
  });

  it('polly-denied: with voice on, finds the missing polly:SynthesizeSpeech and allows it alone', async () => {
    const chain = await workingChain();
    const args = { identityPoolId: chain.identityPoolId, ...BOT, voice: true };
    const finding = await expectOnly(args, 'polly-denied');
    assert.deepEqual(finding.fix?.args, { repair: 'attachPolicy', roleName: roleName(chain.unauthRoleArn), template: 'pollySpeech', params: {} });
    await fixThenGuestTalks(finding, args);
  });

  describe('signed-in users: the user pool and its app client', () => {
    async function userPoolWithClient(options: { secret?: boolean; flows?: string[] }) {
      const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: `DoctorSignIn${++count}` });
      const idp = new CognitoIdentityProviderClient(sandboxClientConfig(endpoint));
      const { UserPoolClient } = await idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: users.userPoolId,
          ClientName: 'web',
          GenerateSecret: options.secret,
          ExplicitAuthFlows: options.flows as never,
        }),
      );
      return { userPoolId: users.userPoolId, clientId: UserPoolClient!.ClientId! };
    }

    it('provider-not-linked: the identity pool does not list the user pool, and the fix adds it', async () => {
      const chain = await workingChain();
      const users = await userPoolWithClient({});
      const args = { identityPoolId: chain.identityPoolId, ...BOT, ...users };
      const finding = await expectOnly(args, 'provider-not-linked');
      assert.equal(finding.fix?.args.repair, 'linkUserPool');
      await fixThenGuestTalks(finding, args);
    });

    it('client-flows-missing: an app client without SRP, and the fix allows it keeping the rest', async () => {
      const chain = await workingChain();
      const users = await userPoolWithClient({ flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await run('linkUserPool', { identityPoolId: chain.identityPoolId, ...users });
      const args = { identityPoolId: chain.identityPoolId, ...BOT, ...users };
      const finding = await expectOnly(args, 'client-flows-missing');
      assert.deepEqual(finding.fix?.args.flows, ['ALLOW_USER_SRP_AUTH']);
      await fixThenGuestTalks(finding, args);
    });

    it('client-has-secret: a web page cannot keep a client secret (no fix: a new public client is the user’s choice)', async () => {
      const chain = await workingChain();
      const users = await userPoolWithClient({ secret: true });
      await run('linkUserPool', { identityPoolId: chain.identityPoolId, ...users });
      const finding = await expectOnly({ identityPoolId: chain.identityPoolId, ...BOT, ...users }, 'client-has-secret');
      assert.equal(finding.fix, undefined);
    });
  });

  it('from the Setup Check view: each link, its findings, and a fix item that runs the fix and checks again', async () => {
    const chain = await workingChain();
    await run('setGuestAccess', { identityPoolId: chain.identityPoolId, allowUnauthenticated: false });
    await run('diagnose', { identityPoolId: chain.identityPoolId, ...BOT });
    await vscode.commands.executeCommand('cognitoBot.setupCheck.focus');
    const rows = (await activeExtension()).exports.setupCheckRows();
    assert.deepEqual(
      rows.map((row) => [row.icon, row.description ?? '']),
      [
        ['pass', 'checked'],
        ['error', ''],
        ['circle-slash', 'not checked'],
        ['pass', 'checked'],
        ['circle-slash', 'not checked'],
        ['pass', 'checked'],
      ],
    );
    assert.deepEqual(rows[1].children, [
      { label: `Guest access is off for Doctor${count} (${chain.identityPoolId.slice(0, 18)}…)`, description: 'guest-access-off', fixable: true },
    ]);
    const again = await run<DiagnoseResult>('recheckSetup', undefined);
    assert.deepEqual(codes(again), ['guest-access-off'], 'Check Again runs the last check on the same ids');
  });

  it('says what it needs for bad args, and asks nothing with them', async () => {
    assert.match((await commandError('cognitoBot.diagnose', {})).message, /Give "identityPoolId"/);
    assert.match((await commandError('cognitoBot.diagnose', { identityPoolId: 'x', botId: BOT.botId })).message, /both "botId" and "botAliasId"/);
    assert.match((await commandError('cognitoBot.diagnose', { identityPoolId: 'x', region: 'mars' })).message, /Region name/);
    assert.match((await commandError('cognitoBot.diagnose', { identityPoolId: 'x', bogus: 1 })).message, /Unknown argument "bogus"/);
    assert.match((await commandError('cognitoBot.repairSetup', { repair: 'rm -rf' })).message, /Give "repair", one of/);
  });
});
