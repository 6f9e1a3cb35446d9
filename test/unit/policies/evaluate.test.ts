import * as assert from 'node:assert/strict';
import type { PolicyDocument } from '../../../src/policies/document';
import { evaluatePolicies, type EvaluationRequest } from '../../../src/policies/evaluate';
import { findManagedPolicy } from '../../../src/policies/managed';
import { cognitoTrustPolicy } from '../../../src/policies/trust';

// The cases the differential oracle cannot simulate: Lex V2 runtime ARNs, Cognito identity
// context keys, and trust policies with a federated principal.
const ALIAS = 'arn:aws:lex:us-east-1:000000000000:bot-alias/BOTID12345/ALIAS12345';
const POOL = 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60';
const decide = (policies: PolicyDocument[], request: EvaluationRequest) => evaluatePolicies(policies, request).decision;

const trustPolicy = (amr: 'authenticated' | 'unauthenticated'): PolicyDocument => cognitoTrustPolicy(POOL, amr);
const assume = (
  context: EvaluationRequest['context'],
  principal: Record<string, string> = { Federated: 'cognito-identity.amazonaws.com' },
): EvaluationRequest => ({
  action: 'sts:AssumeRoleWithWebIdentity',
  resource: 'arn:aws:iam::000000000000:role/Cognito_BotPoolUnauth_Role',
  principal,
  context,
});

describe('policies/evaluate', () => {
  it('AmazonLexRunBotsOnly allows RecognizeText on any bot alias, and nothing else', () => {
    const policy = findManagedPolicy('arn:aws:iam::aws:policy/AmazonLexRunBotsOnly')!.document;
    assert.equal(decide([policy], { action: 'lex:RecognizeText', resource: ALIAS }), 'Allowed');
    assert.equal(decide([policy], { action: 'lex:recognizetext', resource: ALIAS }), 'Allowed', 'actions match case-insensitively');
    assert.equal(decide([policy], { action: 'lex:CreateBot', resource: 'arn:aws:lex:us-east-1:000000000000:bot/BOTID12345' }), 'ImplicitlyDenied');
  });

  it('a least-privilege policy allows one alias only; an explicit Deny wins over an Allow', () => {
    const onlyOne: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lex:RecognizeText', Resource: ALIAS }] };
    assert.equal(decide([onlyOne], { action: 'lex:RecognizeText', resource: ALIAS }), 'Allowed');
    assert.equal(decide([onlyOne], { action: 'lex:RecognizeText', resource: ALIAS.replace('ALIAS12345', 'TSTALIASID') }), 'ImplicitlyDenied');
    const deny: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'lex:*', Resource: '*' }] };
    assert.equal(decide([onlyOne, deny], { action: 'lex:RecognizeText', resource: ALIAS }), 'ExplicitlyDenied');
  });

  it('substitutes ${cognito-identity.amazonaws.com:sub} and matches nothing when the key is missing', () => {
    const s3: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::notes-app-uploads/private/${cognito-identity.amazonaws.com:sub}/*' }],
    };
    const resource = 'arn:aws:s3:::notes-app-uploads/private/us-east-1:1111/notes.txt';
    assert.equal(decide([s3], { action: 's3:GetObject', resource, context: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:1111' } }), 'Allowed');
    assert.equal(decide([s3], { action: 's3:GetObject', resource, context: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:2222' } }), 'ImplicitlyDenied');
    assert.equal(decide([s3], { action: 's3:GetObject', resource }), 'ImplicitlyDenied');
    const literal: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${*}' }] };
    assert.equal(decide([literal], { action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' }), 'Allowed', '${*} is a literal *');
    assert.equal(decide([literal], { action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }), 'ImplicitlyDenied');
  });

  it("a Cognito trust policy lets this pool's identities with this amr assume the role, and nobody else", () => {
    const unauth = trustPolicy('unauthenticated');
    assert.equal(
      decide([unauth], assume({ 'cognito-identity.amazonaws.com:aud': POOL, 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] })),
      'Allowed',
    );
    assert.equal(
      decide(
        [unauth],
        assume({
          'cognito-identity.amazonaws.com:aud': POOL,
          'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI'],
        }),
      ),
      'ImplicitlyDenied',
      'wrong amr',
    );
    assert.equal(
      decide([unauth], assume({ 'cognito-identity.amazonaws.com:aud': 'us-east-1:other-pool', 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] })),
      'ImplicitlyDenied',
      'other pool',
    );
    assert.equal(
      decide(
        [unauth],
        assume({ 'cognito-identity.amazonaws.com:aud': POOL, 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }, { Service: 'lambda.amazonaws.com' }),
      ),
      'ImplicitlyDenied',
      'other principal',
    );
    assert.equal(decide([unauth], assume({ 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] })), 'ImplicitlyDenied', 'no aud');
  });

  it('fails closed on condition operators it does not support, and says which', () => {
    const numericAllow: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': '10' } } }],
    };
    const allow = evaluatePolicies([numericAllow], { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:max-keys': '5' } });
    assert.deepEqual(allow, { decision: 'ImplicitlyDenied', unsupported: ['NumericLessThan'] });
    const everything: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const numericDeny: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }],
    };
    assert.equal(decide([everything, numericDeny], { action: 's3:ListBucket', resource: 'arn:aws:s3:::b' }), 'ExplicitlyDenied');
  });
});
