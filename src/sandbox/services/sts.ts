import { SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_CREDENTIALS, SANDBOX_ADMIN_USER, SANDBOX_ADMIN_USER_ID } from '../account';
import { queryError, queryParameters, queryResult } from '../protocols/awsQuery';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS over awsQuery. The sandbox knows one principal so far: its administrator. */
export function handleSts(request: SandboxRequest): SandboxResponse {
  try {
    const params = queryParameters(request);
    const action = params.get('Action') ?? '';
    switch (action) {
      case 'GetCallerIdentity':
        return queryResult(action, NAMESPACE, callerIdentity(request), request.requestId);
      default:
        throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}`);
    }
  } catch (error) {
    const serviceError = error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error), 500, 'Receiver');
    return queryError(serviceError, NAMESPACE, request.requestId);
  }
}

function callerIdentity(request: SandboxRequest): Record<string, string> {
  if (!request.signing) {
    throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  if (request.signing.accessKeyId !== SANDBOX_ADMIN_CREDENTIALS.accessKeyId) {
    throw new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
  return {
    Arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/${SANDBOX_ADMIN_USER}`,
    UserId: SANDBOX_ADMIN_USER_ID,
    Account: SANDBOX_ACCOUNT_ID,
  };
}
