// Checks a value on the wire against a shape of an AWS service model: no member the model does
// not have, none of the wrong type, enum values and constraints kept, required members present.
import type { ServiceModel, Shape, ShapeRef } from './models';
import type { XmlElement } from './xml';

const patternCache = new Map<string, RegExp | null>();

/** A model's pattern as a JavaScript RegExp (Smithy patterns are ECMA 262, unanchored); null if it cannot be read as one. */
function patternOf(source: string): RegExp | null {
  if (!patternCache.has(source)) {
    let compiled: RegExp | null = null;
    for (const flags of ['u', '']) {
      try {
        compiled = new RegExp(source, flags);
        break;
      } catch {
        // try the next reading
      }
    }
    patternCache.set(source, compiled);
  }
  return patternCache.get(source)!;
}

function checkString(shape: Shape, value: string, at: string, problems: string[]): void {
  if (shape.enum && !shape.enum.includes(value)) problems.push(`${at}: "${value}" is not one of ${shape.enum.join(', ')}`);
  // Only the minimum: AWS's answers exceed some maximums the models give for input (a pool's
  // SchemaAttributes name `phone_number_verified`, 21 characters, in a shape of at most 20).
  if (shape.min !== undefined && [...value].length < shape.min) problems.push(`${at}: "${value}" is shorter than ${shape.min}`);
  const pattern = shape.pattern ? patternOf(shape.pattern) : null;
  if (pattern && !pattern.test(value)) problems.push(`${at}: "${value.slice(0, 80)}" does not match ${shape.pattern}`);
}

function checkNumber(shape: Shape, value: number, at: string, problems: string[]): void {
  if (shape.min !== undefined && value < shape.min) problems.push(`${at}: ${value} is below ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) problems.push(`${at}: ${value} is above ${shape.max}`);
}

/**
 * Maps whose values AWS sends as null, though the models cannot say so: Lex V2 lists an intent's
 * unfilled slots as `"Drink": null` (the Lex V2 developer guide's RecognizeText examples and
 * the Lambda input event).
 */
const SPARSE_MAPS = new Set(['Slots']);

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/**
 * Problems of a JSON value (awsJson, restJson bodies) against a shape. Timestamps are epoch
 * seconds, blobs base64, as both JSON protocols put them.
 */
export function checkJson(model: ServiceModel, ref: ShapeRef | string, value: unknown, at: string, always: Record<string, readonly string[]> = {}): string[] {
  const problems: string[] = [];
  const visit = (shapeName: string, v: unknown, where: string) => {
    const shape = model.shapes[shapeName];
    if (!shape) return void problems.push(`${where}: the model has no shape ${shapeName}`);
    const wrong = (expected: string) => problems.push(`${where}: ${expected} expected (${shapeName}), got ${typeOf(v)} ${JSON.stringify(v)?.slice(0, 80)}`);
    switch (shape.type) {
      case 'structure': {
        if (typeOf(v) !== 'object') return wrong('an object');
        const object = v as Record<string, unknown>;
        for (const [name, member] of Object.entries(object)) {
          const memberRef = shape.members?.[name];
          if (!memberRef || memberRef.location) problems.push(`${where}.${name}: AWS has no such member in ${shapeName}`);
          else if (member === null) problems.push(`${where}.${name}: null (AWS leaves a member out instead)`);
          else visit(memberRef.shape, member, `${where}.${name}`);
        }
        for (const name of shape.required ?? []) {
          if (!(name in object) && !shape.members?.[name]?.location) problems.push(`${where}.${name}: required by ${shapeName}, missing`);
        }
        for (const name of always[shapeName] ?? []) {
          if (!(name in object)) problems.push(`${where}.${name}: AWS always returns it in ${shapeName}, missing`);
        }
        return;
      }
      case 'list':
        if (!Array.isArray(v)) return wrong('an array');
        checkNumber(shape, v.length, `${where}.length`, problems);
        v.forEach((item, i) => visit(shape.member!.shape, item, `${where}[${i}]`));
        return;
      case 'map':
        if (typeOf(v) !== 'object') return wrong('an object (map)');
        for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
          visit(shape.key!.shape, key, `${where}{key}`);
          if (item === null && SPARSE_MAPS.has(shapeName)) continue;
          visit(shape.value!.shape, item, `${where}["${key}"]`);
        }
        return;
      case 'string':
        if (typeof v !== 'string') return wrong('a string');
        return checkString(shape, v, where, problems);
      case 'integer':
      case 'long':
        if (typeof v !== 'number' || !Number.isInteger(v)) return wrong('an integer');
        return checkNumber(shape, v, where, problems);
      case 'double':
      case 'float':
        if (typeof v !== 'number') return wrong('a number');
        return checkNumber(shape, v, where, problems);
      case 'boolean':
        if (typeof v !== 'boolean') return wrong('a boolean');
        return;
      case 'timestamp':
        if (shape.timestampFormat === 'iso8601' ? typeof v !== 'string' : typeof v !== 'number') return wrong('a timestamp (epoch seconds)');
        return;
      case 'blob':
        if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return wrong('a base64 blob');
        return;
    }
  };
  visit(typeof ref === 'string' ? ref : ref.shape, value, at);
  return problems;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Problems of an awsQuery XML element against a shape: members by name, lists as `<member>`
 * items, maps as `<entry><key/><value/></entry>`, scalars as text in their format.
 */
export function checkXml(model: ServiceModel, ref: ShapeRef | string, element: XmlElement, at: string): string[] {
  const problems: string[] = [];
  const visit = (shapeName: string, e: XmlElement, where: string) => {
    const shape = model.shapes[shapeName];
    if (!shape) return void problems.push(`${where}: the model has no shape ${shapeName}`);
    const text = e.text;
    const wrong = (expected: string) => problems.push(`${where}: ${expected} expected (${shapeName}), got "${text.slice(0, 80)}"`);
    if (shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map' && e.children.length > 0)
      return void problems.push(`${where}: a ${shape.type} expected (${shapeName}), got elements`);
    switch (shape.type) {
      case 'structure': {
        const byWireName = new Map(Object.entries(shape.members ?? {}).map(([name, member]) => [member.locationName ?? name, member]));
        for (const child of e.children) {
          const member = byWireName.get(child.name);
          if (!member) problems.push(`${where}.${child.name}: AWS has no such member in ${shapeName}`);
          else visit(member.shape, child, `${where}.${child.name}`);
        }
        for (const name of shape.required ?? []) {
          const wireName = shape.members?.[name]?.locationName ?? name;
          if (!e.children.some((c) => c.name === wireName)) problems.push(`${where}.${name}: required by ${shapeName}, missing`);
        }
        return;
      }
      case 'list': {
        const itemName = shape.member?.locationName ?? 'member';
        e.children.forEach((child, i) => {
          if (child.name !== itemName) problems.push(`${where}[${i}]: <${itemName}> expected, got <${child.name}>`);
          else visit(shape.member!.shape, child, `${where}[${i}]`);
        });
        return;
      }
      case 'map':
        e.children.forEach((entry, i) => {
          const key = entry.children.find((c) => c.name === (shape.key?.locationName ?? 'key'));
          const value = entry.children.find((c) => c.name === (shape.value?.locationName ?? 'value'));
          if (entry.name !== 'entry' || !key || !value) return void problems.push(`${where}[${i}]: <entry><key/><value/></entry> expected`);
          visit(shape.key!.shape, key, `${where}{key}`);
          visit(shape.value!.shape, value, `${where}["${key.text}"]`);
        });
        return;
      case 'string':
        return checkString(shape, text, where, problems);
      case 'integer':
      case 'long':
        if (!/^-?\d+$/.test(text)) return wrong('an integer');
        return checkNumber(shape, Number(text), where, problems);
      case 'double':
      case 'float':
        if (Number.isNaN(Number(text)) || text.trim() === '') return wrong('a number');
        return;
      case 'boolean':
        if (text !== 'true' && text !== 'false') return wrong('true or false');
        return;
      case 'timestamp':
        if (!ISO_8601.test(text)) return wrong('an ISO 8601 timestamp');
        return;
      case 'blob':
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return wrong('base64');
        return;
    }
  };
  visit(typeof ref === 'string' ? ref : ref.shape, element, at);
  return problems;
}
