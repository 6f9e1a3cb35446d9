import * as assert from 'node:assert/strict';
import { findPolicyTextProblem, locateIamRefusal, parsePolicyText, positionAt, rangeAt, type TextPosition } from '../../../src/policies/parse';

const pretty = (document: unknown) => JSON.stringify(document, null, 2);
const start = (text: string, kind: 'identity' | 'trust' = 'identity'): TextPosition | undefined => findPolicyTextProblem(text, kind)?.range.start;
/** 1-based line and column of the `nth` (0-based) occurrence of `needle`. */
function positionOf(text: string, needle: string, nth = 0): TextPosition {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} is in the text`);
  return positionAt(text, offset);
}

describe('policies/parse: policy documents as IAM reads them, with positions', () => {
  it('reads a valid document as JSON.parse does, with its nodes', () => {
    const text = pretty({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const parsed = parsePolicyText(text);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.value, JSON.parse(text));
    assert.equal(parsed.tree?.type, 'object');
    assert.equal(findPolicyTextProblem(text, 'identity'), undefined);
  });

  it('says where a syntax error is, in words', () => {
    const missingComma = '{\n  "a": 1\n  "b": 2\n}';
    const [error, ...others] = parsePolicyText(missingComma).errors;
    assert.deepEqual(error, { message: 'Expected a comma or closing brace', offset: 13, length: 3 });
    assert.deepEqual(others, []);
    assert.deepEqual(rangeAt(missingComma, error), { start: { line: 3, column: 3 }, end: { line: 3, column: 6 } });
    assert.equal(parsePolicyText('[\n  1\n  2\n]').errors[0].message, 'Expected a comma or closing bracket');

    const typo = parsePolicyText('{\n  "a": tru\n}').errors[0];
    assert.deepEqual([typo.message, positionAt('{\n  "a": tru\n}', typo.offset)], ['Unexpected "tru"', { line: 2, column: 8 }]);
    const unfinished = parsePolicyText('{\n  "a": [1,').errors[0];
    assert.deepEqual([unfinished.message, positionAt('{\n  "a": [1,', unfinished.offset)], ['Expected a value', { line: 2, column: 11 }]);
    // Inside a string: the bad escape itself, not the whole string.
    const badEscape = parsePolicyText('{"a": "\\x"}').errors[0];
    assert.match(badEscape.message, /^Invalid escape \\x in a string: use/);
    assert.deepEqual([badEscape.offset, badEscape.length], [7, 2]);
    const badUnicode = parsePolicyText('{"a": "\\\\\\u12"}').errors[0];
    assert.deepEqual([badUnicode.message, badUnicode.offset, badUnicode.length], ['Invalid escape \\u12: \\u takes four hexadecimal digits', 9, 4]);

    // As a save shows it.
    const statement = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}';
    assert.deepEqual(findPolicyTextProblem(statement, 'identity'), {
      reason: 'This policy contains invalid Json: Expected a comma or closing brace',
      range: { start: { line: 4, column: 25 }, end: { line: 4, column: 33 } },
    });
  });

  it('refuses a trailing comma and comments, at the comma and the comment: IAM policies are strict JSON', () => {
    const trailing = '{\n  "Version": "2012-10-17",\n}';
    assert.deepEqual(parsePolicyText(trailing).errors, [
      { message: 'Trailing comma: IAM policies are strict JSON, so the last item has no comma after it', offset: trailing.indexOf(','), length: 1 },
    ]);
    assert.equal(parsePolicyText(trailing).value, undefined);
    const inList = '{"Action": ["s3:GetObject", ]}';
    assert.deepEqual(
      parsePolicyText(inList).errors.map((e) => [e.message.split(':')[0], e.offset]),
      [['Trailing comma', inList.lastIndexOf(',')]],
    );

    for (const comment of ['// allow reads', '/* allow reads */']) {
      const text = `{\n  ${comment}\n  "Version": "2012-10-17"\n}`;
      assert.deepEqual(parsePolicyText(text).errors, [
        { message: 'Comments are not allowed: IAM policies are strict JSON', offset: 4, length: comment.length },
      ]);
      assert.deepEqual(start(text), { line: 2, column: 3 });
    }
  });

  it('refuses a key given twice in one object, at the second', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Deny",\n    "Action": "s3:*",\n    "Resource": "*",\n    "Effect": "Allow"\n  }\n}';
    const parsed = parsePolicyText(text);
    assert.deepEqual(parsed.errors, [{ message: 'Duplicate key "Effect": only one of them would be kept', offset: text.lastIndexOf('"Effect"'), length: 8 }]);
    assert.equal(parsed.value, undefined, 'JSON.parse would have kept "Allow"');
    assert.deepEqual(findPolicyTextProblem(text, 'identity'), {
      reason: 'This policy contains invalid Json: Duplicate key "Effect": only one of them would be kept',
      range: { start: { line: 7, column: 5 }, end: { line: 7, column: 13 } },
    });
    // The same key in different objects is fine.
    assert.deepEqual(parsePolicyText('[{"Effect": "Allow"}, {"Effect": "Deny", "a": {"Effect": 1}}]').errors, []);
  });

  it('points a problem at the key or value it is about, in the statement that has it', () => {
    const ok = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    const extra = pretty({ Version: '2012-10-17', Statement: [ok, ok, { ...ok, Extra: 1 }] });
    assert.deepEqual(findPolicyTextProblem(extra, 'identity'), {
      reason: 'Syntax errors in policy. Unknown field Extra',
      range: { start: positionOf(extra, '"Extra"'), end: { ...positionOf(extra, '"Extra"'), column: 14 } },
    });
    assert.equal(positionOf(extra, '"Extra"').column, 7);

    const maybe = pretty({ Version: '2012-10-17', Statement: [ok, { ...ok, Effect: 'Maybe' }] });
    assert.deepEqual(start(maybe), positionOf(maybe, '"Maybe"'));
    assert.equal(positionOf(maybe, '"Maybe"').column, 17);
    const version = pretty({ Version: '2012-10-18', Statement: [ok] });
    assert.deepEqual(start(version), { line: 2, column: 14 });
    const resource = pretty({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: ['*', 'notes'] } });
    assert.deepEqual(findPolicyTextProblem(resource, 'identity'), {
      reason: 'Resource notes must be in ARN format or "*".',
      range: { start: { line: 7, column: 7 }, end: { line: 7, column: 14 } },
    });
    const trust = pretty({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' } });
    assert.deepEqual(findPolicyTextProblem(trust, 'trust'), {
      reason: 'Has prohibited field Resource',
      range: { start: { line: 7, column: 5 }, end: { line: 7, column: 15 } },
    });
    assert.deepEqual(findPolicyTextProblem('[]', 'identity'), {
      reason: 'This policy contains invalid Json',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    });
  });

  it('points a statement without Effect at its opening brace (the position the editor test checks)', () => {
    const text = pretty({ Version: '2012-10-17', Statement: [{ Action: 's3:GetObject', Resource: '*' }] });
    const problem = findPolicyTextProblem(text, 'identity');
    assert.deepEqual(problem, { reason: 'Missing required field Effect', range: { start: { line: 4, column: 5 }, end: { line: 4, column: 6 } } });
    assert.equal(text.split('\n')[3], '    {');
  });

  it('counts lines in a document with CRLF line endings as editors do', () => {
    const statement = '{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n    { "Effect": "Allow" "Action": "s3:GetObject", "Resource": "*" }\r\n  ]\r\n}';
    assert.deepEqual(findPolicyTextProblem(statement, 'identity')?.range, { start: { line: 4, column: 25 }, end: { line: 4, column: 33 } });
    const ok = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    const lf = pretty({ Version: '2012-10-17', Statement: [ok, { ...ok, Extra: 1 }] });
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(findPolicyTextProblem(crlf, 'identity'), findPolicyTextProblem(lf, 'identity'));
    assert.deepEqual(start(crlf), { line: 13, column: 7 });
    // A lone CR ends a line too.
    assert.deepEqual(positionAt('{\r"a"', 2), { line: 2, column: 1 });
  });

  it("points IAM's own refusals at the key their words name, else at the document", () => {
    const text = pretty({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    assert.deepEqual(locateIamRefusal(text, 'Statement IDs (SID) in a single policy must be unique.')?.start, { line: 3, column: 3 });
    assert.deepEqual(locateIamRefusal(text, 'The policy must contain a valid version string')?.start, { line: 2, column: 3 });
    assert.deepEqual(locateIamRefusal(text, 'Invalid principal in policy')?.start, { line: 1, column: 1 });
    assert.equal(locateIamRefusal('{', 'Syntax errors in policy.'), undefined);
  });
});
