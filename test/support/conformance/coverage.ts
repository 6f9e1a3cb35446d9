// Which operations of each AWS model the sandbox serves, found by asking it: every operation
// of every model is sent once, signed, with an empty input; an operation the sandbox does not
// serve is answered as AWS answers an unknown one (UnknownOperationException / InvalidAction).
// The README's coverage table is written from the same answers:
//   npm run sandbox:coverage        (rewrites the table between its markers in README.md)
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { SANDBOX_ADMIN_CREDENTIALS } from '../../../src/aws/sandboxAccount';
import { startSandboxServer } from '../../../src/sandbox';
import { loadModel, SANDBOX_SERVICES, type SandboxService } from './models';
import type { Exchange } from './wire';

class Sha256 {
  private readonly hash;
  constructor(secret?: unknown) {
    this.hash = secret ? createHmac('sha256', secret as string | Uint8Array) : createHash('sha256');
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const NOT_SERVED = new Set(['UnknownOperationException', 'InvalidAction']);

/** A label's stand-in in a probe's path: a well-formed value, so only the route decides. */
const fill = (label: string) => (label.toLowerCase().includes('locale') ? 'en_US' : label.toLowerCase().includes('version') ? 'DRAFT' : 'PROBE12345');

export interface Probe {
  /** The error code the sandbox answered with, if any. */
  readonly code?: string;
  readonly exchange: Exchange;
}

/** Sends operation of service, signed by the sandbox's administrator, with an empty input. */
export async function probe(endpoint: string, service: SandboxService, operation: string): Promise<Probe> {
  const model = loadModel(service);
  const { http } = model.operations[operation];
  const url = new URL(endpoint);
  const protocol = model.metadata.protocol;
  const requestPath = protocol === 'rest-json' ? http.requestUri.split('?')[0].replace(/\{([^}+]+)\+?\}/g, (_, label: string) => fill(label)) : '/';
  const body =
    protocol === 'query'
      ? new URLSearchParams({ Action: operation, Version: model.metadata.apiVersion }).toString()
      : http.method === 'GET' || http.method === 'DELETE'
        ? ''
        : '{}';
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': protocol === 'query' ? 'application/x-www-form-urlencoded' : protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json',
  };
  if (protocol === 'json') headers['x-amz-target'] = `${model.metadata.targetPrefix}.${operation}`;
  const signer = new SignatureV4({
    credentials: SANDBOX_ADMIN_CREDENTIALS,
    region: 'us-east-1',
    service: model.metadata.signingName ?? model.metadata.endpointPrefix,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: http.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: requestPath,
    query: {},
    headers,
    body: body || undefined,
  });
  const response = await fetch(`${endpoint}${requestPath}`, { method: http.method, headers: signed.headers, body: body || undefined });
  const text = await response.text();
  // forEach, not Object.fromEntries(headers): the tests' types include the DOM's Headers (from
  // @cdktf/hcl2json's declarations), which are not iterable there.
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (responseHeaders[key] = value));
  const exchange: Exchange = {
    request: { method: http.method, path: requestPath, query: {}, headers: signed.headers, body },
    response: { status: response.status, headers: responseHeaders, body: Buffer.from(text) },
  };
  if (response.ok) return { exchange };
  if (protocol === 'query') return { code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${response.status}`, exchange };
  const header = response.headers.get('x-amzn-errortype')?.split(':')[0];
  try {
    const type = (JSON.parse(text) as { __type?: string }).__type;
    return { code: type?.split('#').pop() ?? header ?? `HTTP ${response.status}`, exchange };
  } catch {
    return { code: header ?? `HTTP ${response.status}`, exchange };
  }
}

export interface ServiceCoverage {
  readonly service: SandboxService;
  readonly title: string;
  readonly total: number;
  readonly served: readonly string[];
  /** The sandbox's answer to each served operation's empty request (mostly a validation error). */
  readonly probes: readonly Exchange[];
}

/** Asks a fresh sandbox about every operation of every model it follows. */
export async function measureCoverage(): Promise<ServiceCoverage[]> {
  const sandbox = await startSandboxServer();
  try {
    const coverage: ServiceCoverage[] = [];
    for (const service of Object.keys(SANDBOX_SERVICES) as SandboxService[]) {
      const model = loadModel(service);
      const served: string[] = [];
      const probes: Exchange[] = [];
      for (const operation of Object.keys(model.operations).sort()) {
        const { code, exchange } = await probe(sandbox.endpoint, service, operation);
        if (code && NOT_SERVED.has(code)) continue;
        served.push(operation);
        probes.push(exchange);
      }
      coverage.push({ service, title: model.metadata.serviceId, total: Object.keys(model.operations).length, served, probes });
    }
    return coverage;
  } finally {
    await sandbox.close();
  }
}

export const COVERAGE_START = '<!-- sandbox-coverage:start (npm run sandbox:coverage writes this table) -->';
export const COVERAGE_END = '<!-- sandbox-coverage:end -->';

/** The README's table: per service, the operations served of the model's total, and which. */
export function renderCoverage(coverage: readonly ServiceCoverage[]): string {
  const rows = coverage.map(
    ({ service, title, total, served }) => `| ${title} (\`${service}\` ${SANDBOX_SERVICES[service]}) | ${served.length} of ${total} | ${served.join(', ')} |`,
  );
  return [COVERAGE_START, '| Service (model) | Operations served | Which |', '| --- | --- | --- |', ...rows, COVERAGE_END].join('\n');
}

export function readmeTable(readme: string): string | undefined {
  const start = readme.indexOf(COVERAGE_START);
  const end = readme.indexOf(COVERAGE_END);
  return start >= 0 && end > start ? readme.slice(start, end + COVERAGE_END.length) : undefined;
}

export const README = path.resolve(__dirname, '..', '..', '..', '..', 'README.md');

// `node out/test/support/conformance/coverage.js --write` rewrites README.md's table.
if (require.main === module) {
  void measureCoverage().then((coverage) => {
    const readme = fs.readFileSync(README, 'utf8');
    const table = renderCoverage(coverage);
    const current = readmeTable(readme);
    if (!current) throw new Error(`README.md has no ${COVERAGE_START} … ${COVERAGE_END} markers`);
    if (process.argv.includes('--write')) fs.writeFileSync(README, readme.replace(current, table));
    process.stdout.write(`${table}\n`);
  });
}
