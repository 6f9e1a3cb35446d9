import { SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_USER, SANDBOX_ADMIN_USER_ID } from '../account';
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
        return queryResult(action, NAMESPACE, callerIdentity(), request.requestId);
      default:
        throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}`);
    }
  } catch (error) {
    const serviceError = error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error), 500, 'Receiver');
    return queryError(serviceError, NAMESPACE, request.requestId);
  }
}

/** The caller is the admin: the server has authenticated the request before it gets here. */
function callerIdentity(): Record<string, string> {
  return {
    Arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/${SANDBOX_ADMIN_USER}`,
    UserId: SANDBOX_ADMIN_USER_ID,
    Account: SANDBOX_ACCOUNT_ID,
  };
}
