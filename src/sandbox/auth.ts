import { assumedRoleArn } from '../aws/arns';
import { SANDBOX_DEFAULT_REGION } from '../aws/connection';
import { evaluatePolicies } from '../policies/evaluate';
import { SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_CREDENTIALS } from '../aws/sandboxAccount';
import { type SandboxRequest, ServiceError } from './request';
import { policiesOfRole, roleByArn } from './roles';
import { type SignatureErrorCode, verifySignature } from './sigv4';
import type { SandboxState, SessionRecord } from './state';
import type { JsonStore } from './store';

/** Who signed a request: the sandbox's administrator, or a session issued by an identity pool. */
export type Caller = { readonly kind: 'admin' } | { readonly kind: 'session'; readonly session: SessionRecord };

/** Error names differ by protocol: awsQuery (IAM, STS) or JSON (Cognito, Lex). */
export type Protocol = 'query' | 'json' | 'rest-json';

function names(protocol: Protocol) {
  return protocol === 'query'
    ? { unknownKey: 'InvalidClientTokenId', expired: 'ExpiredToken', signature: 'SignatureDoesNotMatch' as SignatureErrorCode }
    : { unknownKey: 'UnrecognizedClientException', expired: 'ExpiredTokenException', signature: 'InvalidSignatureException' as SignatureErrorCode };
}

/** Checks the request's keys and SigV4 signature; throws the error AWS gives. */
export function authenticate(request: SandboxRequest, rawPath: string, store: JsonStore<SandboxState>, protocol: Protocol, now = new Date()): Caller {
  const errors = names(protocol);
  if (!request.signing) throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  const { accessKeyId } = request.signing;
  if (accessKeyId === SANDBOX_ADMIN_CREDENTIALS.accessKeyId) {
    verifySignature({ ...request, rawPath }, SANDBOX_ADMIN_CREDENTIALS, errors.signature);
    return { kind: 'admin' };
  }
  const session = store.state.sts.sessions[accessKeyId];
  if (!session) throw new ServiceError(errors.unknownKey, 'The security token included in the request is invalid.', 403);
  if (Date.parse(session.expiration) <= now.getTime()) {
    throw new ServiceError(errors.expired, 'The security token included in the request is expired', 403);
  }
  // Signatures are checked against real time: the client signs with its own clock.
  verifySignature({ ...request, rawPath }, session, errors.signature);
  return { kind: 'session', session };
}

export function sessionArn(session: SessionRecord): string {
  return assumedRoleArn(SANDBOX_DEFAULT_REGION, SANDBOX_ACCOUNT_ID, session.roleName, session.sessionName);
}

/** How a service words a denial: JSON services say AccessDeniedException; IAM (awsQuery) says AccessDenied and names a role as `role NAME`. */
export interface Denial {
  readonly code: string;
  /** The resource as the message names it; by default its ARN. */
  readonly shown?: string;
}

/**
 * Authorises an action on a resource: the administrator may do anything; a session may do
 * what its role's policies allow, evaluated now (so attaching a policy takes effect at once).
 */
export function authorize(
  caller: Caller,
  action: string,
  resource: string,
  store: JsonStore<SandboxState>,
  denial: Denial = { code: 'AccessDeniedException' },
): void {
  if (caller.kind === 'admin') return;
  const { session } = caller;
  const role = roleByArn(store.state, session.roleArn);
  const decision = role
    ? evaluatePolicies(policiesOfRole(role, store.state), {
        action,
        resource,
        context: { ...session.context, 'aws:userid': `${session.roleId}:${session.sessionName}`, 'aws:PrincipalArn': session.roleArn },
      }).decision
    : 'ImplicitlyDenied';
  if (decision === 'Allowed') return;
  const why =
    decision === 'ExplicitlyDenied' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  throw new ServiceError(
    denial.code,
    `User: ${sessionArn(session)} is not authorized to perform: ${action} on resource: ${denial.shown ?? resource} ${why}`,
    403,
  );
}
