import * as assert from 'node:assert/strict';
import { ConditionSyntaxError, holds, parseCondition, type ConditionScope } from '../../../src/bot/conditions';

/** Slots, session and request attributes as a turn might have them. */
const SCOPE: ConditionScope = {
  slot: (name) =>
    ({
      age: { values: ['30'], slotTypeName: 'AMAZON.Number' },
      make: { values: ['Honda'], slotTypeName: 'Make' },
      model: { values: ['Civic'], slotTypeName: 'Model' },
      toppings: { values: ['pepperoni', 'pineapple'], slotTypeName: 'Topping' },
      dateOfBirth: { values: ['1985-04-12'], slotTypeName: 'AMAZON.Date' },
      time: { values: ['21:30'], slotTypeName: 'AMAZON.Time' },
      card: { values: ['123456781234'], slotTypeName: 'AMAZON.AlphaNumeric' },
      discount: { values: ['100%'], slotTypeName: 'AMAZON.Percentage' },
      wait: { values: ['PT10M'], slotTypeName: 'AMAZON.Duration' },
    })[name],
  sessionAttribute: (name) => ({ customer_subscription_type: 'yearly' })[name],
  requestAttribute: (name) => ({ retry_enabled: 'TRUE', 'x-amz-lex:channel': 'web' })[name],
  inputTranscript: 'I want a large pizza',
  inputMode: 'Text',
};

const check = (expression: string) => holds(parseCondition(expression), SCOPE);

describe('bot/conditions: the condition language of Lex V2 conditional branches', () => {
  it('compares slots by their type: numbers as numbers, dates and times in time order, text without case', () => {
    assert.equal(check('{age} > 24'), true);
    assert.equal(check('{age} = 30'), true);
    assert.equal(check('{age} >= 100'), false, '30 < 100 as numbers, though "30" > "100" as text');
    assert.equal(check('{age} != 30'), false);
    assert.equal(check('{dateOfBirth} < "1990-10-01"'), true);
    assert.equal(check('{time} > "20:00"'), true);
    assert.equal(check('{make} = "honda"'), true);
    assert.equal(check("{model} = 'Civic'"), true);
  });

  it('compares percentages by their number and durations by their length', () => {
    assert.equal(check('{discount} > 20'), true, '100% > 20');
    assert.equal(check('{discount} = "100%"'), true);
    assert.equal(check('{wait} > "PT5M"'), true, 'ten minutes are longer than five, though "PT10M" < "PT5M" as text');
    assert.equal(check('{wait} < "PT1H"'), true);
    assert.equal(check('{wait} = "PT600S"'), true);
  });

  it('reads session attributes [x], request attributes ((x)) and $.inputTranscript / $.inputMode', () => {
    assert.equal(check('[customer_subscription_type] = "yearly"'), true);
    assert.equal(check('((retry_enabled)) = "TRUE"'), true);
    assert.equal(check('((x-amz-lex:channel)) = "web"'), true);
    assert.equal(check('$.inputTranscript = "I want a large pizza"'), true);
    assert.equal(check('$.inputMode = "Speech"'), false);
  });

  it('combines with AND (&&), OR (||), NOT (!) and parentheses', () => {
    assert.equal(check('({make} = "Honda") AND ({model} = "Civic")'), true);
    assert.equal(check('{make} = "Honda" && {model} = "Jazz"'), false);
    assert.equal(check('{make} = "Ford" OR {model} = "Civic"'), true);
    assert.equal(check('{make} = "Ford" || {model} = "Jazz"'), false);
    assert.equal(check('NOT {make} = "Ford"'), true);
    assert.equal(check('!({age} >= 5 AND {age} <= 10)'), true);
    assert.equal(check('({age} >= 5) AND ({age} <= 10) OR [customer_subscription_type] = "yearly"'), true, 'AND binds tighter than OR');
  });

  it('has CONTAINS for a multi-valued slot, and fn.COUNT, fn.IS_SET, fn.LENGTH', () => {
    assert.equal(check('{toppings} CONTAINS "pineapple"'), true);
    assert.equal(check('{toppings} CONTAINS "Onion"'), false);
    assert.equal(check('fn.COUNT({toppings}) = 2'), true);
    assert.equal(check('fn.COUNT({toppings}) > 2'), false);
    assert.equal(check('{toppings} = "pepperoni,pineapple"'), true, 'a multi-valued slot compares as the comma-separated list of its values');
    assert.equal(check('fn.IS_SET({toppings})'), true);
    assert.equal(check('fn.IS_SET([missing])'), false);
    assert.equal(check('NOT fn.IS_SET(((missing)))'), true);
    assert.equal(check('fn.LENGTH({card}) = 12'), true);
  });

  it('does not take a branch whose expression refers to something not set', () => {
    assert.equal(check('{unfilled} = "x"'), false);
    assert.equal(check('{unfilled} != "x"'), false);
    assert.equal(check('NOT ({unfilled} = "x")'), false, 'the whole expression is invalid, not just its comparison');
    assert.equal(check('[nope] CONTAINS "x" OR {age} = 30'), false);
  });

  it('says what it cannot read', () => {
    for (const [expression, reason] of [
      ['{age} >', /a value is missing/],
      ['{age} = 1 AND', /a reference is missing/],
      ['({age} = 1', /expected "\)"/],
      ['age = 1', /is not a \{slot\}/],
      ['fn.SUM({age}) = 1', /not a function Lex has/],
      ['', /empty/],
    ] as const) {
      assert.throws(
        () => parseCondition(expression),
        (error: Error) => error instanceof ConditionSyntaxError && reason.test(error.message),
        expression,
      );
    }
  });
});
