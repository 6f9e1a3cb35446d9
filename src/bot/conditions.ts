// Lex V2's condition expression language, as a conditional branch's condition is written:
// references ({slot}, [session attribute], ((request attribute)), $.inputTranscript,
// $.inputMode), comparisons (= != < <= > >=), CONTAINS on a multi-valued slot, the functions
// fn.COUNT, fn.IS_SET and fn.LENGTH, and AND (&&), OR (||), NOT (!) with parentheses.
// Lex's developer guide, "Add conditions to branch conversations" (paths-branching).

/** What a condition can refer to, as the turn has it now. */
export interface ConditionScope {
  /** A slot's interpreted values (one, or a multi-valued slot's list) and its slot type; undefined when not filled. */
  slot(name: string): { values: string[]; slotTypeName: string } | undefined;
  sessionAttribute(name: string): string | undefined;
  requestAttribute(name: string): string | undefined;
  inputTranscript: string;
  inputMode: string;
}

type Reference = { kind: 'slot'; name: string } | { kind: 'session'; name: string } | { kind: 'request'; name: string } | { kind: 'input'; path: string };

type Operand = { kind: 'reference'; reference: Reference } | { kind: 'function'; name: 'COUNT' | 'IS_SET' | 'LENGTH'; reference: Reference };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; operator: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Operand; right: string }
  | { kind: 'contains'; left: Reference; right: string }
  | { kind: 'isSet'; reference: Reference };

export class ConditionSyntaxError extends Error {}

const TOKEN =
  /\s*(?:(\{[^{}]+\})|(\(\([A-Za-z0-9_:.-]+\)\))|(\[[^\]]+\])|(\$\.[A-Za-z0-9_.[\]]+)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(fn\.[A-Za-z_]+)|(&&|\|\||!=|<=|>=|=|<|>|!|\(|\))|([^\s()=!<>&|"']+))/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) {
      if (expression.slice(start).trim() === '') break;
      throw new ConditionSyntaxError(`cannot read "${expression.slice(start).trim()}"`);
    }
    const token = match.slice(1).find((part) => part !== undefined);
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

/** Reads a condition; throws ConditionSyntaxError saying what it could not read. */
export function parseCondition(expression: string): Condition {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const keyword = (...words: string[]) => peek() !== undefined && words.includes(peek()!.toUpperCase());
  const expect = (token: string) => {
    if (peek() !== token) throw new ConditionSyntaxError(`expected "${token}"${peek() ? ` before "${peek()}"` : ' at the end'}`);
    at++;
  };

  const reference = (): Reference => {
    const token = tokens[at++];
    if (token?.startsWith('((')) return { kind: 'request', name: token.slice(2, -2).trim() };
    if (token?.startsWith('{')) return { kind: 'slot', name: token.slice(1, -1).trim() };
    if (token?.startsWith('[')) return { kind: 'session', name: token.slice(1, -1).trim() };
    if (token?.startsWith('$.')) return { kind: 'input', path: token.slice(2) };
    throw new ConditionSyntaxError(token ? `"${token}" is not a {slot}, [session attribute], ((request attribute)) or $. reference` : 'a reference is missing');
  };
  const constant = (): string => {
    const token = tokens[at++];
    if (token === undefined || /^(?:&&|\|\||!=|<=|>=|=|<|>|!|\(|\))$/.test(token)) throw new ConditionSyntaxError('a value is missing after the comparison');
    if (/^["']/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
    return token;
  };
  const comparison = (left: Operand): Condition => {
    const operator = peek();
    if (operator === '=' || operator === '!=' || operator === '<' || operator === '<=' || operator === '>' || operator === '>=') {
      at++;
      return { kind: 'compare', operator, left, right: constant() };
    }
    throw new ConditionSyntaxError(operator ? `expected a comparison before "${operator}"` : 'expected a comparison at the end');
  };
  const primary = (): Condition => {
    const token = peek();
    if (token === '(') {
      at++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (token?.startsWith('fn.')) {
      at++;
      const name = token.slice(3).toUpperCase();
      if (name !== 'COUNT' && name !== 'IS_SET' && name !== 'LENGTH')
        throw new ConditionSyntaxError(`${token} is not a function Lex has (fn.COUNT, fn.IS_SET, fn.LENGTH)`);
      expect('(');
      const argument = reference();
      expect(')');
      if (name === 'IS_SET') return { kind: 'isSet', reference: argument };
      return comparison({ kind: 'function', name, reference: argument });
    }
    const left = reference();
    if (keyword('CONTAINS')) {
      at++;
      return { kind: 'contains', left, right: constant() };
    }
    return comparison({ kind: 'reference', reference: left });
  };
  const not = (): Condition => {
    if (peek() === '!' || keyword('NOT')) {
      at++;
      return { kind: 'not', operand: not() };
    }
    return primary();
  };
  const and = (): Condition => {
    let left = not();
    while (peek() === '&&' || keyword('AND')) {
      at++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): Condition => {
    let left = and();
    while (peek() === '||' || keyword('OR')) {
      at++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  if (tokens.length === 0) throw new ConditionSyntaxError('the condition is empty');
  const condition = or();
  if (at < tokens.length) throw new ConditionSyntaxError(`unexpected "${tokens[at]}"`);
  return condition;
}

/** A reference to something not set: Lex treats the whole expression as invalid and does not take the branch. */
class NotSet extends Error {}

const NUMERIC_TYPES = new Set(['AMAZON.Number', 'AMAZON.Percentage', 'AMAZON.Duration']);

/** An ISO 8601 duration (P1DT2H30M) in seconds, as text; other text is left as it is. */
function durationSeconds(text: string): string {
  const parts =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.trim(),
    );
  if (!parts || text.trim() === 'P' || text.trim().endsWith('T')) return text;
  const seconds = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];
  return String(parts.slice(1).reduce((total, part, i) => total + (part ? Number(part) * seconds[i] : 0), 0));
}
const NUMBER = /^-?\d+(?:\.\d+)?$/;

function resolve(reference: Reference, scope: ConditionScope): { values: string[]; slotTypeName?: string } | undefined {
  switch (reference.kind) {
    case 'slot':
      return scope.slot(reference.name);
    case 'session': {
      const value = scope.sessionAttribute(reference.name);
      return value === undefined ? undefined : { values: [value] };
    }
    case 'request': {
      const value = scope.requestAttribute(reference.name);
      return value === undefined ? undefined : { values: [value] };
    }
    case 'input':
      if (reference.path === 'inputTranscript') return { values: [scope.inputTranscript] };
      if (reference.path === 'inputMode') return { values: [scope.inputMode] };
      return undefined;
  }
}

/** Numbers compare as numbers; everything else as case-insensitive text, which orders ISO dates and times by time. */
function compare(left: string, right: string, numeric: boolean): number {
  if (numeric || (NUMBER.test(left) && NUMBER.test(right))) return Number(left) - Number(right);
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function evaluate(condition: Condition, scope: ConditionScope): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluate(condition.left, scope) && evaluate(condition.right, scope);
    case 'or':
      return evaluate(condition.left, scope) || evaluate(condition.right, scope);
    case 'not':
      return !evaluate(condition.operand, scope);
    case 'isSet':
      return resolve(condition.reference, scope) !== undefined;
    case 'contains': {
      const found = resolve(condition.left, scope);
      if (!found) throw new NotSet();
      return found.values.some((value) => value.toLowerCase() === condition.right.toLowerCase());
    }
    case 'compare': {
      const found = resolve(condition.left.reference, scope);
      if (!found) throw new NotSet();
      const { left } = condition;
      // A function's result is a number; a multi-valued slot compares as the comma-separated list of its values.
      const raw = left.kind === 'function' ? String(left.name === 'COUNT' ? found.values.length : found.values.join(',').length) : found.values.join(',');
      // Percentages compare as their numbers ("100%" > 20), durations as their length in seconds (PT10M > PT5M).
      const asNumber = (text: string) => (found.slotTypeName === 'AMAZON.Duration' ? durationSeconds(text) : text.replace(/%$/, ''));
      const [value, right] = found.slotTypeName && NUMERIC_TYPES.has(found.slotTypeName) ? [asNumber(raw), asNumber(condition.right)] : [raw, condition.right];
      const numeric = left.kind === 'function' || (!!found.slotTypeName && NUMERIC_TYPES.has(found.slotTypeName) && NUMBER.test(value) && NUMBER.test(right));
      const order = compare(value, right, numeric);
      switch (condition.operator) {
        case '=':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
      }
    }
  }
}

/** Whether a condition holds; false when it refers to something not set, as Lex does not evaluate such an expression. */
export function holds(condition: Condition, scope: ConditionScope): boolean {
  try {
    return evaluate(condition, scope);
  } catch (error) {
    if (error instanceof NotSet) return false;
    throw error;
  }
}
