/**
 * Policy documents as text: parsed the way IAM reads them (strict JSON: no comments, no
 * trailing commas), with each mistake's offset and length, and where in the text each problem
 * that the checks of ./document find is, so an editor can show it in place.
 */
import { findNodeAtLocation, type Node, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import type { TextPosition, TextRange } from '../aws/errors';
import { findPolicyProblem, type PolicyKind, type PolicyProblem } from './document';

export type { TextPosition, TextRange } from '../aws/errors';

/** A stretch of the text, as string offsets. */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

export interface PolicySyntaxError extends TextSpan {
  readonly message: string;
}

export interface ParsedPolicyText {
  /** What JSON.parse makes of the text; undefined when there are errors. */
  readonly value: unknown;
  /** The document's nodes with their offsets, as far as they could be read; undefined for empty text. */
  readonly tree: Node | undefined;
  /** In the order they occur; empty when the text is strict JSON without duplicate keys. */
  readonly errors: readonly PolicySyntaxError[];
}

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const VALID_ESCAPES = 'use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits';

type ParseErrorName = Exclude<ReturnType<typeof printParseErrorCode>, '<unknown ParseErrorCode>'>;

// jsonc-parser's error codes in words. CommaExpected, InvalidSymbol and the errors inside
// strings get more specific messages in syntaxError() below.
const PARSE_ERROR_MESSAGES: Record<ParseErrorName, string> = {
  InvalidSymbol: 'Unexpected characters',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon after the property name',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: 'Expected a closing brace',
  CloseBracketExpected: 'Expected a closing bracket',
  EndOfFileExpected: 'Unexpected text after the end of the document',
  InvalidCommentToken: 'Comments are not allowed: IAM policies are strict JSON',
  UnexpectedEndOfComment: 'Unclosed comment (comments are not allowed: IAM policies are strict JSON)',
  UnexpectedEndOfString: 'Unclosed string: a string ends with a double quote on the same line',
  UnexpectedEndOfNumber: 'Incomplete number',
  InvalidUnicode: 'Invalid \\u escape: it takes four hexadecimal digits',
  InvalidEscapeCharacter: `Invalid escape in a string: ${VALID_ESCAPES}`,
  InvalidCharacter: 'Control character in a string: write it as an escape, such as \\t for a tab',
};

/**
 * Parses a policy document as IAM would read it. Beyond JSON.parse, it says where each
 * mistake is and refuses a key repeated in one object, which JSON.parse would quietly
 * resolve by keeping the last.
 */
export function parsePolicyText(text: string): ParsedPolicyText {
  const errors: PolicySyntaxError[] = [];
  // The objects and arrays being read, innermost last: what a missing comma would close, and which keys an object has.
  const open: Array<{ kind: 'object'; keys: Set<string> } | { kind: 'array' }> = [];
  let lastErrorOffset = -1;
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push({ kind: 'object', keys: new Set() });
      },
      onArrayBegin: () => {
        open.push({ kind: 'array' });
      },
      onObjectEnd: () => {
        open.pop();
      },
      onArrayEnd: () => {
        open.pop();
      },
      onObjectProperty: (key, offset, length) => {
        const container = open.at(-1);
        if (container?.kind !== 'object') return;
        if (container.keys.has(key)) errors.push({ message: `Duplicate key ${quoted(key)}: only one of them would be kept`, offset, length });
        container.keys.add(key);
      },
      onError: (code, offset, length) => {
        // After one mistake the parser recovers and often reports the same spot again.
        if (offset === lastErrorOffset) return;
        lastErrorOffset = offset;
        errors.push(syntaxError(text, printParseErrorCode(code), { offset, length }, open.at(-1)?.kind));
      },
    },
    STRICT_JSON,
  );
  return { value: errors.length === 0 ? JSON.parse(text) : undefined, tree: parseTree(text, undefined, STRICT_JSON), errors };
}

function syntaxError(text: string, name: ReturnType<typeof printParseErrorCode>, span: TextSpan, container: 'object' | 'array' | undefined): PolicySyntaxError {
  const token = text.slice(span.offset, span.offset + span.length);
  switch (name) {
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      // jsonc-parser reports a trailing comma at the bracket after it; point at the comma.
      const comma = trailingCommaBefore(text, span.offset);
      if (comma !== undefined)
        return { message: 'Trailing comma: IAM policies are strict JSON, so the last item has no comma after it', offset: comma, length: 1 };
      break;
    }
    case 'CommaExpected':
      return { message: container === 'array' ? 'Expected a comma or closing bracket' : 'Expected a comma or closing brace', ...span };
    case 'InvalidSymbol':
      return { message: `Unexpected ${quoted(token)}`, ...span };
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
    case 'InvalidCharacter': {
      // These cover the whole string; point at what is wrong inside it.
      const inside = badPartOfString(token);
      if (inside) return { message: inside.message, offset: span.offset + inside.offset, length: inside.length };
      break;
    }
  }
  return { message: name === '<unknown ParseErrorCode>' ? 'Not valid JSON' : PARSE_ERROR_MESSAGES[name], ...span };
}

/** `text` in double quotes, with anything that would not show (a byte order mark, a control character) as a \u escape. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The offset of the comma right before the `}` or `]` at `offset`, if there is one. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

// A string token's escapes and characters; the valid escapes come first so that "\\x" reads as
// an escaped backslash and an x. JSON strings may not hold control characters as they are.
// eslint-disable-next-line no-control-regex
const STRING_PARTS = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|(\\u[0-9a-fA-F]{0,3})|(\\[\s\S]?)|([\u0000-\u001f])/g;

function badPartOfString(token: string): PolicySyntaxError | undefined {
  for (const part of token.matchAll(STRING_PARTS)) {
    const [found, badUnicode, badEscape, control] = part;
    const at = { offset: part.index, length: found.length };
    if (badUnicode) return { message: `Invalid escape ${badUnicode}: \\u takes four hexadecimal digits`, ...at };
    if (badEscape) return { message: `Invalid escape ${badEscape} in a string: ${VALID_ESCAPES}`, ...at };
    if (control) return { message: PARSE_ERROR_MESSAGES.InvalidCharacter, ...at };
  }
  return undefined;
}

/** Where `offset` is; a line ends at \n, \r\n or a lone \r, as in editors. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function rangeAt(text: string, span: TextSpan): TextRange {
  return { start: positionAt(text, span.offset), end: positionAt(text, span.offset + span.length) };
}

/**
 * The text of a problem in a document that parsed: the key of the property at its path when
 * the key is at fault, else the value there (a whole string, number or literal; only the
 * opening brace or bracket of an object or array, so a squiggle never spans lines). A path that
 * does not (all) exist points at the nearest value on it that does.
 */
export function locateProblem(tree: Node, problem: Pick<PolicyProblem, 'path' | 'part'>): TextSpan {
  for (let depth = problem.path.length; depth > 0; depth--) {
    const node = findNodeAtLocation(tree, problem.path.slice(0, depth));
    if (!node) continue;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    if (problem.part === 'key' && depth === problem.path.length && key) return { offset: key.offset, length: key.length };
    return valueSpan(node);
  }
  return valueSpan(tree);
}

function valueSpan(node: Node): TextSpan {
  return node.type === 'object' || node.type === 'array' ? { offset: node.offset, length: 1 } : { offset: node.offset, length: node.length };
}

/**
 * What IAM would refuse in a document, and where: the first syntax error, else the first
 * problem the checks of ./document find. Undefined when IAM would take it.
 */
export function findPolicyTextProblem(text: string, kind: PolicyKind): { reason: string; range: TextRange } | undefined {
  const { value, tree, errors } = parsePolicyText(text);
  const [syntax] = errors;
  if (syntax) return { reason: `This policy contains invalid Json: ${syntax.message}`, range: rangeAt(text, syntax) };
  const problem = findPolicyProblem(value, kind);
  // (Text without syntax errors always has a tree.)
  if (!problem || !tree) return undefined;
  return { reason: problem.reason, range: rangeAt(text, locateProblem(tree, problem)) };
}

/**
 * Where a refusal from IAM itself (after findPolicyTextProblem found nothing) most likely is.
 * IAM gives only words, so a reason about the statements or the version points at that key,
 * anything else at the document. Undefined when the text does not parse.
 */
export function locateIamRefusal(text: string, reason: string): TextRange | undefined {
  const { tree, errors } = parsePolicyText(text);
  if (!tree || errors.length > 0) return undefined;
  const path = /statement/i.test(reason) ? ['Statement'] : /version/i.test(reason) ? ['Version'] : [];
  return rangeAt(text, locateProblem(tree, { path, part: 'key' }));
}
