import { randomUUID } from 'node:crypto';
import type { LexRuntimeV2Client, RecognizeTextCommandInput } from '@aws-sdk/client-lex-runtime-v2';
import { botAliasArn } from '../aws/arns';
import { explainAwsError } from '../aws/errors';
import type { Sdk } from '../aws/loadSdk';
import { redactSecrets } from '../aws/redact';
import { CredentialsError, type PoolCredentials, SignInChallengeError, type TemporaryCredentials } from '../aws/poolCredentials';
import { readAppContext, showAsLexWebUi, withoutAppContext } from './appContext';
import { inspectTurn } from './inspect';
import type { ChatError, Turn } from './protocol';

// One conversation with a bot alias, as the bot's web page has it: the identity pool's
// credentials sign RecognizeText, the Lex session id is the identity id (as the Lex web UI
// does), and every AWS error becomes a ChatError on the turn, saying what to do.

export interface ChatTarget {
  botId: string;
  botAliasId: string;
  localeId: string;
}

export interface ChatSessionDeps {
  sdk: Sdk;
  credentials: PoolCredentials;
  /** Builds a Lex runtime client signing with these credentials (the panel: factory.clientWith). */
  lexClient: (credentials: TemporaryCredentials) => Promise<LexRuntimeV2Client>;
  /** The identity pool's name, for what the errors say (its id alone when not given). */
  identityPoolName?: string;
  now?: () => Date;
  /** Hears what the page cannot show as the bot meant it (a malformed appContext); the panel logs it. */
  warn?: (text: string) => void;
}

/** What "Attach least-privilege policy" attaches: the arguments of provisioning's attachPolicy. */
export interface LexPolicyFix {
  readonly id: 'attachLexPolicy';
  readonly roleName: string;
  readonly template: 'lexBotAlias';
  readonly params: { readonly botId: string; readonly botAliasId: string; readonly region: string };
  /** The account of the role, from the denied ARN. */
  readonly account: string;
  readonly resourceArn: string;
}

/** An AccessDenied message's parts: who (an assumed role) may not do what on which resource. */
export function parseAccessDenied(message: string): { roleName?: string; account?: string; action?: string; resource?: string } {
  const role = /arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\//.exec(message); // any partition
  const action = /perform:?\s+([\w-]+:[\w*]+)/.exec(message);
  const resource = /on resource:?\s+(arn:[^\s]+?)(?=[\s,;]|$)/.exec(message);
  return { account: role?.[1], roleName: role?.[2], action: action?.[1], resource: resource?.[1] };
}

/** "BotPool (us-east-1:…)": the pool (identity or user pool) as a person knows it, with the whole id it is found by; the id alone when that is all there is. */
export function poolNamed(poolId: string, poolName?: string): string {
  return poolName && poolName !== poolId ? `${poolName} (${poolId})` : poolId;
}

/** A ChatError thrown where a result cannot carry it (restart). */
export class ChatErrorException extends Error {
  constructor(readonly chatError: ChatError) {
    super(`${chatError.message} ${chatError.advice}`);
    this.name = chatError.name;
  }
}

interface ErrorContext {
  readonly target: ChatTarget;
  readonly region: string;
  readonly identityPoolId: string;
  readonly identityPoolName?: string;
  readonly mode: 'guest' | 'signedIn';
  /** What was being done: signing in, getting identity pool credentials, or talking to Lex. */
  readonly step: 'signIn' | 'identityPool' | 'lex';
}

function errorParts(error: unknown): { name: string; message: string; code?: string } {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { name?: string; message?: string; code?: string };
  return { name: e.name ?? 'Error', message: redactSecrets(e.message ?? ''), code: e.code };
}

const roleKind = (mode: 'guest' | 'signedIn') => (mode === 'guest' ? 'unauthenticated (guest)' : 'authenticated');

/** Errors that come from how the pool, its roles or the bot are set up: the setup check finds which link is broken. */
const SETUP_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'NotAuthorizedException',
  'InvalidIdentityPoolConfigurationException',
  'ResourceNotFoundException',
]);

/**
 * Maps an AWS (or network) error on a chat turn to what the page shows, with advice. A setup
 * error with no fix of its own offers the setup check (cognitoBot.diagnose) on this chain.
 */
export function chatErrorOf(error: unknown, context: ErrorContext): { chatError: ChatError; fix?: LexPolicyFix } {
  const explained = explainChatError(error, context);
  const { chatError } = explained;
  if (chatError.fix || !SETUP_ERRORS.has(chatError.name)) return explained;
  if ((error instanceof CredentialsError ? error.step : context.step) === 'signIn') return explained;
  return { ...explained, chatError: { ...chatError, fix: { title: 'Check Setup', id: 'diagnose' } } };
}

function explainChatError(error: unknown, context: ErrorContext): { chatError: ChatError; fix?: LexPolicyFix } {
  if (error instanceof CredentialsError) return explainChatError(error.cause, { ...context, step: error.step });
  if (error instanceof SignInChallengeError) return { chatError: { name: error.challenge, message: error.problem, advice: error.advice } };
  const { name, message } = errorParts(error);
  const { target, region, identityPoolId, identityPoolName, mode, step } = context;
  const pool = poolNamed(identityPoolId, identityPoolName);
  const aliasArn = (account = '<account>') => botAliasArn(region, account, target.botId, target.botAliasId);
  const at = (advice: string) => ({ chatError: { name, message, advice } });

  switch (name) {
    case 'AccessDeniedException':
    case 'AccessDenied': {
      const parsed = parseAccessDenied(message);
      const action = parsed.action ?? 'lex:RecognizeText';
      if (step === 'lex' && parsed.roleName) {
        const resourceArn = parsed.resource ?? aliasArn(parsed.account);
        return {
          chatError: {
            name,
            message: `Role ${parsed.roleName} lacks ${action} on ${resourceArn}`,
            advice: `The identity pool gives ${mode === 'guest' ? 'guests' : 'signed-in users'} its ${roleKind(mode)} role, ${parsed.roleName}, and no policy of that role allows ${action} on this bot alias. Attach the least-privilege policy (the Lex runtime actions on this alias only), or AmazonLexRunBotsOnly, then send again.`,
            fix: { title: 'Attach least-privilege policy', id: 'attachLexPolicy' },
          },
          fix: {
            id: 'attachLexPolicy',
            roleName: parsed.roleName,
            template: 'lexBotAlias',
            params: { botId: target.botId, botAliasId: target.botAliasId, region },
            account: parsed.account ?? '',
            resourceArn,
          },
        };
      }
      return at(
        `${parsed.roleName ? `Role ${parsed.roleName}` : 'These credentials'} may not do this. Give the identity pool's ${roleKind(mode)} role the permission named above.`,
      );
    }
    case 'NotAuthorizedException':
      if (step === 'signIn') {
        if (/SECRET_HASH|secret hash/i.test(message)) {
          return at('This app client has a client secret, which a web page cannot keep. Use an app client without a secret (a public client) for the page.');
        }
        if (/disabled/i.test(message)) return at('The user is disabled in the user pool. Enable them, or sign in as someone else.');
        if (/password attempts exceeded/i.test(message)) return at('Too many failed sign-ins: wait a while, then try again with the right password.');
        return at(
          'The username or password is wrong. Check them (usernames are case-sensitive unless the pool says otherwise), or reset the password in the user pool.',
        );
      }
      if (/unauthenticated access is not supported|guest/i.test(message)) {
        return {
          chatError: {
            name,
            message,
            advice: `Guest access is off for identity pool ${pool}. Turn it on (Cognito Bot: Turn Guest Access On or Off…), or sign in as a user of a linked user pool.`,
            fix: { title: 'Turn guest access on', id: 'enableGuestAccess' },
          },
        };
      }
      if (/token/i.test(message)) {
        return at(
          `Identity pool ${pool} does not accept this user pool's ID token: add the user pool and this app client as its login provider (Cognito Bot: Add User Pool as Login Provider…).`,
        );
      }
      return at(`Identity pool ${pool} refused these logins. Check its login providers and whether guest access is on.`);
    case 'InvalidIdentityPoolConfigurationException':
      return at(
        `Identity pool ${pool} has no ${roleKind(mode)} role, or that role's trust policy does not let this pool's ${mode === 'guest' ? 'unauthenticated' : 'authenticated'} identities assume it (sts:AssumeRoleWithWebIdentity with aud = the pool id and amr = ${mode === 'guest' ? 'unauthenticated' : 'authenticated'}). The explorer marks such a role with a warning; fix its trust policy or set the pool's roles.`,
      );
    case 'ResourceNotFoundException':
      if (step === 'lex') {
        return at(
          `Check the bot id ${target.botId}, alias id ${target.botAliasId} and locale ${target.localeId}: the alias must exist in ${region}, point to a built bot version, and that version must have the locale.`,
        );
      }
      return at(
        /Identity '/.test(message)
          ? 'The identity no longer exists in the pool: start a new session (switch identity) to get a new one.'
          : `Identity pool ${pool} does not exist in ${region}. Pick another pool, or check the region.`,
      );
    case 'UserNotFoundException':
      return at('There is no such user in the user pool. Check the username, or create the user.');
    case 'UserNotConfirmedException':
      return at('The user has not confirmed their sign-up. Confirm them (with the code sent to them, or AdminConfirmSignUp), then sign in.');
    case 'PasswordResetRequiredException':
      return at('The user pool requires this user to reset their password before signing in.');
    case 'InvalidPasswordException':
      return at("The new password does not meet the user pool's password policy. Choose a longer or more varied one.");
    case 'InvalidParameterException':
      if (step === 'signIn' && /not enabled/i.test(message)) {
        return at('This app client allows neither USER_SRP_AUTH nor USER_PASSWORD_AUTH. Allow USER_SRP_AUTH (the flow web pages use) on the app client.');
      }
      break;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return at("The identity pool credentials expired before they were refreshed (is this computer's clock right?). Send again: the session gets new ones.");
    case 'DependencyFailedException':
      return at("The bot's Lambda code hook failed or returned something Lex could not use. Look at the function's logs.");
    case 'ValidationException':
      if (step === 'lex') return at('Lex refused the request. Messages are 1 to 1024 characters; session attribute names and values must be strings.');
      break;
    case 'ConflictException':
      return at('Lex is still handling the previous message of this session. Wait a moment and send again.');
  }
  // The network, throttling, timeouts and the rest: the extension's general advice.
  const explained = explainAwsError(error).message;
  return at(explained.includes(message) ? 'See the Cognito Bot log for details.' : explained);
}

export class ChatSession {
  /** Sent with the next turn (editable in the inspector); updated from each answer, less its appContext. */
  sessionAttributes: Record<string, string> = {};
  private readonly history: Turn[] = [];
  private client?: { accessKeyId: string; client: Promise<LexRuntimeV2Client> };
  private fix?: LexPolicyFix;
  /** Whether Lex's copy of the session has attributes (so an empty set must be sent to clear them). */
  private lexHasAttributes = false;
  private readonly now: () => Date;

  constructor(
    private readonly deps: ChatSessionDeps,
    readonly target: ChatTarget,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  get turns(): readonly Turn[] {
    return this.history;
  }

  /** The fix the last AccessDenied offered (what "Attach least-privilege policy" attaches), if any. */
  get pendingFix(): LexPolicyFix | undefined {
    return this.fix;
  }

  /** One RecognizeText. Never throws for AWS errors: the turn carries a ChatError instead. */
  async send(text: string): Promise<Turn> {
    const base = { id: randomUUID(), user: text, at: this.now().toISOString() };
    let turn: Turn;
    try {
      turn = { ...base, ...(await this.recognize(text, true)) };
      this.fix = undefined;
    } catch (error) {
      const { chatError, fix } = this.errorOf(error);
      this.fix = fix;
      turn = { ...base, bot: [], error: chatError };
    }
    this.history.push(turn);
    return turn;
  }

  /** Deletes the Lex session (a new conversation starts); session attributes start empty again. */
  async restart(): Promise<void> {
    this.sessionAttributes = {};
    this.lexHasAttributes = false;
    try {
      const { identityId, lex } = await this.lex();
      await lex.send(new this.deps.sdk.DeleteSessionCommand({ ...this.target, sessionId: identityId }));
    } catch (error) {
      // No session yet is as good as a deleted one.
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return;
      throw new ChatErrorException(this.errorOf(error).chatError);
    }
  }

  /** Forgets the turns (the Lex session goes on). */
  clear(): void {
    this.history.length = 0;
  }

  dispose(): void {
    const client = this.client?.client;
    this.client = undefined;
    void client?.then(
      (c) => c.destroy(),
      () => undefined,
    );
  }

  private errorOf(error: unknown) {
    const credentials = this.deps.credentials;
    return chatErrorOf(error, {
      target: this.target,
      region: credentials.view().region,
      identityPoolId: credentials.source.identityPoolId,
      identityPoolName: this.deps.identityPoolName,
      mode: credentials.mode,
      step: 'lex',
    });
  }

  /** The Lex client for the current credentials: rebuilt only when they change. */
  private async lex(): Promise<{ identityId: string; lex: LexRuntimeV2Client }> {
    const { credentials, identityId } = await this.deps.credentials.get();
    if (this.client?.accessKeyId !== credentials.accessKeyId) {
      this.dispose();
      const client = this.deps.lexClient(credentials);
      this.client = { accessKeyId: credentials.accessKeyId, client };
      client.catch(() => {
        if (this.client?.client === client) this.client = undefined;
      });
    }
    return { identityId, lex: await this.client!.client };
  }

  private async recognize(text: string, retryExpired: boolean): Promise<Pick<Turn, 'bot' | 'inspection' | 'responseCard'>> {
    const { identityId, lex } = await this.lex();
    // Lex keeps the attributes it last answered with; send ours whenever there are any (they may
    // have been edited), or to clear Lex's. With none on either side there is nothing to send.
    const attributes = { ...this.sessionAttributes };
    const request: RecognizeTextCommandInput = {
      ...this.target,
      sessionId: identityId,
      text,
      ...(Object.keys(attributes).length > 0 || this.lexHasAttributes ? { sessionState: { sessionAttributes: attributes } } : {}),
    };
    try {
      const response = await lex.send(new this.deps.sdk.RecognizeTextCommand(request));
      const { bot, inspection } = inspectTurn(request, response);
      const { appContext, problems } = readAppContext(inspection.sessionAttributes);
      for (const problem of problems) this.deps.warn?.(problem);
      // Lex's copy keeps appContext until attributes are sent without it: the next turn does.
      this.sessionAttributes = withoutAppContext(inspection.sessionAttributes);
      this.lexHasAttributes = Object.keys(inspection.sessionAttributes).length > 0;
      return { ...showAsLexWebUi(bot, appContext), inspection };
    } catch (error) {
      // Credentials that expired early (a clock off): get new ones once, and try again.
      const name = (error as { name?: string }).name;
      if (retryExpired && (name === 'ExpiredTokenException' || name === 'ExpiredToken')) {
        this.deps.credentials.invalidate();
        return this.recognize(text, false);
      }
      throw error;
    }
  }
}
