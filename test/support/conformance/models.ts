// AWS's own service models, as botocore ships them (`botocore/data/<service>/<version>/
// service-2.json`): the reference the sandbox's conformance suite and the README's coverage
// table are checked against. Test data only: nothing here is bundled.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ShapeRef {
  readonly shape: string;
  readonly location?: 'header' | 'headers' | 'uri' | 'querystring' | 'statusCode';
  readonly locationName?: string;
  readonly flattened?: boolean;
  readonly jsonvalue?: boolean;
}

export interface Shape {
  readonly type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  readonly members?: Record<string, ShapeRef>;
  readonly required?: readonly string[];
  readonly member?: ShapeRef;
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly flattened?: boolean;
  readonly timestampFormat?: string;
  readonly payload?: string;
  readonly streaming?: boolean;
  readonly exception?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
}

export interface OperationModel {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: ShapeRef;
  readonly output?: ShapeRef & { readonly resultWrapper?: string };
  readonly errors?: readonly { readonly shape: string }[];
}

export interface ServiceModel {
  readonly metadata: {
    readonly protocol: 'json' | 'rest-json' | 'query';
    readonly apiVersion: string;
    readonly targetPrefix?: string;
    readonly xmlNamespace?: string;
    readonly signingName?: string;
    readonly endpointPrefix: string;
    readonly serviceId: string;
  };
  readonly operations: Record<string, OperationModel>;
  readonly shapes: Record<string, Shape>;
}

/** The services the sandbox speaks, by botocore's name, with the model version it follows. */
export const SANDBOX_SERVICES = {
  'cognito-idp': '2016-04-18',
  'cognito-identity': '2014-06-30',
  iam: '2010-05-08',
  sts: '2011-06-15',
  'lexv2-models': '2020-08-07',
  'lexv2-runtime': '2020-08-07',
  cloudformation: '2010-05-15',
} as const;
export type SandboxService = keyof typeof SANDBOX_SERVICES;

const INSTALL_ADVICE =
  "AWS's service models come from botocore: `apt-get install python3-botocore` (Debian, as .ci/run does) or `pip install botocore`, " +
  'or point CBW_BOTOCORE_DATA at a botocore/data folder.';

let dataDir: string | undefined;

/** botocore's data folder: CBW_BOTOCORE_DATA, else the botocore python3 imports. */
export function botocoreDataDir(): string {
  if (dataDir) return dataDir;
  const fromEnv = process.env.CBW_BOTOCORE_DATA;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CBW_BOTOCORE_DATA is ${fromEnv}, which does not exist. ${INSTALL_ADVICE}`);
    return (dataDir = fromEnv);
  }
  let found: string;
  try {
    found = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new Error(`botocore is not installed. ${INSTALL_ADVICE}`);
  }
  return (dataDir = found);
}

const cache = new Map<string, ServiceModel>();

/**
 * Newer models kept with the tests where Debian's botocore is older than the SDK the project
 * uses (test/fixtures/aws-models/README.md says which and why).
 */
const NEWER_MODELS = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aws-models');

/** A service's model (service-2.json, or .json.gz as newer botocore ships it). */
export function loadModel(service: SandboxService): ServiceModel {
  const cached = cache.get(service);
  if (cached) return cached;
  const newer = path.join(NEWER_MODELS, `${service}-${SANDBOX_SERVICES[service]}.json`);
  const file = fs.existsSync(newer) ? newer : path.join(botocoreDataDir(), service, SANDBOX_SERVICES[service], 'service-2.json');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : gunzipSync(fs.readFileSync(`${file}.gz`)).toString('utf8');
  const model = JSON.parse(text) as ServiceModel;
  cache.set(service, model);
  return model;
}

/** The code an error shape has on the wire (IAM's NoSuchEntityException is `NoSuchEntity`). */
export function wireCode(model: ServiceModel, shapeName: string): string {
  return model.shapes[shapeName]?.error?.code ?? shapeName;
}

/**
 * Errors a service answers with though its model lists them for no operation, each with the
 * evidence: Cognito identity pools refuse a constraint violation with ValidationException
 * ("1 validation error detected: Value 'a-b' at 'identityPoolName' failed to satisfy
 * constraint", AWS's answers quoted in getmoto/moto#1979 and
 * awslabs/serverless-automated-ui-testing#2).
 */
export const UNLISTED_ERRORS: Partial<Record<SandboxService, readonly string[]>> = {
  'cognito-identity': ['ValidationException'],
};

/**
 * Members AWS returns for every such resource, though the models mark few as required: from the
 * AWS CLI's example outputs (awscli/examples/cognito-idp/create-user-pool.rst,
 * create-user-pool-client.rst, describe-user-pool.rst, list-users.rst, admin-get-user.rst;
 * cognito-identity/get-credentials-for-identity.rst) and AWS's API reference for the newer
 * members (Arn; EnableTokenRevocation, on by default for new clients).
 */
export const ALWAYS_RETURNED: Partial<Record<SandboxService, Record<string, readonly string[]>>> = {
  'cognito-idp': {
    UserPoolType: [
      'Id',
      'Name',
      'Arn',
      'CreationDate',
      'LastModifiedDate',
      'Policies',
      'LambdaConfig',
      'SchemaAttributes',
      'MfaConfiguration',
      'EstimatedNumberOfUsers',
      'AdminCreateUserConfig',
      'EmailConfiguration',
    ],
    SchemaAttributeType: ['Name', 'AttributeDataType', 'DeveloperOnlyAttribute', 'Mutable', 'Required'],
    UserPoolClientType: [
      'ClientId',
      'ClientName',
      'UserPoolId',
      'CreationDate',
      'LastModifiedDate',
      'RefreshTokenValidity',
      'ExplicitAuthFlows',
      'AllowedOAuthFlowsUserPoolClient',
      'EnableTokenRevocation',
    ],
    UserType: ['Username', 'Attributes', 'UserCreateDate', 'UserLastModifiedDate', 'Enabled', 'UserStatus'],
    AdminGetUserResponse: ['Username', 'UserAttributes', 'UserCreateDate', 'UserLastModifiedDate', 'Enabled', 'UserStatus'],
  },
  'cognito-identity': {
    Credentials: ['AccessKeyId', 'SecretKey', 'SessionToken', 'Expiration'],
  },
};

/** The wire codes of the errors an operation documents. */
export function documentedErrors(model: ServiceModel, operation: string): Map<string, Shape> {
  const errors = new Map<string, Shape>();
  for (const { shape } of model.operations[operation]?.errors ?? []) errors.set(wireCode(model, shape), model.shapes[shape]);
  return errors;
}

/** What the front door of a JSON or restJson service answers before any operation runs. */
const FRONT_DOOR_ERRORS = [
  'AccessDeniedException',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'SerializationException',
  'UnknownOperationException',
  'ThrottlingException',
  'RequestEntityTooLarge',
];

/**
 * Errors any operation of a protocol may return, though no operation lists them: AWS's "Common
 * Errors" (docs.aws.amazon.com/<service>/latest/APIReference/CommonErrors.html) and, for JSON
 * services, the front door's own (an unsigned, unknown-key or malformed request).
 */
export const COMMON_ERRORS: Record<ServiceModel['metadata']['protocol'], ReadonlySet<string>> = {
  query: new Set([
    'AccessDenied',
    'IncompleteSignature',
    'InternalFailure',
    'InvalidAction',
    'InvalidClientTokenId',
    'MissingAuthenticationToken',
    'NotAuthorized',
    'RequestExpired',
    'ServiceUnavailable',
    'Throttling',
    'ValidationError',
    'SignatureDoesNotMatch',
    'ExpiredToken',
    'MalformedQueryString',
  ]),
  json: new Set(FRONT_DOOR_ERRORS),
  'rest-json': new Set(FRONT_DOOR_ERRORS),
};

let examplesDir: string | undefined;

/** The AWS CLI's example folder (its `<service>/<command>.rst` show AWS's real outputs). */
export function awscliExamplesDir(): string {
  if (examplesDir) return examplesDir;
  try {
    examplesDir = execFileSync('python3', ['-c', 'import awscli, os; print(os.path.join(os.path.dirname(awscli.__file__), "examples"))'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new Error("The AWS CLI is not installed, whose examples show AWS's outputs: `apt-get install awscli` (Debian, as .ci/run does).");
  }
  return examplesDir;
}

/**
 * One JSON member of an AWS CLI example's output, e.g. ("cognito-idp", "describe-user-pool",
 * "SchemaAttributes"). The examples are reStructuredText, not all of them whole JSON, so the
 * member is cut out by its brackets.
 */
export function awscliExampleMember(service: string, command: string, member: string): unknown {
  const text = fs.readFileSync(path.join(awscliExamplesDir(), service, `${command}.rst`), 'utf8');
  const key = `"${member}": `;
  const start = text.indexOf(key);
  if (start < 0) throw new Error(`${service}/${command}.rst has no "${member}"`);
  const open = start + key.length;
  const closer = { '[': ']', '{': '}' }[text[open]];
  if (!closer) return JSON.parse(/^("[^"]*"|[\w.-]+)/.exec(text.slice(open))![0]);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === text[open]) depth++;
    else if (text[i] === closer && --depth === 0) return JSON.parse(text.slice(open, i + 1));
  }
  throw new Error(`${service}/${command}.rst: "${member}" is not closed`);
}
