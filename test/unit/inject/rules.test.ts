import * as assert from 'node:assert/strict';
import { DEFAULT_PLACEHOLDERS, DEFAULT_RULES, KNOWN_CONFIG_KEYS, rulesFromSetting } from '../../../src/inject/rules';
import { ID_KINDS } from '../../../src/aws/ids';

describe('inject/rules', () => {
  it('has placeholders for every kind, the tutorial ones among them, each token once', () => {
    const tokens = DEFAULT_PLACEHOLDERS.map((r) => r.token);
    assert.equal(new Set(tokens).size, tokens.length);
    for (const kind of ID_KINDS)
      assert.ok(
        DEFAULT_PLACEHOLDERS.some((r) => r.kind === kind),
        kind,
      );
    const kindOf = (token: string) => DEFAULT_PLACEHOLDERS.find((r) => r.token === token)?.kind;
    assert.equal(kindOf('userpoolId'), 'userPoolId');
    assert.equal(kindOf('ClientId'), 'clientId');
    assert.equal(kindOf('YOUR_COGNITO_IDENTITY_POOL_ID'), 'identityPoolId');
    assert.equal(kindOf('YOUR_AWS_REGION'), 'region');
    assert.equal(kindOf('YOUR_BOT_ALIAS_ID'), 'botAliasId');
  });

  it('knows the config keys of aws-exports, amplify_outputs, lex-web-ui and .env files', () => {
    const kindOf = (key: string) => KNOWN_CONFIG_KEYS.find((r) => r.key === key)?.kind;
    assert.equal(kindOf('aws_user_pools_web_client_id'), 'clientId');
    assert.equal(kindOf('cognito.poolId'), 'identityPoolId');
    assert.equal(kindOf('appUserPoolName'), 'userPoolId');
    assert.equal(kindOf('v2BotLocaleId'), 'localeId');
    assert.equal(kindOf('USER_POOL_ID'), 'userPoolId');
    assert.equal(new Set(KNOWN_CONFIG_KEYS.map((r) => r.key)).size, KNOWN_CONFIG_KEYS.length);
  });

  it('merges a setting over the defaults: adds tokens, changes a kind, turns a default off', () => {
    const { rules, problems } = rulesFromSetting({ MY_POOL: 'userPoolId', YOUR_CLIENT_ID: 'identityPoolId', ClientId: null });
    assert.deepEqual(problems, []);
    const kindOf = (token: string) => rules.placeholders.find((r) => r.token === token)?.kind;
    assert.equal(kindOf('MY_POOL'), 'userPoolId');
    assert.equal(kindOf('YOUR_CLIENT_ID'), 'identityPoolId');
    assert.equal(kindOf('ClientId'), undefined);
    assert.equal(kindOf('YOUR_USER_POOL_ID'), 'userPoolId');
    assert.equal(rules.configKeys, DEFAULT_RULES.configKeys);
  });

  it('replaces the defaults when asked, and an empty setting gives the defaults', () => {
    assert.deepEqual(rulesFromSetting({ MY_POOL: 'userPoolId' }, { replaceDefaults: true }).rules.placeholders, [{ token: 'MY_POOL', kind: 'userPoolId' }]);
    assert.deepEqual(rulesFromSetting(undefined).rules.placeholders, DEFAULT_PLACEHOLDERS);
    assert.deepEqual(rulesFromSetting({}).problems, []);
  });

  it('reports bad entries, naming the token and what is expected, and keeps the good ones', () => {
    const { rules, problems } = rulesFromSetting({
      GOOD_TOKEN: 'region',
      'A B C D': 'region',
      ab: 'region',
      LONG: 'pool',
      NUMBER_KIND: 3,
      ['X'.repeat(201)]: 'region',
    });
    assert.deepEqual(
      rules.placeholders.filter((r) => r.token === 'GOOD_TOKEN'),
      [{ token: 'GOOD_TOKEN', kind: 'region' }],
    );
    assert.equal(problems.length, 5);
    assert.match(problems[0], /^Placeholder "A B C D" contains white space/);
    assert.match(problems[1], /^Placeholder "ab" is too short: .* 4 characters or more/);
    assert.match(problems[2], /^Placeholder "LONG" maps to "pool": expected one of userPoolId, clientId, .* \(or null to turn a default off\)\.$/);
    assert.match(problems[3], /^Placeholder "NUMBER_KIND" maps to a number/);
    assert.match(problems[4], /is too long: use at most 200 characters/);
    assert.match(rulesFromSetting(['x']).problems[0], /must be an object mapping each token to a kind.*got an array\. Using the defaults\.$/);
  });
});
