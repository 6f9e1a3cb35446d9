import { iamUserArn } from '../../aws/arns';
import { SANDBOX_DEFAULT_REGION } from '../../aws/connection';
import { SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_USER, SANDBOX_ADMIN_USER_ID } from '../../aws/sandboxAccount';
import { type Caller, sessionArn } from '../auth';
import { queryParameters, queryResult } from '../protocols/awsQuery';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../request';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS over awsQuery. GetCallerIdentity needs no permission, as in AWS. */
export function handleSts(request: SandboxRequest, caller: Caller): SandboxResponse {
  const params = queryParameters(request);
  const action = params.get('Action') ?? '';
  switch (action) {
    case 'GetCallerIdentity':
      return queryResult(action, STS_NAMESPACE, callerIdentity(caller), request.requestId);
    default:
      throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}`);
  }
}

function callerIdentity(caller: Caller): Record<string, string> {
  if (caller.kind === 'session') {
    return { Arn: sessionArn(caller.session), UserId: `${caller.session.roleId}:${caller.session.sessionName}`, Account: SANDBOX_ACCOUNT_ID };
  }
  return { Arn: iamUserArn(SANDBOX_DEFAULT_REGION, SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_USER), UserId: SANDBOX_ADMIN_USER_ID, Account: SANDBOX_ACCOUNT_ID };
}
