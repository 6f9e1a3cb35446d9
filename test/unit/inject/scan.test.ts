import * as assert from 'node:assert/strict';
import { DEFAULT_PLACEHOLDERS, rulesFromSetting } from '../../../src/inject/rules';
import { applyReplacements, findReplacements, type Replacement, searchStrings } from '../../../src/inject/scan';
import { looksLike } from '../../../src/aws/ids';
import { type InjectValues } from '../../../src/inject/values';
import { VALUES } from './support';

/** The replacements as [oldText, kind, reason, key] rows, to compare whole. */
const rows = (text: string, values: InjectValues = VALUES) => findReplacements(text, values).map((r) => [r.oldText, r.kind, r.reason, r.key ?? null] as const);

/** Each replacement's range holds its oldText, and its line and character point at its start. */
function checkPositions(text: string, replacements: readonly Replacement[]): void {
  const lines = text.split('\n');
  for (const r of replacements) {
    assert.equal(text.slice(r.start, r.end), r.oldText);
    assert.equal(lines[r.line].slice(r.character, r.character + r.oldText.length), r.oldText, `line ${r.line} character ${r.character}`);
  }
}

describe('inject/scan', () => {
  describe('placeholders', () => {
    for (const { token, kind } of DEFAULT_PLACEHOLDERS) {
      it(`fills in ${token} with the ${kind}`, () => {
        const text = `const config = {\n  value: '${token}',\n};\n`;
        const found = findReplacements(text, VALUES);
        assert.deepEqual(
          found.map((r) => [r.oldText, r.newText, r.kind, r.reason, r.line, r.character]),
          [[token, VALUES[kind], kind, 'placeholder', 1, 10]],
        );
        assert.equal(applyReplacements(text, found), `const config = {\n  value: '${VALUES[kind]}',\n};\n`);
      });
    }

    it('matches whole tokens only', () => {
      const text = [
        "const a = 'ClientIdentifier', b = 'myClientId', c = 'ClientIds', d = ClientId2;",
        'YOUR_USER_POOL_ID_OLD XYOUR_REGION YOUR_REGIONS $YOUR_BOT_ID <your-region>x',
        "e = 'a ClientId in a sentence'; f = userpoolIdentity;",
      ].join('\n');
      assert.deepEqual(rows(text), [['<your-region>', 'region', 'placeholder', null]]);
    });

    it('leaves a placeholder that is a name, not a value: keys, SDK parameters, variables', () => {
      const text = [
        'const params = { ClientId: clientId, UserPoolId: poolId };',
        '{ "ClientId": "ClientId" }',
        'YOUR_REGION=us-west-2',
        'YOUR_BOT_ID: value',
        '- YOUR_LOCALE_ID: x',
        'export const userpoolId = getPool(); userpoolId.connect();',
      ].join('\n');
      assert.deepEqual(rows(text), [['ClientId', 'clientId', 'placeholder', 'ClientId']]);
      assert.equal(findReplacements(text, VALUES)[0].line, 1);
      assert.equal(findReplacements(text, VALUES)[0].character, 15);
    });

    it('takes identifier-like placeholders as whole quoted strings or whole unquoted values only', () => {
      const text = ['clientId: ClientId', 'CLIENT=ClientId # the app client', "pool = 'userpoolId'", 'pool = `userpoolId`', 'x: ClientId, y: 1'].join('\n');
      assert.deepEqual(
        rows(text).map((r) => r[0]),
        ['ClientId', 'ClientId', 'userpoolId', 'userpoolId'],
      );
    });

    it('makes "REGION:YOUR_IDENTITY_POOL_ID" and "YOUR_REGION:YOUR_IDENTITY_POOL_ID" the whole identity pool id', () => {
      const text = `{"poolId": "us-east-1:YOUR_IDENTITY_POOL_ID", "b": "YOUR_REGION:YOUR_IDENTITY_POOL_ID", "c": "YOUR_REGION"}`;
      const found = findReplacements(text, VALUES);
      assert.deepEqual(
        found.map((r) => [r.oldText, r.kind]),
        [
          ['us-east-1:YOUR_IDENTITY_POOL_ID', 'identityPoolId'],
          ['YOUR_REGION:YOUR_IDENTITY_POOL_ID', 'identityPoolId'],
          ['YOUR_REGION', 'region'],
        ],
      );
      assert.equal(applyReplacements(text, found), `{"poolId": "${VALUES.identityPoolId}", "b": "${VALUES.identityPoolId}", "c": "us-east-1"}`);
    });

    it('skips the kinds that have no value, and finds nothing without values', () => {
      const text = "region: 'YOUR_REGION', pool: 'YOUR_USER_POOL_ID', bot: 'YOUR_BOT_ID'";
      assert.deepEqual(rows(text, { botId: VALUES.botId }), [['YOUR_BOT_ID', 'botId', 'placeholder', null]]);
      assert.deepEqual(findReplacements(text, {}), []);
    });

    it('uses the rules it is given', () => {
      const { rules } = rulesFromSetting({ MY_POOL_PLACEHOLDER: 'userPoolId', YOUR_REGION: null });
      assert.deepEqual(
        findReplacements('a = "MY_POOL_PLACEHOLDER"; b = "YOUR_REGION"', VALUES, rules).map((r) => r.oldText),
        ['MY_POOL_PLACEHOLDER'],
      );
    });
  });

  describe('file formats', () => {
    it('JSON (lex-web-ui loader config): placeholders in known keys carry the key', () => {
      const text = `{
  "region": "YOUR_REGION",
  "cognito": {
    "poolId": "YOUR_IDENTITY_POOL_ID",
    "appUserPoolClientId": "YOUR_APP_CLIENT_ID"
  },
  "lex": { "v2BotId": "YOUR_BOT_ID", "v2BotAliasId": "TSTALIASID", "v2BotLocaleId": "en_US" }
}
`;
      assert.deepEqual(rows(text), [
        ['YOUR_REGION', 'region', 'placeholder', null],
        ['YOUR_IDENTITY_POOL_ID', 'identityPoolId', 'placeholder', 'cognito.poolId'],
        ['YOUR_APP_CLIENT_ID', 'clientId', 'placeholder', 'appUserPoolClientId'],
        ['YOUR_BOT_ID', 'botId', 'placeholder', 'v2BotId'],
      ]);
      checkPositions(text, findReplacements(text, VALUES));
    });

    it('JavaScript (the webchat tutorial and the demo config)', () => {
      const text = `var poolData = {
    UserPoolId: 'userpoolId', // from the Cognito console
    ClientId: 'ClientId'
};
AWS.config.region = "YOUR_REGION";
const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData);
`;
      const found = findReplacements(text, VALUES);
      assert.deepEqual(rows(text), [
        ['userpoolId', 'userPoolId', 'placeholder', 'UserPoolId'],
        ['ClientId', 'clientId', 'placeholder', 'ClientId'],
        ['YOUR_REGION', 'region', 'placeholder', null],
      ]);
      checkPositions(text, found);
      assert.equal(
        applyReplacements(text, found),
        text.replace("'userpoolId'", `'${VALUES.userPoolId}'`).replace("'ClientId'", `'${VALUES.clientId}'`).replace('"YOUR_REGION"', '"us-east-1"'),
      );
    });

    it('TypeScript (Amplify.configure)', () => {
      const text = `import { Amplify } from 'aws-amplify';

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: 'YOUR_COGNITO_USER_POOL_ID',
      userPoolClientId: 'YOUR_USER_POOL_CLIENT_ID',
      identityPoolId: \`YOUR_REGION:YOUR_COGNITO_IDENTITY_POOL_ID\`,
    },
  },
} satisfies ResourcesConfig);
const ClientIdentifier: string = 'ClientId is a word here';
`;
      assert.deepEqual(rows(text), [
        ['YOUR_COGNITO_USER_POOL_ID', 'userPoolId', 'placeholder', 'userPoolId'],
        ['YOUR_USER_POOL_CLIENT_ID', 'clientId', 'placeholder', 'userPoolClientId'],
        ['YOUR_REGION:YOUR_COGNITO_IDENTITY_POOL_ID', 'identityPoolId', 'placeholder', 'identityPoolId'],
      ]);
    });

    it('.env: quoted or not, prefixed keys, comments', () => {
      const text = `# Cognito
VITE_USER_POOL_ID=YOUR_USER_POOL_ID
REACT_APP_CLIENT_ID="YOUR_CLIENT_ID"
export IDENTITY_POOL_ID='us-west-2:11111111-2222-3333-4444-555555555555' # old
NEXT_PUBLIC_AWS_REGION=eu-west-1
LEX_BOT_ID=ABCDE12345
`;
      assert.deepEqual(rows(text), [
        ['YOUR_USER_POOL_ID', 'userPoolId', 'placeholder', 'VITE_USER_POOL_ID'],
        ['YOUR_CLIENT_ID', 'clientId', 'placeholder', 'REACT_APP_CLIENT_ID'],
        ['us-west-2:11111111-2222-3333-4444-555555555555', 'identityPoolId', 'stale', 'IDENTITY_POOL_ID'],
        ['eu-west-1', 'region', 'stale', 'NEXT_PUBLIC_AWS_REGION'],
      ]);
      checkPositions(text, findReplacements(text, VALUES));
    });

    it('YAML: plain and quoted values, nested keys by indentation', () => {
      const text = `cognito:
  user_pool_id: YOUR_USER_POOL_ID
  poolId: "eu-west-1:0a1b2c3d-4e5f-6a7b-8c9d-000000000000"
  region: eu-west-1
other:
  poolId: eu-west-1:0a1b2c3d-4e5f-6a7b-8c9d-000000000000
bot_id: 'ZZZZZ99999'
`;
      assert.deepEqual(rows(text), [
        ['YOUR_USER_POOL_ID', 'userPoolId', 'placeholder', 'user_pool_id'],
        ['eu-west-1:0a1b2c3d-4e5f-6a7b-8c9d-000000000000', 'identityPoolId', 'stale', 'cognito.poolId'],
        ['eu-west-1', 'region', 'stale', 'cognito.region'],
        ['ZZZZZ99999', 'botId', 'stale', 'bot_id'],
      ]);
    });

    it('Markdown: placeholders in prose and code blocks; ids in prose are not stale', () => {
      const text = `# Set up

Replace \`YOUR_USER_POOL_ID\` with the pool's id (like us-west-2_Example12) and <your-app-client-id> with its client.

\`\`\`js
const pool = { UserPoolId: 'us-west-2_Example12' };
\`\`\`
`;
      assert.deepEqual(rows(text), [
        ['YOUR_USER_POOL_ID', 'userPoolId', 'placeholder', null],
        ['<your-app-client-id>', 'clientId', 'placeholder', null],
        ['us-west-2_Example12', 'userPoolId', 'stale', 'UserPoolId'],
      ]);
    });
  });

  describe('stale ids in known keys', () => {
    it('offers ids of the right format that are not the new value, in JSON, JS, .env and YAML forms', () => {
      const text = [
        '"aws_user_pools_id": "us-west-2_Old123456",',
        "userPoolWebClientId: 'abcdefghijklmnopqrstuvwxyz',",
        'aws_cognito_region = "us-west-2"',
        'v2BotAliasId: ZZZZZ99999',
        'APP_CLIENT_ID=zyxwvutsrqponmlkjihgfedcba',
        "config.localeId = 'fr_FR';",
      ].join('\n');
      const found = findReplacements(text, VALUES);
      assert.deepEqual(
        found.map((r) => [r.key, r.oldText, r.newText, r.reason]),
        [
          ['aws_user_pools_id', 'us-west-2_Old123456', VALUES.userPoolId, 'stale'],
          ['userPoolWebClientId', 'abcdefghijklmnopqrstuvwxyz', VALUES.clientId, 'stale'],
          ['aws_cognito_region', 'us-west-2', 'us-east-1', 'stale'],
          ['v2BotAliasId', 'ZZZZZ99999', 'TSTALIASID', 'stale'],
          ['APP_CLIENT_ID', 'zyxwvutsrqponmlkjihgfedcba', VALUES.clientId, 'stale'],
          ['localeId', 'fr_FR', 'en_US', 'stale'],
        ],
      );
      checkPositions(text, found);
    });

    it('leaves values that already are the new value, are not of the format, or are not in a known key', () => {
      const text = [
        `"aws_user_pools_id": "${VALUES.userPoolId}",`,
        'userPoolId: poolIdFromEnv,',
        'clientId: "not-a-cognito-client",',
        'const other = "us-west-2_Old123456";',
        'myuserPoolId: "us-west-2_Old123456",',
        'userPoolId == "us-west-2_Old123456"',
        '"poolId": "us-west-2:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"',
      ].join('\n');
      assert.deepEqual(rows(text), []);
    });

    it('reports cognito.poolId only inside the cognito object', () => {
      const old = 'us-west-2:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
      const text = `{ "cognito": { "poolId": "${old}", "nested": { "poolId": "${old}" } }, "s3": { "poolId": "${old}" } }`;
      assert.deepEqual(rows(text), [[old, 'identityPoolId', 'stale', 'cognito.poolId']]);
      // A string with a brace in it does not confuse the nesting.
      assert.deepEqual(rows(`{ "x": "}{", "cognito": { "poolId": "${old}" } }`).length, 1);
    });

    it('skips stale ids of kinds without a value', () => {
      assert.deepEqual(rows('"aws_user_pools_id": "us-west-2_Old123456"', { region: 'us-east-1' }), []);
    });
  });

  describe('positions', () => {
    it('counts lines and UTF-16 characters, with CRLF line breaks and characters outside the BMP', () => {
      const text = 'first line\r\n// 🤖 bot: "YOUR_BOT_ID"\r\n\r\n  ClientId: "ClientId"\r\n';
      const found = findReplacements(text, VALUES);
      assert.deepEqual(
        found.map((r) => [r.line, r.character, r.oldText]),
        [
          [1, 12, 'YOUR_BOT_ID'],
          [3, 13, 'ClientId'],
        ],
      );
      checkPositions(text, found);
      assert.equal(applyReplacements(text, found), `first line\r\n// 🤖 bot: "ABCDE12345"\r\n\r\n  ClientId: "${VALUES.clientId}"\r\n`);
    });
  });

  describe('applyReplacements', () => {
    const r = (start: number, end: number, oldText: string, newText: string): Replacement => ({
      start,
      end,
      line: 0,
      character: start,
      oldText,
      newText,
      kind: 'region',
      reason: 'placeholder',
    });

    it('applies in any order', () => {
      assert.equal(applyReplacements('a X b Y c', [r(6, 7, 'Y', 'yy'), r(2, 3, 'X', 'xx')]), 'a xx b yy c');
      assert.equal(applyReplacements('same', []), 'same');
    });

    it('throws on overlapping ranges and on a range that no longer holds its text', () => {
      assert.throws(() => applyReplacements('abcdef', [r(0, 3, 'abc', 'x'), r(2, 4, 'cd', 'y')]), /Replacements overlap at offset 2/);
      assert.throws(() => applyReplacements('abcdef', [r(0, 3, 'xyz', 'x')]), /no longer "xyz": scan again/);
    });
  });

  describe('searchStrings', () => {
    it('covers every placeholder and key (a file without them has no replacements) without redundant strings', () => {
      const strings = searchStrings(VALUES);
      for (const { token } of DEFAULT_PLACEHOLDERS)
        assert.ok(
          strings.some((s) => token.includes(s)),
          token,
        );
      assert.ok(strings.includes('cognito'), 'cognito.poolId is searched by its rarer name');
      assert.ok(!strings.includes('poolId'));
      for (const a of strings) for (const b of strings) if (a !== b) assert.ok(!a.includes(b), `${a} contains ${b}`);
      assert.deepEqual(searchStrings({}), []);
      assert.ok(searchStrings({ botId: 'ABCDE12345' }).every((s) => !/POOL|pool|Pool/.test(s)));
    });

    it('sample ids have the formats the stale check expects', () => {
      for (const [kind, value] of Object.entries(VALUES)) assert.ok(looksLike(kind as keyof typeof VALUES, value), kind);
    });
  });
});
