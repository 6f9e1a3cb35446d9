/** IAM policy documents: their shape, and the checks IAM makes before it stores one. */

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

/** Validates a policy document as IAM does; the reasons are IAM's MalformedPolicyDocument texts. */
export function validatePolicyDocument(text: string, kind: PolicyKind): Validation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This policy contains invalid Json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'This policy contains invalid Json' };
  }
  const document = parsed as Record<string, unknown>;
  for (const key of Object.keys(document)) {
    if (!['Version', 'Id', 'Statement'].includes(key)) return { ok: false, reason: `Syntax errors in policy. Unknown field ${key}` };
  }
  if (document.Version !== undefined && (typeof document.Version !== 'string' || !VERSIONS.has(document.Version))) {
    return { ok: false, reason: 'The policy must contain a valid version string' };
  }
  if (document.Statement === undefined) return { ok: false, reason: 'Syntax errors in policy. Missing required field Statement' };
  const statements = list(document.Statement);
  if (statements.length === 0) return { ok: false, reason: 'Syntax errors in policy. Statement must not be empty' };
  for (const raw of statements) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'Syntax errors in policy.' };
    const statement = raw as Record<string, unknown>;
    const problem = statementProblem(statement, kind);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, document: { ...(document as object), Statement: statements } as PolicyDocument };
}

function statementProblem(statement: Record<string, unknown>, kind: PolicyKind): string | undefined {
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) return `Syntax errors in policy. Unknown field ${key}`;
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    return statement.Effect === undefined ? 'Missing required field Effect' : `Invalid effect: ${String(statement.Effect)}`;
  }
  if (statement.Action !== undefined && statement.NotAction !== undefined) return 'Syntax errors in policy. Statement cannot have both Action and NotAction';
  const actions = statement.Action ?? statement.NotAction;
  if (actions === undefined) return 'Policy statement must contain actions.';
  if (!isStringOrStrings(actions)) return 'Syntax errors in policy. Action must be a string or a list of strings';
  for (const action of list(actions) as string[]) {
    if (!ACTION_PATTERN.test(action)) return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
  }
  const resources = statement.Resource ?? statement.NotResource;
  if (kind === 'trust') {
    if (resources !== undefined) return `Has prohibited field ${statement.Resource !== undefined ? 'Resource' : 'NotResource'}`;
    const principal = statement.Principal ?? statement.NotPrincipal;
    if (principal === undefined) return 'Missing required field Principal';
    const problem = principalProblem(principal);
    if (problem) return problem;
  } else {
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) return 'Policy document should not specify a principal.';
    if (resources === undefined) return 'Policy statement must contain resources.';
    if (!isStringOrStrings(resources)) return 'Syntax errors in policy. Resource must be a string or a list of strings';
    for (const resource of list(resources) as string[]) {
      if (resource !== '*' && !resource.startsWith('arn:')) return `Resource ${resource} must be in ARN format or "*".`;
    }
  }
  if (statement.Condition !== undefined) {
    const condition = statement.Condition;
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return 'Syntax errors in policy. Condition must be an object';
    for (const block of Object.values(condition)) {
      if (typeof block !== 'object' || block === null || Array.isArray(block)) return 'Syntax errors in policy. Condition operator must map keys to values';
    }
  }
  return undefined;
}

function principalProblem(principal: unknown): string | undefined {
  if (principal === '*') return undefined;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return 'Invalid principal in policy';
  for (const [type, value] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) return `Invalid principal in policy: "${type}"`;
    if (!isStringOrStrings(value)) return `Invalid principal in policy: "${type}"`;
  }
  return undefined;
}
