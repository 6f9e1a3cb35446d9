import type { PolicyDocument } from './document';

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
