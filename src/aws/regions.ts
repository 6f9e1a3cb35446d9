/**
 * Regions where Amazon Cognito user pools, identity pools and Lex V2 all run, for the region
 * picker. Any valid region code is accepted from settings and args.
 */
export const COGNITO_LEX_REGIONS: readonly string[] = [
  'us-east-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'af-south-1',
];
