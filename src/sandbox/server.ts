import { randomUUID } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { queryError } from './protocols/awsQuery';
import { jsonError, restJsonError } from './protocols/json';
import { parseSigning, type SandboxRequest, type SandboxResponse, ServiceError } from './request';
import { authenticate, type Protocol } from './auth';
import { CorsPolicy } from './cors';
import type { LoadProblem } from '../bot/model';
import { loadSandboxBot, type SandboxBot, sampleBotPath } from './bots';
import { CLOUDFORMATION_NAMESPACE, handleCloudFormation } from './services/cloudformation';
import { handleCognitoIdentity, UNSIGNED_OPERATIONS } from './services/cognitoIdentity';
import { CognitoIdp, PUBLIC_OPERATIONS } from './services/cognitoIdp';
import { handleIam, IAM_NAMESPACE } from './services/iam';
import { handleLexModels } from './services/lexModels';
import { isRuntimePath, LexRuntime } from './services/lexRuntime';
import { handleSts, STS_NAMESPACE } from './services/sts';
import { completeState, emptyState, type SandboxState } from './state';
import { JsonStore } from './store';

export interface SandboxServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where pools, roles and bots persist; without it the sandbox keeps them in memory. */
  readonly stateDir?: string;
  /** Hears about state that could not be loaded (and was moved aside). */
  readonly onWarning?: (message: string) => void;
  /** Hears what AWS would send by mail or SMS (confirmation codes, temporary passwords). */
  readonly onMessage?: (message: string) => void;
  /** Exported Lex V2 bots (zip or folder) to run beside the sample bot. */
  readonly bots?: readonly string[];
  /** Local code hook modules (exporting handler(event)) by bot name. */
  readonly codeHooks?: Readonly<Record<string, string>>;
  /** Where the sample bot is, when not found beside the code (media/sample-bot). */
  readonly sampleBot?: string;
  /** The sandbox's clock, for credential expiry and bot sessions (tests move it forward). */
  readonly clock?: () => Date;
  /** Called for each request with a one-line summary (never a header or body). */
  readonly onRequest?: (line: string) => void;
  /**
   * Origins (`scheme://host[:port]`) whose web pages may call the sandbox, besides loopback pages
   * (http or https on localhost, 127.0.0.1, [::1], any port), which always may. Throws on an
   * entry that is not an origin.
   */
  readonly allowedOrigins?: readonly string[];
}

export interface RunningSandbox {
  readonly endpoint: string;
  readonly port: number;
  /**
   * Loads an exported Lex V2 bot (zip or folder) and runs it, with a local code hook module if
   * given; a bot of the same name is replaced.
   */
  addBot(source: string, codeHook?: string): ImportedBot;
  /** The bots it runs, in the order they came (the sample bot first). */
  readonly bots: readonly ImportedBot[];
  close(): Promise<void>;
}

export interface ImportedBot {
  readonly botId: string;
  readonly botName: string;
  readonly botAliasId: string;
  readonly localeIds: readonly string[];
  readonly problems: readonly LoadProblem[];
  /** The sample bot the sandbox always runs (until a bot of its name replaces it). */
  readonly sample: boolean;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Which service a request is for, the way AWS's front door decides it. */
function route(request: SandboxRequest): { service: string; protocol: Protocol } {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    if (target.startsWith('AWSCognitoIdentityProviderService.')) return { service: 'cognito-idp', protocol: 'json' };
    if (target.startsWith('AWSCognitoIdentityService.')) return { service: 'cognito-identity', protocol: 'json' };
    return { service: target.split('.')[0] ?? 'unknown', protocol: 'json' };
  }
  if (request.signing?.service === 'lex') return { service: 'lex', protocol: 'rest-json' };
  if (request.signing?.service === 'iam' || request.signing?.service === 'sts' || request.signing?.service === 'cloudformation') {
    return { service: request.signing.service, protocol: 'query' };
  }
  return { service: 'sts', protocol: 'query' };
}

interface SandboxContext {
  readonly store: JsonStore<SandboxState>;
  readonly lex: LexRuntime;
  readonly userPools: CognitoIdp;
  readonly bots: readonly SandboxBot[];
  readonly clock: () => Date;
}

/** Formats an error as the service's protocol does. */
function errorResponse(error: unknown, service: string, protocol: Protocol, requestId: string): SandboxResponse {
  const serviceError =
    error instanceof ServiceError ? error : new ServiceError('InternalFailure', 'The sandbox failed to handle the request.', 500, 'Receiver');
  if (protocol === 'query') {
    const namespace = { iam: IAM_NAMESPACE, cloudformation: CLOUDFORMATION_NAMESPACE }[service] ?? STS_NAMESPACE;
    return queryError(serviceError, namespace, requestId);
  }
  if (protocol === 'rest-json') return restJsonError(serviceError, requestId);
  return jsonError(serviceError, requestId);
}

async function dispatch(
  request: SandboxRequest,
  rawPath: string,
  { service, protocol }: ReturnType<typeof route>,
  context: SandboxContext,
): Promise<SandboxResponse> {
  const { store } = context;
  const signedCaller = () => authenticate(request, rawPath, store, protocol, context.clock());
  try {
    switch (service) {
      case 'sts':
        return handleSts(request, signedCaller());
      case 'iam':
        return handleIam(request, store, signedCaller());
      case 'cloudformation':
        return handleCloudFormation(request, store, signedCaller(), context.userPools, context.clock);
      case 'cognito-identity': {
        const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
        // GetId and friends are called unsigned by web pages; their proof is in the body.
        const caller = UNSIGNED_OPERATIONS.has(operation) ? undefined : signedCaller();
        return handleCognitoIdentity(request, store, caller, operation, context.clock());
      }
      case 'cognito-idp': {
        const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
        // A public app client signs up and signs in without AWS credentials.
        const caller = PUBLIC_OPERATIONS.has(operation) ? undefined : signedCaller();
        return context.userPools.handle(request, store, caller, operation);
      }
      case 'lex': {
        const caller = signedCaller();
        // Runtime and model building share the signing name; runtime paths are per session.
        // (Awaited, so that its errors are answered here, in the protocol's form.)
        return isRuntimePath(request.path) ? await context.lex.handle(request, store, caller) : handleLexModels(request, store, caller, context.bots);
      }
      default:
        // Services that later issues add answer here; until then, as AWS answers an unknown operation.
        throw new ServiceError(protocol === 'query' ? 'InvalidAction' : 'UnknownOperationException', `The sandbox does not serve ${service} yet.`);
    }
  } catch (error) {
    return errorResponse(error, service, protocol, request.requestId);
  }
}

function readBody(incoming: http.IncomingMessage | http2.Http2ServerRequest): Promise<Buffer> {
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

/** A socket whose first bytes were already read, replayed before the rest (for HTTP/2). */
class ReplayStream extends Duplex {
  constructor(
    private readonly socket: net.Socket,
    first: Buffer,
  ) {
    super();
    this.push(first);
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.once('end', () => this.push(null));
    socket.once('close', () => this.destroy());
    socket.once('error', (error) => this.destroy(error));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

function write(outgoing: http.ServerResponse | http2.Http2ServerResponse, response: SandboxResponse): void {
  outgoing.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  outgoing.end(response.body);
}

/** Starts the sandbox: one HTTP server on loopback for every service. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<RunningSandbox> {
  const cors = new CorsPolicy(options.allowedOrigins);
  const store = options.stateDir
    ? JsonStore.open(options.stateDir, 'sandbox-state.json', emptyState, options.onWarning ?? (() => undefined), completeState)
    : JsonStore.inMemory(emptyState());
  // The sample bot is always there; exported bots given in options join it.
  const bots: SandboxBot[] = [];
  const imported: ImportedBot[] = [];
  const addBot = (source: string, codeHook?: string, sample = false): ImportedBot => {
    const { bot, problems } = loadSandboxBot(source, options.clock, (name) => codeHook ?? options.codeHooks?.[name]);
    const summary = { botId: bot.botId, botName: bot.botName, botAliasId: bot.aliases[0].botAliasId, localeIds: bot.localeIds, problems, sample };
    const index = bots.findIndex((b) => b.botId === bot.botId);
    if (index >= 0) {
      bots[index] = bot;
      imported[index] = summary;
    } else {
      bots.push(bot);
      imported.push(summary);
    }
    return summary;
  };
  const sources = [options.sampleBot ?? sampleBotPath(), ...(options.bots ?? [])];
  for (const [i, source] of sources.entries()) {
    for (const problem of addBot(source, undefined, i === 0).problems) options.onWarning?.(`${source}: ${problem.file} ${problem.field} ${problem.message}`);
  }
  const context: SandboxContext = {
    store,
    lex: new LexRuntime(() => bots),
    bots,
    userPools: new CognitoIdp(options.onMessage ?? (() => undefined)),
    clock: options.clock ?? (() => new Date()),
  };
  const handle = async (incoming: http.IncomingMessage | http2.Http2ServerRequest, outgoing: http.ServerResponse | http2.Http2ServerResponse) => {
    const requestId = randomUUID();
    // A preflight carries no signature and no body: answered before anything else.
    const preflight = cors.preflight(incoming.headers, incoming.method ?? 'GET');
    if (preflight) {
      const url = new URL(incoming.url ?? '/', 'http://sandbox');
      options.onRequest?.(`OPTIONS preflight ${url.pathname} -> ${preflight.response.status}${preflight.refused ? ` (${preflight.refused})` : ''}`);
      incoming.resume();
      write(outgoing, preflight.response);
      return;
    }
    const allowed = cors.responseHeaders(incoming.headers);
    let response: SandboxResponse;
    let summary = '';
    try {
      const url = new URL(incoming.url ?? '/', 'http://sandbox');
      const request: SandboxRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        // HTTP/2 carries the host as :authority; signatures name it "host".
        headers: { host: incoming.headers[':authority'] as string | undefined, ...incoming.headers },
        body: await readBody(incoming),
        requestId,
        signing: parseSigning(incoming.headers.authorization),
      };
      const routed = route(request);
      // JSON-protocol calls all go to "/": their operation (from X-Amz-Target) says more.
      const target = request.headers['x-amz-target'];
      summary = `${request.method} ${routed.service} ${typeof target === 'string' ? target.split('.').pop() : request.path}`;
      const rawPath = (incoming.url ?? '/').split('?')[0];
      response = await dispatch(request, rawPath, routed, context);
    } catch (error) {
      // A request the sandbox cannot read is the caller's fault; anything else is ours, but
      // it answers as AWS does rather than dropping the connection.
      const serviceError =
        error instanceof ServiceError ? error : new ServiceError('InternalFailure', 'The sandbox failed to handle the request.', 500, 'Receiver');
      response = jsonError(serviceError, requestId);
    }
    options.onRequest?.(`${summary} -> ${response.status}${allowed.refused ? ` (${allowed.refused})` : ''}`);
    write(outgoing, { ...response, headers: { ...response.headers, ...allowed.headers } });
  };

  // One port speaks HTTP/1.1 and HTTP/2 (cleartext, prior knowledge), as the SDK's clients
  // need both: most use HTTP/1.1, Lex Runtime V2 uses HTTP/2. The first bytes decide.
  const http1 = http.createServer((req, res) => void handle(req, res));
  const http2Server = http2.createServer((req, res) => void handle(req, res));
  const sockets = new Set<net.Socket>();
  // noDelay: small HTTP/2 frames must not wait for Nagle (the servers we hand sockets to do not set it).
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (first.subarray(0, 3).toString('latin1') === 'PRI') {
        // HTTP/2 reads from the socket's handle, past anything unshifted: hand it a stream
        // that replays the first bytes, then the rest.
        http2Server.emit('connection', new ReplayStream(socket, first));
      } else {
        socket.unshift(first);
        http1.emit('connection', socket);
      }
      socket.resume();
    });
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
    addBot: (source, codeHook) => addBot(source, codeHook),
    get bots() {
      return [...imported];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
