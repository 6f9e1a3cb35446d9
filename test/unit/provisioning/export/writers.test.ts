import * as assert from 'node:assert/strict';
import { isScalar, parse, parseDocument, visit } from 'yaml';
import { writeCdk } from '../../../../src/provisioning/export/cdk';
import { writeCloudFormation } from '../../../../src/provisioning/export/cloudformation';
import { writeTerraform } from '../../../../src/provisioning/export/terraform';
import { POOL_ID, tutorialModel } from './fixtures';

/** A parsed template, read by path (any shape: the assertions say what it must be). */
interface Loose {
  readonly [key: string | number]: Loose;
}

/** What hcl2json makes of a Terraform file: blocks by type and label, each a list of bodies. */
interface Hcl {
  readonly resource: Record<string, Record<string, Loose[]>>;
  readonly variable: Record<string, { default: string }[]>;
  readonly output: Record<string, Loose[]>;
}

interface Template {
  Parameters: Record<string, { Default: string }>;
  Resources: Record<string, { Type: string; Properties: Loose }>;
  Outputs: Record<string, { Value: unknown }>;
}

describe('export writers', () => {
  describe('CloudFormation', () => {
    const text = writeCloudFormation(tutorialModel());
    const template = parse(text) as Template;

    it('writes YAML with long-form intrinsics only: no custom tags a plain YAML reader would refuse', () => {
      const document = parseDocument(text);
      assert.deepEqual(document.errors, []);
      assert.deepEqual(document.warnings, []);
      visit(document, { Node: (_, node) => assert.equal((node as { tag?: string }).tag, undefined, `tag ${(node as { tag?: string }).tag}`) });
      assert.doesNotMatch(text, /!(Ref|GetAtt|Sub|Join)\b/);
    });

    it("writes each role's trust conditions with Ref to the exported pool, not the pool's pasted id", () => {
      assert.doesNotMatch(text, new RegExp(POOL_ID));
      for (const [logical, amr] of [
        ['AuthenticatedRole', 'authenticated'],
        ['UnauthenticatedRole', 'unauthenticated'],
      ]) {
        const statement = template.Resources[logical].Properties.AssumeRolePolicyDocument.Statement[0];
        assert.deepEqual(statement.Condition, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'IdentityPool' } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        });
        assert.deepEqual(statement.Principal, { Federated: 'cognito-identity.amazonaws.com' });
        assert.equal(statement.Action, 'sts:AssumeRoleWithWebIdentity');
      }
      assert.deepEqual(template.Resources.IdentityPoolRoles.Properties, {
        IdentityPoolId: { Ref: 'IdentityPool' },
        Roles: { authenticated: { 'Fn::GetAtt': ['AuthenticatedRole', 'Arn'] }, unauthenticated: { 'Fn::GetAtt': ['UnauthenticatedRole', 'Arn'] } },
      });
    });

    it('keeps ${cognito-identity.amazonaws.com:sub} literally, escaped as ${!…} inside Fn::Sub; ARNs of the source account name the stack’s own', () => {
      const policies = template.Resources.AuthenticatedRole.Properties.Policies;
      assert.deepEqual(policies[0].PolicyDocument.Statement[0].Resource, {
        'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-bucket/${!cognito-identity.amazonaws.com:sub}*',
      });
      assert.deepEqual(policies[1].PolicyDocument.Statement[0].Resource, [
        { 'Fn::Sub': 'arn:${AWS::Partition}:lex:${AWS::Region}:${AWS::AccountId}:bot-alias/ABCDEFGHIJ/TSTALIASID' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:lex:${AWS::Region}:${AWS::AccountId}:bot-alias/ABCDEFGHIJ/TSTALIASID/${!aws:username}' },
      ]);
      assert.deepEqual(template.Resources.AuthenticatedRole.Properties.ManagedPolicyArns, [
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonLexRunBotsOnly' },
      ]);
      assert.doesNotMatch(text, /123456789012/);
      // Outside Fn::Sub a policy variable needs no escape.
      const plain = tutorialModel();
      const s3 = plain.roles[0].inlinePolicies[0].document.Statement[0];
      s3.Resource = 'arn:aws-cn:s3:::my-bucket/${cognito-identity.amazonaws.com:sub}*';
      const other = parse(writeCloudFormation(plain)) as Template;
      assert.equal(other.Resources.AuthenticatedRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource, s3.Resource);
    });

    it("makes names parameters with today's names as defaults, and the user pool's provider a reference to it", () => {
      const defaults = Object.fromEntries(Object.entries(template.Parameters).map(([k, v]) => [k, v.Default]));
      assert.deepEqual(defaults, {
        UserPoolName: 'WebChatPool',
        UserPoolClientName: 'chatapp',
        IdentityPoolName: '@web Bot Pool',
        AuthenticatedRoleName: 'Cognito_BotPoolAuth_Role',
        UnauthenticatedRoleName: 'Cognito_BotPoolUnauth_Role',
      });
      assert.deepEqual(template.Resources.IdentityPool.Properties.CognitoIdentityProviders, [
        { ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] }, ClientId: { Ref: 'UserPoolClient' }, ServerSideTokenCheck: false },
      ]);
      const client = template.Resources.UserPoolClient.Properties;
      assert.equal(client.GenerateSecret, false);
      assert.deepEqual(template.Resources.UserPool.Properties.UsernameAttributes, ['email']);
      assert.deepEqual(template.Resources.UserPool.Properties.Schema, [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      ]);
      assert.equal(template.Resources.UnauthenticatedRole.Properties.Path, '/service-role/');
    });

    it('outputs the ids the page needs, each under a comment naming the config keys that take it', () => {
      assert.deepEqual(Object.keys(template.Outputs), ['UserPoolId', 'UserPoolClientId', 'IdentityPoolId', 'Region', 'BotId', 'BotAliasId']);
      assert.deepEqual(template.Outputs.BotAliasId.Value, 'TSTALIASID');
      assert.match(text, /# Goes into: cognito\.poolId \(Lex web UI\), aws_cognito_identity_pool_id[^\n]*\n {2}IdentityPoolId:/);
      assert.match(text, /# Goes into: lex\.v2BotId[^\n]*\n {2}BotId:/);
    });

    it('without the user pool, names the live provider and outputs its user pool id', () => {
      const withoutPool = parse(writeCloudFormation(tutorialModel({ userPool: false }))) as Template;
      assert.deepEqual(
        Object.values(withoutPool.Resources).map((r) => r.Type),
        ['AWS::Cognito::IdentityPool', 'AWS::IAM::Role', 'AWS::IAM::Role', 'AWS::Cognito::IdentityPoolRoleAttachment'],
      );
      assert.deepEqual(
        withoutPool.Resources.IdentityPool.Properties.CognitoIdentityProviders[0].ProviderName,
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
      );
      assert.deepEqual(withoutPool.Outputs.UserPoolIduseast1AbCdEfGhI.Value, 'us-east-1_AbCdEfGhI');
    });

    it('quotes what YAML 1.1 readers would take for a date or a boolean', () => {
      assert.match(text, /AWSTemplateFormatVersion: "2010-09-09"/);
      assert.match(text, /Version: "2012-10-17"/);
      const model = tutorialModel();
      const yes = { ...model, identityPool: { ...model.identityPool, name: 'yes' } };
      assert.match(writeCloudFormation(yes), /Default: "yes"/);
      assert.ok(isScalar(parseDocument(text).get('AWSTemplateFormatVersion', true)));
    });
  });

  describe('CDK', () => {
    const text = writeCdk(tutorialModel());

    it('writes IAM policy variables inside template literals escaped, so TypeScript keeps them literal', () => {
      assert.match(text, /`arn:\$\{Aws\.PARTITION\}:s3:::my-bucket\/\\\$\{cognito-identity\.amazonaws\.com:sub\}\*`/);
      assert.match(text, /'cognito-identity\.amazonaws\.com:aud': identityPool\.ref/);
      assert.match(text, /description: 'Guests of the "bot" page'/);
      assert.match(text, /'LexRunBot-ABCDEFGHIJ-TSTALIASID': iam\.PolicyDocument\.fromJson/);
    });

    it('keeps a trust policy that is not one Cognito statement as it is, overriding the role’s document', () => {
      const model = tutorialModel();
      const role = model.roles[1];
      const odd = {
        ...role,
        trustPolicy: { ...role.trustPolicy, Statement: [...role.trustPolicy.Statement, { Effect: 'Deny' as const, Principal: '*' as const, Action: 'sts:*' }] },
      };
      const written = writeCdk({ ...model, roles: [model.roles[0], odd] });
      assert.match(written, /\(unauthenticatedRole\.node\.defaultChild as iam\.CfnRole\)\.addPropertyOverride\('AssumeRolePolicyDocument'/);
    });
  });

  describe('Terraform', () => {
    const text = writeTerraform(tutorialModel());

    it('declares the resource types the issue lists', () => {
      const types = [...text.matchAll(/^resource "(\w+)" "(\w+)"/gm)].map((m) => m[1]);
      assert.deepEqual([...new Set(types)].sort(), [
        'aws_cognito_identity_pool',
        'aws_cognito_identity_pool_roles_attachment',
        'aws_cognito_user_pool',
        'aws_cognito_user_pool_client',
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_iam_role_policy_attachment',
      ]);
    });

    it('escapes ${…} policy variables as $${…}, quotes keys that are not names, and binds trust to the pool by reference', () => {
      assert.match(text, /"arn:\$\{data\.aws_partition\.current\.partition\}:s3:::my-bucket\/\$\$\{cognito-identity\.amazonaws\.com:sub\}\*"/);
      assert.match(text, /"cognito-identity\.amazonaws\.com:aud" = aws_cognito_identity_pool\.identity_pool\.id/);
      assert.match(text, /"ForAnyValue:StringLike" = \{/);
      assert.match(text, /assume_role_policy = jsonencode\(\{/);
      assert.match(text, /policy = jsonencode\(\{/);
      assert.match(text, /description = "Guests of the \\"bot\\" page"/);
      assert.match(text, /variable "identity_pool_name" \{\n {2}description = "The identity pool name"\n {2}type = string\n {2}default = "@web Bot Pool"\n\}/);
      assert.match(text, /provider_name = aws_cognito_user_pool\.user_pool\.endpoint/);
      assert.doesNotMatch(text, new RegExp(POOL_ID));
    });

    it("parses with HashiCorp's own HCL parser (hcl2json), with the resources, variables and outputs it declares", async () => {
      // @cdktf/hcl2json is hashicorp/hcl compiled to WebAssembly (MPL-2.0): a test oracle only, never in the .vsix.
      const { parse: parseHcl } = await import('@cdktf/hcl2json');
      const parsed = (await parseHcl('cognito-bot-setup.tf', text)) as Hcl;
      assert.deepEqual(Object.keys(parsed.resource).sort(), [
        'aws_cognito_identity_pool',
        'aws_cognito_identity_pool_roles_attachment',
        'aws_cognito_user_pool',
        'aws_cognito_user_pool_client',
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_iam_role_policy_attachment',
      ]);
      assert.deepEqual(Object.fromEntries(Object.entries(parsed.variable).map(([name, [v]]) => [name, v.default])), {
        authenticated_role_name: 'Cognito_BotPoolAuth_Role',
        identity_pool_name: '@web Bot Pool',
        unauthenticated_role_name: 'Cognito_BotPoolUnauth_Role',
        user_pool_client_name: 'chatapp',
        user_pool_name: 'WebChatPool',
      });
      assert.deepEqual(Object.keys(parsed.output).sort(), ['bot_alias_id', 'bot_id', 'identity_pool_id', 'region', 'user_pool_client_id', 'user_pool_id']);
      assert.equal(parsed.resource.aws_cognito_user_pool_client.user_pool_client[0].generate_secret, false);
      // The oracle refuses what is not HCL: a block left open.
      await assert.rejects(parseHcl('broken.tf', text.replace(/\n\}\n$/, '\n')), /Unclosed configuration block/);
    });
  });
});
