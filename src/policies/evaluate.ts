import { BoundedMemo } from '../aws/boundedMemo';
import type { PolicyDocument, PolicyStatement } from './document';

/**
 * The IAM policy evaluator the sandbox authorises with: identity policies (and trust policies,
 * with a principal) against one action on one resource, as AWS evaluates them.
 * Our own because the one maintained simulator on npm is AGPL-licensed (see the differential
 * test, which uses it as an oracle at development time only).
 *
 * Supported: Allow / explicit Deny, Action / NotAction, Resource / NotResource, Principal,
 * wildcards (* and ?), policy variables (${key}, ${*}, ${?}, ${$}), and the condition
 * operators String*, Arn*, Bool and Null, each with IfExists and ForAnyValue: / ForAllValues:.
 * A condition with another operator (Numeric*, Date*, IpAddress, Binary) fails closed: an
 * Allow that needs one grants nothing, a Deny that has one denies; each is reported in
 * `unsupported`.
 */

export type ContextValue = string | string[] | boolean | undefined;

export interface EvaluationRequest {
  /** "service:Action", e.g. lex:RecognizeText. */
  readonly action: string;
  /** The resource's ARN. */
  readonly resource: string;
  /** Condition keys, e.g. cognito-identity.amazonaws.com:sub; looked up case-insensitively. */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** For trust policies: who asks, e.g. { Federated: 'cognito-identity.amazonaws.com' }. */
  readonly principal?: Readonly<Record<string, string>>;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface Evaluation {
  readonly decision: Decision;
  /** Condition operators the evaluator met but does not support. */
  readonly unsupported: string[];
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*?+^${}()|[\]\\]/g, '\\$&');
}

function wildcardSource(pattern: string): string {
  return pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c)))
    .join('');
}

// Policies are evaluated on every request the sandbox authorises: compile each pattern once.
// A pattern with a variable compiles with the caller's value in, one per caller: so bounded.
const COMPILED_PATTERNS = 5000; // beyond what a sandbox's roles and active callers use at once; an eviction costs one compile
const compiled = new BoundedMemo<string, RegExp>(COMPILED_PATTERNS);
function compile(source: string, flags: string): RegExp {
  return compiled.get(`${flags}/${source}`, () => new RegExp(`^${source}$`, flags));
}

const WILDCARD_PATTERNS = 5000; // as many: these (actions, StringLike values, ARN parts) are compiled patterns too
const wildcards = new BoundedMemo<string, RegExp>(WILDCARD_PATTERNS);

/** IAM wildcard matching: * any run, ? one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const regex = wildcards.get(`${ignoreCase ? 'i' : ''}/${pattern}`, () => compile(wildcardSource(pattern), ignoreCase ? 'is' : 's'));
  return regex.test(value);
}

/** Case-insensitive lookup of a condition key. */
function lookup(context: EvaluationRequest['context'], key: string): ContextValue {
  if (!context) return undefined;
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

const NO_VALUE = Symbol('no value');

/** The value of one ${...} variable, or NO_VALUE when its key is missing or multi-valued. */
function variableValue(key: string, context: EvaluationRequest['context']): string | typeof NO_VALUE {
  if (key === '*' || key === '?' || key === '$') return key;
  const defaulted = /^(.*?),\s*'([^']*)'$/.exec(key);
  const value = lookup(context, defaulted ? defaulted[1].trim() : key);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return defaulted ? defaulted[2] : NO_VALUE;
}

const VARIABLE = /(\$\{[^}]+\})/;

/** Replaces each ${key} in a condition value; NO_VALUE when a key is missing. */
function substitute(text: string, context: EvaluationRequest['context']): string | typeof NO_VALUE {
  let result = '';
  for (const piece of text.split(VARIABLE)) {
    const value = piece.startsWith('${') && piece.endsWith('}') ? variableValue(piece.slice(2, -1), context) : piece;
    if (value === NO_VALUE) return NO_VALUE;
    result += value;
  }
  return result;
}

/**
 * Matches a Resource pattern: * and ? are wildcards; a variable's value (and ${*}, ${?}, ${$})
 * is matched literally; a missing variable matches nothing.
 */
function patternMatch(pattern: string, value: string, context: EvaluationRequest['context']): boolean {
  let source = '';
  for (const piece of pattern.split(VARIABLE)) {
    if (piece.startsWith('${') && piece.endsWith('}')) {
      const substituted = variableValue(piece.slice(2, -1), context);
      if (substituted === NO_VALUE) return false;
      source += escapeRegExp(substituted);
    } else {
      source += wildcardSource(piece);
    }
  }
  return compile(source, 's').test(value);
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return asList(statement.Action).some((pattern) => wildcardMatch(pattern, action, true));
  return !asList(statement.NotAction).some((pattern) => wildcardMatch(pattern, action, true));
}

function resourceMatches(statement: PolicyStatement, request: EvaluationRequest): boolean {
  const matchesAny = (patterns: string[]) => patterns.some((pattern) => patternMatch(pattern, request.resource, request.context));
  if (statement.Resource !== undefined) return matchesAny(asList(statement.Resource));
  if (statement.NotResource !== undefined) return !matchesAny(asList(statement.NotResource));
  return true; // trust policies name no resource
}

function principalMatches(statement: PolicyStatement, request: EvaluationRequest): boolean {
  if (statement.Principal === undefined && statement.NotPrincipal === undefined) return true;
  const asked = request.principal ?? {};
  const matches = (principal: PolicyStatement['Principal']) => {
    if (principal === '*') return true;
    return Object.entries(principal ?? {}).some(([type, ids]) =>
      asList(ids).some((id) => (type === 'AWS' && id === '*') || (asked[type] !== undefined && wildcardMatch(id, asked[type], false))),
    );
  };
  return statement.Principal !== undefined ? matches(statement.Principal) : !matches(statement.NotPrincipal);
}

type Comparator = (policyValue: string, requestValue: string) => boolean;

const COMPARATORS: Record<string, { compare: Comparator; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  StringNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  ArnEquals: { compare: (p, r) => arnMatch(p, r), negated: false },
  ArnLike: { compare: (p, r) => arnMatch(p, r), negated: false },
  ArnNotEquals: { compare: (p, r) => arnMatch(p, r), negated: true },
  ArnNotLike: { compare: (p, r) => arnMatch(p, r), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
};

/** ARN operators compare the six colon-separated parts, each with wildcards. */
function arnMatch(pattern: string, arn: string): boolean {
  const patternParts = pattern.split(':');
  const arnParts = arn.split(':');
  if (patternParts.length < 6 || arnParts.length < 6) return false;
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const [p, a] = [head(patternParts), head(arnParts)];
  return p.every((part, i) => wildcardMatch(part, a[i]));
}

function requestValues(value: ContextValue): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return [String(value)];
  return asList(value);
}

/** One condition operator applied to one key: true when the statement's condition holds. */
function conditionHolds(operatorName: string, key: string, policyValue: unknown, request: EvaluationRequest, unsupported: string[]): boolean {
  let operator = operatorName;
  let set: 'ForAnyValue' | 'ForAllValues' | undefined;
  const prefix = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  if (prefix) {
    set = prefix[1] as 'ForAnyValue' | 'ForAllValues';
    operator = prefix[2];
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);

  const values = requestValues(lookup(request.context, key));
  const policyValues = asList(policyValue as string | string[]).map((v) => String(v));

  if (operator === 'Null') {
    const absent = values === undefined || values.length === 0;
    return policyValues.some((v) => (v.toLowerCase() === 'true' ? absent : !absent));
  }
  const comparator = COMPARATORS[operator];
  if (!comparator) {
    unsupported.push(operatorName);
    return false;
  }
  const resolved = policyValues.map((v) => substitute(v, request.context)).filter((v): v is string => v !== NO_VALUE);
  const matchesSome = (requestValue: string) => resolved.some((p) => comparator.compare(p, requestValue));

  if (set === 'ForAllValues') {
    if (values === undefined || values.length === 0) return true;
    return values.every((v) => (comparator.negated ? !matchesSome(v) : matchesSome(v)));
  }
  if (set === 'ForAnyValue') {
    if (values === undefined || values.length === 0) return false;
    return values.some((v) => (comparator.negated ? !matchesSome(v) : matchesSome(v)));
  }
  if (values === undefined) return ifExists ? true : comparator.negated;
  const anyMatch = values.some(matchesSome);
  return comparator.negated ? !anyMatch : anyMatch;
}

function conditionsHold(statement: PolicyStatement, request: EvaluationRequest, unsupported: string[]): boolean {
  const before = unsupported.length;
  let holds = true;
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) {
      if (!conditionHolds(operator, key, value, request, unsupported)) holds = false;
    }
  }
  // Fail closed: an operator we cannot evaluate keeps an Allow from granting and lets a Deny deny.
  if (unsupported.length > before) return statement.Effect === 'Deny';
  return holds;
}

function statementApplies(statement: PolicyStatement, request: EvaluationRequest, unsupported: string[]): boolean {
  return (
    actionMatches(statement, request.action) &&
    resourceMatches(statement, request) &&
    principalMatches(statement, request) &&
    conditionsHold(statement, request, unsupported)
  );
}

/** Evaluates policies as AWS does within one account: explicit Deny wins, then Allow, else implicit deny. */
export function evaluatePolicies(policies: readonly PolicyDocument[], request: EvaluationRequest): Evaluation {
  const unsupported: string[] = [];
  let allowed = false;
  for (const policy of policies) {
    for (const statement of asList(policy.Statement)) {
      if (!statementApplies(statement, request, unsupported)) continue;
      if (statement.Effect === 'Deny') return { decision: 'ExplicitlyDenied', unsupported };
      allowed = true;
    }
  }
  return { decision: allowed ? 'Allowed' : 'ImplicitlyDenied', unsupported };
}

/** The statements that apply to a request, Deny ones first: the evidence behind a decision. */
export function applyingStatements(
  policies: readonly PolicyDocument[],
  request: EvaluationRequest,
): { readonly policyIndex: number; readonly statement: PolicyStatement }[] {
  const applying: { policyIndex: number; statement: PolicyStatement }[] = [];
  policies.forEach((policy, policyIndex) => {
    for (const statement of asList(policy.Statement)) if (statementApplies(statement, request, [])) applying.push({ policyIndex, statement });
  });
  return applying.sort((a, b) => (a.statement.Effect === b.statement.Effect ? 0 : a.statement.Effect === 'Deny' ? -1 : 1));
}
