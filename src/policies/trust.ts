import { type PolicyDocument, validatePolicyDocument } from './document';
import { evaluatePolicies } from './evaluate';

/** Which identities of an identity pool a role is for. */
export type CognitoAuthType = 'authenticated' | 'unauthenticated';

/**
 * The trust policy of an identity pool's role: only that pool's identities of that kind may
 * assume it, through Cognito (as the Cognito console writes it).
 */
export function cognitoTrustPolicy(identityPoolId: string, amr: CognitoAuthType): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      },
    ],
  };
}

/**
 * Whether a trust policy lets exactly this identity pool's identities of this kind assume the
 * role through Cognito: the check GetCredentialsForIdentity makes.
 */
export function trustBindsToPool(trustPolicy: string | undefined, identityPoolId: string, amr: CognitoAuthType): boolean {
  if (!trustPolicy) return false;
  const validation = validatePolicyDocument(trustPolicy, 'trust');
  if (!validation.ok) return false;
  const allows = (pool: string) =>
    evaluatePolicies([validation.document], {
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: '*',
      principal: { Federated: 'cognito-identity.amazonaws.com' },
      context: { 'cognito-identity.amazonaws.com:aud': pool, 'cognito-identity.amazonaws.com:amr': [amr] },
    }).decision === 'Allowed';
  // Bound means: this pool may, and an arbitrary other pool may not.
  return allows(identityPoolId) && !allows(`${identityPoolId.split(':')[0]}:00000000-0000-0000-0000-000000000000`);
}
