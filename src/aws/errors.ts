import { type Connection, CUSTOM_ENDPOINT, endpointUrls, SERVICE_IDS } from './connection';
import { redactSecrets } from './redact';

/** Something the user can do about an error, offered as a button beside its message. */
export type ErrorAction =
  | { readonly kind: 'terminal'; readonly title: string; readonly commandLine: string }
  | { readonly kind: 'command'; readonly title: string; readonly command: string; readonly args?: unknown }
  | { readonly kind: 'openFile'; readonly title: string; readonly path: string };

/** Thrown for args a caller got wrong; the message says what is expected. */
export class InvalidArgumentsError extends Error {
  override readonly name = 'InvalidArgumentsError';
}

/** Why an error happened, where something besides its message acts on it (the status bar). */
export type ErrorReason = 'credentials-expired';

/** An error whose message says what went wrong and what to do about it. */
export class ActionableError extends Error {
  override readonly name = 'ActionableError';
  /** Set for expired credentials and ended SSO sessions: the connection shows it until reconnected. */
  readonly reason?: ErrorReason;
  constructor(
    message: string,
    readonly actions: readonly ErrorAction[] = [],
    options?: { cause?: unknown; reason?: ErrorReason },
  ) {
    super(message, options);
    this.reason = options?.reason;
  }
}

/** AWS says the resource is not there (IAM's NoSuchEntity, Cognito's and Lex's ResourceNotFound). */
export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return /NoSuchEntity|ResourceNotFound/.test(name);
}

/** AWS refused the call for want of a permission (IAM's AccessDenied, the JSON services' AccessDeniedException). */
export function isAccessDenied(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(name);
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function asAwsLike(error: unknown): AwsLikeError {
  return typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };
}

function awsConfigFile(): string {
  return process.env.AWS_CONFIG_FILE || '~/.aws/config';
}

function where(connection: Connection | undefined): string {
  if (!connection) return 'AWS';
  if (connection.kind === 'sandbox') return `the local sandbox at ${connection.endpoint}`;
  return connection.endpoints ? `the ${CUSTOM_ENDPOINT} ${endpointUrls(connection.endpoints).join(', ')}` : `AWS (${connection.region})`;
}

/** The host (and port) a network error names: Node's hostname/address/port, or its message. */
function failingHost(error: unknown, text: string): string | undefined {
  const { hostname, address, port } = error as { hostname?: unknown; address?: unknown; port?: unknown };
  if (typeof hostname === 'string') return hostname;
  if (typeof address === 'string') return typeof port === 'number' ? `${address}:${port}` : address;
  return /(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN) (\S+)/.exec(text)?.[1];
}

/**
 * Where to change a profile connection's custom endpoint, for a network error at one of its
 * endpoints. A `services` section may send only some services elsewhere: an error at AWS's
 * own host is AWS's, and said as such.
 */
function customEndpointHelp(connection: Connection | undefined, error: unknown, text: string): { text: string; actions: ErrorAction[] } | undefined {
  if (connection?.kind !== 'profile' || !connection.endpoints) return undefined;
  const host = failingHost(error, text);
  const urls = endpointUrls(connection.endpoints).map((url) => new URL(url));
  const atCustomEndpoint =
    host === undefined
      ? Object.keys(connection.endpoints).length === Object.keys(SERVICE_IDS).length
      : urls.some((url) => host === url.host || host === url.hostname || host === `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`);
  if (!atCustomEndpoint) return undefined;
  return {
    text: `It is the ${CUSTOM_ENDPOINT} of profile "${connection.profile}": start what serves it (npm run sandbox, LocalStack, moto), or change the profile's endpoint_url (or services section) in ${awsConfigFile()}, or AWS_ENDPOINT_URL if set.`,
    actions: [{ kind: 'openFile', title: 'Open AWS Config', path: awsConfigFile() }],
  };
}

function subject(connection: Connection | undefined): string {
  return connection?.kind === 'profile' ? `profile "${connection.profile}"` : 'these credentials';
}

/** An error from the SDK, its credential providers or the network (not one of ours). */
function isAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return (
    '$metadata' in error ||
    '$fault' in error ||
    ['CredentialsProviderError', 'TimeoutError', 'ProviderError'].includes((error as Error).name) ||
    'code' in error
  );
}

/**
 * The one explaining step every command's error goes through: an AWS error becomes one that
 * says what to do; the extension's own errors (and cancellations) stay as they are.
 */
/** How the AWS CLI is told a profile: ` --profile NAME`, nothing for the default profile. */
export function cliProfileFlag(profile: string | undefined): string {
  return profile && profile !== 'default' ? ` --profile ${profile}` : '';
}

export function explainError(error: unknown, connection?: Connection): unknown {
  return isAwsError(error) ? explainAwsError(error, connection) : error;
}

/**
 * Turns an error from the AWS SDK (or its credential providers, or the network) into a
 * message that says what to do. The original stays as `cause`, for the log.
 */
export function explainAwsError(error: unknown, connection?: Connection): ActionableError {
  if (error instanceof ActionableError) return error;
  const { name = 'Error', message = '', code } = asAwsLike(error);
  const text = redactSecrets(message);
  const profile = connection?.kind === 'profile' ? connection.profile : undefined;
  const profileFlag = cliProfileFlag(profile);

  // Credential providers: SSO sessions, missing profiles, credential_process.
  if (/sso/i.test(text) && /(expired|invalid|not found|refresh|aws sso login)/i.test(text)) {
    return new ActionableError(
      `The AWS SSO session for ${subject(connection)} has expired or was never started. Run "aws sso login${profileFlag}" in a terminal, then try again.`,
      [{ kind: 'terminal', title: 'Run aws sso login', commandLine: `aws sso login${profileFlag}` }],
      { cause: error, reason: 'credentials-expired' },
    );
  }
  // fromIni reports a failed credential_process as "Command failed: <command> <stderr>".
  if (/credential_process/i.test(text) || (name === 'CredentialsProviderError' && /^Command failed/.test(text))) {
    return new ActionableError(
      `The credential_process of ${subject(connection)} failed: ${text} Run that command in a terminal to see why, or fix it in ${awsConfigFile()}.`,
      [{ kind: 'openFile', title: 'Open AWS Config', path: awsConfigFile() }],
      { cause: error },
    );
  }
  if (/Could not resolve credentials using profile|Profile .* (could not be found|not found)|Could not load credentials from any providers/i.test(text)) {
    return new ActionableError(
      `No credentials found for ${subject(connection)}. Add them with "aws configure${profileFlag}" (or "aws configure sso${profileFlag}"), or pick another profile.`,
      [
        { kind: 'terminal', title: 'Run aws configure', commandLine: `aws configure${profileFlag}` },
        { kind: 'openFile', title: 'Open AWS Config', path: awsConfigFile() },
      ],
      { cause: error },
    );
  }

  // AWS answers about the credentials themselves.
  switch (name) {
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
      return new ActionableError(
        `The credentials of ${subject(connection)} have expired. ${profile ? `Refresh them (for SSO: "aws sso login${profileFlag}"), then try again.` : 'Sign in again, then try again.'}`,
        profile ? [{ kind: 'terminal', title: 'Run aws sso login', commandLine: `aws sso login${profileFlag}` }] : [],
        { cause: error, reason: 'credentials-expired' },
      );
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'InvalidAccessKeyId':
      return new ActionableError(
        `${where(connection)} does not recognise the access key of ${subject(connection)} (${name}). Check the key in your AWS credentials file, or create a new one in the IAM console.`,
        [],
        { cause: error },
      );
    case 'SignatureDoesNotMatch':
    case 'InvalidSignatureException':
      return new ActionableError(
        `${where(connection)} rejected the request signature of ${subject(connection)} (${name}): the secret access key does not match the access key id, or this machine's clock is off.`,
        [],
        { cause: error },
      );
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedOperation':
      return new ActionableError(`Access denied: ${text} Ask for the permission named above, or use a role that has it.`, [], { cause: error });
    // In Cognito and IAM, LimitExceeded means an account quota, not throttling.
    case 'LimitExceededException':
    case 'LimitExceeded':
      return new ActionableError(
        `An account quota is reached: ${text} Delete what you no longer use, or ask AWS Support for a higher quota (Service Quotas console).`,
        [],
        { cause: error },
      );
    case 'ThrottlingException':
    case 'Throttling':
    case 'TooManyRequestsException':
      return new ActionableError(`${where(connection)} is throttling requests (${name}) even after retries. Wait a minute and try again.`, [], {
        cause: error,
      });
    case 'TimeoutError':
      return new ActionableError(
        `${where(connection)} did not answer in time. Check your network, or raise the "cognitoBot.requestTimeoutSeconds" setting.`,
        [{ kind: 'command', title: 'Open Settings', command: 'workbench.action.openSettings', args: 'cognitoBot.requestTimeoutSeconds' }],
        { cause: error },
      );
  }

  // The network.
  const customEndpoint = customEndpointHelp(connection, error, text);
  if (customEndpoint && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(text))) {
    return new ActionableError(`Nothing answers at ${where(connection)}. ${customEndpoint.text}`, customEndpoint.actions, { cause: error });
  }
  // Not at a custom endpoint: AWS's own, even for a profile that sends other services elsewhere.
  const reached = connection?.kind === 'profile' ? `AWS (${connection.region})` : where(connection);
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    return new ActionableError(
      connection?.kind === 'sandbox'
        ? `Nothing answers at ${connection.endpoint}. Start the sandbox ("Cognito Bot: Start Local Sandbox") or check its port.`
        : `The connection to ${reached} was refused. Check your network and proxy settings.`,
      connection?.kind === 'sandbox' ? [{ kind: 'command', title: 'Start Local Sandbox', command: 'cognitoBot.startSandbox' }] : [],
      { cause: error },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return new ActionableError(
      `Cannot reach ${reached}: the AWS endpoint's name does not resolve. Check your internet connection, proxy and the region "${connection?.region ?? ''}".`,
      [],
      { cause: error },
    );
  }

  const status = asAwsLike(error).$metadata?.httpStatusCode;
  return new ActionableError(`${name}: ${text || 'no message'}${status ? ` (HTTP ${status})` : ''}`, [], { cause: error });
}

/** 1-based, as editors show positions; columns count UTF-16 code units, as editors do. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** From `start` up to, not including, `end`. */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** A document IAM will not (or did not) take; `reason` is IAM's wording, `range` where the problem is when known. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
  /** Where the problem starts, when known. */
  readonly position?: TextPosition;
  constructor(
    readonly reason: string,
    readonly range?: TextRange,
    options?: { cause?: unknown },
  ) {
    super(range ? `${reason} (line ${range.start.line}, column ${range.start.column})` : reason, options);
    this.position = range?.start;
  }
}

/** The role or policy a document belongs to does not exist (any more). */
export class PolicyNotFoundError extends ActionableError {}

/** A write to a document that cannot be changed here (a managed policy). */
export class ReadOnlyPolicyError extends ActionableError {}
