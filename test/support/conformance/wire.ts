// What went over the wire between an AWS SDK client and the sandbox, and whether each answer
// is one AWS could give: the response against the operation's output shape, an error against
// the errors the operation documents, both in the service's protocol.
import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import {
  ALWAYS_RETURNED,
  COMMON_ERRORS,
  documentedErrors,
  loadModel,
  SANDBOX_SERVICES,
  type SandboxService,
  type ServiceModel,
  type Shape,
  UNLISTED_ERRORS,
} from './models';
import { checkJson, checkXml } from './shapes';
import { child, parseXml } from './xml';

export interface Exchange {
  readonly request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string };
  readonly response: { status: number; headers: Record<string, string>; body: Buffer };
}

function lowerCased(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  // By its bytes: the SDK's JSON body is a Uint8Array that warns when read as a string.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return '';
}

/** An SDK request handler that records every exchange, the response body read whole and handed on. */
export class RecordingHandler {
  private readonly inner = new NodeHttpHandler();
  constructor(readonly exchanges: Exchange[]) {}

  // The SDK's clients and this handler may be typed by different @smithy versions: the shapes agree.
  async handle(request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }> {
    const { response } = await this.inner.handle(request as never, options as never);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
    const body = Buffer.concat(chunks);
    this.exchanges.push({
      request: {
        method: request.method,
        path: request.path,
        query: Object.fromEntries(Object.entries(request.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')])),
        headers: lowerCased(request.headers),
        body: bodyText(request.body),
      },
      response: { status: response.statusCode, headers: lowerCased(response.headers), body },
    });
    response.body = Readable.from([body]);
    return { response };
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
  destroy(): void {
    this.inner.destroy();
  }
}

/** A requestUri template as a RegExp (`{name}` one segment, `{name+}` the rest), query part dropped. */
function uriPattern(template: string): RegExp {
  const pathPart = template.split('?')[0];
  const source = pathPart
    .split(/(\{[^}]+\})/)
    .map((piece) => (piece.startsWith('{') ? (piece.endsWith('+}') ? '(.+)' : '([^/]+)') : piece.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

/** Which service and operation a request is, as AWS's front door decides it. */
export function operationOf(request: Exchange['request']): { service: SandboxService; operation: string } | undefined {
  const target = request.headers['x-amz-target'];
  if (target) {
    const [prefix, operation] = target.split('.');
    for (const service of Object.keys(SANDBOX_SERVICES) as SandboxService[])
      if (loadModel(service).metadata.targetPrefix === prefix) return { service, operation };
    return undefined;
  }
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
  if (scope === 'iam' || scope === 'sts' || scope === 'cloudformation') {
    const action = new URLSearchParams(request.body).get('Action') ?? request.query.Action;
    return action ? { service: scope, operation: action } : undefined;
  }
  if (scope === 'lex') {
    for (const service of ['lexv2-runtime', 'lexv2-models'] as const) {
      const model = loadModel(service);
      for (const [name, operation] of Object.entries(model.operations))
        if (operation.http.method === request.method && uriPattern(operation.http.requestUri).test(request.path.split('?')[0]))
          return { service, operation: name };
    }
  }
  return undefined;
}

export interface Verdict {
  readonly service: SandboxService;
  readonly operation: string;
  /** The error code the sandbox answered with, if it answered with one. */
  readonly error?: string;
  readonly problems: readonly string[];
}

function errorOf(model: ServiceModel, response: Exchange['response']): { code: string; problems: string[] } {
  const problems: string[] = [];
  const text = response.body.toString('utf8');
  if (model.metadata.protocol === 'query') {
    try {
      const root = parseXml(text);
      const error = child(root, 'Error');
      if (root.name !== 'ErrorResponse') problems.push(`an error's root element is <ErrorResponse>, not <${root.name}>`);
      if (root.attributes.xmlns !== model.metadata.xmlNamespace) problems.push(`<ErrorResponse> has xmlns ${root.attributes.xmlns}`);
      if (!child(root, 'RequestId')) problems.push('<ErrorResponse> has no <RequestId>');
      const type = error && child(error, 'Type')?.text;
      if (type !== 'Sender' && type !== 'Receiver') problems.push(`<Error><Type> is ${type}`);
      if (!error || !child(error, 'Message')) problems.push('<Error> has no <Message>');
      return { code: (error && child(error, 'Code')?.text) ?? '', problems };
    } catch (e) {
      return { code: '', problems: [`the error is not XML: ${(e as Error).message}`] };
    }
  }
  const header = (response.headers['x-amzn-errortype'] ?? '').split(':')[0];
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    problems.push(`the error body is not JSON: ${text.slice(0, 80)}`);
  }
  const typed = typeof body.__type === 'string' ? body.__type.split('#').pop()!.split(':')[0] : '';
  if (model.metadata.protocol === 'json' && !typed) problems.push('a JSON error has no __type');
  if (model.metadata.protocol === 'rest-json' && !header) problems.push('a restJson error has no x-amzn-ErrorType header');
  if (typeof body.message !== 'string' && typeof body.Message !== 'string') problems.push('the error has no message');
  return { code: typed || header, problems };
}

function checkSuccess(service: SandboxService, model: ServiceModel, operation: string, exchange: Exchange): string[] {
  const always = ALWAYS_RETURNED[service] ?? {};
  const op = model.operations[operation];
  const { response } = exchange;
  const text = response.body.toString('utf8');
  const at = `${operation} output`;
  if (model.metadata.protocol === 'query') {
    let root;
    try {
      root = parseXml(text);
    } catch (e) {
      return [`the answer is not XML: ${(e as Error).message}`];
    }
    const problems: string[] = [];
    if (root.name !== `${operation}Response`) problems.push(`the root element is <${root.name}>, not <${operation}Response>`);
    if (root.attributes.xmlns !== model.metadata.xmlNamespace) problems.push(`<${root.name}> has xmlns ${root.attributes.xmlns}`);
    const metadata = child(root, 'ResponseMetadata');
    if (!metadata || !child(metadata, 'RequestId')) problems.push('no <ResponseMetadata><RequestId>');
    const wrapper = op.output?.resultWrapper;
    for (const element of root.children)
      if (element.name !== 'ResponseMetadata' && element.name !== wrapper) problems.push(`<${element.name}> is not in <${operation}Response>`);
    const result = wrapper ? child(root, wrapper) : undefined;
    if (op.output && !result) problems.push(`no <${wrapper}>`);
    if (op.output && result) problems.push(...checkXml(model, op.output, result, at));
    return problems;
  }
  const expectedStatus = op.http.responseCode ?? 200;
  const problems = response.status === expectedStatus ? [] : [`status ${response.status}, AWS answers ${expectedStatus}`];
  const output = op.output ? model.shapes[op.output.shape] : undefined;
  if (model.metadata.protocol === 'json') {
    if (!output) return text === '' || text === '{}' ? problems : [...problems, `${operation} has no output, the sandbox sent ${text.slice(0, 80)}`];
    try {
      return [...problems, ...checkJson(model, op.output!, JSON.parse(text), at, always)];
    } catch {
      return [...problems, `the answer is not JSON: ${text.slice(0, 80)}`];
    }
  }
  // restJson: members bound to headers, the status or a payload; the rest in a JSON body.
  if (!output) return problems;
  problems.push(...checkHeaders(model, output, response.headers, at));
  const payload = output.payload ? output.members?.[output.payload] : undefined;
  if (payload && model.shapes[payload.shape].type === 'blob') return problems;
  const bodyMembers: Shape = {
    ...output,
    members: Object.fromEntries(Object.entries(output.members ?? {}).filter(([, member]) => !member.location)),
    required: (output.required ?? []).filter((name) => !output.members?.[name]?.location),
  };
  if (text === '' && Object.keys(bodyMembers.members!).length === 0) return problems;
  try {
    const parsed: unknown = JSON.parse(text);
    const shapes = { ...model.shapes, [`${op.output!.shape}$body`]: bodyMembers };
    return [...problems, ...checkJson({ ...model, shapes }, payload ?? `${op.output!.shape}$body`, parsed, at, always)];
  } catch {
    return [...problems, `the answer is not JSON: ${text.slice(0, 80)}`];
  }
}

function checkHeaders(model: ServiceModel, output: Shape, headers: Record<string, string>, at: string): string[] {
  const problems: string[] = [];
  for (const [name, member] of Object.entries(output.members ?? {})) {
    if (member.location !== 'header') continue;
    const value = headers[(member.locationName ?? name).toLowerCase()];
    if (value === undefined) continue;
    const shape = model.shapes[member.shape];
    if (shape.type === 'string') {
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${at}.${name} (header): shorter than ${shape.min}`);
      if (shape.enum && !shape.enum.includes(value)) problems.push(`${at}.${name} (header): "${value}" is not one of ${shape.enum.join(', ')}`);
    }
  }
  return problems;
}

/** The content type a protocol answers in (results and errors alike); restJson's payload operations set their own. */
function contentTypeProblems(model: ServiceModel, operation: string, response: Exchange['response']): string[] {
  const given = (response.headers['content-type'] ?? '').split(';')[0].trim();
  const { protocol } = model.metadata;
  const output = model.operations[operation].output;
  const hasPayload = response.status < 300 && output && model.shapes[output.shape].payload;
  if (hasPayload || (response.status < 300 && response.body.length === 0)) return [];
  const expected = protocol === 'query' ? 'text/xml' : protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  return given === expected ? [] : [`content-type ${given || '(none)'}; AWS answers ${expected}`];
}

/** Whether one exchange is an answer AWS could give, and which operation it was. */
export function judge(exchange: Exchange): Verdict | undefined {
  const which = operationOf(exchange.request);
  if (!which) return undefined;
  const model = loadModel(which.service);
  if (!model.operations[which.operation]) return { ...which, problems: [`${which.service} has no operation ${which.operation}`] };
  const typed = contentTypeProblems(model, which.operation, exchange.response);
  if (exchange.response.status < 300) return { ...which, problems: [...typed, ...checkSuccess(which.service, model, which.operation, exchange)] };
  const { code, problems } = errorOf(model, exchange.response);
  problems.push(...typed);
  const documented = documentedErrors(model, which.operation);
  const shape = documented.get(code);
  if (!shape && !COMMON_ERRORS[model.metadata.protocol].has(code) && !UNLISTED_ERRORS[which.service]?.includes(code))
    problems.push(`${code} is not an error ${which.operation} documents (${[...documented.keys()].join(', ')})`);
  const status = shape?.error?.httpStatusCode;
  if (status !== undefined && status !== exchange.response.status) problems.push(`${code} has status ${exchange.response.status}; AWS sends ${status}`);
  return { ...which, error: code, problems };
}
