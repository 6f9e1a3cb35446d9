import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { AWS_MANAGED_POLICIES } from '../../../src/policies/managed';
import { POLICY_TEMPLATES, renderTemplate } from '../../../src/policies/templates';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { connectionAuthority, POLICY_SCHEME, policyPath } from '../../../src/pools/policyPaths';
import type { PolicyRef } from '../../../src/provisioning/policyRefs';
import { reboundTrustPolicy } from '../../../src/provisioning/repairs';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const SCHEMA_FILE = './schemas/iam-policy.schema.json';
const schema = JSON.parse(fs.readFileSync(path.join(REPO, SCHEMA_FILE), 'utf8'));
// Policies of the tutorials' kind, written here (the tutorials' own text is not copied): wildcard
// actions, an S3 prefix per identity with ${cognito-identity.amazonaws.com:sub}, API Gateway invoke.
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'policies');

// Strict, so a keyword ajv does not know fails the compile, save the ones VS Code reads for the editor;
// "required" may name properties declared beside it (the Action/NotAction rules do).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addVocabulary(['markdownDescription', 'patternErrorMessage', 'errorMessage', 'enumDescriptions', 'defaultSnippets']);
const validate = ajv.compile(schema);

function errorsOf(document: unknown): ErrorObject[] {
  return validate(document) ? [] : (validate.errors ?? []);
}

function assertValid(document: unknown, what: string): void {
  const errors = errorsOf(document);
  assert.deepEqual(
    errors.map((e) => `${e.instancePath} ${e.message}`),
    [],
    `${what} should be valid`,
  );
}

const POOL_ID = 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60';
const statement = (fields: object) => ({ Version: '2012-10-17', Statement: [fields] });
const ALLOW = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('schemas/iam-policy.schema.json: IAM policy documents in editors', () => {
  it("accepts policies of the tutorials' kind: per-identity S3 prefixes, API Gateway invoke, wildcard actions", () => {
    const files = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.json'));
    assert.equal(files.length, 2);
    for (const file of files) assertValid(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')), file);
  });

  it('accepts the trust policies the extension writes', () => {
    assertValid(cognitoTrustPolicy(POOL_ID, 'authenticated'), 'the authenticated role trust');
    assertValid(cognitoTrustPolicy(POOL_ID, 'unauthenticated'), 'the guest role trust');
    assertValid(cognitoTrustPolicy(POOL_ID, ['authenticated', 'unauthenticated']), 'a trust for both kinds');
    const other = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
    assertValid(reboundTrustPolicy(JSON.stringify(statement(other)), POOL_ID, 'authenticated'), 'a rewritten trust that keeps another statement');
  });

  it('accepts the inline policies the extension writes, and the managed ones it shows', () => {
    const params: Record<string, Record<string, string>> = {
      lexBotAlias: { botId: 'ABCDE12345', botAliasId: 'TSTALIASID' },
      s3PerIdentity: { bucket: 'notes-app-uploads', prefix: 'private/' },
      apiGatewayInvoke: { apiId: 'a1b2c3d4e5', stage: 'prod' },
    };
    for (const template of POLICY_TEMPLATES) {
      const rendered = renderTemplate(template.id, params[template.id] ?? {}, { account: '123456789012', region: 'us-east-1' });
      assert.ok(rendered.ok, `${template.id} renders: ${JSON.stringify(rendered)}`);
      assertValid(rendered.document, template.id);
    }
    for (const managed of AWS_MANAGED_POLICIES) assertValid(managed.document, managed.name);
  });

  const valid: Array<[string, object]> = [
    ['a single statement object', { Version: '2012-10-17', Statement: ALLOW }],
    ['no Version, and an Id', { Id: 'notes', Statement: [ALLOW] }],
    ['Version 2008-10-17', { Version: '2008-10-17', Statement: [ALLOW] }],
    [
      'Deny with NotAction and NotResource',
      statement({ Sid: 'NoIam', Effect: 'Deny', NotAction: ['s3:*', 'lex:Recognize*'], NotResource: 'arn:aws:s3:::b/*' }),
    ],
    ['Principal "*"', statement({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })],
    ['NotPrincipal with arrays', statement({ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::123456789012:root', '123456789012'] }, Action: '*' })],
    [
      'every kind of condition value, set operators and IfExists',
      statement({
        ...ALLOW,
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': ['authenticated'] },
          'ForAllValues:StringEqualsIgnoreCaseIfExists': { 'aws:TagKeys': ['a', 'b'] },
          NumericLessThanEquals: { 's3:max-keys': 10 },
          DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
          Bool: { 'aws:SecureTransport': true },
          NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
          ArnNotLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic' },
          BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' },
          Null: { 'aws:TokenIssueTime': 'true' },
        },
      }),
    ],
  ];
  for (const [what, document] of valid) {
    it(`accepts ${what}`, () => assertValid(document, what));
  }

  // Each: the document, then where the error is and which rule of the schema refuses it.
  const invalid: Array<[string, unknown, string, string]> = [
    ['a statement without Effect', statement({ Action: 's3:GetObject', Resource: '*' }), '/Statement/0', 'required'],
    ['Effect "allow" (IAM wants "Allow")', statement({ ...ALLOW, Effect: 'allow' }), '/Statement/0/Effect', 'enum'],
    ['Action and NotAction both', statement({ ...ALLOW, NotAction: 's3:PutObject' }), '/Statement/0', 'not'],
    ['neither Action nor NotAction', statement({ Effect: 'Allow', Resource: '*' }), '/Statement/0', 'anyOf'],
    ['Resource and NotResource both', statement({ ...ALLOW, NotResource: 'arn:aws:s3:::b' }), '/Statement/0', 'not'],
    ['Principal and NotPrincipal both', statement({ Effect: 'Allow', Action: '*', Principal: '*', NotPrincipal: { AWS: '*' } }), '/Statement/0', 'not'],
    ['Statement a string', { Version: '2012-10-17', Statement: 'Allow s3:GetObject' }, '/Statement', 'anyOf'],
    ['Statement a number', { Version: '2012-10-17', Statement: 1 }, '/Statement', 'anyOf'],
    ['an empty Statement list', { Version: '2012-10-17', Statement: [] }, '/Statement', 'anyOf'],
    ['no Statement', { Version: '2012-10-17' }, '', 'required'],
    ['Version "2012-10-18"', { Version: '2012-10-18', Statement: [ALLOW] }, '/Version', 'enum'],
    ['an unknown top-level field', { Version: '2012-10-17', Statement: [ALLOW], Statements: [] }, '', 'additionalProperties'],
    ['an unknown statement field', statement({ ...ALLOW, Actions: 's3:PutObject' }), '/Statement/0', 'additionalProperties'],
    ['an action without its service', statement({ ...ALLOW, Action: ['s3:GetObject', 'GetObject'] }), '/Statement/0/Action/1', 'pattern'],
    ['a resource that is no ARN', statement({ ...ALLOW, Resource: 'my-bucket/*' }), '/Statement/0/Resource', 'pattern'],
    ['an unknown principal type', statement({ Effect: 'Allow', Action: '*', Principal: { Aws: '*' } }), '/Statement/0/Principal', 'additionalProperties'],
    [
      'a condition value that is an object',
      statement({ ...ALLOW, Condition: { StringEquals: { 'aws:username': { a: 'b' } } } }),
      '/Statement/0/Condition/StringEquals/aws:username',
      'anyOf',
    ],
    [
      'Null with a value other than true or false',
      statement({ ...ALLOW, Condition: { Null: { 'aws:TokenIssueTime': 'yes' } } }),
      '/Statement/0/Condition/Null/aws:TokenIssueTime',
      'anyOf',
    ],
  ];
  for (const [what, document, instancePath, keyword] of invalid) {
    it(`refuses ${what}`, () => {
      const errors = errorsOf(document);
      assert.ok(
        errors.some((e) => e.instancePath === instancePath && e.keyword === keyword),
        `expected ${keyword} at "${instancePath}", got ${JSON.stringify(errors.map((e) => `${e.instancePath} ${e.keyword}`))}`,
      );
    });
  }

  const unknownOperators = ['StringEqual', 'stringequals', 'ForSomeValues:StringLike', 'StringLikeIfExistsIfExists', 'ForAnyValue:Null', 'NullIfExists'];
  for (const operator of unknownOperators) {
    it(`refuses the unknown condition operator ${operator}, naming it`, () => {
      const errors = errorsOf(statement({ ...ALLOW, Condition: { [operator]: { 'aws:username': 'ana' } } }));
      // What the statement is refused for (the list form of Statement; the single-object form also fails, at /Statement).
      assert.deepEqual(
        errors.filter((e) => e.instancePath.startsWith('/Statement/')).map((e) => [e.instancePath, e.keyword, e.params]),
        [['/Statement/0/Condition', 'additionalProperties', { additionalProperty: operator }]],
      );
    });
  }

  it('shows its own words where VS Code would show a generic one (a pattern or a "not" failing)', () => {
    const missing: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record.pattern === 'string' && typeof record.patternErrorMessage !== 'string') missing.push(`${at}: patternErrorMessage`);
      if (record.not !== undefined && typeof record.errorMessage !== 'string') missing.push(`${at}: errorMessage`);
      for (const [key, value] of Object.entries(record)) if (key !== 'patternProperties') visit(value, `${at}/${key}`);
    };
    visit(schema, '#');
    assert.deepEqual(missing, []);
  });

  describe('the manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const entry = (manifest.contributes.jsonValidation as Array<{ fileMatch: string | string[]; url: string }>).find((e) => e.url === SCHEMA_FILE);
    // As VS Code's JSON language service reads a fileMatch: relative to any folder, against the document's URI.
    const matches = (uri: string) => [entry?.fileMatch ?? []].flat().some((glob) => picomatch(`**/${glob.replace(/^\//, '')}`)(uri));

    it('validates *.policy.json files with the schema', () => {
      assert.ok(matches('file:///home/ana/notes/infra/uploads.policy.json'));
      assert.ok(!matches('file:///home/ana/notes/package.json'));
    });

    it('validates every policy document the extension opens in an editor', () => {
      const refs: PolicyRef[] = [
        { kind: 'trust', roleName: 'Cognito_NotesAuth_Role' },
        { kind: 'inline', roleName: 'Cognito_NotesAuth_Role', policyName: 'NotesUploads' },
        { kind: 'managed', policyArn: 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly' },
        { kind: 'managed', policyArn: 'arn:aws:iam::123456789012:policy/service-role/Uploads' },
      ];
      for (const connection of ['sandbox:http://127.0.0.1:4599@us-east-1', 'profile:dev@eu-west-1']) {
        for (const ref of refs) {
          const uri = `${POLICY_SCHEME}://${connectionAuthority(connection)}${policyPath(ref)}`;
          assert.ok(matches(uri), uri);
        }
      }
    });
  });
});
