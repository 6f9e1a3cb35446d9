import type { SandboxRequest, SandboxResponse } from '../request';
import { type ServiceError } from '../request';

// The awsQuery protocol (IAM, STS): form-encoded parameters in, XML out.

export function queryParameters(request: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (request.body.length > 0) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** Serialises a flat or nested result object as awsQuery XML elements. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

/**
 * An answer; an action without output (DeleteRole, AttachRolePolicy…) has no <ActionResult>, as in
 * AWS. One whose output has no members (CloudFormation's ExecuteChangeSet) has an empty one:
 * botocore's parser requires it.
 */
export function queryResult(action: string, namespace: string, result: Record<string, unknown>, requestId: string, hasOutput = false): SandboxResponse {
  const body =
    `<${action}Response xmlns="${namespace}">` +
    (hasOutput || Object.keys(result).length > 0 ? `<${action}Result>${toXml(result)}</${action}Result>` : '') +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function queryError(error: ServiceError, namespace: string, requestId: string): SandboxResponse {
  const body =
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
