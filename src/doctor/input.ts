import { InvalidArgumentsError } from '../aws/errors';
import { isRegion, looksLike } from '../aws/ids';
import { CALLER_MODES } from '../aws/webChain';
import type { DiagnoseInput } from './findings';

const OPTIONAL_IDS = ['botId', 'botAliasId', 'localeId', 'userPoolId', 'clientId'] as const;
const KNOWN = new Set<string>(['identityPoolId', ...OPTIONAL_IDS, 'region', 'lexRegion', 'voice', 'mode']);

/**
 * Reads `cognitoBot.diagnose`'s args. Ids are taken as given, even of the wrong kind: a user
 * pool id where the identity pool id belongs is a finding to explain, not an argument error.
 */
export function parseDiagnoseInput(args: Record<string, unknown>): DiagnoseInput {
  const unknown = Object.keys(args).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw new InvalidArgumentsError(`Unknown argument ${unknown.map((k) => `"${k}"`).join(', ')}: expected ${[...KNOWN].join(', ')}.`);
  const text = (key: string): string | undefined => {
    const value = args[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new InvalidArgumentsError(`"${key}" must be a string.`);
    return value.trim();
  };
  const identityPoolId = text('identityPoolId');
  if (!identityPoolId) throw new InvalidArgumentsError('Give "identityPoolId": the identity pool the page gets its credentials from.');
  const input: Record<string, unknown> = { identityPoolId };
  for (const key of OPTIONAL_IDS) {
    const value = text(key);
    if (value) input[key] = value;
  }
  if (Boolean(input.botId) !== Boolean(input.botAliasId)) throw new InvalidArgumentsError('Give both "botId" and "botAliasId", or neither.');
  if (Boolean(input.userPoolId) !== Boolean(input.clientId)) throw new InvalidArgumentsError('Give both "userPoolId" and "clientId", or neither.');
  if (input.localeId && !input.botId) throw new InvalidArgumentsError('"localeId" needs "botId" and "botAliasId".');
  if (typeof input.localeId === 'string' && !looksLike('localeId', input.localeId))
    throw new InvalidArgumentsError(`"${input.localeId}" is not a Lex locale id, such as en_US.`);
  for (const key of ['region', 'lexRegion']) {
    const value = text(key);
    if (value === undefined) continue;
    if (!isRegion(value)) throw new InvalidArgumentsError(`"${key}" must be a Region name like us-east-1; got "${value}".`);
    input[key] = value;
  }
  if (args.mode !== undefined) {
    if (!(CALLER_MODES as readonly unknown[]).includes(args.mode)) throw new InvalidArgumentsError(`"mode" must be one of ${CALLER_MODES.join(', ')}.`);
    input.mode = args.mode;
  }
  if (args.voice !== undefined) {
    if (typeof args.voice !== 'boolean') throw new InvalidArgumentsError('"voice" must be true or false.');
    input.voice = args.voice;
  }
  return input as unknown as DiagnoseInput;
}

/** The args that run a check again: its input, without empty fields. */
export function diagnoseArgs(input: DiagnoseInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
