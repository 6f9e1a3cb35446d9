import { ServiceError } from '../../request';

// CloudFormation's intrinsic functions over a template's values: what a stack needs to know
// to resolve them (its parameters, pseudo parameters, created resources, conditions), and
// which resources a value refers to (for the order they are created in).

/** AWS::NoValue: a property resolving to it is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface ResolveContext {
  /** Ref of a parameter, pseudo parameter or created resource. */
  ref(name: string): unknown;
  /** Fn::GetAtt of a created resource. */
  getAtt(resource: string, attribute: string): string;
  /** A named condition's value. */
  condition(name: string): boolean;
}

function templateError(message: string): ServiceError {
  return new ServiceError('ValidationError', `Template error: ${message}`);
}

/** The one key of an object that is an intrinsic function ({ "Fn::Sub": … }, { Ref: … }), if it is one. */
function intrinsicOf(value: unknown): [string, unknown] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))) return undefined;
  return [keys[0], (value as Record<string, unknown>)[keys[0]]];
}

/** `${Name}` and `${Resource.Attribute}` in a Fn::Sub string; `${!Literal}` is written as `${Literal}`. */
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function substitute(text: string, variables: Record<string, unknown>, context: ResolveContext): string {
  return text.replace(SUB_VARIABLE, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const trimmed = name.trim();
    if (trimmed in variables) return String(variables[trimmed]);
    const dot = trimmed.indexOf('.');
    if (dot > 0 && !trimmed.startsWith('AWS::')) return context.getAtt(trimmed.slice(0, dot), trimmed.slice(dot + 1));
    const value = context.ref(trimmed);
    if (Array.isArray(value)) throw templateError(`Fn::Sub variable \${${trimmed}} is a list; Fn::Join it first.`);
    return String(value);
  });
}

function asString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`${fn} expects a string, got ${JSON.stringify(value)}`);
}

function asList(value: unknown, fn: string): unknown[] {
  if (!Array.isArray(value)) throw templateError(`${fn} expects a list, got ${JSON.stringify(value)}`);
  return value;
}

/** Resolves every intrinsic function in a value; a property resolving to AWS::NoValue is dropped. */
export function resolveValue(value: unknown, context: ResolveContext): unknown {
  const intrinsic = intrinsicOf(value);
  if (intrinsic) return resolveIntrinsic(intrinsic[0], intrinsic[1], context);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, context)).filter((item) => item !== NO_VALUE);
  if (typeof value === 'object' && value !== null) {
    const resolved: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const result = resolveValue(member, context);
      if (result !== NO_VALUE) resolved[key] = result;
    }
    return resolved;
  }
  return value;
}

function resolveIntrinsic(fn: string, argument: unknown, context: ResolveContext): unknown {
  const resolve = (value: unknown) => resolveValue(value, context);
  switch (fn) {
    case 'Ref': {
      const name = asString(argument, 'Ref');
      return name === 'AWS::NoValue' ? NO_VALUE : context.ref(name);
    }
    case 'Fn::GetAtt': {
      const [resource, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/s) : asList(argument, 'Fn::GetAtt').map(resolve);
      return context.getAtt(asString(resource, 'Fn::GetAtt'), asString(attribute, 'Fn::GetAtt'));
    }
    case 'Fn::Sub': {
      if (typeof argument === 'string') return substitute(argument, {}, context);
      const [text, variables] = asList(argument, 'Fn::Sub');
      const resolvedVariables = resolve(variables ?? {}) as Record<string, unknown>;
      return substitute(asString(text, 'Fn::Sub'), resolvedVariables, context);
    }
    case 'Fn::Join': {
      const [delimiter, items] = asList(argument, 'Fn::Join');
      return asList(resolve(items), 'Fn::Join')
        .map((item) => asString(item, 'Fn::Join'))
        .join(asString(delimiter, 'Fn::Join'));
    }
    case 'Fn::Select': {
      const [index, items] = asList(argument, 'Fn::Select').map(resolve);
      const list = asList(items, 'Fn::Select');
      const i = Number(index);
      if (!Number.isInteger(i) || i < 0 || i >= list.length) throw templateError(`Fn::Select cannot select index ${String(index)} of a list of ${list.length}`);
      return list[i];
    }
    case 'Fn::Split': {
      const [delimiter, text] = asList(argument, 'Fn::Split').map(resolve);
      return asString(text, 'Fn::Split').split(asString(delimiter, 'Fn::Split'));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = asList(argument, 'Fn::If');
      return resolve(context.condition(asString(condition, 'Fn::If')) ? whenTrue : whenFalse);
    }
    case 'Fn::Base64':
      return Buffer.from(asString(resolve(argument), 'Fn::Base64')).toString('base64');
    default: {
      const condition = evaluateCondition({ [fn]: argument }, context);
      if (condition !== undefined) return condition;
      throw templateError(
        `${fn} is not supported by the sandbox; it supports Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Base64, Condition.`,
      );
    }
  }
}

/** A condition function's value (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), or undefined if value is none. */
export function evaluateCondition(value: unknown, context: ResolveContext): boolean | undefined {
  const intrinsic = intrinsicOf(value);
  if (!intrinsic) return undefined;
  const [fn, argument] = intrinsic;
  const truth = (item: unknown) => {
    const result = evaluateCondition(item, context);
    if (result === undefined) throw templateError(`${fn} expects conditions, got ${JSON.stringify(item)}`);
    return result;
  };
  switch (fn) {
    case 'Condition':
      return context.condition(asString(argument, 'Condition'));
    case 'Fn::Equals': {
      const [a, b] = asList(argument, 'Fn::Equals').map((item) => resolveValue(item, context));
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    case 'Fn::Not':
      return !truth(asList(argument, 'Fn::Not')[0]);
    case 'Fn::And':
      return asList(argument, 'Fn::And').every(truth);
    case 'Fn::Or':
      return asList(argument, 'Fn::Or').some(truth);
    default:
      return undefined;
  }
}

/** The resources a value refers to (Ref, Fn::GetAtt, Fn::Sub variables), among `resources`. */
export function referencedResources(value: unknown, resources: ReadonlySet<string>, found = new Set<string>()): Set<string> {
  const intrinsic = intrinsicOf(value);
  if (intrinsic) {
    const [fn, argument] = intrinsic;
    if (fn === 'Ref' && typeof argument === 'string' && resources.has(argument)) found.add(argument);
    if (fn === 'Fn::GetAtt') {
      const name = typeof argument === 'string' ? argument.split('.')[0] : Array.isArray(argument) ? argument[0] : undefined;
      if (typeof name === 'string' && resources.has(name)) found.add(name);
    }
    if (fn === 'Fn::Sub') {
      const text = typeof argument === 'string' ? argument : Array.isArray(argument) ? argument[0] : undefined;
      const variables = Array.isArray(argument) && typeof argument[1] === 'object' && argument[1] !== null ? Object.keys(argument[1]) : [];
      if (typeof text === 'string') {
        for (const [, name] of text.matchAll(SUB_VARIABLE)) {
          const target = name.trim().split('.')[0];
          if (!name.startsWith('!') && !variables.includes(name.trim()) && resources.has(target)) found.add(target);
        }
      }
    }
  }
  if (Array.isArray(value)) for (const item of value) referencedResources(item, resources, found);
  else if (typeof value === 'object' && value !== null) for (const member of Object.values(value)) referencedResources(member, resources, found);
  return found;
}

/**
 * Orders resources so each comes after what it refers to (Ref, Fn::GetAtt, Fn::Sub, DependsOn);
 * a cycle is refused as CloudFormation refuses it, naming the resources in it.
 */
export function creationOrder(dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = path.slice(path.indexOf(name));
      throw new ServiceError('ValidationError', `Circular dependency between resources: [${cycle.sort().join(', ')}]`);
    }
    state.set(name, 'visiting');
    for (const dependency of [...(dependencies.get(name) ?? [])].sort()) visit(dependency, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of dependencies.keys()) visit(name, []);
  return order;
}
