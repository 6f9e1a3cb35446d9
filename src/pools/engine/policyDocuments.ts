import { ActionableError, explainAwsError, InvalidArgumentsError } from '../../aws/errors';
import { type PolicyKind, validatePolicyDocument } from '../../policies/document';
import type { AwsContext } from '../../aws/context';
import type { PolicyRef } from './refs';

/** A policy document as an editor shows it. */
export interface PolicyText {
  /** Decoded and, when it is JSON, pretty-printed with 2 spaces. */
  readonly text: string;
  /** Managed policies are read-only here: changing one means a new policy version for every role it is attached to. */
  readonly readonly: boolean;
  readonly kind: PolicyKind;
}

/** 1-based, as editors show positions. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A document IAM will not (or did not) take; `reason` is IAM's wording, `position` where the problem is when known. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
  constructor(
    readonly reason: string,
    readonly position?: TextPosition,
    options?: { cause?: unknown },
  ) {
    super(position ? `${reason} (line ${position.line}, column ${position.column})` : reason, options);
  }
}

/** The role or policy a document belongs to does not exist (any more). */
export class PolicyNotFoundError extends ActionableError {}

/** A write to a document that cannot be changed here (a managed policy). */
export class ReadOnlyPolicyError extends ActionableError {}

export function policyKindOf(ref: PolicyRef): PolicyKind {
  return ref.kind === 'trust' ? 'trust' : 'identity';
}

/** Names a policy document in messages and the log. */
export function describePolicyRef(ref: PolicyRef): string {
  switch (ref.kind) {
    case 'trust':
      return `the trust policy of role ${ref.roleName}`;
    case 'inline':
      return `inline policy ${ref.policyName} of role ${ref.roleName}`;
    case 'managed':
      return `managed policy ${ref.policyArn.slice(ref.policyArn.lastIndexOf('/') + 1)}`;
  }
}

// Where each document lives in the policy file system (the VS Code side adds scheme and
// authority):
//   /roles/<roleName>/trust-policy.json
//   /roles/<roleName>/inline/<policyName>.json
//   /managed/<partition>/<account>/<policy path and name>.json   (from its ARN)
const IAM_NAME = /^[\w+=,.@-]+$/;
const MANAGED_POLICY_ARN = /^arn:(aws[\w-]*):iam::(aws|\d{12}):policy\/(.+)$/;

export function policyPath(ref: PolicyRef): string {
  const name = (value: string, what: string) => {
    if (typeof value !== 'string' || !IAM_NAME.test(value)) throw new InvalidArgumentsError(`${JSON.stringify(value)} is not an IAM ${what} name: use letters, digits and + = , . @ - _`);
    return value;
  };
  switch (ref.kind) {
    case 'trust':
      return `/roles/${name(ref.roleName, 'role')}/trust-policy.json`;
    case 'inline':
      return `/roles/${name(ref.roleName, 'role')}/inline/${name(ref.policyName, 'policy')}.json`;
    case 'managed': {
      const arn = MANAGED_POLICY_ARN.exec(ref.policyArn);
      if (!arn) throw new InvalidArgumentsError(`${JSON.stringify(ref.policyArn)} is not a managed policy ARN, such as arn:aws:iam::aws:policy/AmazonLexRunBotsOnly.`);
      return `/managed/${arn[1]}/${arn[2]}/${arn[3]}.json`;
    }
  }
}

/** The document at a path of the policy file system; undefined for anything else (a folder). */
export function refFromPath(path: string): PolicyRef | undefined {
  const trust = /^\/roles\/([\w+=,.@-]+)\/trust-policy\.json$/.exec(path);
  if (trust) return { kind: 'trust', roleName: trust[1] };
  const inline = /^\/roles\/([\w+=,.@-]+)\/inline\/([\w+=,.@-]+)\.json$/.exec(path);
  if (inline) return { kind: 'inline', roleName: inline[1], policyName: inline[2] };
  const managed = /^\/managed\/(aws[\w-]*)\/(aws|\d{12})\/(.+)\.json$/.exec(path);
  if (managed) return { kind: 'managed', policyArn: `arn:${managed[1]}:iam::${managed[2]}:policy/${managed[3]}` };
  return undefined;
}

// A connection key ("sandbox:http://127.0.0.1:4599@us-east-1") as a URI authority: URIs
// lower-case authorities and read ":" and "@" in them as port and user, so every byte
// outside [a-z0-9.-] becomes _xx.
export function connectionAuthority(connectionKey: string): string {
  return Array.from(new TextEncoder().encode(connectionKey), (byte) => (/[a-z0-9.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`)).join('');
}

export function connectionKeyFromAuthority(authority: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < authority.length; i++) {
    if (authority[i] === '_' && /^[0-9a-f]{2}$/i.test(authority.slice(i + 1, i + 3))) {
      bytes.push(parseInt(authority.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(authority.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

function errorName(error: unknown): string {
  return (error as { name?: unknown } | undefined)?.name?.toString() ?? '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function notFound(ref: PolicyRef, error: unknown): PolicyNotFoundError {
  return new PolicyNotFoundError(`Could not find ${describePolicyRef(ref)}: ${errorMessage(error)} Refresh the explorer to see what is there now.`, [], { cause: error });
}

/** IAM returns documents URL-encoded; an editor wants them readable. */
export function decodePolicyDocument(encoded: string): string {
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    text = encoded; // not URL-encoded after all
  }
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

export async function readPolicy(ctx: AwsContext, ref: PolicyRef): Promise<PolicyText> {
  const iam = await ctx.client('iam');
  try {
    switch (ref.kind) {
      case 'trust': {
        const { Role } = await iam.send(new ctx.sdk.GetRoleCommand({ RoleName: ref.roleName }));
        return { text: decodePolicyDocument(Role?.AssumeRolePolicyDocument ?? ''), readonly: false, kind: 'trust' };
      }
      case 'inline': {
        const answer = await iam.send(new ctx.sdk.GetRolePolicyCommand({ RoleName: ref.roleName, PolicyName: ref.policyName }));
        return { text: decodePolicyDocument(answer.PolicyDocument ?? ''), readonly: false, kind: 'identity' };
      }
      case 'managed': {
        const { Policy } = await iam.send(new ctx.sdk.GetPolicyCommand({ PolicyArn: ref.policyArn }));
        const { PolicyVersion } = await iam.send(new ctx.sdk.GetPolicyVersionCommand({ PolicyArn: ref.policyArn, VersionId: Policy?.DefaultVersionId }));
        return { text: decodePolicyDocument(PolicyVersion?.Document ?? ''), readonly: true, kind: 'identity' };
      }
    }
  } catch (error) {
    if (/^NoSuchEntity/.test(errorName(error))) throw notFound(ref, error);
    throw explainAwsError(error);
  }
}

/**
 * Saves a trust or inline policy. The document is checked here first, as IAM would, so a
 * mistake is reported with its position and nothing is sent; what IAM still refuses (its
 * size quotas, which accounts can raise) comes back as a PolicyDocumentError too.
 */
export async function writePolicy(ctx: AwsContext, ref: PolicyRef, text: string): Promise<void> {
  if (ref.kind === 'managed') {
    throw new ReadOnlyPolicyError(
      `${describePolicyRef(ref)} is read-only here: a managed policy can be attached to many roles. To change what a role may do, create an inline policy on the role instead.`,
    );
  }
  const kind = policyKindOf(ref);
  const validation = validatePolicyDocument(text, kind);
  if (!validation.ok) throw localProblem(text, validation.reason, kind);
  // IAM does not count whitespace towards its size quotas; sending the document compact
  // keeps the sandbox (which counts characters) in step. Reading pretty-prints it again.
  const document = JSON.stringify(JSON.parse(text));
  const iam = await ctx.client('iam');
  try {
    if (ref.kind === 'trust') {
      await iam.send(new ctx.sdk.UpdateAssumeRolePolicyCommand({ RoleName: ref.roleName, PolicyDocument: document }));
    } else {
      await iam.send(new ctx.sdk.PutRolePolicyCommand({ RoleName: ref.roleName, PolicyName: ref.policyName, PolicyDocument: document }));
    }
  } catch (error) {
    const name = errorName(error);
    if (/^MalformedPolicyDocument/.test(name)) {
      throw new PolicyDocumentError(errorMessage(error), locateProblem(text, errorMessage(error), kind), { cause: error });
    }
    // On these two calls IAM's only quota is the document's size.
    if (/^LimitExceeded/.test(name)) throw new PolicyDocumentError(errorMessage(error), undefined, { cause: error });
    if (/^NoSuchEntity/.test(name)) throw notFound(ref, error);
    throw explainAwsError(error);
  }
}

function localProblem(text: string, reason: string, kind: PolicyKind): PolicyDocumentError {
  try {
    JSON.parse(text);
  } catch (error) {
    const detail = errorMessage(error)
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return new PolicyDocumentError(`${reason}: ${detail}`, syntaxErrorPosition(text, errorMessage(error)));
  }
  return new PolicyDocumentError(reason, locateProblem(text, reason, kind));
}

/** Where JSON.parse stopped: from its message ("at position N", or Node 22's "(line L column C)"), else from a scan of our own. */
export function syntaxErrorPosition(text: string, message: string): TextPosition | undefined {
  const offset = /at position (\d+)/.exec(message);
  if (offset) return positionAt(text, Number(offset[1]));
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  if (/Unexpected end of JSON input/.test(message)) return positionAt(text, text.length);
  try {
    scanJson(text);
  } catch (error) {
    if (error instanceof JsonScanError) return positionAt(text, error.offset);
  }
  return undefined;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.min(offset, text.length));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

// The statement keys a reason is about, most specific first.
const REASON_KEYS: readonly [RegExp, readonly string[]][] = [
  [/effect/i, ['Effect']],
  [/principal/i, ['Principal', 'NotPrincipal']],
  [/action/i, ['Action', 'NotAction']],
  [/resource/i, ['Resource', 'NotResource']],
  [/condition/i, ['Condition']],
];

/**
 * Where a validation reason points in a document that parses: the key it names (an unknown
 * field, Effect, Principal, …) in the first statement that fails on its own, else that
 * statement, else the top-level key. Undefined when the text is not JSON or nothing fits.
 */
export function locateProblem(text: string, reason: string, kind: PolicyKind): TextPosition | undefined {
  let root: JsonNode;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    root = scanJson(text);
  } catch {
    return undefined;
  }
  const at = (offset: number) => positionAt(text, offset);
  if (root.kind !== 'object' || typeof parsed !== 'object' || parsed === null) return at(root.offset);
  const named = /(?:Unknown|prohibited) field (\w+)/.exec(reason)?.[1];
  const topLevel = named && !['Version', 'Id', 'Statement'].includes(named) ? property(root, named) : undefined;
  if (topLevel) return at(topLevel.keyOffset);

  const statementProperty = property(root, 'Statement');
  const statementValue = (parsed as { Statement?: unknown }).Statement;
  if (statementProperty && statementValue !== undefined) {
    const nodes = statementProperty.value.kind === 'array' ? (statementProperty.value.items ?? []) : [statementProperty.value];
    const values = Array.isArray(statementValue) ? statementValue : [statementValue];
    for (let i = 0; i < nodes.length && i < values.length; i++) {
      const alone = validatePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [values[i]] }), kind);
      if (alone.ok || alone.reason !== reason) continue;
      const node = nodes[i];
      const keys = named ? [named] : (REASON_KEYS.find(([pattern]) => pattern.test(reason))?.[1] ?? []);
      const key = keys.map((k) => property(node, k)).find((p) => p !== undefined);
      return at(key ? key.keyOffset : node.offset);
    }
    if (/statement/i.test(reason)) return at(statementProperty.keyOffset);
  }
  if (/version/i.test(reason)) {
    const version = property(root, 'Version');
    if (version) return at(version.keyOffset);
  }
  return at(root.offset);
}

// A JSON scan that keeps where each value and key starts, to point at problems.
interface JsonProperty {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

interface JsonNode {
  readonly offset: number;
  readonly kind: 'object' | 'array' | 'scalar';
  readonly properties?: readonly JsonProperty[];
  readonly items?: readonly JsonNode[];
}

class JsonScanError extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

function property(node: JsonNode, key: string): JsonProperty | undefined {
  return node.properties?.find((p) => p.key === key);
}

const SCALAR = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\n\r\t]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function scanJson(text: string): JsonNode {
  let i = 0;
  const fail = (): never => {
    throw new JsonScanError(i);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[i] !== char) fail();
    i++;
  };
  const match = (pattern: RegExp): string => {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) return fail();
    i += found[0].length;
    return found[0];
  };
  const value = (): JsonNode => {
    skipSpace();
    const offset = i;
    if (text[i] === '{') {
      i++;
      const properties: JsonProperty[] = [];
      skipSpace();
      if (text[i] === '}') {
        i++;
        return { offset, kind: 'object', properties };
      }
      for (;;) {
        skipSpace();
        const keyOffset = i;
        const key = JSON.parse(match(STRING)) as string;
        expect(':');
        properties.push({ key, keyOffset, value: value() });
        skipSpace();
        if (text[i] === ',') i++;
        else {
          expect('}');
          return { offset, kind: 'object', properties };
        }
      }
    }
    if (text[i] === '[') {
      i++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return { offset, kind: 'array', items };
      }
      for (;;) {
        items.push(value());
        skipSpace();
        if (text[i] === ',') i++;
        else {
          expect(']');
          return { offset, kind: 'array', items };
        }
      }
    }
    match(text[i] === '"' ? STRING : SCALAR);
    return { offset, kind: 'scalar' };
  };
  const root = value();
  skipSpace();
  if (i < text.length) fail();
  return root;
}
