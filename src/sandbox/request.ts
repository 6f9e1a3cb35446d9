import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as the services see it: already read, routed and its caller identified. */
export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
  /** From the SigV4 credential scope, when the request is signed. */
  readonly signing?: { readonly accessKeyId: string; readonly region: string; readonly service: string };
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An error a service answers with, in its protocol's shape. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function parseSigning(authorization: string | undefined): SandboxRequest['signing'] {
  const match = authorization ? CREDENTIAL_SCOPE.exec(authorization) : null;
  return match ? { accessKeyId: match[1], region: match[3], service: match[4] } : undefined;
}
