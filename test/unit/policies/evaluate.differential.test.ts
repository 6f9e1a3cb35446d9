import * as assert from 'node:assert/strict';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, PolicyStatement } from '../../../src/policies/document';
import { type ContextValue, evaluatePolicies } from '../../../src/policies/evaluate';
import { AWS_MANAGED_POLICIES } from '../../../src/policies/managed';

// Differential test: every policy of a corpus against every request, through our evaluator and
// through @cloud-copilot/iam-simulate (AGPL: a dev-time oracle only, never bundled). Any
// disagreement fails. Cases the oracle refuses to simulate (it validates actions, resource
// types and context keys against its own data) are counted and left out, not guessed: its
// data lists no resource type for the Lex V2 runtime actions ("no.resource.types"), requires
// "*" for cognito-identity:GetId, and knows no cognito-identity.amazonaws.com:* context keys.
// Those cases are covered by the explicit tests in evaluate.test.ts.
const ORACLE_REFUSES = new Set(['lex:RecognizeText', 'lex:RecognizeUtterance', 'lex:DeleteSession', 'cognito-identity:GetId']);

const ACCOUNT = '000000000000';
const ALIAS = `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/BOTID12345/ALIAS12345`;
const statement = (s: Omit<PolicyStatement, 'Effect'> & { Effect?: 'Allow' | 'Deny' }): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', ...s } as PolicyStatement],
});

const POLICIES: Record<string, PolicyDocument> = {
  AmazonLexRunBotsOnly: AWS_MANAGED_POLICIES[0].document,
  'lex one alias': statement({ Action: 'lex:RecognizeText', Resource: ALIAS }),
  'lex any alias of a bot': statement({ Action: ['lex:Recognize*'], Resource: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/BOTID12345/*` }),
  's3 per user prefix': statement({ Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::notes-app-uploads/private/${aws:userid}/*' }),
  's3 default variable': statement({ Action: 's3:GetObject', Resource: "arn:aws:s3:::notes-app-uploads/private/${aws:username, 'guest'}/*" }),
  'execute-api': statement({ Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*' }),
  'notes basics': statement({ Action: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], Resource: '*' }),
  'deny one alias': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'lex:*', Resource: '*' },
      { Effect: 'Deny', Action: 'lex:*', Resource: ALIAS },
    ],
  },
  'NotAction iam': statement({ NotAction: 'iam:*', Resource: '*' }),
  'NotResource secret bucket': statement({ Action: 's3:*', NotResource: 'arn:aws:s3:::secret-bucket/*' }),
  'deny NotResource': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::notes-app-uploads/*' },
    ],
  },
  'action with ?': statement({ Action: 'lex:Recogni?eText', Resource: '*' }),
  'region StringEquals': statement({ Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
  'region StringEqualsIfExists': statement({ Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } }),
  'tag StringNotEquals': statement({ Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } } }),
  'userid StringLike': statement({ Action: '*', Resource: '*', Condition: { StringLike: { 'aws:userid': 'AROA*:*' } } }),
  'userid StringNotLike': statement({ Action: '*', Resource: '*', Condition: { StringNotLike: { 'aws:userid': 'AROA*' } } }),
  IgnoreCase: statement({ Action: '*', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } } }),
  'Bool secure': statement({ Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
  'deny insecure': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  },
  'Null token time': statement({ Action: '*', Resource: '*', Condition: { Null: { 'aws:TokenIssueTime': 'false' } } }),
  'Null tag absent': statement({ Action: '*', Resource: '*', Condition: { Null: { 'aws:PrincipalTag/team': 'true' } } }),
  'ForAnyValue tags': statement({ Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['env*'] } } }),
  'ForAllValues tags': statement({ Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } } }),
  'ForAnyValue not equals': statement({ Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } } }),
  'ForAllValues not like': statement({ Action: '*', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['secret*'] } } }),
  'ArnLike source': statement({ Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:lex:*:*:bot-alias/*' } } }),
  'ArnNotEquals source': statement({ Action: '*', Resource: '*', Condition: { ArnNotEquals: { 'aws:SourceArn': ALIAS } } }),
  'two operators': statement({
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }, Bool: { 'aws:SecureTransport': 'true' } },
  }),
  'variable in condition': statement({ Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } }),
};

const REQUESTS: Array<{ action: string; resource: string }> = [
  { action: 'lex:RecognizeText', resource: ALIAS },
  { action: 'lex:RecognizeText', resource: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/BOTID12345/OTHERALIAS` },
  { action: 'lex:RecognizeUtterance', resource: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/OTHERBOT12/ALIAS12345` },
  { action: 'lex:DeleteSession', resource: ALIAS },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::notes-app-uploads/private/AROAEXAMPLE:session1/note.txt' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::notes-app-uploads/private/alice/note.txt' },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::notes-app-uploads/private/guest/note.txt' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::secret-bucket/keys.txt' },
  { action: 'execute-api:Invoke', resource: `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/prod/GET/notes` },
  { action: 'execute-api:Invoke', resource: `arn:aws:execute-api:us-east-1:${ACCOUNT}:zzzzzzzzzz/prod/GET/notes` },
  { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/Attacker` },
  { action: 'cognito-identity:GetId', resource: `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60` },
];

const CONTEXTS: Array<Record<string, ContextValue>> = [
  {},
  {
    'aws:userid': 'AROAEXAMPLE:session1',
    'aws:RequestedRegion': 'us-east-1',
    'aws:SecureTransport': 'true',
    'aws:TagKeys': ['env', 'team'],
    'aws:TokenIssueTime': '2026-11-23T10:00:00Z',
  },
  {
    'aws:username': 'alice',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:SecureTransport': 'false',
    'aws:TagKeys': ['env', 'secret-x'],
    'aws:PrincipalTag/team': 'blue',
    'aws:SourceArn': ALIAS,
  },
  { 'aws:username': 'blue', 'aws:PrincipalTag/team': 'Blue', 'aws:TagKeys': ['other'], 'aws:SourceArn': `arn:aws:lex:eu-west-1:${ACCOUNT}:bot-alias/X/Y` },
];

describe('policies/evaluate: differential test against @cloud-copilot/iam-simulate', function () {
  this.timeout(120_000);

  it('agrees with the oracle on every case the oracle can simulate', async () => {
    const disagreements: string[] = [];
    let compared = 0;
    let refused = 0;
    const unexpectedRefusals = new Set<string>();
    for (const [name, policy] of Object.entries(POLICIES)) {
      for (const request of REQUESTS) {
        for (const context of CONTEXTS) {
          const contextVariables = Object.fromEntries(Object.entries(context).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v])) as Record<
            string,
            string | string[]
          >;
          const oracle = await runSimulation(
            {
              identityPolicies: [{ name: 'policy', policy }],
              serviceControlPolicies: [],
              resourceControlPolicies: [],
              request: {
                principal: `arn:aws:sts::${ACCOUNT}:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials`,
                action: request.action,
                resource: { resource: request.resource, accountId: ACCOUNT },
                contextVariables,
              },
            } as Parameters<typeof runSimulation>[0],
            {},
          );
          if (oracle.resultType !== 'single') {
            refused++;
            if (!ORACLE_REFUSES.has(request.action))
              unexpectedRefusals.add(`${request.action}: ${JSON.stringify(oracle.resultType === 'error' ? oracle.errors : oracle.resultType)}`);
            continue;
          }
          compared++;
          const ours = evaluatePolicies([policy], { ...request, context }).decision;
          if (ours !== oracle.overallResult) {
            disagreements.push(`${name} | ${request.action} ${request.resource} | ${JSON.stringify(context)}: ours ${ours}, oracle ${oracle.overallResult}`);
          }
        }
      }
    }
    assert.deepEqual(disagreements, [], `${disagreements.length} of ${compared} cases disagree`);
    // The corpus must mostly run: a check that compares nothing proves nothing.
    assert.deepEqual([...unexpectedRefusals], [], 'the oracle refused cases it should simulate');
    assert.ok(compared >= 800, `only ${compared} cases compared (${refused} refused by the oracle)`);
  });
});
