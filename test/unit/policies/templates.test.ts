import * as assert from 'node:assert/strict';
import { type PolicyDocument, validatePolicyDocument } from '../../../src/policies/document';
import { evaluatePolicies, type EvaluationRequest } from '../../../src/policies/evaluate';
import { POLICY_TEMPLATES, findTemplate, renderTemplate, type RenderedTemplate, type TemplateContext } from '../../../src/policies/templates';

const CONTEXT: TemplateContext = { account: '123456789012', region: 'us-east-1' };
const SUB = '${cognito-identity.amazonaws.com:sub}';

/** The document of a render that must succeed, checked as IAM would check it before storing it. */
function rendered(result: RenderedTemplate): { document: PolicyDocument; policyName: string } {
  if (!result.ok) assert.fail(`expected a document, got errors ${JSON.stringify(result.errors)}`);
  const validation = validatePolicyDocument(JSON.stringify(result.document), 'identity');
  assert.equal(validation.ok, true, validation.ok ? '' : validation.reason);
  assert.equal(result.document.Version, '2012-10-17');
  const sids = result.document.Statement.map((statement) => statement.Sid);
  assert.ok(
    sids.every((sid) => typeof sid === 'string' && /^[A-Za-z0-9]+$/.test(sid)),
    'one alphanumeric Sid per statement',
  );
  assert.equal(new Set(sids).size, sids.length, 'Sids are unique');
  return result;
}

function errorsOf(result: RenderedTemplate): Readonly<Record<string, string>> {
  if (result.ok) assert.fail(`expected errors, got ${JSON.stringify(result.document)}`);
  return result.errors;
}

const lex = { botId: 'ABCDE12345', botAliasId: 'FGHIJ67890' };
const ALIAS_ARN = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDE12345/FGHIJ67890';
const decide = (document: PolicyDocument, request: EvaluationRequest) => evaluatePolicies([document], request).decision;

describe('policies/templates', () => {
  it('lists the four templates, each found by its id, with distinct labels', () => {
    assert.deepEqual(
      POLICY_TEMPLATES.map((t) => t.id),
      ['lexBotAlias', 's3PerIdentity', 'apiGatewayInvoke', 'notesCognitoBasics', 'pollySpeech'],
    );
    for (const template of POLICY_TEMPLATES) assert.equal(findTemplate(template.id), template);
    assert.equal(findTemplate('nope'), undefined);
    assert.equal(new Set(POLICY_TEMPLATES.map((t) => t.label)).size, POLICY_TEMPLATES.length);
  });

  describe('lexBotAlias', () => {
    it('grants the Lex V2 conversation actions on exactly one bot alias', () => {
      const { document, policyName } = rendered(renderTemplate('lexBotAlias', lex, CONTEXT));
      assert.deepEqual(document, {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'LexRunBotAlias',
            Effect: 'Allow',
            Action: ['lex:RecognizeText', 'lex:RecognizeUtterance', 'lex:StartConversation', 'lex:GetSession', 'lex:PutSession', 'lex:DeleteSession'],
            Resource: ALIAS_ARN,
          },
        ],
      });
      assert.equal(policyName, 'LexRunBot-ABCDE12345-FGHIJ67890');
    });

    it('allows RecognizeText on that alias only: not another alias of the bot, not DeleteBot', () => {
      const { document } = rendered(renderTemplate('lexBotAlias', lex, CONTEXT));
      assert.equal(decide(document, { action: 'lex:RecognizeText', resource: ALIAS_ARN }), 'Allowed');
      assert.equal(decide(document, { action: 'lex:RecognizeText', resource: ALIAS_ARN.replace('FGHIJ67890', 'TSTALIASID') }), 'ImplicitlyDenied');
      assert.equal(decide(document, { action: 'lex:RecognizeText', resource: ALIAS_ARN.replace('ABCDE12345', 'ZZZZZ12345') }), 'ImplicitlyDenied');
      assert.equal(decide(document, { action: 'lex:DeleteBot', resource: 'arn:aws:lex:us-east-1:123456789012:bot/ABCDE12345' }), 'ImplicitlyDenied');
      assert.equal(decide(document, { action: 'lex:DeleteBot', resource: ALIAS_ARN }), 'ImplicitlyDenied');
    });

    it("takes the test alias TSTALIASID, and an explicit region (with its partition) over the connection's", () => {
      const { document } = rendered(renderTemplate('lexBotAlias', { ...lex, botAliasId: 'TSTALIASID', region: 'eu-west-2' }, CONTEXT));
      assert.equal(document.Statement[0].Resource, 'arn:aws:lex:eu-west-2:123456789012:bot-alias/ABCDE12345/TSTALIASID');
      const china = rendered(renderTemplate('lexBotAlias', { ...lex, region: 'cn-north-1' }, CONTEXT)).document;
      assert.equal(china.Statement[0].Resource, 'arn:aws-cn:lex:cn-north-1:123456789012:bot-alias/ABCDE12345/FGHIJ67890');
    });

    it('trims pasted values', () => {
      const { document } = rendered(renderTemplate('lexBotAlias', { botId: ' ABCDE12345\n', botAliasId: 'FGHIJ67890 ', region: '' }, CONTEXT));
      assert.equal(document.Statement[0].Resource, ALIAS_ARN);
    });

    const bad: Array<[string, Record<string, string>, string, RegExp]> = [
      ['a lowercase bot id', { ...lex, botId: 'abcde12345' }, 'botId', /^Lex V2 bot ID must be 10 uppercase letters and digits/],
      ['a short bot id', { ...lex, botId: 'ABCDE1234' }, 'botId', /^Lex V2 bot ID .*got "ABCDE1234"/],
      ['a bad alias id', { ...lex, botAliasId: 'prod' }, 'botAliasId', /^Lex V2 bot alias ID must be .* or TSTALIASID/],
      ['a bad region', { ...lex, region: 'useast1' }, 'region', /^AWS Region of the bot .*"useast1" is not a Region name: expected one like us-east-1/],
    ];
    for (const [what, params, name, message] of bad) {
      it(`rejects ${what}, naming the field`, () => {
        const errors = errorsOf(renderTemplate('lexBotAlias', params, CONTEXT));
        assert.deepEqual(Object.keys(errors), [name]);
        assert.match(errors[name], message);
        assert.equal(
          findTemplate('lexBotAlias')!
            .fields.find((f) => f.name === name)!
            .validate(params[name]),
          errors[name],
          'the same message as you type',
        );
      });
    }

    it('rejects a connection whose account or region is not real, since the ARN names them', () => {
      const errors = errorsOf(renderTemplate('lexBotAlias', lex, { account: '', region: 'nowhere' }));
      assert.match(errors.account, /account "" is not an account ID: expected 12 digits/);
      assert.match(errors.region, /region "nowhere" is not a Region name/);
      rendered(renderTemplate('lexBotAlias', { ...lex, region: 'us-west-2' }, { account: '123456789012', region: '' }));
    });
  });

  describe('s3PerIdentity', () => {
    it("grants object access and listing under the identity's own folder only", () => {
      const { document, policyName } = rendered(renderTemplate('s3PerIdentity', { bucket: 'notes-app-uploads', prefix: 'private/' }, CONTEXT));
      assert.deepEqual(document, {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OwnObjects',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            Resource: `arn:aws:s3:::notes-app-uploads/private/${SUB}/*`,
          },
          {
            Sid: 'ListOwnFolder',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::notes-app-uploads',
            Condition: { StringLike: { 's3:prefix': [`private/${SUB}/*`] } },
          },
        ],
      });
      assert.equal(policyName, 'S3PerIdentity-notes-app-uploads');
    });

    it('writes ${cognito-identity.amazonaws.com:sub} literally, for IAM to substitute', () => {
      const { document } = rendered(renderTemplate('s3PerIdentity', { bucket: 'notes-app-uploads' }, CONTEXT));
      const text = JSON.stringify(document);
      assert.ok(text.includes('"arn:aws:s3:::notes-app-uploads/${cognito-identity.amazonaws.com:sub}/*"'), text);
      assert.ok(text.includes('"s3:prefix":["${cognito-identity.amazonaws.com:sub}/*"]'), text);
    });

    it("lets an identity at its own objects and not at another's", () => {
      const { document } = rendered(renderTemplate('s3PerIdentity', { bucket: 'notes-app-uploads', prefix: 'private/' }, CONTEXT));
      const me = { 'cognito-identity.amazonaws.com:sub': 'us-east-1:1111' };
      const object = (sub: string) => `arn:aws:s3:::notes-app-uploads/private/${sub}/note.txt`;
      assert.equal(decide(document, { action: 's3:PutObject', resource: object('us-east-1:1111'), context: me }), 'Allowed');
      assert.equal(decide(document, { action: 's3:GetObject', resource: object('us-east-1:2222'), context: me }), 'ImplicitlyDenied');
      assert.equal(decide(document, { action: 's3:PutObjectAcl', resource: object('us-east-1:1111'), context: me }), 'ImplicitlyDenied');
      const list = (prefix: string) =>
        decide(document, { action: 's3:ListBucket', resource: 'arn:aws:s3:::notes-app-uploads', context: { ...me, 's3:prefix': prefix } });
      assert.equal(list('private/us-east-1:1111/'), 'Allowed');
      assert.equal(list('private/us-east-1:2222/'), 'ImplicitlyDenied');
      assert.equal(list(''), 'ImplicitlyDenied');
    });

    const badBuckets: Array<[string, string, RegExp]> = [
      ['too short', 'ab', /must be 3 to 63 characters long; "ab" has 2/],
      ['too long', 'a'.repeat(64), /must be 3 to 63 characters long/],
      ['uppercase', 'My-Bucket', /must be lowercase/],
      ['an underscore', 'my_bucket', /may contain only lowercase letters, digits, dots \(\.\) and hyphens/],
      ['a hyphen at the end', 'my-bucket-', /must begin and end with a letter or digit/],
      ['two adjacent dots', 'my..bucket', /must not contain two adjacent dots/],
      ['IP-like', '192.168.5.4', /must not be formatted as an IP address/],
      ['the xn-- prefix', 'xn--bucket', /must not start with "xn--"/],
      ['the sthree- prefix', 'sthree-bucket', /must not start with "sthree-"/],
      ['the amzn-s3-demo- prefix', 'amzn-s3-demo-bucket', /must not start with "amzn-s3-demo-"/],
      ['the -s3alias suffix', 'bucket-s3alias', /must not end with "-s3alias"/],
      ['the --ol-s3 suffix', 'bucket--ol-s3', /must not end with "--ol-s3"/],
      ['the .mrap suffix', 'bucket.mrap', /must not end with "\.mrap"/],
      ['the --x-s3 suffix', 'bucket--x-s3', /must not end with "--x-s3"/],
    ];
    for (const [what, bucket, message] of badBuckets) {
      it(`rejects the bucket name "${bucket.length > 20 ? `${bucket.slice(0, 20)}…` : bucket}" (${what})`, () => {
        const errors = errorsOf(renderTemplate('s3PerIdentity', { bucket }, CONTEXT));
        assert.deepEqual(Object.keys(errors), ['bucket']);
        assert.match(errors.bucket, /^S3 bucket name /);
        assert.match(errors.bucket, message);
      });
    }

    it('accepts bucket names at the edges of the rules', () => {
      for (const bucket of ['abc', 'a'.repeat(63), 'my.bucket.example', '192.168.5.4x', '1bucket', 'xn-bucket', 'bucket-s3alias1']) {
        assert.equal(findTemplate('s3PerIdentity')!.fields[0].validate(bucket), undefined, bucket);
      }
    });

    const badPrefixes: Array<[string, string, RegExp]> = [
      ['a leading slash', '/private/', /must not start with "\/"/],
      ['no trailing slash', 'private', /must end with "\/".*\(e\.g\. private\/\)/],
      ['a wildcard', 'pri*/', /may contain only letters, digits/],
      ['a policy variable', '${aws:username}/', /may contain only letters, digits/],
      ['an empty folder', 'private//', /may contain only letters, digits/],
    ];
    for (const [what, prefix, message] of badPrefixes) {
      it(`rejects a key prefix with ${what}`, () => {
        const errors = errorsOf(renderTemplate('s3PerIdentity', { bucket: 'notes-app-uploads', prefix }, CONTEXT));
        assert.deepEqual(Object.keys(errors), ['prefix']);
        assert.match(errors.prefix, /^Key prefix /);
        assert.match(errors.prefix, message);
      });
    }
  });

  describe('apiGatewayInvoke', () => {
    it("grants Invoke on one stage of one API, in the connection's account", () => {
      const { document, policyName } = rendered(renderTemplate('apiGatewayInvoke', { apiId: 'a1b2c3d4e5', stage: 'prod' }, CONTEXT));
      assert.deepEqual(document, {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'InvokeApiStage', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*' },
        ],
      });
      assert.equal(policyName, 'ApiInvoke-a1b2c3d4e5-prod');
      const invoke = (resource: string) => decide(document, { action: 'execute-api:Invoke', resource });
      assert.equal(invoke('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/notes/1'), 'Allowed');
      assert.equal(invoke('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/GET/notes/1'), 'ImplicitlyDenied');
      assert.equal(invoke('arn:aws:execute-api:us-east-1:210987654321:a1b2c3d4e5/prod/GET/notes/1'), 'ImplicitlyDenied');
    });

    it('takes * for every stage and an explicit region; keeps the default name within 128 characters', () => {
      const { document, policyName } = rendered(renderTemplate('apiGatewayInvoke', { apiId: 'a1b2c3d4e5', stage: '*', region: 'ap-southeast-2' }, CONTEXT));
      assert.equal(document.Statement[0].Resource, 'arn:aws:execute-api:ap-southeast-2:123456789012:a1b2c3d4e5/*/*');
      assert.equal(policyName, 'ApiInvoke-a1b2c3d4e5-AllStages');
      const long = rendered(renderTemplate('apiGatewayInvoke', { apiId: 'a1b2c3d4e5', stage: 's'.repeat(128) }, CONTEXT)).policyName;
      assert.equal(long.length, 128);
      assert.match(long, /^[\w+=,.@-]{1,128}$/);
    });

    const bad: Array<[string, Record<string, string>, string, RegExp]> = [
      ['an uppercase API id', { apiId: 'A1B2C3D4E5', stage: 'prod' }, 'apiId', /^API Gateway API ID must be 10 lowercase letters and digits/],
      ['a short API id', { apiId: 'a1b2c3', stage: 'prod' }, 'apiId', /^API Gateway API ID .*got "a1b2c3"/],
      [
        'a stage with a slash',
        { apiId: 'a1b2c3d4e5', stage: 'prod/v1' },
        'stage',
        /^API Gateway stage must be up to 128 letters, digits, underscores and hyphens/,
      ],
      ['a bad region', { apiId: 'a1b2c3d4e5', stage: 'prod', region: 'US-EAST-1' }, 'region', /^AWS Region of the API .*not a Region name/],
    ];
    for (const [what, params, name, message] of bad) {
      it(`rejects ${what}, naming the field`, () => {
        const errors = errorsOf(renderTemplate('apiGatewayInvoke', params, CONTEXT));
        assert.deepEqual(Object.keys(errors), [name]);
        assert.match(errors[name], message);
      });
    }
  });

  describe('notesCognitoBasics', () => {
    it("is the tutorial's broad grant, and says so", () => {
      const template = findTemplate('notesCognitoBasics')!;
      assert.match(template.description, /broad/i);
      assert.match(template.description, /tutorial/);
      assert.deepEqual(template.fields, []);
      const { document, policyName } = rendered(renderTemplate('notesCognitoBasics', {}, CONTEXT));
      assert.deepEqual(document, {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'NotesAppCognitoBasics', Effect: 'Allow', Action: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], Resource: ['*'] },
        ],
      });
      assert.equal(policyName, 'NotesAppCognitoBasics');
    });
  });

  describe('renderTemplate', () => {
    it('rejects an unknown template id under "template"', () => {
      const errors = errorsOf(renderTemplate('lexBot', lex, CONTEXT));
      assert.deepEqual(Object.keys(errors), ['template']);
      assert.match(
        errors.template,
        /Unknown policy template "lexBot": expected one of lexBotAlias, s3PerIdentity, apiGatewayInvoke, notesCognitoBasics, pollySpeech/,
      );
    });

    it('takes an explicit policy name, and rejects a bad one under "policyName"', () => {
      assert.equal(rendered(renderTemplate('lexBotAlias', lex, CONTEXT, 'ChatWithHelpDesk')).policyName, 'ChatWithHelpDesk');
      for (const name of ['has space', '', 'a'.repeat(129), 'slash/no']) {
        const errors = errorsOf(renderTemplate('lexBotAlias', lex, CONTEXT, name));
        assert.deepEqual(Object.keys(errors), ['policyName'], name);
        assert.match(errors.policyName, /^Policy name must be 1 to 128 letters, digits and \+ = , \. @ _ -/);
      }
    });

    it('reports every missing required field, naming each, and builds nothing', () => {
      const errors = errorsOf(renderTemplate('lexBotAlias', { botAliasId: '  ' }, CONTEXT, 'bad name'));
      assert.deepEqual(Object.keys(errors).sort(), ['botAliasId', 'botId', 'policyName']);
      assert.match(errors.botId, /^Lex V2 bot ID is required: 10 uppercase letters and digits/);
      assert.match(errors.botAliasId, /^Lex V2 bot alias ID is required/);
      assert.match(errorsOf(renderTemplate('s3PerIdentity', {}, CONTEXT)).bucket, /^S3 bucket name is required/);
      assert.deepEqual(Object.keys(errorsOf(renderTemplate('apiGatewayInvoke', { apiId: 'a1b2c3d4e5' }, CONTEXT))), ['stage']);
    });

    it('rejects a value that is not text', () => {
      const errors = errorsOf(renderTemplate('lexBotAlias', { ...lex, botId: 1234567890 }, CONTEXT));
      assert.equal(errors.botId, 'Lex V2 bot ID must be text, not number.');
    });

    it('gives valid default names even for half-typed values', () => {
      for (const template of POLICY_TEMPLATES) {
        const halfTyped: Array<Record<string, string>> = [{}, { botId: 'ab c/d', bucket: 'My Bucket!', apiId: '', stage: 'x'.repeat(300) }];
        for (const params of halfTyped) {
          assert.match(template.defaultPolicyName(params), /^[\w+=,.@-]{1,128}$/, template.id);
        }
      }
    });
  });
});
