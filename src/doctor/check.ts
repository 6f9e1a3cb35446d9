import { botAliasArn, botArn, cognitoProviderName, roleNameFromArn } from '../aws/arns';
import { looksLike, regionOfIdentityPoolId, regionOfUserPoolId } from '../aws/ids';
import { effectiveAuthFlows } from '../aws/services/cognitoIdp';
import { type PolicyDocument, validatePolicyDocument } from '../policies/document';
import { applyingStatements, type Decision, evaluatePolicies, type EvaluationRequest } from '../policies/evaluate';
import { AMR, AUD, COGNITO_IDENTITY, type CognitoAuthType, judgeTrust, otherKind } from '../policies/trust';
import { defaultRoleNames } from '../provisioning/names';
import { type PolicyTemplateId, renderTemplate } from '../policies/templates';
import {
  type ChainLink,
  type CheckedLink,
  type DiagnoseResult,
  type Finding,
  type FindingCode,
  type Fix,
  isOk,
  SEVERITY_ORDER,
  type Severity,
} from './findings';
import type { PolicyRead, Read, RoleRead, SetupSnapshot } from './snapshot';

// The doctor's checks: pure functions of what was read. Each finding says what is wrong in
// plain words, shows what it rests on, and carries the least change that mends it.

/** The command every doctor fix runs through (its repairs are src/provisioning/repairs.ts). */
export const REPAIR_COMMAND = 'cognitoBot.repairSetup';

/** The Lex runtime actions the Lex web UI calls besides RecognizeText. */
export const WEB_UI_RUNTIME_ACTIONS = ['lex:RecognizeUtterance', 'lex:PutSession', 'lex:DeleteSession'] as const;
const REQUIRED_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;
/** AWS managed policies that give far more than a guest needs. */
const BROAD_MANAGED_POLICY = /(?:FullAccess|^AdministratorAccess|^PowerUserAccess)$/;

type Input = SetupSnapshot['input'];

interface Who {
  readonly kind: CognitoAuthType;
  readonly link: ChainLink;
  /** "guests", "signed-in users" */
  readonly people: string;
  readonly roleLabel: string;
}
const GUEST: Who = { kind: 'unauthenticated', link: 'guestRole', people: 'guests', roleLabel: 'unauthenticated (guest) role' };
const SIGNED_IN: Who = { kind: 'authenticated', link: 'signedInRole', people: 'signed-in users', roleLabel: 'authenticated role' };

function finding(code: FindingCode, severity: Severity, link: ChainLink, title: string, detail: string, extra: Partial<Finding> = {}): Finding {
  return { code, severity, link, title, detail, ...extra };
}

function couldNotCheck(link: ChainLink, what: string, read: Extract<Read<unknown>, { state: 'unreadable' }>): Finding {
  const role = link === 'guestRole' || link === 'signedInRole';
  return finding(
    'could-not-check',
    'info',
    link,
    `Could not check ${what}`,
    `The connection may not call ${read.action}, so this part was not checked (the rest was)${role ? ', nor what the role may do that this policy would allow' : ''}. Ask for ${read.action}, or look at it in the AWS console.`,
    { evidence: read.message },
  );
}

const short = (id: string) => (id.length > 20 ? `${id.slice(0, 18)}…` : id);

/** "BotPool (us-east-1:0f1e…)" when the name is known. */
function poolLabel(snapshot: SetupSnapshot): string {
  const { identityPoolId } = snapshot.input;
  return snapshot.identityPool.state === 'found' ? `${snapshot.identityPool.value.name} (${short(identityPoolId)})` : identityPoolId;
}

/** "chatapp (1a2b3c…)" when the app client was read (its user pool's name is not: that would be another call). */
function clientNamed(snapshot: SetupSnapshot): string {
  const { appClient, input } = snapshot;
  return appClient?.state === 'found' ? `${appClient.value.name} (${input.clientId})` : `${input.clientId}`;
}

/** "CoffeeShop (QZDHGFY6D5)" when the bot's name is known. */
function botNamed(snapshot: SetupSnapshot): string {
  const { bot, input } = snapshot;
  return bot?.state === 'found' ? `${bot.value.name} (${input.botId})` : `${input.botId}`;
}

/** "prod (ALIAS12345)" when the alias's name is known. */
function aliasNamed(snapshot: SetupSnapshot): string {
  const { botAlias, input } = snapshot;
  return botAlias?.state === 'found' ? `${botAlias.value.name} (${input.botAliasId})` : `${input.botAliasId}`;
}

/** "CoffeeShop / prod (QZDHGFY6D5/ALIAS12345, en_US)", with the names that are known; the ids alone when none is. */
function botLabel(snapshot: SetupSnapshot, withLocale = true): string {
  const { bot, botAlias, input } = snapshot;
  const names = [bot?.state === 'found' && bot.value.name, botAlias?.state === 'found' && botAlias.value.name].filter(Boolean).join(' / ');
  const ids = `${input.botId}/${input.botAliasId}`;
  const locale = withLocale && input.localeId ? input.localeId : undefined;
  if (names) return `${names} (${ids}${locale ? `, ${locale}` : ''})`;
  return `${ids}${locale ? ` (${locale})` : ''}`;
}

// ---- policies of a role ----

interface ParsedPolicies {
  readonly documents: PolicyDocument[];
  /** For evidence: which policy each document is. */
  readonly names: string[];
  /** The ARN of each document's managed policy (undefined for an inline one). */
  readonly arns: (string | undefined)[];
  readonly unreadable: Finding[];
}

function parsePolicies(role: RoleRead, link: ChainLink): ParsedPolicies {
  const documents: PolicyDocument[] = [];
  const names: string[] = [];
  const arns: (string | undefined)[] = [];
  const unreadable: Finding[] = [];
  const take = (list: Read<readonly PolicyRead[]>, kind: 'managed' | 'inline') => {
    if (list.state === 'unreadable') unreadable.push(couldNotCheck(link, `the ${kind} policies of role ${role.name}`, list));
    if (list.state !== 'found') return;
    for (const policy of list.value) {
      if (policy.document.state === 'unreadable') unreadable.push(couldNotCheck(link, `${kind} policy ${policy.name} of role ${role.name}`, policy.document));
      if (policy.document.state !== 'found') continue;
      const validation = validatePolicyDocument(policy.document.value, 'identity');
      if (!validation.ok) continue;
      documents.push(validation.document);
      names.push(`${kind} policy ${policy.name}`);
      arns.push(policy.arn);
    }
  };
  take(role.managed, 'managed');
  take(role.inline, 'inline');
  return { documents, names, arns, unreadable };
}

/** The request a pool's session makes, with the condition keys its credentials carry. */
function sessionRequest(input: Input, role: RoleRead, who: Who, action: string, resource: string, region = input.lexRegion): EvaluationRequest {
  return {
    action,
    resource,
    context: {
      [AUD]: input.identityPoolId,
      [AMR]: [who.kind],
      'aws:PrincipalArn': role.arn,
      'aws:RequestedRegion': region,
    },
  };
}

/**
 * The evaluator's decision, or undefined when a condition it cannot evaluate (IpAddress,
 * Numeric…, Date…) decides: then the check says what it could not check instead of guessing.
 */
function decide(policies: ParsedPolicies, request: EvaluationRequest): Decision | undefined {
  const { decision, unsupported } = evaluatePolicies(policies.documents, request);
  return unsupported.length > 0 ? undefined : decision;
}

function undecided(who: Who, role: RoleRead, policies: ParsedPolicies, request: EvaluationRequest): Finding {
  const { unsupported } = evaluatePolicies(policies.documents, request);
  return finding(
    'could-not-check',
    'info',
    who.link,
    `Could not check whether role ${role.name} may call ${request.action}`,
    `A policy of the role decides it with a condition the check cannot evaluate (${[...new Set(unsupported)].join(', ')}: the caller's IP address, a number or a date). Try it from the page, or with the IAM policy simulator.`,
    { resource: role.arn, evidence: evidenceOf(policies, request, 'ImplicitlyDenied').replace(/: ImplicitlyDenied/, ': undecided') },
  );
}

function evidenceOf(policies: ParsedPolicies, request: EvaluationRequest, decision: Decision): string {
  const applying = applyingStatements(policies.documents, request);
  const statements = applying.map((a) => `${policies.names[a.policyIndex]}: ${JSON.stringify(a.statement)}`);
  return [`${request.action} on ${request.resource}: ${decision}`, ...(statements.length > 0 ? statements : ['no statement of the role applies'])].join('\n');
}

/** A fix that puts a template's inline policy on a role; what it will change shows the policy itself. */
function attachFix(title: string, role: RoleRead, template: PolicyTemplateId, params: Record<string, unknown>, account: string, region: string): Fix {
  const rendered = renderTemplate(template, params, { account, region });
  const policy = rendered.ok
    ? `inline policy ${rendered.policyName} on role ${role.name}:\n${JSON.stringify(rendered.document, null, 2)}`
    : `an inline policy on role ${role.name}`;
  return { title, command: REPAIR_COMMAND, args: { repair: 'attachPolicy', roleName: role.name, template, params }, change: `Puts ${policy}` };
}

function lexAliasFix(input: Input, role: RoleRead, account: string): Fix {
  const params = { botId: input.botId, botAliasId: input.botAliasId, region: input.lexRegion };
  return attachFix(`Allow ${role.name} on this alias only`, role, 'lexBotAlias', params, account, input.lexRegion);
}

function rewriteTrustFix(input: Input, role: RoleRead, kinds: readonly CognitoAuthType[]): Fix {
  return {
    title: `Bind ${role.name}'s trust to this pool`,
    command: REPAIR_COMMAND,
    args: { repair: 'rewriteTrust', roleName: role.name, identityPoolId: input.identityPoolId, amr: [...kinds] },
    change: `Rewrites the Cognito statement of role ${role.name}'s trust policy for this pool: principal Federated ${COGNITO_IDENTITY}, action sts:AssumeRoleWithWebIdentity, aud = ${input.identityPoolId}, amr = ${kinds.join(' or ')}. Statements for other principals, and Cognito statements that name other identity pools, stay; a statement that named no pool (any pool's identities) is replaced.`,
  };
}

/** The kinds of identity the pool gives this role to: both, when one role serves guests and signed-in users. */
function kindsOf(snapshot: SetupSnapshot, role: RoleRead, who: Who): CognitoAuthType[] {
  const roles = snapshot.identityPool.state === 'found' ? snapshot.identityPool.value.roles : {};
  return roles.authenticated === roles.unauthenticated && roles.authenticated === role.arn ? ['unauthenticated', 'authenticated'] : [who.kind];
}

function checkTrust(snapshot: SetupSnapshot, role: RoleRead, who: Who): Finding[] {
  const { input } = snapshot;
  if (role.trustPolicy.state === 'unreadable') return [couldNotCheck(who.link, `the trust policy of role ${role.name}`, role.trustPolicy)];
  if (role.trustPolicy.state !== 'found') return [];
  const kinds = kindsOf(snapshot, role, who);
  const verdict = judgeTrust(role.trustPolicy.value, input.identityPoolId, who.kind);
  if (!verdict.allowsPool) {
    return [
      finding(
        'trust-not-bound',
        'error',
        who.link,
        `Role ${role.name} does not trust this pool's ${who.kind} identities`,
        `GetCredentialsForIdentity fails for ${who.people} ("InvalidIdentityPoolConfigurationException"): ${verdict.reason}`,
        { resource: role.arn, evidence: verdict.evidence, fix: rewriteTrustFix(input, role, kinds) },
      ),
    ];
  }
  if (verdict.allowsAnyPool) {
    return [
      finding(
        'trust-too-open',
        'warning',
        who.link,
        `Role ${role.name} trusts every identity pool`,
        `Its trust policy has no ${AUD} condition that names this pool, so identities of any identity pool (anyone's) could assume it. Bind it to ${poolLabel(snapshot)}.`,
        { resource: role.arn, evidence: verdict.evidence, fix: rewriteTrustFix(input, role, kinds) },
      ),
    ];
  }
  if (verdict.allowsOtherKind && kinds.length === 1) {
    const other = otherKind(who.kind);
    return [
      finding(
        'trust-too-open',
        who.kind === 'authenticated' ? 'error' : 'warning',
        who.link,
        `Role ${role.name} also trusts this pool's ${other} identities`,
        `Its trust policy has no ${AMR} condition that holds it to ${who.kind} identities, so ${other === 'unauthenticated' ? 'guests, who sign in with nothing, could assume the signed-in role' : 'signed-in users could assume the guest role'} (with the basic flow). Hold it to ${who.kind}.`,
        { resource: role.arn, evidence: verdict.evidence, fix: rewriteTrustFix(input, role, kinds) },
      ),
    ];
  }
  return [];
}

function checkBotAccess(snapshot: SetupSnapshot, role: RoleRead, who: Who, policies: ParsedPolicies): Finding[] {
  const { input, account } = snapshot;
  if (!input.botId || !input.botAliasId) return [];
  const aliasArn = botAliasArn(input.lexRegion, account, input.botId, input.botAliasId);
  const request = sessionRequest(input, role, who, 'lex:RecognizeText', aliasArn);
  const decision = decide(policies, request);
  if (decision === undefined) return [undecided(who, role, policies, request)];
  if (decision === 'ExplicitlyDenied') {
    return [
      finding(
        'bot-denied',
        'error',
        who.link,
        `${capitalise(who.people)} may not talk to bot ${botLabel(snapshot)}: a Deny refuses it`,
        `Role ${role.name} has a Deny statement for lex:RecognizeText on this alias; Lex answers AccessDeniedException. Remove or narrow that statement (no fix is offered for a Deny: it may be there on purpose).`,
        { resource: role.arn, evidence: evidenceOf(policies, request, decision) },
      ),
    ];
  }
  // A policy that could not be read may be the one that allows it: say what was not checked, not that it is denied.
  if (decision === 'ImplicitlyDenied' && policies.unreadable.length > 0) return [];
  if (decision === 'ImplicitlyDenied') {
    const aliasOf = new RegExp(`:bot-alias/${input.botId}/([A-Za-z0-9]+)$`);
    const namesOtherAlias = (resource: string) => {
      const alias = aliasOf.exec(resource)?.[1];
      return alias !== undefined && alias !== input.botAliasId;
    };
    const otherAliases = policies.documents.flatMap((document, index) =>
      document.Statement.filter((s) => s.Effect === 'Allow' && [s.Resource ?? []].flat().some(namesOtherAlias)).map(
        (s) => `${policies.names[index]}: ${JSON.stringify(s)}`,
      ),
    );
    if (otherAliases.length > 0) {
      return [
        finding(
          'policy-on-other-alias',
          'error',
          who.link,
          `Role ${role.name} may talk to another alias of bot ${botNamed(snapshot)}, not ${aliasNamed(snapshot)}`,
          `A policy of the role names an alias of this bot other than the one the page uses (a new alias was made, or the id was mistyped), so Lex answers AccessDeniedException. Allow this alias.`,
          {
            resource: role.arn,
            evidence: [`lex:RecognizeText on ${aliasArn}: ImplicitlyDenied`, ...otherAliases].join('\n'),
            fix: lexAliasFix(input, role, account),
          },
        ),
      ];
    }
    return [
      finding(
        'bot-denied',
        'error',
        who.link,
        `${capitalise(who.people)} may not talk to bot ${botLabel(snapshot)}`,
        `No policy of role ${role.name} (the pool's ${who.roleLabel}) allows lex:RecognizeText on ${aliasArn}, so Lex answers AccessDeniedException. Allow this alias (least privilege), or attach AmazonLexRunBotsOnly.`,
        { resource: role.arn, evidence: evidenceOf(policies, request, decision), fix: lexAliasFix(input, role, account) },
      ),
    ];
  }
  const missing = WEB_UI_RUNTIME_ACTIONS.filter((action) => {
    const decision = decide(policies, sessionRequest(input, role, who, action, aliasArn));
    return decision !== undefined && decision !== 'Allowed';
  });
  if (missing.length === 0 || policies.unreadable.length > 0) return [];
  return [
    finding(
      'runtime-actions-missing',
      'warning',
      who.link,
      `Role ${role.name} may send text but not ${missing.join(', ')}`,
      `RecognizeText is allowed on this alias, but the Lex web UI also calls ${missing.join(', ')} (voice, and starting or ending a session), which Lex would refuse.`,
      {
        resource: role.arn,
        evidence: missing.map((action) => evidenceOf(policies, sessionRequest(input, role, who, action, aliasArn), 'ImplicitlyDenied')).join('\n'),
        fix: lexAliasFix(input, role, account),
      },
    ),
  ];
}

function checkGuestBreadth(input: Input, role: RoleRead, policies: ParsedPolicies, account: string): Finding[] {
  const probes: { action: string; resource: string; what: string }[] = [
    { action: 'iam:CreateUser', resource: '*', what: 'anything (*)' },
    { action: 'lex:DeleteBot', resource: input.botId ? botArn(input.lexRegion, account, input.botId) : '*', what: 'every Lex action (lex:*)' },
  ];
  const reasons: string[] = [];
  const broadManaged = role.managed.state === 'found' ? role.managed.value.filter((p) => BROAD_MANAGED_POLICY.test(p.name)) : [];
  const broadArns = new Set(broadManaged.flatMap((p) => (p.arn ? [p.arn] : [])));
  // The role as the fix would leave it: without the broad managed policies.
  const rest = policies.documents.filter((_, index) => !broadArns.has(policies.arns[index] ?? ''));
  let broadWithoutThem = false;
  for (const probe of probes) {
    const request = sessionRequest(input, role, GUEST, probe.action, probe.resource);
    const { decision } = evaluatePolicies(policies.documents, request);
    if (decision === 'Allowed') reasons.push(`may do ${probe.what}\n${evidenceOf(policies, request, decision)}`);
    if (evaluatePolicies(rest, request).decision === 'Allowed') broadWithoutThem = true;
  }
  for (const policy of broadManaged) reasons.push(`holds the managed policy ${policy.name}`);
  if (reasons.length === 0) return [];
  // Only managed policies can be taken off without losing what the user wrote; an inline "*" is theirs to edit.
  // So the fix is offered when taking the broad managed policies off leaves the role narrow.
  const onlyManaged = broadManaged.length > 0 && broadArns.size === broadManaged.length && !broadWithoutThem;
  const fix: Fix | undefined =
    onlyManaged && input.botId && input.botAliasId
      ? {
          title: 'Replace with this alias only',
          command: REPAIR_COMMAND,
          args: {
            repair: 'narrowGuestRole',
            roleName: role.name,
            detach: broadManaged.map((p) => p.arn),
            botId: input.botId,
            botAliasId: input.botAliasId,
            lexRegion: input.lexRegion,
          },
          change: `Puts inline policy LexRunBot-${input.botId}-${input.botAliasId} (the Lex runtime actions on this alias only) on role ${role.name}, then detaches ${broadManaged.map((p) => p.name).join(', ')}.`,
        }
      : undefined;
  return [
    finding(
      'guest-role-too-broad',
      'warning',
      'guestRole',
      `The guest role ${role.name} may do far more than talk to the bot`,
      `Anyone who opens the page gets this role without signing in. It ${reasons.map((r) => r.split('\n')[0]).join(' and ')}. Give guests the Lex runtime actions on one alias only.`,
      { resource: role.arn, evidence: reasons.join('\n'), fix },
    ),
  ];
}

function checkVoice(input: Input, role: RoleRead, who: Who, policies: ParsedPolicies, account: string): Finding[] {
  if (!input.voice) return [];
  // Polly is called in the page's Lex region (the Lex web UI configures one region for both).
  const request = sessionRequest(input, role, who, 'polly:SynthesizeSpeech', '*');
  const decision = decide(policies, request);
  if (decision === undefined) return [undecided(who, role, policies, request)];
  if (decision === 'Allowed' || (decision === 'ImplicitlyDenied' && policies.unreadable.length > 0)) return [];
  return [
    finding(
      'polly-denied',
      'error',
      who.link,
      `Voice is on, and role ${role.name} may not use Amazon Polly`,
      `The Lex web UI speaks the bot's answers with polly:SynthesizeSpeech when voice is on; role ${role.name} is not allowed it, so ${who.people} hear nothing and the page shows AccessDenied.`,
      {
        resource: role.arn,
        evidence: evidenceOf(policies, request, decision),
        fix:
          decision === 'ImplicitlyDenied'
            ? attachFix(`Allow ${role.name} polly:SynthesizeSpeech`, role, 'pollySpeech', {}, account, input.lexRegion)
            : undefined,
      },
    ),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkRole(snapshot: SetupSnapshot, who: Who): Finding[] {
  const { input } = snapshot;
  const pool = snapshot.identityPool.state === 'found' ? snapshot.identityPool.value : undefined;
  if (!pool) return [];
  const role = who.kind === 'authenticated' ? snapshot.roles.authenticated : snapshot.roles.unauthenticated;
  const roleNames = defaultRoleNames(pool.name);
  const setRoleFix: Fix = {
    title: `Create and set a ${who.kind} role`,
    command: REPAIR_COMMAND,
    args: {
      repair: 'setPoolRole',
      identityPoolId: input.identityPoolId,
      kind: who.kind,
      roleName: who.kind === 'authenticated' ? roleNames.auth : roleNames.unauth,
      ...(input.botId && input.botAliasId ? { botId: input.botId, botAliasId: input.botAliasId, lexRegion: input.lexRegion } : {}),
    },
    change: `Creates role ${who.kind === 'authenticated' ? roleNames.auth : roleNames.unauth} (or a free variant of the name) trusting only this pool's ${who.kind} identities${input.botId ? `, allowed the Lex runtime actions on bot alias ${botLabel(snapshot, false)} only` : ''}, and sets it as the pool's ${who.roleLabel}.`,
  };
  if (!role) {
    return [
      finding(
        'role-not-set',
        'error',
        who.link,
        `Identity pool ${pool.name} has no ${who.roleLabel}`,
        `GetCredentialsForIdentity fails for ${who.people}: the pool has no role to give them. Set one.`,
        { resource: input.identityPoolId, evidence: `GetIdentityPoolRoles: ${JSON.stringify(pool.roles)}`, fix: setRoleFix },
      ),
    ];
  }
  if (role.trustPolicy.state === 'missing') {
    return [
      finding(
        'role-not-set',
        'error',
        who.link,
        `The ${who.roleLabel} of ${pool.name}, ${role.name}, no longer exists`,
        `The pool names role ${role.arn}, which IAM does not have (deleted?), so GetCredentialsForIdentity fails for ${who.people}. Set a role that exists.`,
        { resource: role.arn, fix: setRoleFix },
      ),
    ];
  }
  const policies = parsePolicies(role, who.link);
  return [
    ...checkTrust(snapshot, role, who),
    // With no such alias, whether a role may use it is moot: the alias finding says what to fix.
    ...(snapshot.botAlias?.state === 'missing' ? [] : checkBotAccess(snapshot, role, who, policies)),
    ...(who.kind === 'unauthenticated' ? checkGuestBreadth(input, role, policies, snapshot.account) : []),
    ...checkVoice(input, role, who, policies, snapshot.account),
    ...policies.unreadable,
  ];
}

// ---- the identity pool, the user pool, the bot, the regions ----

function checkIdentityPool(snapshot: SetupSnapshot): Finding[] {
  const { input } = snapshot;
  const read = snapshot.identityPool;
  if (read.state === 'unreadable') return [couldNotCheck('identityPool', `identity pool ${input.identityPoolId}`, read)];
  if (read.state === 'missing') {
    const id = input.identityPoolId;
    const wrongKind = looksLike('userPoolId', id)
      ? `${id} is a user pool id (REGION_xxxx), not an identity pool id: the page needs the identity pool's id (REGION:uuid), from Cognito's Identity pools, or the explorer's Identity Pools.`
      : looksLike('identityPoolId', id)
        ? `There is no identity pool ${id} in ${regionOfIdentityPoolId(id)} on this connection${snapshot.connectionRegion !== regionOfIdentityPoolId(id) ? ` (the connection's region is ${snapshot.connectionRegion})` : ''}. Check the id (copy it from the explorer), or connect to the account that has it.`
        : `"${id}" is not an identity pool id: one looks like us-east-1:0f1e2d3c-… (a region, a colon and a UUID).`;
    return [
      finding('identity-pool-not-found', 'error', 'identityPool', `No identity pool ${short(id)}`, wrongKind, {
        resource: id,
        evidence: read.message,
      }),
    ];
  }
  const pool = read.value;
  const findings: Finding[] = [];
  const guestIsHowThePageCalls = input.mode !== 'signedIn';
  if (!pool.allowUnauthenticated) {
    findings.push(
      finding(
        'guest-access-off',
        guestIsHowThePageCalls ? 'error' : 'info',
        'identityPool',
        `Guest access is off for ${poolLabel(snapshot)}`,
        guestIsHowThePageCalls
          ? `A page that talks to the bot before anyone signs in calls as a guest, and Cognito answers "Unauthenticated access is not supported for this identity pool". Turn guest access on, or have the page sign in first (then check with mode "signedIn").`
          : 'Only signed-in users get credentials: the page must sign in before it talks to the bot.',
        {
          resource: input.identityPoolId,
          evidence: 'AllowUnauthenticatedIdentities: false',
          fix: guestIsHowThePageCalls
            ? {
                title: 'Turn guest access on',
                command: REPAIR_COMMAND,
                args: { repair: 'setGuestAccess', identityPoolId: input.identityPoolId, allowUnauthenticated: true },
                change: `Sets AllowUnauthenticatedIdentities on identity pool ${pool.name}: anyone who can reach the page gets its unauthenticated role, ${pool.roles.unauthenticated ? roleNameFromArn(pool.roles.unauthenticated) : '(none set yet)'}, without signing in.`,
              }
            : undefined,
        },
      ),
    );
  }
  if (input.mode !== 'guest' && !input.userPoolId) {
    findings.push(
      finding(
        'provider-not-linked',
        'error',
        'identityPool',
        `${pool.name} has no user pool to sign in with`,
        'The page signs users in, but the identity pool lists no Cognito user pool as a login provider, so no ID token is accepted. Add the user pool and the app client the page signs in with (Cognito Bot: Add User Pool as Login Provider…).',
        { resource: input.identityPoolId, evidence: `CognitoIdentityProviders: ${JSON.stringify(pool.providers)}` },
      ),
    );
  }
  if (input.userPoolId && input.clientId) {
    const providerName = cognitoProviderName(regionOfUserPoolId(input.userPoolId) ?? input.region, input.userPoolId);
    const ofPool = pool.providers.filter((p) => p.providerName.endsWith(`/${input.userPoolId}`));
    const linked = ofPool.some((p) => p.clientId === input.clientId && p.providerName === providerName);
    if (!linked) {
      const listsOtherClient = ofPool.length > 0;
      findings.push(
        finding(
          'provider-not-linked',
          'error',
          'identityPool',
          listsOtherClient
            ? `${pool.name} trusts user pool ${input.userPoolId} with another app client`
            : `${pool.name} does not trust user pool ${input.userPoolId}`,
          `Signed-in users' ID tokens are refused ("Invalid login token" / "Token is not from a supported provider") unless the identity pool lists the user pool with the app client the page signs in with, ${clientNamed(snapshot)}.`,
          {
            resource: input.identityPoolId,
            evidence: `CognitoIdentityProviders: ${JSON.stringify(pool.providers)}`,
            fix: {
              title: 'Add the user pool as a login provider',
              command: REPAIR_COMMAND,
              args: { repair: 'linkUserPool', identityPoolId: input.identityPoolId, userPoolId: input.userPoolId, clientId: input.clientId },
              change: `Adds ${providerName} with app client ${clientNamed(snapshot)} to identity pool ${pool.name}'s login providers; the ones there stay.`,
            },
          },
        ),
      );
    }
  }
  return findings;
}

function checkAppClient(snapshot: SetupSnapshot): Finding[] {
  const { input, appClient } = snapshot;
  if (!appClient || !input.userPoolId || !input.clientId) return [];
  if (appClient.state === 'unreadable') return [couldNotCheck('userPool', `app client ${input.clientId}`, appClient)];
  if (appClient.state === 'missing') {
    return [
      finding(
        'client-not-found',
        'error',
        'userPool',
        `No app client ${input.clientId} in user pool ${input.userPoolId}`,
        `Sign-in fails ("User pool client ${input.clientId} does not exist"). Copy the client id from the explorer (the user pool's App clients), or check the user pool id.`,
        { resource: input.clientId, evidence: appClient.message },
      ),
    ];
  }
  const client = appClient.value;
  const findings: Finding[] = [];
  if (client.hasSecret) {
    findings.push(
      finding(
        'client-has-secret',
        'error',
        'userPool',
        `App client ${client.name} has a secret, which a web page cannot keep`,
        'Sign-in from the page fails ("Unable to verify secret hash for client"), and a secret in page code is public. Create an app client without a secret (a public client, as Create User Pool does) and use its id.',
        { resource: input.clientId, evidence: 'ClientSecret: (set)' },
      ),
    );
  }
  const allowed = effectiveAuthFlows(client.authFlows);
  const missing = REQUIRED_FLOWS.filter((flow) => !allowed.includes(flow));
  if (missing.length > 0) {
    findings.push(
      finding(
        'client-flows-missing',
        missing.includes('ALLOW_USER_SRP_AUTH') ? 'error' : 'warning',
        'userPool',
        `App client ${client.name} does not allow ${missing.join(' or ')}`,
        `Web pages sign in with SRP (amazon-cognito-identity-js, Amplify) and stay signed in with refresh tokens; without ${missing.join(' and ')} sign-in fails ("USER_SRP_AUTH is not enabled for the client") or ends when the first token expires.`,
        {
          resource: input.clientId,
          evidence: `ExplicitAuthFlows: ${JSON.stringify(client.authFlows)}`,
          fix: {
            title: `Allow ${missing.join(' and ')}`,
            command: REPAIR_COMMAND,
            args: { repair: 'allowClientFlows', userPoolId: input.userPoolId, clientId: input.clientId, flows: missing },
            change: `Adds ${missing.join(' and ')} to app client ${client.name}'s auth flows; its other settings stay.`,
          },
        },
      ),
    );
  }
  return findings;
}

function checkBot(snapshot: SetupSnapshot): Finding[] {
  const { input, botAlias } = snapshot;
  if (!botAlias || !input.botId || !input.botAliasId) return [];
  if (botAlias.state === 'unreadable') return [couldNotCheck('bot', `bot alias ${botLabel(snapshot, false)}`, botAlias)];
  if (botAlias.state === 'missing') {
    const owner = snapshot.missingAlias?.aliasOfBot;
    const bot = botNamed(snapshot);
    const detail = owner
      ? `Alias ${input.botAliasId} belongs to bot ${owner.botName} (${owner.botId}), not ${bot}: Lex answers "not a valid BotId/BotAliasId combination". Use that bot's id, or an alias of ${bot}.`
      : snapshot.bot?.state === 'missing'
        ? `There is no bot ${input.botId} in ${input.lexRegion}. Check the bot id, and that the page's Lex region is the bot's (Cognito and Lex may be in different regions).`
        : `Bot ${bot} has no alias ${input.botAliasId} in ${input.lexRegion}. Check the alias id (the draft's test alias is TSTALIASID).`;
    return [
      finding('bot-alias-not-found', 'error', 'bot', `No alias ${input.botAliasId} of bot ${bot}`, detail, {
        resource: input.botAliasId,
        evidence: botAlias.message,
      }),
    ];
  }
  if (!input.localeId) return [];
  const alias = botAlias.value;
  const versionLocales = alias.versionLocales;
  if (versionLocales.state === 'unreadable') return [couldNotCheck('bot', `the locales of ${alias.name}`, versionLocales)];
  const ofVersion = versionLocales.state === 'found' ? versionLocales.value.find((l) => l.localeId === input.localeId) : undefined;
  const disabled = alias.locales[input.localeId] === false;
  const notBuilt = ofVersion && ofVersion.status !== undefined && ofVersion.status !== 'Built' && ofVersion.status !== 'ReadyExpressTesting';
  if (ofVersion && !disabled && !notBuilt) return [];
  const available = versionLocales.state === 'found' ? versionLocales.value.map((l) => `${l.localeId} (${l.status ?? 'unknown'})`).join(', ') : 'unknown';
  return [
    finding(
      'locale-not-on-alias',
      'error',
      'bot',
      !ofVersion
        ? `Alias ${alias.name} has no locale ${input.localeId}`
        : disabled
          ? `Locale ${input.localeId} is disabled on alias ${alias.name}`
          : `Locale ${input.localeId} of alias ${alias.name} is not built`,
      !ofVersion
        ? `The alias points at version ${alias.botVersion}, which has no ${input.localeId}: Lex answers ResourceNotFoundException. Use one of its locales, or add the locale and build.`
        : disabled
          ? `Enable ${input.localeId} in the alias's language settings (Lex console), or use another locale.`
          : `Version ${alias.botVersion}'s ${input.localeId} is ${ofVersion.status}: build it (Lex console, Build), then talk to it.`,
      { resource: input.botAliasId, evidence: `version ${alias.botVersion} locales: ${available}; alias locale settings: ${JSON.stringify(alias.locales)}` },
    ),
  ];
}

function checkRegions(snapshot: SetupSnapshot): Finding[] {
  const { input } = snapshot;
  const findings: Finding[] = [];
  const poolRegion = regionOfIdentityPoolId(input.identityPoolId);
  if (poolRegion && poolRegion !== input.region) {
    findings.push(
      finding(
        'region-mismatch',
        'error',
        'regions',
        `The identity pool is in ${poolRegion}, the page's Cognito region is ${input.region}`,
        `The page would ask Cognito in ${input.region} for a pool that lives in ${poolRegion} and get ResourceNotFoundException. Set the page's Cognito region to ${poolRegion}.`,
        { resource: input.identityPoolId, evidence: `identity pool id ${input.identityPoolId}; Cognito region ${input.region}` },
      ),
    );
  }
  const userPoolRegion = input.userPoolId ? regionOfUserPoolId(input.userPoolId) : undefined;
  if (userPoolRegion && userPoolRegion !== input.region) {
    findings.push(
      finding(
        'region-mismatch',
        'warning',
        'regions',
        `The user pool is in ${userPoolRegion}, the page's Cognito region is ${input.region}`,
        `Sign-in goes to the user pool's region (${userPoolRegion}); a page or library that uses one Cognito region for both (Amplify's aws_cognito_region) signs in against ${input.region} and fails. Keep both pools in one region, or configure each.`,
        { resource: input.userPoolId, evidence: `user pool id ${input.userPoolId}; Cognito region ${input.region}` },
      ),
    );
  }
  if (input.lexRegion !== input.region) {
    findings.push(
      finding(
        'region-mismatch',
        'info',
        'regions',
        `Lex is in ${input.lexRegion}, Cognito in ${input.region}`,
        `That works: the credentials from the identity pool (${input.region}) are valid in every region. The page's Lex client must use ${input.lexRegion} (the Lex web UI: lex.region), and its Cognito client ${input.region} (cognito.region).`,
        { evidence: `Cognito region ${input.region}; Lex region ${input.lexRegion}` },
      ),
    );
  }
  return findings;
}

// ---- the whole chain ----

/**
 * Turning guest access on hands the guest role to anyone who opens the page: not while that
 * role may do far more than talk to the bot, or any pool's identities may assume it. Those
 * findings' fixes come first.
 */
function withholdRiskyGuestAccess(findings: Finding[]): Finding[] {
  const risky = findings.filter((f) => f.link === 'guestRole' && (f.code === 'guest-role-too-broad' || f.code === 'trust-too-open'));
  if (risky.length === 0) return findings;
  return findings.map((f) =>
    f.code === 'guest-access-off' && f.fix
      ? { ...f, fix: undefined, detail: `${f.detail} Fix the guest role first (${risky.map((r) => r.code).join(', ')}): turned on now, it would be anyone's.` }
      : f,
  );
}

function linkStatus(findings: readonly Finding[], link: ChainLink): CheckedLink['status'] {
  const worst = findings.filter((f) => f.link === link).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0];
  return worst ? worst.severity : 'ok';
}

/** Runs every check on what was read. */
export function checkSetup(snapshot: SetupSnapshot): DiagnoseResult {
  const { input } = snapshot;
  const pool = snapshot.identityPool.state === 'found' ? snapshot.identityPool.value : undefined;
  // Who the page calls as (gather resolved it): guests, signed-in users, or both.
  const signsIn = input.mode !== 'guest' && Boolean(input.userPoolId);
  const checksGuests = input.mode !== 'signedIn';
  const found = [
    ...checkRegions(snapshot),
    ...checkIdentityPool(snapshot),
    ...checkAppClient(snapshot),
    ...(checksGuests ? checkRole(snapshot, GUEST) : []),
    ...(signsIn ? checkRole(snapshot, SIGNED_IN) : []),
    ...checkBot(snapshot),
  ];
  const findings = withholdRiskyGuestAccess(found).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

  const guestRole = snapshot.roles.unauthenticated?.name;
  const signedInRole = snapshot.roles.authenticated?.name;
  const links: CheckedLink[] = [
    { link: 'regions', label: `Regions: Cognito ${input.region}, Lex ${input.lexRegion}`, status: linkStatus(findings, 'regions') },
    { link: 'identityPool', label: `Identity pool ${poolLabel(snapshot)}`, status: linkStatus(findings, 'identityPool') },
    {
      link: 'userPool',
      label: signsIn
        ? `App client ${snapshot.appClient?.state === 'found' ? snapshot.appClient.value.name : input.clientId} of user pool ${input.userPoolId}`
        : 'No user pool (guests only)',
      status: signsIn ? linkStatus(findings, 'userPool') : 'skipped',
    },
    {
      link: 'guestRole',
      label: `Guest role ${guestRole ?? '(none)'}`,
      status: checksGuests && pool ? linkStatus(findings, 'guestRole') : 'skipped',
    },
    {
      link: 'signedInRole',
      label: `Signed-in role ${signedInRole ?? '(none)'}`,
      status: signsIn && pool ? linkStatus(findings, 'signedInRole') : 'skipped',
    },
    {
      link: 'bot',
      label: input.botId ? `Bot alias ${botLabel(snapshot)}, ${input.lexRegion}` : 'No bot given',
      status: input.botId ? linkStatus(findings, 'bot') : 'skipped',
    },
  ];
  return { ok: isOk(findings), findings, links, input };
}
