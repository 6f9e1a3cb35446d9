import * as assert from 'node:assert/strict';
import { ID_KINDS, type IdKind, idKindOf, idKindsOf, looksLike } from '../../../src/aws/ids';
import { parseValues } from '../../../src/inject/values';
import { VALUES } from './support';

const SAMPLES: Record<IdKind, string> = VALUES;

describe('inject/values', () => {
  it('knows the kind of each id it is shown, and no kind for other text', () => {
    for (const kind of ID_KINDS) assert.equal(idKindOf(SAMPLES[kind]), kind, kind);
    assert.equal(idKindOf('eu-central-2_x1Y2z3'), 'userPoolId');
    assert.equal(idKindOf('us-gov-west-1'), 'region');
    assert.equal(idKindOf('cn-north-1:00000000-0000-0000-0000-000000000000'), 'identityPoolId');
    assert.equal(idKindOf('es_419'), 'localeId');
    for (const text of ['', 'hello', 'us-east-1_', 'US-EAST-1', 'abcde12345', 'ABCDE1234', '1EXAMPLE23456789ABCDEFGHIJ', 'us-east-1:not-a-uuid', 'english']) {
      assert.equal(idKindOf(text), undefined, text);
    }
  });

  it('says a 10-character Lex id may be a bot or an alias, and TSTALIASID is an alias first', () => {
    assert.deepEqual(idKindsOf('ABCDE12345'), ['botId', 'botAliasId']);
    assert.deepEqual(idKindsOf('TSTALIASID'), ['botAliasId', 'botId']);
    assert.deepEqual(idKindsOf('us-east-1'), ['region']);
    assert.ok(looksLike('botAliasId', 'FGHIJ67890'));
    assert.ok(!looksLike('clientId', SAMPLES.userPoolId));
  });

  it('accepts the values the create commands return, trimmed, and skips null ones', () => {
    const { botId: _, ...withoutBot } = SAMPLES;
    const result = parseValues({ ...SAMPLES, userPoolId: ` ${SAMPLES.userPoolId}\n`, botId: null });
    assert.deepEqual(result, { ok: true, values: withoutBot });
    assert.deepEqual(parseValues({}), { ok: true, values: {} });
  });

  it("takes the bot's region (lexRegion) only where it is asked for: Write Config", () => {
    assert.deepEqual(parseValues({ region: 'us-east-1', lexRegion: ' eu-west-1' }, { lexRegion: true }), {
      ok: true,
      values: { region: 'us-east-1', lexRegion: 'eu-west-1' },
    });
    const refused = parseValues({ lexRegion: 'eu-west-1' });
    assert.ok(!refused.ok && /^values\.lexRegion is not a value the injection knows: expected one of .*localeId$/.test(refused.errors[0]));
    const bad = parseValues({ lexRegion: 'Ireland' }, { lexRegion: true });
    assert.ok(!bad.ok && /^values\.lexRegion "Ireland" is not a region: expected a region code like us-east-1$/.test(bad.errors[0]));
  });

  it('says what is wrong with each bad value, and what is expected', () => {
    const result = parseValues({ userPool: 'x', clientId: 42, identityPoolId: 'us-east-1_AbC', region: 'Virginia', localeId: 'en-US' });
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assert.equal(errors.length, 5);
    assert.match(
      errors[0],
      /^values\.userPool is not a value the injection knows: expected one of userPoolId, clientId, identityPoolId, region, botId, botAliasId, localeId$/,
    );
    assert.match(errors[1], /^values\.clientId must be a string \(the app client id: 26 lowercase letters and digits.*\); got a number$/);
    assert.match(errors[2], /^values\.identityPoolId "us-east-1_AbC" is not an identity pool id: expected the region, a colon and a lowercase UUID/);
    assert.match(errors[3], /"Virginia" is not a region: expected a region code like us-east-1$/);
    assert.match(errors[4], /"en-US" is not a Lex locale id: expected a language and a country, like en_US/);
    for (const bad of [null, 'us-east-1_AbCdEfGhI', ['x'], 3]) {
      const r = parseValues(bad);
      assert.ok(!r.ok && /^values must be an object/.test(r.errors[0]), String(bad));
    }
  });
});
