import * as assert from 'node:assert/strict';
import { configFileKind, diagnoseArgs, findConfigIds } from '../../../src/inject/configIds';
import { VALUES } from './support';

const awsExports = (entries: Record<string, string>) =>
  `const awsmobile = {\n${Object.entries(entries)
    .map(([key, value]) => `    "${key}": "${value}",`)
    .join('\n')}\n};\n\nexport default awsmobile;\n`;

/** The text each finding covers, with its code: what the Problems panel would underline. */
function underlined(path: string, text: string): string[] {
  const found = findConfigIds(path, text);
  assert.ok(found, `${path} is a config file`);
  return found.findings.map((f) => `${f.code} ${f.key}=${text.slice(f.start, f.end)}`);
}

describe('inject/configIds', () => {
  it('knows the config files by name: Amplify, .env files, the Lex web UI config and a web page config.js', () => {
    assert.deepEqual(
      [
        'src/aws-exports.js',
        'amplify_outputs.json',
        '.env',
        'web/.env.local',
        'public/lex-web-ui-loader-config.json',
        'web/config.js',
        'C:\\app\\src\\config.ts',
      ].map(configFileKind),
      ['aws-exports', 'amplify-outputs', 'dotenv', 'dotenv', 'lex-web-ui', 'web-config', 'web-config'],
    );
    assert.deepEqual(['src/index.js', 'webpack.config.js', 'environment.ts', 'README.md'].map(configFileKind), [undefined, undefined, undefined, undefined]);
    assert.equal(findConfigIds('src/index.js', awsExports({ aws_user_pools_id: VALUES.userPoolId })), undefined);
  });

  it('finds each id by key, with its range, the kind the key wants and the kind the value looks like', () => {
    const text = awsExports({
      aws_project_region: 'us-east-1',
      aws_cognito_identity_pool_id: VALUES.identityPoolId,
      aws_user_pools_id: 'YOUR_USER_POOL_ID',
      aws_user_pools_web_client_id: VALUES.clientId,
    });
    const found = findConfigIds('src/aws-exports.js', text)!;
    assert.deepEqual(
      found.ids.map((id) => [id.key, text.slice(id.start, id.end), id.wants, id.looksLike]),
      [
        ['aws_project_region', 'us-east-1', 'region', 'region'],
        ['aws_cognito_identity_pool_id', VALUES.identityPoolId, 'identityPoolId', 'identityPoolId'],
        ['aws_user_pools_id', 'YOUR_USER_POOL_ID', 'userPoolId', undefined],
        ['aws_user_pools_web_client_id', VALUES.clientId, 'clientId', 'clientId'],
      ],
    );
    assert.deepEqual(found.findings, [], 'a placeholder is not an error');
  });

  it('config-id-wrong-kind: a user pool id as the identity pool id (aws-lex-web-ui#719) is an error that says what goes there', () => {
    const text = awsExports({ aws_cognito_identity_pool_id: 'us-east-1_AbC123', aws_user_pools_id: '', aws_cognito_region: 'us-east-1' });
    assert.deepEqual(underlined('src/aws-exports.js', text), ['config-id-wrong-kind aws_cognito_identity_pool_id=us-east-1_AbC123']);
    const [finding] = findConfigIds('src/aws-exports.js', text)!.findings;
    assert.equal(finding.severity, 'error');
    assert.equal(finding.wants, 'identityPoolId');
    assert.match(finding.message, /holds a user pool id \(us-east-1_AbC123\), not an identity pool id, which is the region, a colon and a lowercase UUID/);
  });

  it('config-id-wrong-kind in the Lex web UI config (JSON paths) and a .env: a bot id as the client id, a client id as the bot alias', () => {
    const config = JSON.stringify({ cognito: { poolId: VALUES.identityPoolId, appUserPoolClientId: 'ABCDE12345' }, lex: { v2BotId: 'TSTALIASID' } }, null, 2);
    assert.deepEqual(underlined('lex-web-ui-loader-config.json', config), ['config-id-wrong-kind cognito.appUserPoolClientId=ABCDE12345']);
    const env = `VITE_BOT_ALIAS_ID=${VALUES.clientId}\nVITE_BOT_ID=YOUR_BOT_ID\n`;
    assert.deepEqual(underlined('.env.production', env), [`config-id-wrong-kind VITE_BOT_ALIAS_ID=${VALUES.clientId}`]);
  });

  it('region-mismatch: a Cognito region key or a user pool in another region than the identity pool id', () => {
    const text = awsExports({
      aws_cognito_identity_pool_id: VALUES.identityPoolId,
      aws_cognito_region: 'eu-west-1',
      aws_user_pools_id: 'us-west-2_AbCdEfGhI',
    });
    assert.deepEqual(underlined('aws-exports.js', text), [
      'region-mismatch aws_cognito_region=eu-west-1',
      'region-mismatch aws_user_pools_id=us-west-2_AbCdEfGhI',
    ]);
    const [key, pool] = findConfigIds('aws-exports.js', text)!.findings;
    assert.equal(key.fix, 'us-east-1', 'the quick fix sets the region the pool is in');
    assert.match(
      key.message,
      /aws_cognito_region \(the Cognito region\) is eu-west-1, but the identity pool id in aws_cognito_identity_pool_id is in us-east-1/,
    );
    assert.equal(pool.fix, undefined);
    assert.match(pool.message, /user pool id in aws_user_pools_id is in us-west-2/);
  });

  it('region-mismatch: a general region counts for Cognito only where no Cognito region key is given', () => {
    const general = awsExports({ aws_project_region: 'eu-west-1', aws_cognito_identity_pool_id: VALUES.identityPoolId });
    assert.deepEqual(underlined('aws-exports.js', general), ['region-mismatch aws_project_region=eu-west-1']);
    const both = awsExports({ aws_project_region: 'eu-west-1', aws_cognito_region: 'us-east-1', aws_cognito_identity_pool_id: VALUES.identityPoolId });
    assert.deepEqual(underlined('aws-exports.js', both), []);
  });

  it("region-mismatch: the Lex web UI's lex.region may differ from Cognito's; Lex regions are compared with Lex regions", () => {
    const config = JSON.stringify({ region: 'us-east-1', cognito: { poolId: VALUES.identityPoolId }, lex: { v2BotId: VALUES.botId, region: 'eu-west-2' } });
    assert.deepEqual(underlined('lex-web-ui-loader-config.json', config), []);
    const env = 'LEX_AWS_REGION=eu-west-2\nVITE_LEX_AWS_REGION=eu-west-1\nCOGNITO_REGION=us-east-1\n';
    assert.deepEqual(underlined('.env', env), ['region-mismatch VITE_LEX_AWS_REGION=eu-west-1']);
    assert.match(
      findConfigIds('.env', env)!.findings[0].message,
      /VITE_LEX_AWS_REGION \(the Lex region\) is eu-west-1, but LEX_AWS_REGION \(the Lex region\) is eu-west-2/,
    );
  });

  it("gathers Check Setup's args from the file, voice from the Lex web UI's recorder (on unless turned off)", () => {
    const config = {
      region: 'us-east-1',
      cognito: { poolId: VALUES.identityPoolId, appUserPoolName: VALUES.userPoolId, appUserPoolClientId: VALUES.clientId },
      lex: { v2BotId: VALUES.botId, v2BotAliasId: VALUES.botAliasId, v2BotLocaleId: VALUES.localeId, region: 'eu-west-2' },
      recorder: { preset: 'speech_recognition' },
    };
    const found = findConfigIds('lex-web-ui-loader-config.json', JSON.stringify(config, null, 2))!;
    assert.equal(found.voice, true);
    assert.deepEqual(diagnoseArgs(found), { ...VALUES, region: 'us-east-1', lexRegion: 'eu-west-2', voice: true });
    const quiet = findConfigIds('lex-web-ui-loader-config.json', JSON.stringify({ ...config, recorder: { enable: false } }))!;
    assert.equal(diagnoseArgs(quiet)?.voice, false);
    const noPool = findConfigIds('.env', `USER_POOL_ID=${VALUES.userPoolId}\nIDENTITY_POOL_ID=YOUR_IDENTITY_POOL_ID\n`)!;
    assert.equal(diagnoseArgs(noPool), undefined, 'no identity pool id, no Check Setup');
    assert.deepEqual(diagnoseArgs(findConfigIds('amplify_outputs.json', JSON.stringify({ auth: { identity_pool_id: VALUES.identityPoolId } }))!), {
      identityPoolId: VALUES.identityPoolId,
    });
  });

  it('gives Check Setup a bot alias and a user pool client whole, or not at all (it refuses half a pair)', () => {
    const env = `IDENTITY_POOL_ID=${VALUES.identityPoolId}\nUSER_POOL_ID=${VALUES.userPoolId}\nBOT_ID=${VALUES.botId}\nLOCALE_ID=${VALUES.localeId}\n`;
    assert.deepEqual(diagnoseArgs(findConfigIds('.env', env)!), { identityPoolId: VALUES.identityPoolId });
  });
});
