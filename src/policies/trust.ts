import { type PolicyDocument, type PolicyStatement, validatePolicyDocument } from './document';
import { applyingStatements, type EvaluationRequest, evaluatePolicies, wildcardMatch } from './evaluate';
import { regionOfIdentityPoolId } from '../aws/ids';

/** The principal identity pools' identities assume roles as. */
export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
/** The condition keys that hold a role to one pool (aud) and one kind of identity (amr). */
export const AUD = `${COGNITO_IDENTITY}:aud`;
export const AMR = `${COGNITO_IDENTITY}:amr`;

/** Which identities of an identity pool a role is for. */
export type CognitoAuthType = 'authenticated' | 'unauthenticated';

/**
 * The trust policy of an identity pool's role: only that pool's identities of that kind may
 * assume it, through Cognito (as the Cognito console writes it).
 */
export function cognitoTrustPolicy(identityPoolId: string, amr: CognitoAuthType | readonly CognitoAuthType[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: COGNITO_IDENTITY },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [AUD]: identityPoolId },
          'ForAnyValue:StringLike': { [AMR]: typeof amr === 'string' ? amr : [...amr] },
        },
      },
    ],
  };
}

/** What GetCredentialsForIdentity asks STS: may this pool's identity of this kind assume the role? */
function assumeRequest(identityPoolId: string, amr: CognitoAuthType): EvaluationRequest {
  return {
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: '*',
    principal: { Federated: COGNITO_IDENTITY },
    context: { [AUD]: identityPoolId, [AMR]: [amr] },
  };
}

export function otherKind(amr: CognitoAuthType): CognitoAuthType {
  return amr === 'authenticated' ? 'unauthenticated' : 'authenticated';
}

/** Another pool of the same region: a trust policy that lets it in is bound to no pool. */
function someOtherPool(identityPoolId: string): string {
  return `${regionOfIdentityPoolId(identityPoolId) ?? 'us-east-1'}:00000000-0000-0000-0000-000000000000`;
}

/**
 * Whether a trust policy lets exactly this identity pool's identities of this kind assume the
 * role through Cognito: the check GetCredentialsForIdentity makes.
 */
export function trustBindsToPool(trustPolicy: string | undefined, identityPoolId: string, amr: CognitoAuthType): boolean {
  if (!trustPolicy) return false;
  const verdict = judgeTrust(trustPolicy, identityPoolId, amr);
  return verdict.allowsPool && !verdict.allowsAnyPool;
}

export interface TrustVerdict {
  /** This pool's identities of this kind may assume the role. */
  readonly allowsPool: boolean;
  /** So may this pool's identities of the other kind: the trust has no amr condition that tells them apart. */
  readonly allowsOtherKind: boolean;
  /** So may another pool's: the trust policy has no aud condition that holds it to this pool. */
  readonly allowsAnyPool: boolean;
  /** Why this pool's identities may not, in plain words (when they may not). */
  readonly reason?: string;
  /** The statements the verdict rests on, as JSON. */
  readonly evidence: string;
}

export function valuesOf(condition: PolicyStatement['Condition'], key: string): string[] {
  const values: string[] = [];
  for (const block of Object.values(condition ?? {}))
    for (const [name, value] of Object.entries(block)) if (name.toLowerCase() === key) values.push(...(Array.isArray(value) ? value : [value]).map(String));
  return values;
}

function principalsOf(statement: PolicyStatement): string {
  return JSON.stringify(statement.Principal ?? statement.NotPrincipal ?? 'none');
}

/** Judges a role's trust policy for one identity pool and kind of identity, saying what is wrong. */
export function judgeTrust(trustPolicy: string, identityPoolId: string, amr: CognitoAuthType): TrustVerdict {
  const validation = validatePolicyDocument(trustPolicy, 'trust');
  if (!validation.ok)
    return {
      allowsPool: false,
      allowsAnyPool: false,
      allowsOtherKind: false,
      reason: `The trust policy is not valid: ${validation.reason}`,
      evidence: trustPolicy,
    };
  const policies = [validation.document];
  const request = assumeRequest(identityPoolId, amr);
  const allowsPool = evaluatePolicies(policies, request).decision === 'Allowed';
  const allowsAnyPool = evaluatePolicies(policies, assumeRequest(someOtherPool(identityPoolId), amr)).decision === 'Allowed';
  const allowsOtherKind = evaluatePolicies(policies, assumeRequest(identityPoolId, otherKind(amr))).decision === 'Allowed';
  const statements = validation.document.Statement;
  if (allowsPool) {
    const applying = applyingStatements(policies, request).map((a) => a.statement);
    return { allowsPool, allowsAnyPool, allowsOtherKind, evidence: JSON.stringify(applying, null, 2) };
  }
  const evidence = JSON.stringify(statements, null, 2);
  const allows = statements.filter((s) => s.Effect === 'Allow');
  const denying = applyingStatements(policies, request).find((a) => a.statement.Effect === 'Deny');
  let reason: string;
  if (denying) reason = 'A Deny statement in the trust policy refuses these identities.';
  else if (!allows.some((s) => (s.Action === undefined ? true : [s.Action].flat().some((a) => wildcardMatch(a, request.action, true)))))
    reason = `No statement allows sts:AssumeRoleWithWebIdentity, the action Cognito asks STS for (it has ${[...new Set(allows.flatMap((s) => [s.Action ?? []].flat()))].join(', ') || 'no Allow'}).`;
  else {
    const federated = allows.filter((s) => applyingStatements([{ Statement: [{ ...s, Condition: undefined }] }], request).length > 0);
    if (federated.length === 0) reason = `The principal is ${allows.map(principalsOf).join(', ')}, not { "Federated": "${COGNITO_IDENTITY}" }.`;
    else {
      const auds = federated.flatMap((s) => valuesOf(s.Condition, AUD));
      const amrs = federated.flatMap((s) => valuesOf(s.Condition, AMR));
      if (auds.length > 0 && !auds.some((aud) => wildcardMatch(aud, identityPoolId)))
        reason = `Its ${AUD} condition names ${auds.join(', ')}, not this identity pool (${identityPoolId}).`;
      else if (amrs.length > 0 && !amrs.some((value) => wildcardMatch(value, amr)))
        reason = `Its ${AMR} condition is ${amrs.join(', ')}, but the pool gives this role to its ${amr} identities.`;
      else reason = `Its conditions do not hold for this pool's ${amr} identities (aud = ${identityPoolId}, amr = ${amr}).`;
    }
  }
  return { allowsPool, allowsAnyPool, allowsOtherKind, reason, evidence };
}
