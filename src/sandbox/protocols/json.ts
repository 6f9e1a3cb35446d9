import type { SandboxResponse } from '../request';
import { ServiceError } from '../request';

// awsJson1_1 (Cognito) errors: `__type` + `message`, and x-amzn-ErrorType.
export function jsonError(error: ServiceError, requestId: string): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

// restJson1 (Lex) errors: the error's name in x-amzn-ErrorType, its members (`message`) in the body.
export function restJsonError(error: ServiceError, requestId: string): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ message: error.message }),
  };
}

export function jsonResult(result: unknown, requestId: string, contentType = 'application/x-amz-json-1.1'): SandboxResponse {
  return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: JSON.stringify(result ?? {}) };
}

/** Parses a JSON request body; an empty body is {}. */
export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ServiceError('SerializationException', 'Request body is not a JSON object.');
}

/**
 * A string member of a JSON request body. Missing and required, it fails with the service's
 * validation error (its name differs: ValidationException, InvalidParameterException).
 */
export function stringMember(body: Record<string, unknown>, name: string, missingCode: string, required = true): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required)
      throw new ServiceError(
        missingCode,
        `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
      );
    return undefined;
  }
  if (typeof value !== 'string') throw new ServiceError('SerializationException', `${name} must be a string.`);
  return value;
}
