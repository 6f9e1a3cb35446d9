import * as assert from 'node:assert/strict';
import { botAliasArn, lexRunBotsOnlyArn, roleArn } from '../../../src/aws/arns';
import { InvalidArgumentsError } from '../../../src/aws/errors';
import { checkSetup } from '../../../src/doctor/check';
import type { ChainLink, CheckedLink, DiagnoseResult, Finding, FindingCode } from '../../../src/doctor/findings';
import { parseDiagnoseInput } from '../../../src/doctor/input';
import type { AppClientRead, BotAliasRead, IdentityPoolRead, PolicyRead, Read, RoleRead, SetupSnapshot } from '../../../src/doctor/snapshot';
import type { PolicyDocument } from '../../../src/policies/document';
import { findManagedPolicy } from '../../../src/policies/managed';
import { renderTemplate } from '../../../src/policies/templates';
import { type CognitoAuthType, cognitoTrustPolicy, judgeTrust } from '../../../src/policies/trust';
import { parseRepairArgs, reboundTrustPolicy } from '../../../src/provisioning/repairs';

// The doctor's checks on snapshots shaped as gather reads them from AWS: a healthy chain, then
// one change per finding code, each asserting the exact findings, their evidence and their fix.

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const POOL_ID = 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60';
const OTHER_POOL_ID = 'us-east-1:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const BOT_ID = 'BOTID12345';
const ALIAS_ID = 'ALIAS12345';
const OTHER_ALIAS_ID = 'ALIAS67890';
const USER_POOL_ID = 'us-east-1_AbCdEf123';
const CLIENT_ID = '1example23456789abcdefghij';
const OTHER_CLIENT_ID = '9other0123456789abcdefghij';
const GUEST_ROLE = 'Cognito_BotPoolUnauth_Role';
const SIGNED_IN_ROLE = 'Cognito_BotPoolAuth_Role';
const ALIAS_ARN = botAliasArn(REGION, ACCOUNT, BOT_ID, ALIAS_ID);
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

type Input = SetupSnapshot['input'];

// ---- what gather reads, AWS-shaped ----

const found = <T>(value: T): Read<T> => ({ state: 'found', value });
const denied = (action: string): Read<never> => ({
  state: 'unreadable',
  action,
  message: `User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
});

function statements(...statement: PolicyDocument['Statement']): PolicyDocument {
  return { Version: '2012-10-17', Statement: statement };
}

function inlinePolicy(name: string, document: PolicyDocument): PolicyRead {
  return { name, document: found(JSON.stringify(document)) };
}

/** The inline policy Set Up Bot Web Access puts on a role: the lexBotAlias template, as rendered for the connection. */
function lexAliasPolicy(aliasId = ALIAS_ID, region = REGION): PolicyRead {
  const rendered = renderTemplate('lexBotAlias', { botId: BOT_ID, botAliasId: aliasId, region }, { account: ACCOUNT, region: REGION });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.errors));
  return inlinePolicy(rendered.policyName, rendered.document);
}

/** An AWS managed policy as ListAttachedRolePolicies names it, with its document. */
function managedPolicy(arn: string, document?: PolicyDocument): PolicyRead {
  const known = findManagedPolicy(arn);
  return { name: arn.slice(arn.lastIndexOf('/') + 1), arn, document: found(JSON.stringify(document ?? known!.document)) };
}

/** A role of the pool with the trust policy the Cognito console writes. */
function poolRole(kind: CognitoAuthType, changes: Partial<RoleRead> = {}): RoleRead {
  const name = kind === 'authenticated' ? SIGNED_IN_ROLE : GUEST_ROLE;
  return {
    arn: roleArn(REGION, ACCOUNT, name),
    name,
    trustPolicy: found(JSON.stringify(cognitoTrustPolicy(POOL_ID, kind))),
    managed: found([]),
    inline: found([lexAliasPolicy()]),
    ...changes,
  };
}

const healthyAlias: BotAliasRead = {
  name: 'prod',
  botVersion: '3',
  locales: { en_US: true },
  versionLocales: found([{ localeId: 'en_US', status: 'Built' }]),
};

/** A guest chain that works: a page with no sign-in, guests allowed, the guest role on this alias only. */
function guestChain(): SetupSnapshot {
  return {
    input: { identityPoolId: POOL_ID, botId: BOT_ID, botAliasId: ALIAS_ID, localeId: 'en_US', region: REGION, lexRegion: REGION, mode: 'guest' },
    account: ACCOUNT,
    connectionRegion: REGION,
    identityPool: found({
      name: 'BotPool',
      allowUnauthenticated: true,
      providers: [],
      roles: { authenticated: roleArn(REGION, ACCOUNT, SIGNED_IN_ROLE), unauthenticated: roleArn(REGION, ACCOUNT, GUEST_ROLE) },
    }),
    roles: { authenticated: poolRole('authenticated'), unauthenticated: poolRole('unauthenticated') },
    bot: found({ name: 'CoffeeShop' }),
    botAlias: found(healthyAlias),
  };
}

const healthyClient: AppClientRead = { name: 'chatapp', hasSecret: false, authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };

/** The same chain with sign-in: the user pool linked with the page's app client, guests still allowed. */
function signedInChain(): SetupSnapshot {
  const chain = guestChain();
  return withPool(
    {
      ...chain,
      input: { ...chain.input, userPoolId: USER_POOL_ID, clientId: CLIENT_ID, mode: 'both' },
      appClient: found(healthyClient),
    },
    { providers: [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`, clientId: CLIENT_ID }] },
  );
}

// ---- one change at a time ----

function withInput(snapshot: SetupSnapshot, changes: Partial<Input>): SetupSnapshot {
  return { ...snapshot, input: { ...snapshot.input, ...changes } };
}

function withPool(snapshot: SetupSnapshot, changes: Partial<IdentityPoolRead>): SetupSnapshot {
  assert.equal(snapshot.identityPool.state, 'found');
  const pool = (snapshot.identityPool as { value: IdentityPoolRead }).value;
  return { ...snapshot, identityPool: found({ ...pool, ...changes }) };
}

function withGuestRole(snapshot: SetupSnapshot, changes: Partial<RoleRead>): SetupSnapshot {
  return { ...snapshot, roles: { ...snapshot.roles, unauthenticated: { ...snapshot.roles.unauthenticated!, ...changes } } };
}

function withGuestTrust(snapshot: SetupSnapshot, trust: PolicyDocument): SetupSnapshot {
  return withGuestRole(snapshot, { trustPolicy: found(JSON.stringify(trust)) });
}

function withAlias(snapshot: SetupSnapshot, changes: Partial<BotAliasRead>): SetupSnapshot {
  return { ...snapshot, botAlias: found({ ...healthyAlias, ...changes }) };
}

// ---- assertions ----

function codes(result: DiagnoseResult): FindingCode[] {
  return result.findings.map((f) => f.code).sort();
}

function statusOf(result: DiagnoseResult): Record<ChainLink, CheckedLink['status']> {
  return Object.fromEntries(result.links.map((l) => [l.link, l.status])) as Record<ChainLink, CheckedLink['status']>;
}

/** Checks the snapshot, asserts it gives exactly this one finding, and returns it. */
function onlyFinding(snapshot: SetupSnapshot, code: FindingCode): { finding: Finding; result: DiagnoseResult } {
  const result = checkSetup(snapshot);
  assert.deepEqual(codes(result), [code], JSON.stringify(result.findings, null, 2));
  return { finding: result.findings[0], result };
}

/** A fix through cognitoBot.repairSetup, with args its parser takes (and reads as `parsed`). */
function assertRepairFix(finding: Finding, args: Record<string, unknown>, parsed: Record<string, unknown> = args): void {
  assert.ok(finding.fix, `${finding.code} has a fix`);
  assert.equal(finding.fix.command, 'cognitoBot.repairSetup');
  assert.deepEqual(finding.fix.args, args);
  assert.deepEqual(parseRepairArgs({ ...finding.fix.args }), parsed, 'repairSetup takes the fix args');
}

/** The attach fix for this alias only: the lexBotAlias template with this bot, alias and Lex region. */
function assertLexAliasFix(finding: Finding, roleName: string, region = REGION): void {
  assert.ok(finding.fix, `${finding.code} has a fix`);
  assert.equal(finding.fix.command, 'cognitoBot.repairSetup');
  assert.deepEqual(finding.fix.args, { repair: 'attachPolicy', roleName, template: 'lexBotAlias', params: { botId: BOT_ID, botAliasId: ALIAS_ID, region } });
  assert.deepEqual(parseRepairArgs({ ...finding.fix.args }), { ...finding.fix.args }, 'repairSetup takes the fix args');
  assert.ok(
    finding.fix.change.includes(`"Resource": "${botAliasArn(region, ACCOUNT, BOT_ID, ALIAS_ID)}"`),
    `the dialog shows the policy it writes: ${finding.fix.change}`,
  );
  const params = finding.fix.args.params as Record<string, string>;
  const rendered = renderTemplate('lexBotAlias', params, { account: ACCOUNT, region: REGION });
  assert.ok(rendered.ok);
  assert.equal(
    (rendered.document.Statement[0] as { Resource: string }).Resource,
    botAliasArn(region, ACCOUNT, BOT_ID, ALIAS_ID),
    'the fix allows this alias and no other',
  );
}

describe('doctor/check', () => {
  describe('a healthy chain', () => {
    it('a guest chain (lexBotAlias inline policy, console trust policies) is ok with no findings; no user pool is skipped', () => {
      const result = checkSetup(guestChain());
      assert.equal(result.ok, true);
      assert.deepEqual(result.findings, []);
      assert.deepEqual(statusOf(result), { regions: 'ok', identityPool: 'ok', userPool: 'skipped', guestRole: 'ok', signedInRole: 'skipped', bot: 'ok' });
      assert.equal(result.links.find((l) => l.link === 'identityPool')!.label, `Identity pool BotPool (${POOL_ID.slice(0, 18)}…)`);
      assert.equal(result.links.find((l) => l.link === 'guestRole')!.label, `Guest role ${GUEST_ROLE}`);
      assert.equal(result.links.find((l) => l.link === 'bot')!.label, `Bot alias CoffeeShop / prod (${BOT_ID}/${ALIAS_ID}, en_US), us-east-1`);
      assert.deepEqual(result.input, guestChain().input);
    });

    it('names the bot and its alias only as far as they were read; the ids stay beside the names', () => {
      const botUnread = checkSetup({ ...guestChain(), bot: denied('lex:DescribeBot') });
      assert.deepEqual(botUnread.findings, [], 'a name the connection may not read is no finding');
      assert.equal(botUnread.links.find((l) => l.link === 'bot')!.label, `Bot alias prod (${BOT_ID}/${ALIAS_ID}, en_US), us-east-1`);
      const { finding } = onlyFinding({ ...guestChain(), bot: undefined, botAlias: denied('lex:DescribeBotAlias') }, 'could-not-check');
      assert.equal(finding.title, `Could not check bot alias ${BOT_ID}/${ALIAS_ID}`);
      const named = onlyFinding(withGuestRole(guestChain(), { inline: found([]) }), 'bot-denied').finding;
      assert.equal(named.title, `Guests may not talk to bot CoffeeShop / prod (${BOT_ID}/${ALIAS_ID}, en_US)`);
    });

    it('a guest chain whose roles hold AmazonLexRunBotsOnly (the managed document) is ok', () => {
      const role = (kind: CognitoAuthType) => poolRole(kind, { managed: found([managedPolicy(lexRunBotsOnlyArn())]), inline: found([]) });
      const chain = guestChain();
      const result = checkSetup({ ...chain, roles: { authenticated: role('authenticated'), unauthenticated: role('unauthenticated') } });
      assert.equal(result.ok, true);
      assert.deepEqual(result.findings, []);
    });

    it('a chain with sign-in checks every link, each ok', () => {
      const result = checkSetup(signedInChain());
      assert.equal(result.ok, true);
      assert.deepEqual(result.findings, []);
      assert.deepEqual(statusOf(result), { regions: 'ok', identityPool: 'ok', userPool: 'ok', guestRole: 'ok', signedInRole: 'ok', bot: 'ok' });
      assert.equal(result.links.find((l) => l.link === 'userPool')!.label, `App client chatapp of user pool ${USER_POOL_ID}`);
    });

    it('with no bot given, the bot link is skipped and no role is asked about Lex', () => {
      const chain = withInput(guestChain(), { botId: undefined, botAliasId: undefined, localeId: undefined });
      const result = checkSetup({ ...withGuestRole(chain, { inline: found([]) }), botAlias: undefined });
      assert.deepEqual(result.findings, []);
      assert.equal(statusOf(result).bot, 'skipped');
    });

    it('voice on with pollySpeech on the guest role is ok', () => {
      const polly = renderTemplate('pollySpeech', {}, { account: ACCOUNT, region: REGION });
      assert.ok(polly.ok);
      const chain = withGuestRole(withInput(guestChain(), { voice: true }), {
        inline: found([lexAliasPolicy(), inlinePolicy(polly.policyName, polly.document)]),
      });
      assert.deepEqual(checkSetup(chain).findings, []);
    });
  });

  describe('the identity pool', () => {
    it('identity-pool-not-found: DescribeIdentityPool finds nothing; it says where it looked', () => {
      const message = `IdentityPool '${POOL_ID}' not found.`;
      const chain: SetupSnapshot = { ...guestChain(), identityPool: { state: 'missing', message }, roles: {}, connectionRegion: 'eu-west-1' };
      const { finding, result } = onlyFinding(chain, 'identity-pool-not-found');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.resource, POOL_ID);
      assert.equal(finding.evidence, message);
      assert.match(finding.detail, /no identity pool .* in us-east-1 on this connection \(the connection's region is eu-west-1\)/);
      assert.equal(finding.fix, undefined);
      assert.equal(result.ok, false);
      assert.equal(statusOf(result).guestRole, 'skipped', 'no pool, no roles to check');
    });

    it('identity-pool-not-found: a user pool id given where the identity pool id belongs (#719) says which id it is', () => {
      // gather does not call DescribeIdentityPool for an id of the wrong kind: it reads as missing.
      const chain: SetupSnapshot = { ...withInput(guestChain(), { identityPoolId: USER_POOL_ID }), identityPool: { state: 'missing' }, roles: {} };
      const { finding } = onlyFinding(chain, 'identity-pool-not-found');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.resource, USER_POOL_ID);
      assert.match(finding.detail, /us-east-1_AbCdEf123 is a user pool id \(REGION_xxxx\), not an identity pool id/);
    });

    it("guest-access-off: a page without sign-in can't get guest credentials; the fix turns guest access on", () => {
      const { finding, result } = onlyFinding(withPool(guestChain(), { allowUnauthenticated: false }), 'guest-access-off');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.title, `Guest access is off for BotPool (${POOL_ID.slice(0, 18)}…)`, 'the pool by name, with its id');
      assert.equal(finding.evidence, 'AllowUnauthenticatedIdentities: false');
      assertRepairFix(finding, { repair: 'setGuestAccess', identityPoolId: POOL_ID, allowUnauthenticated: true });
      assert.equal(result.ok, false);
      assert.equal(statusOf(result).identityPool, 'error');
    });

    it('guest-access-off when the page signs in first (mode signedIn) is only info, without a fix, and the guest role is not checked', () => {
      // The guest role is broken too: with guests off it does not matter.
      const signsInFirst = withInput(signedInChain(), { mode: 'signedIn' });
      const chain = withGuestTrust(withPool(signsInFirst, { allowUnauthenticated: false }), cognitoTrustPolicy(OTHER_POOL_ID, 'unauthenticated'));
      const { finding, result } = onlyFinding(chain, 'guest-access-off');
      assert.equal(finding.severity, 'info');
      assert.equal(finding.fix, undefined);
      assert.equal(result.ok, true);
      assert.equal(statusOf(result).guestRole, 'skipped');
    });

    it('provider-not-linked: the pool lists the user pool with another app client; the fix links this one', () => {
      const providers = [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`, clientId: OTHER_CLIENT_ID }];
      const { finding } = onlyFinding(withPool(signedInChain(), { providers }), 'provider-not-linked');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.link, 'identityPool');
      assert.match(finding.title, /with another app client/);
      assert.equal(finding.evidence, `CognitoIdentityProviders: ${JSON.stringify(providers)}`);
      assertRepairFix(finding, { repair: 'linkUserPool', identityPoolId: POOL_ID, userPoolId: USER_POOL_ID, clientId: CLIENT_ID });
    });

    it('provider-not-linked: the pool lists no provider at all', () => {
      const { finding } = onlyFinding(withPool(signedInChain(), { providers: [] }), 'provider-not-linked');
      assert.match(finding.title, /does not trust user pool/);
      assert.equal(finding.evidence, 'CognitoIdentityProviders: []');
    });

    it('provider-not-linked names the app client it read (the user pool by id: its name is not read), else gives its id', () => {
      const named = onlyFinding(withPool(signedInChain(), { providers: [] }), 'provider-not-linked').finding;
      assert.ok(named.detail.endsWith(`the app client the page signs in with, chatapp (${CLIENT_ID}).`), named.detail);
      assert.ok(
        named.fix?.change.startsWith(`Adds cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID} with app client chatapp (${CLIENT_ID}) to `),
        named.fix?.change,
      );
      const unread = { ...withPool(signedInChain(), { providers: [] }), appClient: denied('cognito-idp:DescribeUserPoolClient') };
      const ids = checkSetup(unread).findings.find((f) => f.code === 'provider-not-linked')!;
      assert.ok(ids.detail.endsWith(`the app client the page signs in with, ${CLIENT_ID}.`), ids.detail);
      assert.ok(ids.fix?.change.includes(` with app client ${CLIENT_ID} to `), ids.fix?.change);
    });
  });

  describe('the roles', () => {
    it('role-not-set: the pool has no guest role; the fix creates one bound to the pool, on this alias only', () => {
      const chain = withPool(guestChain(), { roles: { authenticated: roleArn(REGION, ACCOUNT, SIGNED_IN_ROLE) } });
      const { finding, result } = onlyFinding({ ...chain, roles: { authenticated: poolRole('authenticated') } }, 'role-not-set');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.link, 'guestRole');
      assert.match(finding.evidence!, /^GetIdentityPoolRoles: \{"authenticated":/);
      const bot = { botId: BOT_ID, botAliasId: ALIAS_ID, lexRegion: REGION };
      const args = { repair: 'setPoolRole', identityPoolId: POOL_ID, kind: 'unauthenticated', roleName: GUEST_ROLE };
      assertRepairFix(finding, { ...args, ...bot }, { ...args, bot });
      assert.equal(statusOf(result).guestRole, 'error');
    });

    it('role-not-set: the pool names a role IAM does not have (GetRole: NoSuchEntity)', () => {
      const chain = withGuestRole(guestChain(), { trustPolicy: { state: 'missing', message: `The role with name ${GUEST_ROLE} cannot be found.` } });
      const { finding } = onlyFinding(chain, 'role-not-set');
      assert.equal(finding.resource, roleArn(REGION, ACCOUNT, GUEST_ROLE));
      assert.match(finding.title, /no longer exists/);
      assert.equal(finding.fix?.args.repair, 'setPoolRole');
    });

    const trustNotBound = (trust: PolicyDocument, reason: RegExp, evidence: string) => {
      const { finding, result } = onlyFinding(withGuestTrust(guestChain(), trust), 'trust-not-bound');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.link, 'guestRole');
      assert.equal(finding.resource, roleArn(REGION, ACCOUNT, GUEST_ROLE));
      assert.match(finding.detail, reason);
      assert.ok(finding.evidence?.includes(evidence), `evidence shows the statement read:\n${finding.evidence}`);
      assertRepairFix(finding, { repair: 'rewriteTrust', roleName: GUEST_ROLE, identityPoolId: POOL_ID, amr: ['unauthenticated'] });
      assert.equal(result.ok, false);
    };

    it("trust-not-bound: the trust policy's aud names another identity pool", () => {
      trustNotBound(cognitoTrustPolicy(OTHER_POOL_ID, 'unauthenticated'), /aud condition names .*9f8e7d6c.*, not this identity pool/, OTHER_POOL_ID);
    });

    it("trust-not-bound: amr 'authenticated' on the pool's unauthenticated role", () => {
      trustNotBound(
        cognitoTrustPolicy(POOL_ID, 'authenticated'),
        /amr condition is authenticated, but the pool gives this role to its unauthenticated identities/,
        '"authenticated"',
      );
    });

    it('trust-not-bound: the principal is a service (lambda), not cognito-identity.amazonaws.com', () => {
      const trust = cognitoTrustPolicy(POOL_ID, 'unauthenticated');
      const lambda = statements({ ...trust.Statement[0], Principal: { Service: 'lambda.amazonaws.com' } });
      trustNotBound(lambda, /The principal is \{"Service":"lambda.amazonaws.com"\}/, 'lambda.amazonaws.com');
    });

    it('trust-not-bound: the action is sts:AssumeRole, not sts:AssumeRoleWithWebIdentity', () => {
      const trust = cognitoTrustPolicy(POOL_ID, 'unauthenticated');
      trustNotBound(
        statements({ ...trust.Statement[0], Action: 'sts:AssumeRole' }),
        /No statement allows sts:AssumeRoleWithWebIdentity, .*\(it has sts:AssumeRole\)/,
        '"sts:AssumeRole"',
      );
    });

    it('trust-too-open: no aud condition, so any identity pool may assume the role (a warning: the page works)', () => {
      const open = statements({
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
      });
      const { finding, result } = onlyFinding(withGuestTrust(guestChain(), open), 'trust-too-open');
      assert.equal(finding.severity, 'warning');
      assert.ok(finding.evidence?.includes('"ForAnyValue:StringLike"'), finding.evidence);
      assertRepairFix(finding, { repair: 'rewriteTrust', roleName: GUEST_ROLE, identityPoolId: POOL_ID, amr: ['unauthenticated'] });
      assert.equal(result.ok, true);
      assert.equal(statusOf(result).guestRole, 'warning');
    });

    it('trust-not-bound on the signed-in role names the authenticated amr in its fix', () => {
      const chain = signedInChain();
      const broken: SetupSnapshot = {
        ...chain,
        roles: {
          ...chain.roles,
          authenticated: poolRole('authenticated', { trustPolicy: found(JSON.stringify(cognitoTrustPolicy(POOL_ID, 'unauthenticated'))) }),
        },
      };
      const { finding, result } = onlyFinding(broken, 'trust-not-bound');
      assert.equal(finding.link, 'signedInRole');
      assertRepairFix(finding, { repair: 'rewriteTrust', roleName: SIGNED_IN_ROLE, identityPoolId: POOL_ID, amr: ['authenticated'] });
      assert.equal(statusOf(result).signedInRole, 'error');
      assert.equal(statusOf(result).guestRole, 'ok');
    });
  });

  describe('what the roles may do', () => {
    it('bot-denied: an explicit Deny refuses the alias; the statement is the evidence, and no fix is offered', () => {
      const deny = statements({ Sid: 'NoBots', Effect: 'Deny', Action: 'lex:*', Resource: '*' });
      const chain = withGuestRole(guestChain(), { inline: found([lexAliasPolicy(), inlinePolicy('NoBots', deny)]) });
      const { finding, result } = onlyFinding(chain, 'bot-denied');
      assert.equal(finding.severity, 'error');
      assert.match(finding.title, /a Deny refuses it/);
      assert.equal(finding.fix, undefined);
      const evidence = finding.evidence!.split('\n');
      assert.equal(evidence[0], `lex:RecognizeText on ${ALIAS_ARN}: ExplicitlyDenied`);
      assert.equal(evidence[1], `inline policy NoBots: ${JSON.stringify(deny.Statement[0])}`, 'the Deny comes first');
      assert.equal(result.ok, false);
    });

    it('bot-denied: no policy allows RecognizeText on the alias; the fix allows this alias only', () => {
      const { finding } = onlyFinding(withGuestRole(guestChain(), { inline: found([]) }), 'bot-denied');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.evidence, `lex:RecognizeText on ${ALIAS_ARN}: ImplicitlyDenied\nno statement of the role applies`);
      assertLexAliasFix(finding, GUEST_ROLE);
    });

    it('policy-on-other-alias: the role may talk to another alias of the same bot; the fix allows this one', () => {
      const other = lexAliasPolicy(OTHER_ALIAS_ID);
      const chain = withGuestRole(guestChain(), { inline: found([other]) });
      const { finding } = onlyFinding(chain, 'policy-on-other-alias');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.title, `Role ${GUEST_ROLE} may talk to another alias of bot CoffeeShop (${BOT_ID}), not prod (${ALIAS_ID})`);
      const evidence = finding.evidence!.split('\n');
      assert.equal(evidence[0], `lex:RecognizeText on ${ALIAS_ARN}: ImplicitlyDenied`);
      assert.match(evidence[1], new RegExp(`^inline policy ${other.name}: .*bot-alias/${BOT_ID}/${OTHER_ALIAS_ID}`));
      assertLexAliasFix(finding, GUEST_ROLE);
      // Applying the fix clears the finding.
      const fixed = withGuestRole(guestChain(), { inline: found([other, lexAliasPolicy()]) });
      assert.deepEqual(checkSetup(fixed).findings, []);
    });

    it('runtime-actions-missing: RecognizeText only; the web UI also needs RecognizeUtterance, PutSession, DeleteSession', () => {
      const textOnly = statements({ Effect: 'Allow', Action: 'lex:RecognizeText', Resource: ALIAS_ARN });
      const { finding, result } = onlyFinding(withGuestRole(guestChain(), { inline: found([inlinePolicy('TextOnly', textOnly)]) }), 'runtime-actions-missing');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.title, /may send text but not lex:RecognizeUtterance, lex:PutSession, lex:DeleteSession$/);
      assert.deepEqual(
        finding.evidence!.split('\n'),
        ['lex:RecognizeUtterance', 'lex:PutSession', 'lex:DeleteSession'].flatMap((action) => [
          `${action} on ${ALIAS_ARN}: ImplicitlyDenied`,
          'no statement of the role applies',
        ]),
      );
      assertLexAliasFix(finding, GUEST_ROLE);
      assert.equal(result.ok, true);
    });

    it('guest-role-too-broad: AdministratorAccess on the guest role; the fix puts this alias on and takes it off', () => {
      const admin = managedPolicy(ADMINISTRATOR_ACCESS, statements({ Effect: 'Allow', Action: '*', Resource: '*' }));
      const chain = withGuestRole(guestChain(), { managed: found([admin]) });
      const { finding, result } = onlyFinding(chain, 'guest-role-too-broad');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.link, 'guestRole');
      assert.ok(finding.evidence!.includes('holds the managed policy AdministratorAccess'), finding.evidence);
      assert.ok(finding.evidence!.includes('managed policy AdministratorAccess: {"Effect":"Allow","Action":"*","Resource":"*"}'), finding.evidence);
      const bot = { botId: BOT_ID, botAliasId: ALIAS_ID, lexRegion: REGION };
      const args = { repair: 'narrowGuestRole', roleName: GUEST_ROLE, detach: [ADMINISTRATOR_ACCESS] };
      assertRepairFix(finding, { ...args, ...bot }, { ...args, bot });
      assert.equal(result.ok, true);
    });

    it('guest-role-too-broad: AdministratorAccess beside an inline lex:* is not fixed by taking AdministratorAccess off', () => {
      const admin = managedPolicy(ADMINISTRATOR_ACCESS, statements({ Effect: 'Allow', Action: '*', Resource: '*' }));
      const lexAll = inlinePolicy('LexEverything', statements({ Effect: 'Allow', Action: 'lex:*', Resource: '*' }));
      const { finding } = onlyFinding(withGuestRole(guestChain(), { managed: found([admin]), inline: found([lexAll]) }), 'guest-role-too-broad');
      assert.equal(finding.fix, undefined);
    });

    it("guest-role-too-broad: an inline lex:* is reported but not fixed (it is the user's to edit)", () => {
      const lexAll = statements({ Effect: 'Allow', Action: 'lex:*', Resource: '*' });
      const { finding } = onlyFinding(withGuestRole(guestChain(), { inline: found([inlinePolicy('LexEverything', lexAll)]) }), 'guest-role-too-broad');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.detail, /It may do every Lex action \(lex:\*\)\./);
      assert.ok(finding.evidence!.includes('inline policy LexEverything: {"Effect":"Allow","Action":"lex:*","Resource":"*"}'), finding.evidence);
      assert.equal(finding.fix, undefined);
    });

    it("guest-role-too-broad: an inline '*' may do anything, and is not fixed either", () => {
      const everything = statements({ Effect: 'Allow', Action: '*', Resource: '*' });
      const chain = withGuestRole(guestChain(), { inline: found([lexAliasPolicy(), inlinePolicy('Everything', everything)]) });
      const { finding } = onlyFinding(chain, 'guest-role-too-broad');
      assert.match(finding.detail, /It may do anything \(\*\) and may do every Lex action/);
      assert.equal(finding.fix, undefined);
    });

    it('guest-role-too-broad is about guests: the same policy on the signed-in role is not reported', () => {
      const chain = signedInChain();
      const admin = managedPolicy(ADMINISTRATOR_ACCESS, statements({ Effect: 'Allow', Action: '*', Resource: '*' }));
      const result = checkSetup({ ...chain, roles: { ...chain.roles, authenticated: poolRole('authenticated', { managed: found([admin]) }) } });
      assert.deepEqual(result.findings, []);
    });

    it('polly-denied: voice is on and no policy allows polly:SynthesizeSpeech; the fix attaches pollySpeech', () => {
      const { finding, result } = onlyFinding(withInput(guestChain(), { voice: true }), 'polly-denied');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.evidence, 'polly:SynthesizeSpeech on *: ImplicitlyDenied\nno statement of the role applies');
      assert.deepEqual(finding.fix && { command: finding.fix.command, args: finding.fix.args }, {
        command: 'cognitoBot.repairSetup',
        args: { repair: 'attachPolicy', roleName: GUEST_ROLE, template: 'pollySpeech', params: {} },
      });
      assert.equal(result.ok, false);
    });

    it('polly-denied: a Deny on polly:SynthesizeSpeech is shown, and not fixed', () => {
      const deny = statements({ Effect: 'Deny', Action: 'polly:*', Resource: '*' });
      const chain = withGuestRole(withInput(guestChain(), { voice: true }), { inline: found([lexAliasPolicy(), inlinePolicy('NoVoice', deny)]) });
      const { finding } = onlyFinding(chain, 'polly-denied');
      assert.equal(finding.evidence, `polly:SynthesizeSpeech on *: ExplicitlyDenied\ninline policy NoVoice: ${JSON.stringify(deny.Statement[0])}`);
      assert.equal(finding.fix, undefined);
    });

    it('could-not-check: an unreadable GetRolePolicy is info, and the rest of the role is still checked', () => {
      const unreadable: PolicyRead = { name: 'Extra', document: denied('iam:GetRolePolicy') };
      const role = { managed: found([managedPolicy(lexRunBotsOnlyArn())]), inline: found([unreadable]) };
      const { finding, result } = onlyFinding(withGuestRole(guestChain(), role), 'could-not-check');
      assert.equal(finding.severity, 'info');
      assert.equal(finding.link, 'guestRole');
      assert.equal(finding.title, `Could not check inline policy Extra of role ${GUEST_ROLE}`);
      assert.match(finding.evidence!, /not authorized to perform: iam:GetRolePolicy/);
      assert.match(finding.detail, /may not call iam:GetRolePolicy/);
      assert.equal(result.ok, true);
      assert.equal(statusOf(result).guestRole, 'info');

      // The rest is checked: a trust policy bound to another pool is still found.
      const alsoBroken = withGuestRole(guestChain(), { ...role, trustPolicy: found(JSON.stringify(cognitoTrustPolicy(OTHER_POOL_ID, 'unauthenticated'))) });
      const both = checkSetup(alsoBroken);
      assert.deepEqual(codes(both), ['could-not-check', 'trust-not-bound']);
      assert.deepEqual(
        both.findings.map((f) => f.severity),
        ['error', 'info'],
        'errors first',
      );
    });

    it('could-not-check: when the only policy that could allow the bot is unreadable, the role is not called denied', () => {
      const unreadable: PolicyRead = { name: 'LexRunBot', document: denied('iam:GetRolePolicy') };
      const chain = { ...withGuestRole(guestChain(), { managed: found([]), inline: found([unreadable]) }), input: { ...guestChain().input, voice: true } };
      const result = checkSetup(chain);
      assert.deepEqual(codes(result), ['could-not-check'], 'neither bot-denied nor polly-denied on what was not read');
      assert.match(result.findings[0].detail, /nor what the role may do/);
    });

    it('could-not-check: an unreadable trust policy or policy list is reported for what it is', () => {
      const chain = withGuestRole(guestChain(), { trustPolicy: denied('iam:GetRole'), managed: denied('iam:ListAttachedRolePolicies') });
      const result = checkSetup(chain);
      assert.deepEqual(codes(result), ['could-not-check', 'could-not-check']);
      assert.deepEqual(result.findings.map((f) => f.title).sort(), [
        `Could not check the managed policies of role ${GUEST_ROLE}`,
        `Could not check the trust policy of role ${GUEST_ROLE}`,
      ]);
    });
  });

  describe('the app client', () => {
    it('client-not-found: DescribeUserPoolClient finds nothing', () => {
      const message = `User pool client ${CLIENT_ID} does not exist.`;
      const { finding } = onlyFinding({ ...signedInChain(), appClient: { state: 'missing', message } }, 'client-not-found');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.link, 'userPool');
      assert.equal(finding.resource, CLIENT_ID);
      assert.equal(finding.evidence, message);
      assert.equal(finding.fix, undefined);
    });

    it('client-has-secret: a web page cannot keep a secret; no fix (a new public client is needed)', () => {
      const { finding, result } = onlyFinding({ ...signedInChain(), appClient: found({ ...healthyClient, hasSecret: true }) }, 'client-has-secret');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.evidence, 'ClientSecret: (set)');
      assert.equal(finding.fix, undefined);
      assert.equal(statusOf(result).userPool, 'error');
    });

    it('client-flows-missing: no ALLOW_USER_SRP_AUTH is an error; the fix adds that flow only', () => {
      const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
      const { finding } = onlyFinding({ ...signedInChain(), appClient: found({ ...healthyClient, authFlows: flows }) }, 'client-flows-missing');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.evidence, `ExplicitAuthFlows: ${JSON.stringify(flows)}`);
      assertRepairFix(finding, { repair: 'allowClientFlows', userPoolId: USER_POOL_ID, clientId: CLIENT_ID, flows: ['ALLOW_USER_SRP_AUTH'] });
    });

    it('client-flows-missing: no ALLOW_REFRESH_TOKEN_AUTH only is a warning', () => {
      const { finding, result } = onlyFinding(
        { ...signedInChain(), appClient: found({ ...healthyClient, authFlows: ['ALLOW_USER_SRP_AUTH'] }) },
        'client-flows-missing',
      );
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.fix?.args.flows, ['ALLOW_REFRESH_TOKEN_AUTH']);
      assert.equal(result.ok, true);
    });

    it('could-not-check: an unreadable app client', () => {
      const { finding } = onlyFinding({ ...signedInChain(), appClient: denied('cognito-idp:DescribeUserPoolClient') }, 'could-not-check');
      assert.equal(finding.link, 'userPool');
      assert.equal(finding.title, `Could not check app client ${CLIENT_ID}`);
    });
  });

  describe('the bot', () => {
    it('bot-alias-not-found: another bot owns the alias id (#325); the role checks are moot and skipped', () => {
      // The guest role allows no alias at all: with the alias missing, that is not reported.
      const chain: SetupSnapshot = {
        ...withGuestRole(guestChain(), { inline: found([]) }),
        botAlias: { state: 'missing', message: 'Failed to retrieve resource since it does not exist' },
        missingAlias: { aliasOfBot: { botId: 'PIZZA67890', botName: 'PizzaBot' } },
      };
      const { finding, result } = onlyFinding(chain, 'bot-alias-not-found');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.link, 'bot');
      assert.equal(finding.resource, ALIAS_ID);
      assert.equal(finding.evidence, 'Failed to retrieve resource since it does not exist');
      assert.equal(finding.title, 'No alias ALIAS12345 of bot CoffeeShop (BOTID12345)');
      assert.match(finding.detail, /^Alias ALIAS12345 belongs to bot PizzaBot \(PIZZA67890\), not CoffeeShop \(BOTID12345\)/);
      assert.equal(statusOf(result).bot, 'error');
      assert.equal(statusOf(result).guestRole, 'ok');
    });

    it('bot-alias-not-found: no such bot in the Lex region', () => {
      const chain: SetupSnapshot = { ...guestChain(), bot: { state: 'missing' }, botAlias: { state: 'missing' }, missingAlias: {} };
      const { finding } = onlyFinding(chain, 'bot-alias-not-found');
      assert.match(finding.detail, /^There is no bot BOTID12345 in us-east-1\./);
    });

    it('locale-not-on-alias: the alias version has no such locale', () => {
      const chain = withAlias(guestChain(), { locales: { en_GB: true }, versionLocales: found([{ localeId: 'en_GB', status: 'Built' }]) });
      const { finding } = onlyFinding(chain, 'locale-not-on-alias');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.title, 'Alias prod has no locale en_US');
      assert.equal(finding.evidence, 'version 3 locales: en_GB (Built); alias locale settings: {"en_GB":true}');
    });

    it('locale-not-on-alias: the locale is disabled on the alias', () => {
      const { finding } = onlyFinding(withAlias(guestChain(), { locales: { en_US: false } }), 'locale-not-on-alias');
      assert.equal(finding.title, 'Locale en_US is disabled on alias prod');
      assert.equal(finding.evidence, 'version 3 locales: en_US (Built); alias locale settings: {"en_US":false}');
    });

    it('locale-not-on-alias: the locale is not built', () => {
      const chain = withAlias(guestChain(), { versionLocales: found([{ localeId: 'en_US', status: 'NotBuilt' }]) });
      const { finding } = onlyFinding(chain, 'locale-not-on-alias');
      assert.equal(finding.title, 'Locale en_US of alias prod is not built');
      assert.match(finding.detail, /en_US is NotBuilt/);
      assert.match(finding.evidence!, /en_US \(NotBuilt\)/);
    });

    it('could-not-check: unreadable alias locales', () => {
      const { finding } = onlyFinding(withAlias(guestChain(), { versionLocales: denied('lex:ListBotLocales') }), 'could-not-check');
      assert.equal(finding.link, 'bot');
      assert.equal(finding.title, 'Could not check the locales of prod');
    });
  });

  describe('the regions', () => {
    it("region-mismatch: the identity pool's region is not the page's Cognito region (and Lex, still right, is told apart)", () => {
      const result = checkSetup(withInput(guestChain(), { region: 'eu-west-1', lexRegion: REGION }));
      assert.deepEqual(
        result.findings.map((f) => [f.code, f.severity]),
        [
          ['region-mismatch', 'error'],
          ['region-mismatch', 'info'],
        ],
      );
      assert.equal(result.findings[0].evidence, `identity pool id ${POOL_ID}; Cognito region eu-west-1`);
      assert.equal(result.findings[0].resource, POOL_ID);
      assert.equal(result.ok, false);
      assert.equal(statusOf(result).regions, 'error');
    });

    it('region-mismatch: a user pool in another region than the Cognito region is a warning', () => {
      const userPoolId = 'eu-west-1_AbCdEf123';
      const chain = withPool(withInput(signedInChain(), { userPoolId }), {
        providers: [{ providerName: `cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`, clientId: CLIENT_ID }],
      });
      const { finding, result } = onlyFinding(chain, 'region-mismatch');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.evidence, `user pool id ${userPoolId}; Cognito region us-east-1`);
      assert.equal(result.ok, true);
    });

    it('region-mismatch: Lex in another region than Cognito works, and is info', () => {
      const chain = withGuestRole(withInput(guestChain(), { lexRegion: 'eu-west-1' }), { inline: found([lexAliasPolicy(ALIAS_ID, 'eu-west-1')]) });
      const { finding, result } = onlyFinding(chain, 'region-mismatch');
      assert.equal(finding.severity, 'info');
      assert.equal(result.ok, true);
    });

    it('a policy for the alias in the wrong region does not allow it: the fix names the Lex region', () => {
      const chain = withInput(guestChain(), { lexRegion: 'eu-west-1' });
      const result = checkSetup(chain);
      assert.deepEqual(codes(result), ['bot-denied', 'region-mismatch']);
      assertLexAliasFix(
        result.findings.find((f) => f.code === 'bot-denied')!,
        GUEST_ROLE,
        'eu-west-1',
      );
    });
  });
});

describe('doctor/input parseDiagnoseInput', () => {
  it('takes the ids, trimmed, and drops empty ones', () => {
    assert.deepEqual(
      parseDiagnoseInput({
        identityPoolId: ` ${POOL_ID} `,
        botId: BOT_ID,
        botAliasId: ALIAS_ID,
        localeId: 'en_US',
        userPoolId: '',
        clientId: null,
        voice: false,
      }),
      { identityPoolId: POOL_ID, botId: BOT_ID, botAliasId: ALIAS_ID, localeId: 'en_US', voice: false },
    );
    assert.deepEqual(
      parseDiagnoseInput({ identityPoolId: POOL_ID, userPoolId: USER_POOL_ID, clientId: CLIENT_ID, region: 'eu-west-1', lexRegion: 'us-west-2' }),
      {
        identityPoolId: POOL_ID,
        userPoolId: USER_POOL_ID,
        clientId: CLIENT_ID,
        region: 'eu-west-1',
        lexRegion: 'us-west-2',
      },
    );
  });

  it('takes an id of the wrong kind as given (#719): the check explains it', () => {
    assert.deepEqual(parseDiagnoseInput({ identityPoolId: USER_POOL_ID }), { identityPoolId: USER_POOL_ID });
  });

  const refuses = (args: Record<string, unknown>, message: RegExp) =>
    assert.throws(
      () => parseDiagnoseInput(args),
      (error: unknown) => error instanceof InvalidArgumentsError && message.test(error.message),
    );

  it('refuses what it cannot check, saying what is expected', () => {
    refuses({}, /Give "identityPoolId"/);
    refuses({ identityPoolId: '   ' }, /Give "identityPoolId"/);
    refuses({ identityPoolId: 42 }, /"identityPoolId" must be a string/);
    refuses({ identityPoolId: POOL_ID, poolId: 'x' }, /Unknown argument "poolId"/);
    refuses({ identityPoolId: POOL_ID, botId: BOT_ID }, /both "botId" and "botAliasId"/);
    refuses({ identityPoolId: POOL_ID, botAliasId: ALIAS_ID }, /both "botId" and "botAliasId"/);
    refuses({ identityPoolId: POOL_ID, userPoolId: USER_POOL_ID }, /both "userPoolId" and "clientId"/);
    refuses({ identityPoolId: POOL_ID, localeId: 'en_US' }, /"localeId" needs "botId"/);
    refuses({ identityPoolId: POOL_ID, botId: BOT_ID, botAliasId: ALIAS_ID, localeId: 'english' }, /"english" is not a Lex locale id/);
    refuses({ identityPoolId: POOL_ID, region: 'Virginia' }, /"region" must be a Region name .* got "Virginia"/);
    refuses({ identityPoolId: POOL_ID, lexRegion: 'us_east_1' }, /"lexRegion" must be a Region name/);
    refuses({ identityPoolId: POOL_ID, voice: 'yes' }, /"voice" must be true or false/);
  });
});

describe('provisioning/repairs', () => {
  describe('parseRepairArgs', () => {
    it('reads each repair', () => {
      assert.deepEqual(parseRepairArgs({ repair: 'setGuestAccess', identityPoolId: POOL_ID, allowUnauthenticated: false }), {
        repair: 'setGuestAccess',
        identityPoolId: POOL_ID,
        allowUnauthenticated: false,
      });
      assert.deepEqual(parseRepairArgs({ repair: 'setPoolRole', identityPoolId: POOL_ID, kind: 'authenticated', roleName: SIGNED_IN_ROLE }), {
        repair: 'setPoolRole',
        identityPoolId: POOL_ID,
        kind: 'authenticated',
        roleName: SIGNED_IN_ROLE,
        bot: undefined,
      });
      assert.deepEqual(
        parseRepairArgs({ repair: 'narrowGuestRole', roleName: GUEST_ROLE, detach: [ADMINISTRATOR_ACCESS], botId: BOT_ID, botAliasId: ALIAS_ID }),
        { repair: 'narrowGuestRole', roleName: GUEST_ROLE, detach: [ADMINISTRATOR_ACCESS], bot: { botId: BOT_ID, botAliasId: ALIAS_ID, lexRegion: undefined } },
      );
    });

    const refuses = (args: Record<string, unknown>, message: RegExp) =>
      assert.throws(
        () => parseRepairArgs(args),
        (error: unknown) => error instanceof InvalidArgumentsError && message.test(error.message),
      );

    it('refuses wrong args, saying what is expected', () => {
      refuses({}, /Give "repair", one of setGuestAccess, linkUserPool, setPoolRole, rewriteTrust, attachPolicy, allowClientFlows, narrowGuestRole/);
      refuses({ repair: 'deleteEverything' }, /Give "repair"/);
      refuses({ repair: 'setGuestAccess', identityPoolId: POOL_ID, allowUnauthenticated: 'true' }, /"allowUnauthenticated" as true or false/);
      refuses({ repair: 'setGuestAccess', identityPoolId: USER_POOL_ID, allowUnauthenticated: true }, /is not an identity pool id/);
      refuses({ repair: 'linkUserPool', identityPoolId: POOL_ID, userPoolId: USER_POOL_ID }, /Give "clientId"/);
      refuses({ repair: 'setPoolRole', identityPoolId: POOL_ID, kind: 'guest', roleName: GUEST_ROLE }, /"kind" must be "authenticated" or "unauthenticated"/);
      refuses(
        { repair: 'setPoolRole', identityPoolId: POOL_ID, kind: 'unauthenticated', roleName: GUEST_ROLE, botId: BOT_ID },
        /both "botId" and "botAliasId"/,
      );
      refuses({ repair: 'rewriteTrust', roleName: 'has space', identityPoolId: POOL_ID, amr: 'unauthenticated' }, /roleName: An IAM role name/);
      refuses({ repair: 'rewriteTrust', roleName: GUEST_ROLE, identityPoolId: POOL_ID }, /"amr" must be/);
      refuses({ repair: 'rewriteTrust', roleName: GUEST_ROLE, identityPoolId: POOL_ID, amr: [] }, /"amr" must be/);
      refuses({ repair: 'rewriteTrust', roleName: GUEST_ROLE, identityPoolId: POOL_ID, amr: ['guest'] }, /"amr" must be/);
      refuses({ repair: 'attachPolicy', roleName: GUEST_ROLE, template: 'lexBotAlias', params: 'x' }, /"params" must be an object/);
      refuses({ repair: 'allowClientFlows', userPoolId: USER_POOL_ID, clientId: CLIENT_ID, flows: [] }, /Give "flows"/);
      refuses({ repair: 'allowClientFlows', userPoolId: USER_POOL_ID, clientId: CLIENT_ID, flows: ['USER_SRP_AUTH'] }, /Give "flows"/);
      refuses({ repair: 'narrowGuestRole', roleName: GUEST_ROLE, detach: ['AdministratorAccess'], botId: BOT_ID, botAliasId: ALIAS_ID }, /Give "detach"/);
      refuses({ repair: 'narrowGuestRole', roleName: GUEST_ROLE, detach: [ADMINISTRATOR_ACCESS] }, /both "botId" and "botAliasId"/);
    });
  });

  describe('reboundTrustPolicy', () => {
    const lambda = { Sid: 'Lambda', Effect: 'Allow' as const, Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };

    it("binds this pool, and keeps other principals' statements and other pools' Cognito statements: nobody else loses access", () => {
      const otherPool = cognitoTrustPolicy(OTHER_POOL_ID, 'authenticated').Statement[0];
      const current = statements(otherPool, lambda);
      const rebound = reboundTrustPolicy(JSON.stringify(current), POOL_ID, 'unauthenticated');
      assert.deepEqual(rebound, statements(cognitoTrustPolicy(POOL_ID, 'unauthenticated').Statement[0], otherPool, lambda));
      const verdict = judgeTrust(JSON.stringify(rebound), POOL_ID, 'unauthenticated');
      assert.deepEqual([verdict.allowsPool, verdict.allowsAnyPool, verdict.allowsOtherKind], [true, false, false]);
      assert.equal(judgeTrust(JSON.stringify(rebound), OTHER_POOL_ID, 'authenticated').allowsPool, true, 'the other pool keeps its access');
    });

    it('a role the pool gives to guests and signed-in users alike is bound for both kinds', () => {
      const rebound = reboundTrustPolicy(undefined, POOL_ID, ['unauthenticated', 'authenticated']);
      for (const kind of ['unauthenticated', 'authenticated'] as const) assert.equal(judgeTrust(JSON.stringify(rebound), POOL_ID, kind).allowsPool, true, kind);
    });

    it('replaces every Cognito statement, also one naming Cognito among other federated principals', () => {
      const open = {
        Effect: 'Allow' as const,
        Principal: { Federated: ['accounts.google.com', 'cognito-identity.amazonaws.com'] },
        Action: 'sts:AssumeRoleWithWebIdentity',
      };
      const current = statements(open, cognitoTrustPolicy(POOL_ID, 'authenticated').Statement[0], lambda);
      assert.deepEqual(
        reboundTrustPolicy(JSON.stringify(current), POOL_ID, 'unauthenticated'),
        statements(cognitoTrustPolicy(POOL_ID, 'unauthenticated').Statement[0], lambda),
      );
    });

    it('with no trust policy, or one that is not valid, gives the bound one', () => {
      assert.deepEqual(reboundTrustPolicy(undefined, POOL_ID, 'authenticated'), cognitoTrustPolicy(POOL_ID, 'authenticated'));
      assert.deepEqual(reboundTrustPolicy('{ not json', POOL_ID, 'authenticated'), cognitoTrustPolicy(POOL_ID, 'authenticated'));
    });

    it('a rewriteTrust fix, applied, clears the trust finding', () => {
      const broken = withGuestTrust(guestChain(), statements(cognitoTrustPolicy(OTHER_POOL_ID, 'unauthenticated').Statement[0], lambda));
      const { finding } = onlyFinding(broken, 'trust-not-bound');
      const args = parseRepairArgs({ ...finding.fix!.args });
      assert.equal(args.repair, 'rewriteTrust');
      if (args.repair !== 'rewriteTrust') return;
      const trust = broken.roles.unauthenticated!.trustPolicy as { value: string };
      const fixed = withGuestTrust(broken, reboundTrustPolicy(trust.value, args.identityPoolId, args.amr));
      assert.deepEqual(checkSetup(fixed).findings, []);
    });
  });
});

describe('doctor/check: who the page calls as, and what the check cannot decide', () => {
  it('mode both (a pool with a login provider, guests first): guest access off is an error with its fix', () => {
    const chain = withPool(signedInChain(), { allowUnauthenticated: false });
    const { finding } = onlyFinding(chain, 'guest-access-off');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.fix?.args.repair, 'setGuestAccess');
  });

  it('mode signedIn with no login provider on the pool: provider-not-linked, nothing to sign in with', () => {
    const chain = withInput(withPool(guestChain(), { providers: [] }), { mode: 'signedIn' });
    const { finding } = onlyFinding(chain, 'provider-not-linked');
    assert.match(finding.title, /has no user pool to sign in with/);
  });

  it('trust-too-open: a signed-in role with no amr condition lets guests assume it (an error)', () => {
    const noAmr = statements({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID } },
    });
    const chain = {
      ...signedInChain(),
      roles: { ...signedInChain().roles, authenticated: poolRole('authenticated', { trustPolicy: found(JSON.stringify(noAmr)) }) },
    };
    const { finding } = onlyFinding(chain, 'trust-too-open');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.link, 'signedInRole');
    assert.match(finding.detail, /guests, who sign in with nothing, could assume the signed-in role/);
    assertRepairFix(finding, { repair: 'rewriteTrust', roleName: SIGNED_IN_ROLE, identityPoolId: POOL_ID, amr: ['authenticated'] });
  });

  it('one role for guests and signed-in users alike: trusting both kinds is what it needs, and its fix keeps both', () => {
    const shared = poolRole('unauthenticated', { trustPolicy: found(JSON.stringify(cognitoTrustPolicy(POOL_ID, ['unauthenticated', 'authenticated']))) });
    const chain = withPool(
      { ...signedInChain(), roles: { authenticated: shared, unauthenticated: shared } },
      { roles: { authenticated: shared.arn, unauthenticated: shared.arn } },
    );
    assert.deepEqual(checkSetup(chain).findings, []);
    const broken = withPool(
      {
        ...chain,
        roles: {
          authenticated: { ...shared, trustPolicy: found(JSON.stringify(cognitoTrustPolicy(OTHER_POOL_ID, 'unauthenticated'))) },
          unauthenticated: shared,
        },
      },
      {},
    );
    const unbound = checkSetup({ ...broken, roles: { authenticated: broken.roles.authenticated, unauthenticated: broken.roles.authenticated } });
    const fix = unbound.findings.find((f) => f.code === 'trust-not-bound')?.fix;
    assert.deepEqual(fix?.args.amr, ['unauthenticated', 'authenticated']);
  });

  it('a condition the evaluator cannot decide (IpAddress) is could-not-check, not a confident bot-denied', () => {
    const byIp = statements({ Effect: 'Allow', Action: 'lex:*', Resource: ALIAS_ARN, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
    const chain = withGuestRole(guestChain(), { inline: found([inlinePolicy('OfficeOnly', byIp)]) });
    const { finding } = onlyFinding(chain, 'could-not-check');
    assert.match(finding.title, /may call lex:RecognizeText/);
    assert.match(finding.detail, /IpAddress/);
  });

  it('a Deny outside the regions the page uses does not deny (aws:RequestedRegion is the Lex region)', () => {
    const regionFence = statements({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [REGION] } } });
    const chain = withGuestRole(guestChain(), { inline: found([lexAliasPolicy(), inlinePolicy('RegionFence', regionFence)]) });
    assert.deepEqual(checkSetup(chain).findings, []);
    const elsewhere = withInput(chain, { lexRegion: 'eu-west-1' });
    assert.ok(codes(checkSetup(elsewhere)).includes('bot-denied'), 'in another Lex region the fence denies');
  });

  it('guest access is not offered on while the guest role is too broad: that fix comes first', () => {
    const chain = withGuestRole(withPool(guestChain(), { allowUnauthenticated: false }), {
      managed: found([managedPolicy(ADMINISTRATOR_ACCESS, statements({ Effect: 'Allow', Action: '*', Resource: '*' }))]),
    });
    const result = checkSetup(chain);
    const guestOff = result.findings.find((f) => f.code === 'guest-access-off');
    assert.equal(guestOff?.fix, undefined);
    assert.match(guestOff?.detail ?? '', /Fix the guest role first \(guest-role-too-broad\)/);
  });

  it('app client flows as Cognito reads them: none listed allows SRP and refresh; legacy values are read in ALLOW_ names', () => {
    assert.deepEqual(checkSetup({ ...signedInChain(), appClient: found({ ...healthyClient, authFlows: [] }) }).findings, []);
    assert.deepEqual(checkSetup({ ...signedInChain(), appClient: found({ ...healthyClient, authFlows: ['ADMIN_NO_SRP_AUTH'] }) }).findings, []);
    const customOnly = checkSetup({ ...signedInChain(), appClient: found({ ...healthyClient, authFlows: ['CUSTOM_AUTH_FLOW_ONLY'] }) });
    assert.deepEqual(codes(customOnly), ['client-flows-missing']);
  });
});
