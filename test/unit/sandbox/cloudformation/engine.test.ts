import * as assert from 'node:assert/strict';
import { creationOrder, NO_VALUE, type ResolveContext, resolveValue } from '../../../../src/sandbox/services/cloudformation/intrinsics';
import { planStack, pseudoParameters } from '../../../../src/sandbox/services/cloudformation/stacks';
import { parseTemplate } from '../../../../src/sandbox/services/cloudformation/template';

/** A stack half made: parameters and pseudo parameters, a pool and a role already created. */
const context: ResolveContext = {
  ref: (name) =>
    (
      ({
        'AWS::Region': 'eu-west-1',
        'AWS::AccountId': '000000000000',
        Stage: 'dev',
        Flows: ['A', 'B'],
        Pool: 'eu-west-1:1111',
        GuestRole: 'Web_guest',
      }) as Record<string, unknown>
    )[name] ?? assert.fail(`unexpected Ref ${name}`),
  getAtt: (resource, attribute) => `${resource}/${attribute}`,
  condition: (name) => name === 'IsDev',
};
const resolve = (value: unknown) => resolveValue(value, context);

const refusal = (message: RegExp) => (error: Error & { code?: string }) => {
  assert.equal(error.code, 'ValidationError');
  assert.match(error.message, message);
  return true;
};

describe("sandbox CloudFormation: the template engine's intrinsics", () => {
  it('Ref gives a parameter, a pseudo parameter or a created resource; AWS::NoValue drops the property', () => {
    assert.deepEqual(resolve({ a: { Ref: 'Stage' }, b: { Ref: 'AWS::Region' }, c: { Ref: 'Pool' }, d: { Ref: 'AWS::NoValue' } }), {
      a: 'dev',
      b: 'eu-west-1',
      c: 'eu-west-1:1111',
    });
    assert.equal(resolve({ Ref: 'AWS::NoValue' }), NO_VALUE);
  });

  it('Fn::GetAtt in its list and its dotted form', () => {
    assert.equal(resolve({ 'Fn::GetAtt': ['Role', 'Arn'] }), 'Role/Arn');
    assert.equal(resolve({ 'Fn::GetAtt': 'UserPool.ProviderName' }), 'UserPool/ProviderName');
  });

  it('Fn::Sub: ${Param}, ${AWS::Region}, ${Resource.Attr}, ${!Literal} kept literally, and a variable map', () => {
    assert.equal(
      resolve({ 'Fn::Sub': 'arn:aws:s3:::notes-${AWS::AccountId}-${Stage}/${!cognito-identity.amazonaws.com:sub}/* in ${AWS::Region} by ${Role.Arn}' }),
      'arn:aws:s3:::notes-000000000000-dev/${cognito-identity.amazonaws.com:sub}/* in eu-west-1 by Role/Arn',
    );
    assert.equal(resolve({ 'Fn::Sub': ['${Name}-${Stage}', { Name: { Ref: 'GuestRole' } }] }), 'Web_guest-dev');
  });

  it('Fn::Join joins a list, Fn::Select and Fn::Split pick it apart', () => {
    assert.equal(resolve({ 'Fn::Join': ['-', [{ Ref: 'Stage' }, 'x', { 'Fn::GetAtt': ['Pool', 'Name'] }]] }), 'dev-x-Pool/Name');
    assert.equal(resolve({ 'Fn::Join': [',', { Ref: 'Flows' }] }), 'A,B');
    assert.equal(resolve({ 'Fn::Select': ['1', { 'Fn::Split': [':', { Ref: 'Pool' }] }] }), '1111');
    assert.throws(() => resolve({ 'Fn::Select': [5, { Ref: 'Flows' }] }), refusal(/cannot select index 5/));
  });

  it('Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or', () => {
    assert.equal(resolve({ 'Fn::If': ['IsDev', 'yes', 'no'] }), 'yes');
    assert.deepEqual(resolve({ a: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] } }), {});
    assert.equal(resolve({ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }), true);
    assert.equal(resolve({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }] }), false);
    assert.equal(resolve({ 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] }] }), true);
  });

  it('refuses a function it does not run, naming it', () => {
    assert.throws(() => resolve({ 'Fn::Transmogrify': ['x'] }), refusal(/Fn::Transmogrify is not supported by the sandbox/));
  });
});

describe('sandbox CloudFormation: YAML short forms', () => {
  it('reads !Ref, !GetAtt (both forms), !Sub (both forms), !Join, !If, !Equals as their long forms', () => {
    const template = parseTemplate(`
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
Resources:
  Thing:
    Type: AWS::IAM::Role
    Properties:
      a: !Ref Stage
      b: !GetAtt Pool.ProviderName
      c: !GetAtt [Role, Arn]
      d: !Sub 'x-\${AWS::Region}'
      e: !Sub
        - '\${Name}'
        - Name: !Ref Stage
      f: !Join [':', [a, !Ref Pool]]
      g: !If [IsDev, !Ref AWS::NoValue, no]
      h: !Select [0, !Split [',', 'a,b']]
`);
    assert.deepEqual(template.Conditions, { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } });
    assert.deepEqual(template.Resources.Thing.Properties, {
      a: { Ref: 'Stage' },
      b: { 'Fn::GetAtt': ['Pool', 'ProviderName'] },
      c: { 'Fn::GetAtt': ['Role', 'Arn'] },
      d: { 'Fn::Sub': 'x-${AWS::Region}' },
      e: { 'Fn::Sub': ['${Name}', { Name: { Ref: 'Stage' } }] },
      f: { 'Fn::Join': [':', ['a', { Ref: 'Pool' }]] },
      g: { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 'no'] },
      h: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
    });
  });

  it('reads JSON templates, and refuses a malformed one or one without resources as CloudFormation words it', () => {
    assert.equal(parseTemplate('{"Resources":{"R":{"Type":"AWS::IAM::Role"}}}').Resources.R.Type, 'AWS::IAM::Role');
    assert.throws(() => parseTemplate('{"Resources":'), refusal(/^Template format error: JSON not well-formed/));
    assert.throws(() => parseTemplate('Resources: {}'), refusal(/At least one Resources member must be defined/));
    assert.throws(() => parseTemplate('Resources:\n  R:\n    Properties: {}'), refusal(/Every Resources object must contain a Type member/));
  });
});

describe('sandbox CloudFormation: the plan (parameters, order)', () => {
  const pseudo = pseudoParameters('us-east-1', 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1', 's');
  const template = parseTemplate(`
Parameters:
  Name: { Type: String }
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Size: { Type: Number, Default: 3 }
  Flows: { Type: CommaDelimitedList, Default: 'a, b' }
  Secret: { Type: String, Default: s3cret, NoEcho: true }
Resources:
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties: { IdentityPoolId: !Ref Pool, Roles: { unauthenticated: !GetAtt Role.Arn } }
  Role:
    Type: AWS::IAM::Role
    Properties: { RoleName: !Sub '\${Name}-\${Pool}' }
  Pool:
    Type: AWS::Cognito::IdentityPool
    DependsOn: Client
    Properties: { IdentityPoolName: !Ref Name }
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: { ClientName: x }
`);

  it('orders resources after what they refer to (Ref, Fn::GetAtt, Fn::Sub, DependsOn)', () => {
    const plan = planStack(template, [{ ParameterKey: 'Name', ParameterValue: 'web' }], pseudo);
    assert.deepEqual(plan.order, ['Client', 'Pool', 'Role', 'Attachment']);
  });

  it('refuses a dependency cycle, naming the resources in it', () => {
    const cyclic = parseTemplate(`
Resources:
  A: { Type: AWS::IAM::Role, Properties: { RoleName: !Ref B } }
  B: { Type: AWS::IAM::Role, Properties: { RoleName: !GetAtt C.RoleId } }
  C: { Type: AWS::IAM::Role, DependsOn: A }
`);
    assert.throws(() => planStack(cyclic, [], pseudo), refusal(/^Circular dependency between resources: \[A, B, C\]$/));
    assert.deepEqual(
      creationOrder(
        new Map([
          ['X', new Set(['Y'])],
          ['Y', new Set<string>()],
        ]),
      ),
      ['Y', 'X'],
    );
  });

  it('takes defaults, checks AllowedValues and Number, splits a CommaDelimitedList, shows NoEcho as ****', () => {
    const plan = planStack(
      template,
      [
        { ParameterKey: 'Name', ParameterValue: 'web' },
        { ParameterKey: 'Stage', ParameterValue: 'prod' },
      ],
      pseudo,
    );
    assert.deepEqual(plan.values, { Name: 'web', Stage: 'prod', Size: '3', Flows: ['a', 'b'], Secret: 's3cret' });
    assert.deepEqual(
      plan.shown.find((p) => p.ParameterKey === 'Secret'),
      { ParameterKey: 'Secret', ParameterValue: '****' },
    );
    assert.throws(() => planStack(template, [], pseudo), refusal(/^Parameters: \[Name\] must have values$/));
    assert.throws(
      () =>
        planStack(
          template,
          [
            { ParameterKey: 'Name', ParameterValue: 'web' },
            { ParameterKey: 'Stage', ParameterValue: 'test' },
          ],
          pseudo,
        ),
      refusal(/^Parameter 'Stage' must be one of AllowedValues$/),
    );
    assert.throws(
      () =>
        planStack(
          template,
          [
            { ParameterKey: 'Name', ParameterValue: 'web' },
            { ParameterKey: 'Size', ParameterValue: 'big' },
          ],
          pseudo,
        ),
      refusal(/^Parameter 'Size' must be a number\.$/),
    );
    assert.throws(
      () => planStack(template, [{ ParameterKey: 'Nme', ParameterValue: 'web' }], pseudo),
      refusal(/^Parameters: \[Nme\] do not exist in the template$/),
    );
  });

  it('refuses a Ref to nothing and an attribute the type does not have, before anything is made', () => {
    const dangling = parseTemplate('Resources:\n  R: { Type: AWS::IAM::Role, Properties: { RoleName: !Ref Nope } }');
    assert.throws(() => planStack(dangling, [], pseudo), refusal(/Unresolved resource dependencies \[Nope\]/));
    const badAttribute = parseTemplate(
      'Resources:\n  P: { Type: AWS::Cognito::IdentityPool }\n  R: { Type: AWS::IAM::Role, Properties: { RoleName: !GetAtt P.Arn } }',
    );
    assert.throws(() => planStack(badAttribute, [], pseudo), refusal(/resource P does not support attribute type Arn in Fn::GetAtt/));
  });

  it('asks for CAPABILITY_NAMED_IAM when a role is named, CAPABILITY_IAM when not', () => {
    assert.deepEqual(planStack(template, [{ ParameterKey: 'Name', ParameterValue: 'web' }], pseudo).capabilities, ['CAPABILITY_NAMED_IAM']);
    const unnamed = parseTemplate('Resources:\n  R: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }');
    assert.deepEqual(planStack(unnamed, [], pseudo).capabilities, ['CAPABILITY_IAM']);
  });
});
