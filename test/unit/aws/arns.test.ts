import * as assert from 'node:assert/strict';
import {
  accountOfArn,
  botAliasArn,
  COGNITO_PROVIDER_NAME,
  cognitoProviderName,
  identityPoolArn,
  lexRunBotsOnlyArn,
  MANAGED_POLICY_ARN,
  partitionOf,
  ROLE_ARN,
  roleArn,
  roleNameFromArn,
  userPoolArn,
} from '../../../src/aws/arns';
import { idKindOf, isRegion, looksLike, regionOfUserPoolId } from '../../../src/aws/ids';
import { renderTemplate } from '../../../src/policies/templates';

describe('aws/arns and aws/ids: each format once, the partition from the region', () => {
  it('takes the partition from the region: China and GovCloud have their own', () => {
    assert.equal(partitionOf('us-east-1'), 'aws');
    assert.equal(partitionOf('eu-west-3'), 'aws');
    assert.equal(partitionOf('cn-north-1'), 'aws-cn');
    assert.equal(partitionOf('cn-northwest-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
  });

  it('builds every ARN in the region partition', () => {
    assert.equal(botAliasArn('us-east-1', '111122223333', 'ABCDE12345', 'TSTALIASID'), 'arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID');
    assert.equal(
      botAliasArn('cn-north-1', '111122223333', 'ABCDE12345', 'TSTALIASID'),
      'arn:aws-cn:lex:cn-north-1:111122223333:bot-alias/ABCDE12345/TSTALIASID',
    );
    assert.equal(
      userPoolArn('us-gov-west-1', '111122223333', 'us-gov-west-1_AbC'),
      'arn:aws-us-gov:cognito-idp:us-gov-west-1:111122223333:userpool/us-gov-west-1_AbC',
    );
    assert.equal(
      identityPoolArn('cn-north-1', '111122223333', 'cn-north-1:0a1b'),
      'arn:aws-cn:cognito-identity:cn-north-1:111122223333:identitypool/cn-north-1:0a1b',
    );
    assert.equal(roleArn('cn-north-1', '111122223333', 'Cognito_WebAuth_Role'), 'arn:aws-cn:iam::111122223333:role/Cognito_WebAuth_Role');
    assert.equal(lexRunBotsOnlyArn(), 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly');
    assert.equal(lexRunBotsOnlyArn('us-gov-west-1'), 'arn:aws-us-gov:iam::aws:policy/AmazonLexRunBotsOnly');
    assert.equal(cognitoProviderName('cn-north-1', 'cn-north-1_AbC'), 'cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC');
    assert.equal(cognitoProviderName('eu-west-1', 'eu-west-1_AbC'), 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC');
  });

  it('the templates build their ARNs with the same partition', () => {
    const rendered = renderTemplate('lexBotAlias', { botId: 'ABCDE12345', botAliasId: 'TSTALIASID' }, { account: '111122223333', region: 'cn-north-1' });
    assert.ok(rendered.ok);
    assert.equal((rendered.document.Statement as { Resource: string }[])[0].Resource, 'arn:aws-cn:lex:cn-north-1:111122223333:bot-alias/ABCDE12345/TSTALIASID');
  });

  it('reads ARNs back, and knows ARNs of any partition', () => {
    assert.equal(roleNameFromArn('arn:aws:iam::111122223333:role/service/Cognito_WebAuth_Role'), 'Cognito_WebAuth_Role');
    assert.equal(accountOfArn('arn:aws-cn:iam::111122223333:role/R'), '111122223333');
    assert.ok(ROLE_ARN.test('arn:aws-us-gov:iam::111122223333:role/R'));
    assert.ok(!ROLE_ARN.test('arn:aws:iam::1111:role/R'));
    assert.ok(MANAGED_POLICY_ARN.test('arn:aws-cn:iam::aws:policy/AmazonLexRunBotsOnly'));
    assert.ok(!MANAGED_POLICY_ARN.test('AmazonLexRunBotsOnly'));
    assert.ok(COGNITO_PROVIDER_NAME.test(cognitoProviderName('cn-north-1', 'cn-north-1_AbC')));
    assert.ok(COGNITO_PROVIDER_NAME.test(cognitoProviderName('us-east-1', 'us-east-1_AbC')));
    assert.ok(!COGNITO_PROVIDER_NAME.test('cognito-idp.us-east-1.amazonaws.com/AbC'));
  });

  it('knows each id by its one format, in every partition', () => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-isob-east-1']) assert.ok(isRegion(region), region);
    assert.ok(!isRegion('moon-1'));
    assert.equal(idKindOf('cn-north-1_AbCdEfGhI'), 'userPoolId');
    assert.equal(regionOfUserPoolId('us-gov-west-1_AbCdEfGhI'), 'us-gov-west-1');
    assert.equal(regionOfUserPoolId('AbCdEfGhI'), undefined);
    assert.ok(looksLike('identityPoolId', 'cn-north-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'));
    assert.ok(!looksLike('userPoolId', 'us-east-1:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'));
  });
});
