import type { SandboxResponse } from '../request';
import type { ServiceError } from '../request';

// awsJson1_1 (Cognito) and restJson1 (Lex) errors: `__type` + `message`, and x-amzn-ErrorType.
export function jsonError(error: ServiceError, requestId: string): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
