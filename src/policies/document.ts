/** IAM policy documents: their shape, and the checks IAM makes before it stores one. */
import type { JSONPath } from 'jsonc-parser';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

/** An identity policy (inline or managed) or a role's trust policy. */
export type PolicyKind = 'identity' | 'trust';

export type Validation = { ok: true; document: PolicyDocument } | { ok: false; reason: string };

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
// "service:Action" with wildcards, or "*" alone.
const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What IAM refuses in a document, and where: the JSON path of the element at fault, and
 * whether its key is (a field that is unknown or not allowed there) or its value. A missing
 * field is the fault of the object that lacks it.
 */
export interface PolicyProblem {
  /** IAM's MalformedPolicyDocument text. */
  readonly reason: string;
  readonly path: JSONPath;
  readonly part: 'key' | 'value';
}

const atKey = (key: string, reason: string): PolicyProblem => ({ reason, path: [key], part: 'key' });
const atValue = (path: JSONPath, reason: string): PolicyProblem => ({ reason, path, part: 'value' });

/** Validates a policy document as IAM does; the reasons are IAM's MalformedPolicyDocument texts. */
export function validatePolicyDocument(text: string, kind: PolicyKind): Validation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This policy contains invalid Json' };
  }
  const problem = findPolicyProblem(parsed, kind);
  if (problem) return { ok: false, reason: problem.reason };
  const document = parsed as Record<string, unknown>;
  return { ok: true, document: { ...document, Statement: list(document.Statement) } as PolicyDocument };
}

/** The first thing IAM would refuse in a parsed document, in the order IAM checks; undefined when there is none. */
export function findPolicyProblem(document: unknown, kind: PolicyKind): PolicyProblem | undefined {
  if (!isObject(document)) return atValue([], 'This policy contains invalid Json');
  for (const key of Object.keys(document)) {
    if (!['Version', 'Id', 'Statement'].includes(key)) return atKey(key, `Syntax errors in policy. Unknown field ${key}`);
  }
  if (document.Version !== undefined && (typeof document.Version !== 'string' || !VERSIONS.has(document.Version))) {
    return atValue(['Version'], 'The policy must contain a valid version string');
  }
  if (document.Statement === undefined) return atValue([], 'Syntax errors in policy. Missing required field Statement');
  const statements = list(document.Statement);
  if (statements.length === 0) return atValue(['Statement'], 'Syntax errors in policy. Statement must not be empty');
  for (const [index, statement] of statements.entries()) {
    // "Statement" holds a list of statements or a single one.
    const path = Array.isArray(document.Statement) ? ['Statement', index] : ['Statement'];
    if (!isObject(statement)) return atValue(path, 'Syntax errors in policy.');
    const problem = statementProblem(statement, kind);
    if (problem) return { ...problem, path: [...path, ...problem.path] };
  }
  return undefined;
}

/** A problem with one statement; its path is within the statement. */
function statementProblem(statement: Record<string, unknown>, kind: PolicyKind): PolicyProblem | undefined {
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) return atKey(key, `Syntax errors in policy. Unknown field ${key}`);
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    return statement.Effect === undefined ? atValue([], 'Missing required field Effect') : atValue(['Effect'], `Invalid effect: ${String(statement.Effect)}`);
  }
  if (statement.Action !== undefined && statement.NotAction !== undefined)
    return atKey('Action', 'Syntax errors in policy. Statement cannot have both Action and NotAction');
  const actionKey = statement.Action !== undefined && statement.Action !== null ? 'Action' : 'NotAction';
  const actions = statement.Action ?? statement.NotAction;
  if (actions === undefined) return atValue([], 'Policy statement must contain actions.');
  if (!isStringOrStrings(actions)) return atValue([actionKey], 'Syntax errors in policy. Action must be a string or a list of strings');
  const badAction = (list(actions) as string[]).findIndex((action) => !ACTION_PATTERN.test(action));
  if (badAction >= 0) return atValue(elementPath(actionKey, actions, badAction), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  const resourceKey = statement.Resource !== undefined && statement.Resource !== null ? 'Resource' : 'NotResource';
  const resources = statement.Resource ?? statement.NotResource;
  if (kind === 'trust') {
    if (resources !== undefined) {
      const prohibited = statement.Resource !== undefined ? 'Resource' : 'NotResource';
      return atKey(prohibited, `Has prohibited field ${prohibited}`);
    }
    const principalKey = statement.Principal !== undefined && statement.Principal !== null ? 'Principal' : 'NotPrincipal';
    const principal = statement.Principal ?? statement.NotPrincipal;
    if (principal === undefined) return atValue([], 'Missing required field Principal');
    const problem = principalProblem(principal);
    if (problem) return { ...problem, path: [principalKey, ...problem.path] };
  } else {
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
      return atKey(statement.Principal !== undefined ? 'Principal' : 'NotPrincipal', 'Policy document should not specify a principal.');
    }
    if (resources === undefined) return atValue([], 'Policy statement must contain resources.');
    if (!isStringOrStrings(resources)) return atValue([resourceKey], 'Syntax errors in policy. Resource must be a string or a list of strings');
    const resourceList = list(resources) as string[];
    const badResource = resourceList.findIndex((resource) => resource !== '*' && !resource.startsWith('arn:'));
    if (badResource >= 0)
      return atValue(elementPath(resourceKey, resources, badResource), `Resource ${resourceList[badResource]} must be in ARN format or "*".`);
  }
  if (statement.Condition !== undefined) {
    const condition = statement.Condition;
    if (!isObject(condition)) return atValue(['Condition'], 'Syntax errors in policy. Condition must be an object');
    for (const [operator, block] of Object.entries(condition)) {
      if (!isObject(block)) return atValue(['Condition', operator], 'Syntax errors in policy. Condition operator must map keys to values');
    }
  }
  return undefined;
}

/** The path of item `index` of a field that holds one value or a list of them. */
function elementPath(key: string, value: unknown, index: number): JSONPath {
  return Array.isArray(value) ? [key, index] : [key];
}

/** A problem with a Principal or NotPrincipal; its path is within that field's value. */
function principalProblem(principal: unknown): PolicyProblem | undefined {
  if (principal === '*') return undefined;
  if (!isObject(principal)) return atValue([], 'Invalid principal in policy');
  for (const [type, value] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) return atKey(type, `Invalid principal in policy: "${type}"`);
    if (!isStringOrStrings(value)) return atValue([type], `Invalid principal in policy: "${type}"`);
  }
  return undefined;
}
