import * as assert from 'node:assert/strict';
import { findPolicyProblem, validatePolicyDocument } from '../../../src/policies/document';

const statement = (fields: object) => JSON.stringify({ Version: '2012-10-17', Statement: [fields] });

describe('policies/document: validation as IAM does it', () => {
  it("accepts the tutorials' identity and trust policies", () => {
    const identity = statement({ Effect: 'Allow', Action: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], Resource: ['*'] });
    assert.equal(validatePolicyDocument(identity, 'identity').ok, true);
    const trust = statement({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60' } },
    });
    assert.equal(validatePolicyDocument(trust, 'trust').ok, true);
  });

  it('wraps a single statement object into a list', () => {
    const result = validatePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }), 'identity');
    assert.ok(result.ok && Array.isArray(result.document.Statement) && result.document.Statement.length === 1);
  });

  const rejected: Array<[string, string, 'identity' | 'trust', string]> = [
    ['invalid JSON', '{"Version": "2012-10-17",', 'identity', 'This policy contains invalid Json'],
    ['a JSON array', '[]', 'identity', 'This policy contains invalid Json'],
    ['a bad version', JSON.stringify({ Version: '2020-01-01', Statement: [] }), 'identity', 'The policy must contain a valid version string'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'identity', 'Syntax errors in policy. Missing required field Statement'],
    ['no Effect', statement({ Action: 's3:GetObject', Resource: '*' }), 'identity', 'Missing required field Effect'],
    ['a bad Effect', statement({ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }), 'identity', 'Invalid effect: Permit'],
    ['no actions', statement({ Effect: 'Allow', Resource: '*' }), 'identity', 'Policy statement must contain actions.'],
    [
      'an action without a vendor',
      statement({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }),
      'identity',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ],
    ['no resources', statement({ Effect: 'Allow', Action: 's3:GetObject' }), 'identity', 'Policy statement must contain resources.'],
    [
      'a resource that is no ARN',
      statement({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-bucket' }),
      'identity',
      'Resource my-bucket must be in ARN format or "*".',
    ],
    [
      'a principal in an identity policy',
      statement({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }),
      'identity',
      'Policy document should not specify a principal.',
    ],
    [
      'a resource in a trust policy',
      statement({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }),
      'trust',
      'Has prohibited field Resource',
    ],
    ['no principal in a trust policy', statement({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust', 'Missing required field Principal'],
    [
      'an unknown principal type',
      statement({ Effect: 'Allow', Principal: { Cognito: 'x' }, Action: 'sts:AssumeRole' }),
      'trust',
      'Invalid principal in policy: "Cognito"',
    ],
    [
      'an unknown field',
      statement({ Effect: 'Allow', Action: 's3:*', Resource: '*', Resources: '*' }),
      'identity',
      'Syntax errors in policy. Unknown field Resources',
    ],
  ];
  for (const [what, text, kind, reason] of rejected) {
    it(`rejects ${what}: "${reason}"`, () => {
      assert.deepEqual(validatePolicyDocument(text, kind), { ok: false, reason });
    });
  }

  it('says which key or value each problem is about, or which object lacks a field', () => {
    const ok = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    const at = (document: object, kind: 'identity' | 'trust' = 'identity') => {
      const problem = findPolicyProblem(document, kind);
      return problem && [problem.path, problem.part];
    };
    assert.deepEqual(at({ Version: '2012-10-17', Statement: [ok, { Action: 's3:*', Resource: '*' }] }), [['Statement', 1], 'value']);
    assert.deepEqual(at({ Statement: { ...ok, Resources: '*' } }), [['Statement', 'Resources'], 'key']);
    assert.deepEqual(at({ Statement: [ok, { ...ok, Action: ['s3:GetObject', 'GetObject'] }] }), [['Statement', 1, 'Action', 1], 'value']);
    assert.deepEqual(at({ Statement: [{ ...ok, Resource: undefined, NotResource: 'bucket' }] }), [['Statement', 0, 'NotResource'], 'value']);
    assert.deepEqual(at({ Statement: [{ ...ok, Condition: { StringEquals: 'x' } }] }), [['Statement', 0, 'Condition', 'StringEquals'], 'value']);
    assert.deepEqual(at({ Statement: [{ Effect: 'Allow', Principal: { Cognito: 'x' }, Action: 'sts:AssumeRole' }] }, 'trust'), [
      ['Statement', 0, 'Principal', 'Cognito'],
      'key',
    ]);
    assert.deepEqual(at({ Version: '2012-10-17', Statement: [ok], Extra: 1 }), [['Extra'], 'key']);
    assert.deepEqual(at({ Version: '2012-10-17' }), [[], 'value']);
    assert.equal(at({ Version: '2012-10-17', Statement: [ok] }), undefined);
  });
});
