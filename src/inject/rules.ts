import { ID_KINDS, type IdKind } from '../aws/ids';

/**
 * What the injection looks for: placeholder tokens that samples and tutorials leave for the
 * reader to fill in, and config keys whose value is an id of a known kind (where a real but
 * stale id may sit).
 */

export interface PlaceholderRule {
  readonly token: string;
  readonly kind: IdKind;
}

export interface ConfigKeyRule {
  /** The key as written; a dotted key (cognito.poolId) is a key nested in an object of that name. */
  readonly key: string;
  readonly kind: IdKind;
}

export interface InjectRules {
  readonly placeholders: readonly PlaceholderRule[];
  readonly configKeys: readonly ConfigKeyRule[];
}

const placeholders = (kind: IdKind, tokens: string[]): PlaceholderRule[] => tokens.map((token) => ({ token, kind }));

/**
 * Tokens from the tutorials and common samples (the webchat tutorial's userpoolId and ClientId,
 * AWS documentation and sample READMEs, aws-lex-web-ui's config instructions), all matched as
 * whole tokens. A token that reads like a code identifier (userpoolId, ClientId) is only taken
 * where it is a value: a whole quoted string, or the whole value of a `key: …` / `KEY=…` line,
 * never `ClientId: clientId` in code that calls Cognito.
 */
export const DEFAULT_PLACEHOLDERS: readonly PlaceholderRule[] = [
  ...placeholders('userPoolId', [
    'userpoolId',
    'YOUR_USER_POOL_ID',
    'YOUR_COGNITO_USER_POOL_ID',
    'YOUR_USERPOOL_ID',
    'YOUR-USER-POOL-ID',
    '<YOUR_USER_POOL_ID>',
    '<USER_POOL_ID>',
    '<your-user-pool-id>',
    '<user-pool-id>',
  ]),
  ...placeholders('clientId', [
    'ClientId',
    'YOUR_APP_CLIENT_ID',
    'YOUR_CLIENT_ID',
    'YOUR_USER_POOL_CLIENT_ID',
    'YOUR_USER_POOL_WEB_CLIENT_ID',
    'YOUR_COGNITO_CLIENT_ID',
    'YOUR_COGNITO_APP_CLIENT_ID',
    'YOUR-APP-CLIENT-ID',
    '<YOUR_APP_CLIENT_ID>',
    '<APP_CLIENT_ID>',
    '<your-app-client-id>',
    '<app-client-id>',
    '<your-client-id>',
  ]),
  ...placeholders('identityPoolId', [
    'YOUR_IDENTITY_POOL_ID',
    'YOUR_COGNITO_IDENTITY_POOL_ID',
    'YOUR_IDENTITYPOOL_ID',
    'YOUR-IDENTITY-POOL-ID',
    '<YOUR_IDENTITY_POOL_ID>',
    '<IDENTITY_POOL_ID>',
    '<your-identity-pool-id>',
    '<identity-pool-id>',
  ]),
  ...placeholders('region', [
    'YOUR_REGION',
    'YOUR_AWS_REGION',
    'YOUR_COGNITO_REGION',
    '<YOUR_REGION>',
    '<REGION>',
    '<AWS_REGION>',
    '<your-region>',
    '<region>',
    '<aws-region>',
  ]),
  ...placeholders('botId', ['YOUR_BOT_ID', 'YOUR_LEX_BOT_ID', '<YOUR_BOT_ID>', '<BOT_ID>', '<your-bot-id>', '<bot-id>']),
  ...placeholders('botAliasId', [
    'YOUR_BOT_ALIAS_ID',
    'YOUR_LEX_BOT_ALIAS_ID',
    'YOUR_ALIAS_ID',
    '<YOUR_BOT_ALIAS_ID>',
    '<BOT_ALIAS_ID>',
    '<your-bot-alias-id>',
    '<bot-alias-id>',
  ]),
  ...placeholders('localeId', [
    'YOUR_LOCALE_ID',
    'YOUR_BOT_LOCALE_ID',
    'YOUR_LEX_LOCALE_ID',
    '<YOUR_LOCALE_ID>',
    '<LOCALE_ID>',
    '<your-locale-id>',
    '<locale-id>',
  ]),
];

const keys = (kind: IdKind, names: string[]): ConfigKeyRule[] => names.map((key) => ({ key, kind }));

/**
 * Keys of the config formats people paste ids into: Amplify's aws-exports.js (v5) and
 * amplify_outputs.json (Gen 2), Amplify.configure objects, the Cognito SDK's own parameter
 * names, aws-lex-web-ui's lex-web-ui-loader-config.json, .env files, Terraform and YAML.
 * An UPPER_SNAKE key also matches behind any framework prefix, so USER_POOL_ID covers
 * VITE_USER_POOL_ID, REACT_APP_USER_POOL_ID, NEXT_PUBLIC_COGNITO_USER_POOL_ID and the like.
 */
export const KNOWN_CONFIG_KEYS: readonly ConfigKeyRule[] = [
  ...keys('userPoolId', ['userPoolId', 'UserPoolId', 'user_pool_id', 'USER_POOL_ID', 'aws_user_pools_id', 'cognitoUserPoolId', 'appUserPoolName']),
  ...keys('clientId', [
    'clientId',
    'ClientId',
    'appClientId',
    'userPoolClientId',
    'userPoolWebClientId',
    'user_pool_client_id',
    'aws_user_pools_web_client_id',
    'appUserPoolClientId',
    'APP_CLIENT_ID',
    'USER_POOL_CLIENT_ID',
    'USER_POOL_WEB_CLIENT_ID',
    'COGNITO_CLIENT_ID',
  ]),
  ...keys('identityPoolId', ['identityPoolId', 'IdentityPoolId', 'identity_pool_id', 'IDENTITY_POOL_ID', 'aws_cognito_identity_pool_id', 'cognito.poolId']),
  ...keys('region', ['aws_cognito_region', 'aws_project_region', 'AWS_REGION', 'COGNITO_REGION', 'cognito.region', 'auth.aws_region']),
  ...keys('botId', ['botId', 'v2BotId', 'bot_id', 'BOT_ID']),
  ...keys('botAliasId', ['botAliasId', 'v2BotAliasId', 'aliasId', 'bot_alias_id', 'BOT_ALIAS_ID']),
  ...keys('localeId', ['localeId', 'v2BotLocaleId', 'botLocaleId', 'locale_id', 'bot_locale_id', 'LOCALE_ID']),
];

export const DEFAULT_RULES: InjectRules = { placeholders: DEFAULT_PLACEHOLDERS, configKeys: KNOWN_CONFIG_KEYS };

/** A placeholder that reads like a code identifier (ClientId, userpoolId) is only taken where it is a value. */
export function isIdentifierLike(token: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(token) && /[a-z]/.test(token);
}

/** An UPPER_SNAKE key, which also matches behind a framework prefix (VITE_, REACT_APP_, …). */
export function isEnvStyleKey(key: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(key);
}

const MIN_TOKEN_LENGTH = 4;
/** The scan reads large files in overlapping chunks; a token must fit in the overlap. */
export const MAX_TOKEN_LENGTH = 200;

/**
 * Builds rules from a user setting: a map token -> kind, merged over the defaults (a token
 * set to null or "" is removed from them), or replacing them with `replaceDefaults`. Bad
 * entries are left out and reported, each message naming the token and what is expected.
 */
export function rulesFromSetting(setting: unknown, options: { replaceDefaults?: boolean } = {}): { rules: InjectRules; problems: string[] } {
  const problems: string[] = [];
  const byToken = new Map<string, IdKind>(options.replaceDefaults ? [] : DEFAULT_PLACEHOLDERS.map((rule) => [rule.token, rule.kind]));
  if (setting !== undefined && setting !== null) {
    if (typeof setting !== 'object' || Array.isArray(setting)) {
      problems.push(
        `The placeholder setting must be an object mapping each token to a kind, like { "MY_POOL_ID": "userPoolId" }; got ${Array.isArray(setting) ? 'an array' : typeof setting}. Using the defaults.`,
      );
    } else {
      for (const [token, kind] of Object.entries(setting)) {
        if (kind === null || kind === '') {
          byToken.delete(token);
          continue;
        }
        const problem = tokenProblem(token) ?? kindProblem(token, kind);
        if (problem) problems.push(problem);
        else byToken.set(token, kind as IdKind);
      }
    }
  }
  const rules: InjectRules = {
    placeholders: [...byToken].map(([token, kind]) => ({ token, kind })),
    configKeys: KNOWN_CONFIG_KEYS,
  };
  return { rules, problems };
}

function tokenProblem(token: string): string | undefined {
  if (token.trim() !== token || /\s/.test(token)) return `Placeholder "${token}" contains white space: a token is matched exactly, so write it without spaces.`;
  if (token.length < MIN_TOKEN_LENGTH)
    return `Placeholder "${token}" is too short: it would match ordinary text; use ${MIN_TOKEN_LENGTH} characters or more, like YOUR_POOL_ID.`;
  if (token.length > MAX_TOKEN_LENGTH) return `Placeholder "${token.slice(0, 20)}…" is too long: use at most ${MAX_TOKEN_LENGTH} characters.`;
  return undefined;
}

function kindProblem(token: string, kind: unknown): string | undefined {
  if (typeof kind === 'string' && (ID_KINDS as readonly string[]).includes(kind)) return undefined;
  const got = typeof kind === 'string' ? `"${kind}"` : `a ${typeof kind}`;
  return `Placeholder "${token}" maps to ${got}: expected one of ${ID_KINDS.join(', ')} (or null to turn a default off).`;
}
