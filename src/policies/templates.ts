import { botAliasArn, partitionOf } from '../aws/arns';
import { isRegion, looksLike } from '../aws/ids';
import type { PolicyDocument } from './document';

/**
 * Inline policy templates for the roles of a Cognito identity pool: what a web page, holding
 * credentials from GetCredentialsForIdentity, may do. Each grants no more than its label says,
 * except notesCognitoBasics, which is the notes-app tutorial's broad grant and says so.
 */

export type PolicyTemplateId = 'lexBotAlias' | 's3PerIdentity' | 'apiGatewayInvoke' | 'notesCognitoBasics' | 'pollySpeech';

export interface TemplateField {
  readonly name: string;
  readonly title: string;
  readonly placeholder?: string;
  readonly optional?: boolean;
  /** undefined when valid; otherwise a message that says what is wrong and what is expected (shown as you type). */
  validate(value: string): string | undefined;
}

export interface PolicyTemplate {
  readonly id: PolicyTemplateId;
  readonly label: string;
  readonly description: string;
  readonly fields: readonly TemplateField[];
  /** A name that satisfies IAM's policy-name rules, whatever the params (they may still be half typed). */
  defaultPolicyName(params: Readonly<Record<string, string>>): string;
}

/** The account and region of the connection the policy is written for. */
export interface TemplateContext {
  readonly account: string;
  readonly region: string;
}

export type RenderedTemplate =
  | { readonly ok: true; readonly document: PolicyDocument; readonly policyName: string }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** The identity's own id, as IAM substitutes it: it must reach the document literally. */
const IDENTITY_SUB = '${cognito-identity.amazonaws.com:sub}';

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ACCOUNT = /^\d{12}$/;

// ---- fields ----

/**
 * A field whose `problem` returns what is wrong as a phrase following the title
 * ("must be …"), so that every message names the field it is about.
 */
function field(
  name: string,
  title: string,
  expected: string,
  problem: (value: string) => string | undefined,
  options: { placeholder?: string; optional?: boolean } = {},
): TemplateField {
  return {
    name,
    title,
    ...options,
    validate(raw: string): string | undefined {
      const value = raw.trim();
      if (value === '') return options.optional ? undefined : `${title} is required: ${expected}.`;
      const found = problem(value);
      return found === undefined ? undefined : `${title} ${found}.`;
    },
  };
}

function regionField(what: string): TemplateField {
  return field(
    'region',
    `AWS Region of the ${what} (empty for the connection's region)`,
    'a Region name like us-east-1',
    (value) => (isRegion(value) ? undefined : `"${value}" is not a Region name: expected one like us-east-1 or eu-west-2`),
    { placeholder: 'us-east-1', optional: true },
  );
}

const botIdField = field(
  'botId',
  'Lex V2 bot ID',
  '10 uppercase letters and digits, as the Lex console shows it (e.g. ABCDE12345)',
  (value) => (looksLike('botId', value) ? undefined : `must be 10 uppercase letters and digits, as the Lex console shows it (e.g. ABCDE12345); got "${value}"`),
  { placeholder: 'ABCDE12345' },
);

const botAliasIdField = field(
  'botAliasId',
  'Lex V2 bot alias ID',
  '10 uppercase letters and digits (e.g. FGHIJ67890), or TSTALIASID for the test alias',
  (value) =>
    value === 'TSTALIASID' || looksLike('botAliasId', value)
      ? undefined
      : `must be 10 uppercase letters and digits (e.g. FGHIJ67890), or TSTALIASID for the test alias; got "${value}"`,
  { placeholder: 'TSTALIASID' },
);

/** The general purpose bucket naming rules of the S3 user guide, one message per rule. */
function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3 to 63 characters long; "${name}" has ${name.length}`;
  if (/[A-Z]/.test(name)) return 'must be lowercase: only lowercase letters, digits, dots (.) and hyphens (-)';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots (.) and hyphens (-)';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots (..)';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address (like 192.168.5.4)';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) return `must not start with "${prefix}": that prefix is reserved by S3`;
  }
  // Reserved for access point aliases, Object Lambda, Multi-Region Access Points, directory and table buckets.
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) return `must not end with "${suffix}": that suffix is reserved by S3`;
  }
  return undefined;
}

const bucketField = field('bucket', 'S3 bucket name', '3 to 63 lowercase letters, digits, dots and hyphens (e.g. notes-app-uploads)', bucketNameProblem, {
  placeholder: 'notes-app-uploads',
});

// Only S3's "safe" key characters, minus * (a wildcard in a policy): each segment ends in "/".
const PREFIX = /^([A-Za-z0-9!_.'()-]+\/)+$/;

const prefixField = field(
  'prefix',
  "Key prefix before each identity's folder (empty for none)",
  'a folder path like private/',
  (value) => {
    if (value.startsWith('/')) return `must not start with "/": S3 keys have no leading slash (e.g. private/)`;
    if (!value.endsWith('/')) return `must end with "/", so that it names a folder (e.g. ${value}/)`;
    if (!PREFIX.test(value)) return 'may contain only letters, digits and ! _ . \' ( ) - in folder names separated by single "/" (e.g. private/)';
    return undefined;
  },
  { placeholder: 'private/', optional: true },
);

const apiIdField = field(
  'apiId',
  'API Gateway API ID',
  '10 lowercase letters and digits, as in https://<apiId>.execute-api.<region>.amazonaws.com (e.g. a1b2c3d4e5)',
  (value) =>
    /^[a-z0-9]{10}$/.test(value)
      ? undefined
      : `must be 10 lowercase letters and digits, as in https://<apiId>.execute-api.<region>.amazonaws.com (e.g. a1b2c3d4e5); got "${value}"`,
  { placeholder: 'a1b2c3d4e5' },
);

const stageField = field(
  'stage',
  'API Gateway stage',
  'a stage name like prod (letters, digits, _ and -, up to 128), or * for every stage',
  (value) =>
    value === '*' || /^[A-Za-z0-9_-]{1,128}$/.test(value)
      ? undefined
      : 'must be up to 128 letters, digits, underscores and hyphens (e.g. prod), or * for every stage',
  { placeholder: 'prod' },
);

// ---- templates ----

/** Fits anything into IAM's policy-name rules: other characters become "-", at most 128. */
function policyNameFrom(...parts: string[]): string {
  const name = parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('-')
    .replace(/[^\w+=,.@-]/g, '-')
    .slice(0, 128);
  return name === '' ? 'CognitoIdentityPolicy' : name;
}

const param = (params: Readonly<Record<string, string>>, name: string) => params[name] ?? '';

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'lexBotAlias',
    label: 'Chat with one Lex V2 bot alias',
    description: 'Lex V2 runtime conversation actions (RecognizeText, sessions, streaming) on one bot alias only',
    fields: [botIdField, botAliasIdField, regionField('bot')],
    defaultPolicyName: (params) => policyNameFrom('LexRunBot', param(params, 'botId'), param(params, 'botAliasId')),
  },
  {
    id: 's3PerIdentity',
    label: 'Private S3 folder per identity',
    description: "Read, write and delete objects, and list, under each identity's own folder of one bucket",
    fields: [bucketField, prefixField],
    defaultPolicyName: (params) => policyNameFrom('S3PerIdentity', param(params, 'bucket')),
  },
  {
    id: 'apiGatewayInvoke',
    label: 'Invoke one API Gateway API',
    description: 'execute-api:Invoke on every method and path of one stage of one API in this account',
    fields: [apiIdField, stageField, regionField('API')],
    defaultPolicyName: (params) => {
      const stage = param(params, 'stage').trim();
      return policyNameFrom('ApiInvoke', param(params, 'apiId'), stage === '*' ? 'AllStages' : stage);
    },
  },
  {
    id: 'notesCognitoBasics',
    label: 'Notes-app tutorial: Cognito basics (broad)',
    description: 'Broad, as the notes-app tutorial has it: mobileanalytics:PutEvents, cognito-sync:* and cognito-identity:* on every resource',
    fields: [],
    defaultPolicyName: () => 'NotesAppCognitoBasics',
  },
  {
    id: 'pollySpeech',
    label: "Speak the bot's answers with Amazon Polly",
    description: 'polly:SynthesizeSpeech only, which the Lex web UI calls when voice is on',
    fields: [],
    defaultPolicyName: () => 'PollySynthesizeSpeech',
  },
];

export function findTemplate(id: string): PolicyTemplate | undefined {
  return POLICY_TEMPLATES.find((template) => template.id === id);
}

/** Field values after validation: trimmed, optional ones '' when absent. */
type Values = Readonly<Record<string, string>>;

interface Target {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const BUILDERS: Record<PolicyTemplateId, (values: Values, target: Target) => PolicyDocument> = {
  lexBotAlias: (values, { region, account }) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LexRunBotAlias',
        Effect: 'Allow',
        Action: ['lex:RecognizeText', 'lex:RecognizeUtterance', 'lex:StartConversation', 'lex:GetSession', 'lex:PutSession', 'lex:DeleteSession'],
        Resource: botAliasArn(region, account, values.botId, values.botAliasId),
      },
    ],
  }),
  s3PerIdentity: (values, { partition }) => {
    const folder = `${values.prefix}${IDENTITY_SUB}/*`;
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OwnObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: `arn:${partition}:s3:::${values.bucket}/${folder}`,
        },
        {
          Sid: 'ListOwnFolder',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:${partition}:s3:::${values.bucket}`,
          Condition: { StringLike: { 's3:prefix': [folder] } },
        },
      ],
    };
  },
  apiGatewayInvoke: (values, { partition, region, account }) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'InvokeApiStage',
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        // api-id/stage/METHOD/path: every method and path of that stage.
        Resource: `arn:${partition}:execute-api:${region}:${account}:${values.apiId}/${values.stage}/*`,
      },
    ],
  }),
  notesCognitoBasics: () => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'NotesAppCognitoBasics',
        Effect: 'Allow',
        Action: ['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'],
        Resource: ['*'],
      },
    ],
  }),
  // SynthesizeSpeech names no resource unless a lexicon is used: IAM needs "*" here.
  pollySpeech: () => ({
    Version: '2012-10-17',
    Statement: [{ Sid: 'PollySynthesizeSpeech', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }],
  }),
};

// Templates whose resources name the account and region, so the context must hold real ones.
const NAMES_ACCOUNT = new Set<PolicyTemplateId>(['lexBotAlias', 'apiGatewayInvoke']);

/** Validates every field (and an optional explicit policyName) before anything is built; builds the document. */
export function renderTemplate(id: string, params: Readonly<Record<string, unknown>>, context: TemplateContext, policyName?: string): RenderedTemplate {
  const template = findTemplate(id);
  if (!template) {
    const known = POLICY_TEMPLATES.map((t) => t.id).join(', ');
    return { ok: false, errors: { template: `Unknown policy template "${id}": expected one of ${known}.` } };
  }
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const templateField of template.fields) {
    const raw = params[templateField.name] ?? '';
    if (typeof raw !== 'string') {
      errors[templateField.name] = `${templateField.title} must be text, not ${typeof raw}.`;
      continue;
    }
    const problem = templateField.validate(raw);
    if (problem !== undefined) errors[templateField.name] = problem;
    else values[templateField.name] = raw.trim();
  }
  const usesRegion = template.fields.some((f) => f.name === 'region');
  const region = usesRegion && values.region ? values.region : context.region;
  if (NAMES_ACCOUNT.has(template.id)) {
    if (!ACCOUNT.test(context.account)) errors.account = `The connection's account "${context.account}" is not an account ID: expected 12 digits.`;
    if (errors.region === undefined && !isRegion(region)) {
      errors.region = `The connection's region "${context.region}" is not a Region name: enter one like us-east-1.`;
    }
  }
  if (policyName !== undefined && !POLICY_NAME.test(policyName)) {
    errors.policyName = `Policy name must be 1 to 128 letters, digits and + = , . @ _ - (no spaces); got "${policyName}".`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const document = BUILDERS[template.id](values, { partition: partitionOf(region), region, account: context.account });
  return { ok: true, document, policyName: policyName ?? template.defaultPolicyName(values) };
}
