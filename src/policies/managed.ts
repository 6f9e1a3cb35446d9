import { LEX_RUN_BOTS_ONLY, lexRunBotsOnlyArn } from '../aws/arns';
import type { PolicyDocument } from './document';

/** An AWS managed policy as IAM describes it. */
export interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly policyId: string;
  readonly description: string;
  readonly versionId: string;
  readonly createDate: string;
  readonly updateDate: string;
  readonly document: PolicyDocument;
}

/**
 * The AWS managed policies the tutorials use, with their real default-version documents
 * (from the AWS Managed Policy reference).
 */
export const AWS_MANAGED_POLICIES: readonly ManagedPolicy[] = [
  {
    name: LEX_RUN_BOTS_ONLY,
    arn: lexRunBotsOnlyArn(),
    policyId: 'ANPASANDBOXLEXRUNBOTS', // the sandbox's own id; the document and dates are AWS's
    description: 'Provides access to Amazon Lex conversational APIs.',
    versionId: 'v3',
    createDate: '2017-04-11T23:06:00Z',
    updateDate: '2021-08-18T00:15:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'lex:PostContent',
            'lex:PostText',
            'lex:PutSession',
            'lex:GetSession',
            'lex:DeleteSession',
            'lex:RecognizeText',
            'lex:RecognizeUtterance',
            'lex:StartConversation',
          ],
          Resource: '*',
        },
      ],
    },
  },
];

export function findManagedPolicy(arn: string): ManagedPolicy | undefined {
  return AWS_MANAGED_POLICIES.find((policy) => policy.arn === arn);
}
