// Checks the sandbox's answers against an AWS API model (botocore's service-2.json, kept in
// test/fixtures/aws-models): the members an output has and where, their types, and each
// operation's errors with their HTTP status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { DeserializeHandler, DeserializeHandlerArguments } from '@aws-sdk/types';
import type { LexRuntimeV2Client, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-lex-runtime-v2';
import { FIXTURES } from '../support';

interface MemberRef {
  readonly shape: string;
  readonly location?: string;
  readonly locationName?: string;
}

interface Shape {
  readonly type: string;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly member?: MemberRef;
  readonly value?: MemberRef;
  readonly enum?: readonly string[];
  readonly payload?: string;
  readonly error?: { readonly httpStatusCode: number };
}

export interface ApiModel {
  readonly operations: Readonly<Record<string, { readonly output?: { readonly shape: string }; readonly errors?: readonly { readonly shape: string }[] }>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

export function loadApiModel(file: string): ApiModel {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'aws-models', file), 'utf8')) as ApiModel;
}

const describe = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value);

/** What in `value` the model's shape does not allow: members it lacks, missing required ones, wrong types, values off its enum. */
export function shapeProblems(model: ApiModel, shapeName: string, value: unknown, at = '$'): string[] {
  // JSON null is no value (Lex sends an unfilled slot as null).
  if (value === null) return [];
  const shape = model.shapes[shapeName];
  const wrong = (expected: string) => [`${at}: ${shapeName} is ${expected}, got ${describe(value)}`];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong('a structure');
      const record = value as Record<string, unknown>;
      const problems = (shape.required ?? []).filter((name) => record[name] === undefined).map((name) => `${at}: ${shapeName} requires ${name}`);
      for (const [name, member] of Object.entries(record)) {
        const ref = shape.members?.[name];
        if (!ref) problems.push(`${at}.${name}: ${shapeName} has no member ${name}`);
        else if (member !== undefined) problems.push(...shapeProblems(model, ref.shape, member, `${at}.${name}`));
      }
      return problems;
    }
    case 'list':
      return Array.isArray(value) ? value.flatMap((item, i) => shapeProblems(model, shape.member!.shape, item, `${at}[${i}]`)) : wrong('a list');
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong('a map');
      return Object.entries(value).flatMap(([key, item]) => shapeProblems(model, shape.value!.shape, item, `${at}.${key}`));
    case 'string':
      if (typeof value !== 'string') return wrong('a string');
      return shape.enum && !shape.enum.includes(value) ? [`${at}: ${shapeName} is one of ${shape.enum.join(', ')}, got ${value}`] : [];
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? [] : wrong('an integer');
    case 'double':
      return typeof value === 'number' ? [] : wrong('a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('a boolean');
    default:
      return typeof value === 'string' ? [] : wrong(`a ${shape.type}`);
  }
}

/** The output shape's members bound to headers, by lower-case header name. */
export function headerMembers(model: ApiModel, operation: string): Map<string, { member: string; shape: string }> {
  const output = model.shapes[model.operations[operation].output!.shape];
  const headers = new Map<string, { member: string; shape: string }>();
  for (const [member, ref] of Object.entries(output.members ?? {})) {
    if (ref.location === 'header') headers.set(ref.locationName!.toLowerCase(), { member, shape: ref.shape });
  }
  return headers;
}

/** The operation's errors as the model lists them: name -> HTTP status. */
export function operationErrors(model: ApiModel, operation: string): Map<string, number> {
  return new Map((model.operations[operation].errors ?? []).map(({ shape }) => [shape, model.shapes[shape].error!.httpStatusCode]));
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Keeps each raw HTTP response an SDK client receives (what its deserializer would hide: members
 * it does not know), then hands the deserializer the same bytes.
 */
export function recordResponses(client: Pick<LexRuntimeV2Client, 'middlewareStack'>): RawResponse[] {
  const responses: RawResponse[] = [];
  client.middlewareStack.addRelativeTo(
    (next: DeserializeHandler<ServiceInputTypes, ServiceOutputTypes>) => async (args: DeserializeHandlerArguments<ServiceInputTypes>) => {
      const output = await next(args);
      const response = output.response as { statusCode: number; headers: Record<string, string>; body: unknown };
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      const body = Buffer.concat(chunks);
      responses.push({ status: response.statusCode, headers: response.headers, body: body.toString('utf8') });
      response.body = Readable.from([body]);
      return output;
    },
    { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'recordRawResponse' },
  );
  return responses;
}
