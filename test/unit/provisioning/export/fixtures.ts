import type { SetupModel } from '../../../../src/provisioning/export/model';

/** An identity pool as the guest and sign-in tutorials leave it, with AWS's own shapes (ids, ARNs, trust policy). */
export const POOL_ID = 'us-east-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789';
export const ACCOUNT = '123456789012';
export const BOT_ALIAS_ARN = `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
export const S3_SUB = 'arn:aws:s3:::my-bucket/${cognito-identity.amazonaws.com:sub}*';

const trust = (amr: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow' as const,
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
      },
    },
  ],
});

export function tutorialModel(options: { userPool?: boolean } = { userPool: true }): SetupModel {
  return {
    region: 'us-east-1',
    account: ACCOUNT,
    identityPool: {
      id: POOL_ID,
      name: '@web Bot Pool',
      allowUnauthenticated: true,
      allowClassicFlow: false,
      providers: [
        {
          providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
          userPoolId: 'us-east-1_AbCdEfGhI',
          clientId: '1example23456789abcdefghij',
          serverSideTokenCheck: false,
        },
      ],
    },
    roles: [
      {
        kind: 'authenticated',
        name: 'Cognito_BotPoolAuth_Role',
        path: '/',
        trustPolicy: trust('authenticated'),
        managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonLexRunBotsOnly'],
        inlinePolicies: [
          {
            name: 'S3PerUser',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: S3_SUB }] },
          },
          {
            name: 'LexRunBot-ABCDEFGHIJ-TSTALIASID',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['lex:RecognizeText'], Resource: [BOT_ALIAS_ARN, `${BOT_ALIAS_ARN}/\${aws:username}`] }],
            },
          },
        ],
      },
      {
        kind: 'unauthenticated',
        name: 'Cognito_BotPoolUnauth_Role',
        path: '/service-role/',
        description: 'Guests of the "bot" page',
        trustPolicy: trust('unauthenticated'),
        managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/team/OurOwnPolicy`],
        inlinePolicies: [],
      },
    ],
    userPools: options.userPool
      ? [
          {
            id: 'us-east-1_AbCdEfGhI',
            name: 'WebChatPool',
            usernameAttributes: ['email'],
            aliasAttributes: [],
            autoVerifiedAttributes: ['email'],
            requiredAttributes: ['email', 'name'],
            usernameCaseSensitive: false,
            passwordPolicy: {
              minimumLength: 8,
              requireLowercase: true,
              requireUppercase: true,
              requireNumbers: true,
              requireSymbols: true,
              temporaryPasswordValidityDays: 7,
            },
            clients: [{ id: '1example23456789abcdefghij', name: 'chatapp', authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
          },
        ]
      : [],
  };
}
