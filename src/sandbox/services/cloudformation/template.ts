import { parse, type ScalarTag, type CollectionTag, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { ServiceError } from '../../request';

// CloudFormation templates in JSON or YAML, YAML with the short-form intrinsic tags users
// write (!Ref, !GetAtt, !Sub, …), each read as its long form ({ "Fn::Sub": … }).

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface Template {
  readonly Description?: string;
  /** Declared transforms: only SAM's, which asks CAPABILITY_AUTO_EXPAND. */
  readonly Transforms: readonly string[];
  readonly Parameters: Record<string, ParameterDeclaration>;
  readonly Conditions: Record<string, unknown>;
  readonly Resources: Record<string, ResourceDeclaration>;
  readonly Outputs: Record<string, OutputDeclaration>;
}

export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly AllowedPattern?: string;
  readonly NoEcho?: boolean | string;
  readonly Description?: string;
}

export interface ResourceDeclaration {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
}

export interface OutputDeclaration {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** Short-form tags and the long-form key each stands for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
};

function toJs(node: unknown): unknown {
  return isMap(node) || isSeq(node) ? node.toJSON() : node;
}

// yaml keeps a custom tag's resolved value as the node's value; toJSON() gives it back as is.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(([tag, key]) => [
  {
    tag: `!${tag}`,
    // !GetAtt Pool.Arn is the one scalar form that is not the long form's value as it stands.
    resolve: (value: string) => ({ [key]: tag === 'GetAtt' ? splitGetAtt(value) : value }),
  } satisfies ScalarTag,
  { tag: `!${tag}`, collection: 'seq', nodeClass: YAMLSeq, resolve: (seq: unknown) => ({ [key]: toJs(seq) }) } as unknown as CollectionTag,
  { tag: `!${tag}`, collection: 'map', nodeClass: YAMLMap, resolve: (map: unknown) => ({ [key]: toJs(map) }) } as unknown as CollectionTag,
]);

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function formatError(message: string): ServiceError {
  return new ServiceError('ValidationError', `Template format error: ${message}`);
}

/** Parses a template body (JSON or YAML) and checks its shape as CloudFormation does before anything runs. */
export function parseTemplate(body: string): Template {
  let parsed: unknown;
  const text = body.trim();
  try {
    parsed = text.startsWith('{') ? JSON.parse(text) : parse(text, { customTags: CUSTOM_TAGS, prettyErrors: false });
  } catch (error) {
    throw formatError(`${text.startsWith('{') ? 'JSON' : 'YAML'} not well-formed. (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw formatError('the template is not a JSON or YAML object');
  const template = parsed as Record<string, unknown>;
  const known = new Set([
    'AWSTemplateFormatVersion',
    'Description',
    'Metadata',
    'Parameters',
    'Mappings',
    'Conditions',
    'Transform',
    'Resources',
    'Outputs',
    'Rules',
  ]);
  const unknown = Object.keys(template).filter((key) => !known.has(key));
  if (unknown.length > 0) throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  // SAM's transform rewrites only AWS::Serverless::* resources: a template whose ones are all
  // left out by their conditions (the Lex web UI's cognito.yaml without its email-domain check)
  // runs as it is; an active one fails as any type the sandbox does not run.
  const transforms = template.Transform === undefined ? [] : Array.isArray(template.Transform) ? template.Transform : [template.Transform];
  const macros = transforms.filter((t) => t !== SAM_TRANSFORM);
  if (macros.length > 0)
    throw formatError(
      `Transform ${macros.map(String).join(', ')} is not supported by the sandbox: it runs ${SAM_TRANSFORM} only, for templates whose AWS::Serverless resources their conditions leave out`,
    );
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Object.keys(resources).length === 0)
    throw formatError('At least one Resources member must be defined.');
  for (const [name, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (!/^[A-Za-z0-9]+$/.test(name)) throw formatError(`Resource name ${name} is non alphanumeric.`);
    if (typeof resource !== 'object' || resource === null || typeof (resource as { Type?: unknown }).Type !== 'string')
      throw formatError(`[/Resources/${name}] Every Resources object must contain a Type member.`);
  }
  return {
    Description: typeof template.Description === 'string' ? template.Description : undefined,
    Transforms: transforms as string[],
    Parameters: (template.Parameters ?? {}) as Template['Parameters'],
    Conditions: (template.Conditions ?? {}) as Template['Conditions'],
    Resources: resources as Template['Resources'],
    Outputs: (template.Outputs ?? {}) as Template['Outputs'],
  };
}
