import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryError } from './protocols/awsQuery';
import { jsonError } from './protocols/json';
import { parseSigning, type SandboxRequest, type SandboxResponse, ServiceError } from './request';
import { SANDBOX_ADMIN_CREDENTIALS } from './account';
import { handleIam } from './services/iam';
import { verifySignature } from './sigv4';
import { handleSts } from './services/sts';
import { emptyState, type SandboxState } from './state';
import { JsonStore } from './store';

export interface SandboxServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where pools, roles and bots persist; without it the sandbox keeps them in memory. */
  readonly stateDir?: string;
  /** Hears about state that could not be loaded (and was moved aside). */
  readonly onWarning?: (message: string) => void;
  /** Called for each request with a one-line summary (never a header or body). */
  readonly onRequest?: (line: string) => void;
}

export interface RunningSandbox {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Protocol = 'query' | 'json' | 'rest-json';

/** Which service a request is for, the way AWS's front door decides it. */
function route(request: SandboxRequest): { service: string; protocol: Protocol } {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    if (target.startsWith('AWSCognitoIdentityProviderService.')) return { service: 'cognito-idp', protocol: 'json' };
    if (target.startsWith('AWSCognitoIdentityService.')) return { service: 'cognito-identity', protocol: 'json' };
    return { service: target.split('.')[0] ?? 'unknown', protocol: 'json' };
  }
  if (request.signing?.service === 'lex') return { service: 'lex', protocol: 'rest-json' };
  if (request.signing?.service === 'iam' || request.signing?.service === 'sts') {
    return { service: request.signing.service, protocol: 'query' };
  }
  return { service: 'sts', protocol: 'query' };
}

/**
 * Signed services accept requests signed with keys the sandbox knows (the admin's, so far),
 * with a valid SigV4 signature; others fail as AWS fails them.
 */
async function authenticationError(request: SandboxRequest, rawPath: string): Promise<ServiceError | undefined> {
  if (!request.signing) return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  if (request.signing.accessKeyId !== SANDBOX_ADMIN_CREDENTIALS.accessKeyId) {
    return new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
  try {
    await verifySignature({ ...request, rawPath }, SANDBOX_ADMIN_CREDENTIALS, 'SignatureDoesNotMatch');
    return undefined;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
}

async function dispatch(request: SandboxRequest, rawPath: string, store: JsonStore<SandboxState>): Promise<SandboxResponse> {
  const { service, protocol } = route(request);
  if (service === 'sts' || service === 'iam') {
    const denied = await authenticationError(request, rawPath);
    if (denied) return queryError(denied, `https://${service}.amazonaws.com/doc/`, request.requestId);
    return service === 'sts' ? handleSts(request) : handleIam(request, store);
  }
  // Services that later issues add answer here; until then, as AWS answers an unknown operation.
  const error =
    protocol === 'query'
      ? new ServiceError('InvalidAction', `The sandbox does not serve ${service} yet.`)
      : new ServiceError('UnknownOperationException', `The sandbox does not serve ${service} yet.`);
  return protocol === 'query' ? queryError(error, `https://${service}.amazonaws.com/doc/`, request.requestId) : jsonError(error, request.requestId);
}

function readBody(incoming: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ServiceError('RequestEntityTooLarge', 'Request body is too large.', 413));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Starts the sandbox: one HTTP server on loopback for every service. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<RunningSandbox> {
  const store = options.stateDir
    ? JsonStore.open(options.stateDir, 'sandbox-state.json', emptyState, options.onWarning ?? (() => undefined))
    : JsonStore.inMemory(emptyState());
  const server = http.createServer(async (incoming, outgoing) => {
    const requestId = randomUUID();
    let response: SandboxResponse;
    let summary = '';
    try {
      const url = new URL(incoming.url ?? '/', 'http://sandbox');
      const request: SandboxRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: await readBody(incoming),
        requestId,
        signing: parseSigning(incoming.headers.authorization),
      };
      const { service } = route(request);
      summary = `${request.method} ${service} ${request.path}`;
      const rawPath = (incoming.url ?? '/').split('?')[0];
      response = await dispatch(request, rawPath, store);
    } catch (error) {
      // A request the sandbox cannot read is the caller's fault; anything else is ours, but
      // it answers as AWS does rather than dropping the connection.
      const serviceError = error instanceof ServiceError ? error : new ServiceError('InternalFailure', 'The sandbox failed to handle the request.', 500, 'Receiver');
      response = jsonError(serviceError, requestId);
    }
    options.onRequest?.(`${summary} -> ${response.status}`);
    outgoing.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
    outgoing.end(response.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
