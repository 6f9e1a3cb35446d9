import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
  InitiateAuthCommandOutput,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoProviderName } from './arns';
import { ActionableError } from './errors';
import { regionOfUserPoolId } from './ids';
import type { Sdk } from './loadSdk';
import { SrpClient } from './srpClient';

// Credentials as a web page gets them from an identity pool (the enhanced flow), kept in the
// extension host: guest, or signed in to a user pool first. Keys and tokens never leave this
// module except to sign requests; view() is what a panel may show. The chat signs its turns
// with them; any feature that talks to a bot as its web page does can.

export type SignIn = { userPoolId: string; clientId: string; username: string; password: string; newPassword?: string };

export interface IdentitySource {
  identityPoolId: string;
  signIn?: SignIn;
  /**
   * Never send the password itself (USER_PASSWORD_AUTH), only SRP's proof of it: for a sign-in
   * that a workspace file asks for, whose app client is the file's to choose.
   */
  srpOnly?: boolean;
}

export interface PoolCredentialsDeps {
  sdk: Sdk;
  cognitoIdentity: CognitoIdentityClient;
  cognitoIdentityProvider: CognitoIdentityProviderClient;
  region: string;
  now?: () => Date;
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Who the credentials are for, and until when: never keys or tokens (the chat's IdentityView has this shape). */
export interface CredentialsView {
  readonly mode: 'guest' | 'signedIn';
  readonly username?: string;
  readonly identityId?: string;
  readonly expiration?: string;
  readonly identityPoolId: string;
  readonly region: string;
}

export interface IdentityCredentials {
  credentials: TemporaryCredentials;
  identityId: string;
}

/** Credentials are refreshed this long before they expire, as the SDK's providers do. */
export const REFRESH_BEFORE_MS = 5 * 60_000;

/** Which step of getting credentials failed: the user pool sign-in, or the identity pool. */
export type CredentialStep = 'signIn' | 'identityPool';

/** An error from getting credentials, saying which step it came from (the original is `cause`). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly step: CredentialStep,
    override readonly cause: unknown,
  ) {
    super((cause as { message?: string } | undefined)?.message ?? String(cause));
  }
}

/** A sign-in that needs an answer the chat cannot give from what it has (a new password, MFA). */
export class SignInChallengeError extends ActionableError {
  constructor(
    readonly challenge: string,
    readonly problem: string,
    readonly advice: string,
  ) {
    super(`${problem} ${advice}`);
  }
}

interface Tokens {
  idToken: string;
  refreshToken?: string;
  expiresAt: number;
}

/** The key of a user pool's ID token in Logins: cognito-idp.REGION.amazonaws.com/POOL_ID. */
export function loginsKey(userPoolId: string, region?: string): string {
  return cognitoProviderName(regionOfUserPoolId(userPoolId) ?? region ?? '', userPoolId);
}

function isSrpNotEnabled(error: unknown): boolean {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  return name === 'InvalidParameterException' && /USER_SRP_AUTH.*not enabled/i.test(message);
}

export class PoolCredentials {
  private identityId?: string;
  private current?: IdentityCredentials;
  private tokens?: Tokens;
  private pending?: Promise<IdentityCredentials>;
  private calls = 0;
  private signInCalls = 0;
  private readonly now: () => Date;

  constructor(
    private readonly deps: PoolCredentialsDeps,
    readonly source: IdentitySource,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Cognito Identity calls (GetId, GetCredentialsForIdentity) made so far. */
  get cognitoCalls(): number {
    return this.calls;
  }

  /** User pool calls (InitiateAuth, RespondToAuthChallenge) made so far. */
  get userPoolCalls(): number {
    return this.signInCalls;
  }

  get mode(): 'guest' | 'signedIn' {
    return this.source.signIn ? 'signedIn' : 'guest';
  }

  /**
   * GetId (with Logins when signed in) once, then GetCredentialsForIdentity; the credentials
   * are reused until five minutes before they expire, then fetched again for the same identity.
   * Concurrent callers share one fetch.
   */
  get(): Promise<IdentityCredentials> {
    if (this.current && this.current.credentials.expiration.getTime() - REFRESH_BEFORE_MS > this.now().getTime()) return Promise.resolve(this.current);
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the credentials (not the identity): the next get() fetches new ones. */
  invalidate(): void {
    this.current = undefined;
  }

  /** The user pool and app client signed in with, if any (ids, no secret): the setup check takes them. */
  signInPool(): { userPoolId: string; clientId: string } | undefined {
    const signIn = this.source.signIn;
    return signIn ? { userPoolId: signIn.userPoolId, clientId: signIn.clientId } : undefined;
  }

  /** Who the panel talks as, and until when: never keys or tokens. */
  view(): CredentialsView {
    return {
      mode: this.mode,
      ...(this.source.signIn ? { username: this.source.signIn.username } : {}),
      ...(this.identityId ? { identityId: this.identityId } : {}),
      ...(this.current ? { expiration: this.current.credentials.expiration.toISOString() } : {}),
      identityPoolId: this.source.identityPoolId,
      region: this.deps.region,
    };
  }

  private async fetch(): Promise<IdentityCredentials> {
    const { sdk, cognitoIdentity } = this.deps;
    const signIn = this.source.signIn;
    let Logins: Record<string, string> | undefined;
    if (signIn) {
      try {
        Logins = { [loginsKey(signIn.userPoolId, this.deps.region)]: await this.idToken(signIn) };
      } catch (error) {
        throw error instanceof SignInChallengeError ? error : new CredentialsError('signIn', error);
      }
    }
    try {
      if (!this.identityId) {
        this.calls++;
        const { IdentityId } = await cognitoIdentity.send(new sdk.GetIdCommand({ IdentityPoolId: this.source.identityPoolId, Logins }));
        if (!IdentityId) throw new Error('GetId returned no identity id.');
        this.identityId = IdentityId;
      }
      this.calls++;
      const { Credentials, IdentityId } = await cognitoIdentity.send(new sdk.GetCredentialsForIdentityCommand({ IdentityId: this.identityId, Logins }));
      if (!Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken)
        throw new Error('GetCredentialsForIdentity returned no credentials.');
      this.current = {
        identityId: IdentityId ?? this.identityId,
        credentials: {
          accessKeyId: Credentials.AccessKeyId,
          secretAccessKey: Credentials.SecretKey,
          sessionToken: Credentials.SessionToken,
          // An hour, as AWS issues them, when the answer lacks it.
          expiration: Credentials.Expiration ?? new Date(this.now().getTime() + 3_600_000),
        },
      };
      return this.current;
    } catch (error) {
      throw new CredentialsError('identityPool', error);
    }
  }

  /** A valid ID token: the one we have, a refreshed one, or a new sign-in. */
  private async idToken(signIn: SignIn): Promise<string> {
    const now = this.now().getTime();
    if (this.tokens && this.tokens.expiresAt - REFRESH_BEFORE_MS > now) return this.tokens.idToken;
    if (this.tokens?.refreshToken) {
      try {
        const answer = await this.initiateAuth(signIn, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: this.tokens.refreshToken });
        if (answer.AuthenticationResult?.IdToken) return this.keep(answer.AuthenticationResult, this.tokens.refreshToken);
      } catch {
        // An expired or revoked refresh token: sign in again.
      }
    }
    return this.keep(await this.signIn(signIn));
  }

  private keep(result: AuthenticationResultType, refreshToken?: string): string {
    if (!result.IdToken) throw new Error('The user pool returned no ID token.');
    this.tokens = {
      idToken: result.IdToken,
      refreshToken: result.RefreshToken ?? refreshToken,
      expiresAt: this.now().getTime() + (result.ExpiresIn ?? 3600) * 1000,
    };
    return result.IdToken;
  }

  private initiateAuth(
    signIn: SignIn,
    flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH',
    parameters: Record<string, string>,
  ): Promise<InitiateAuthCommandOutput> {
    this.signInCalls++;
    return this.deps.cognitoIdentityProvider.send(
      new this.deps.sdk.InitiateAuthCommand({ ClientId: signIn.clientId, AuthFlow: flow, AuthParameters: parameters }),
    );
  }

  /**
   * USER_SRP_AUTH, the default flow of a public web client; USER_PASSWORD_AUTH only when the
   * client does not allow SRP (DescribeUserPoolClient needs admin rights a page lacks, so the
   * refusal is how we find out).
   */
  private async signIn(signIn: SignIn): Promise<AuthenticationResultType> {
    const srp = new SrpClient(signIn.userPoolId);
    let answer: InitiateAuthCommandOutput | RespondToAuthChallengeCommandOutput;
    try {
      answer = await this.initiateAuth(signIn, 'USER_SRP_AUTH', { USERNAME: signIn.username, SRP_A: srp.srpA });
    } catch (error) {
      if (!isSrpNotEnabled(error) || this.source.srpOnly) throw error;
      answer = await this.initiateAuth(signIn, 'USER_PASSWORD_AUTH', { USERNAME: signIn.username, PASSWORD: signIn.password });
    }
    // The timestamp is signed with the real clock: Cognito checks it against its own.
    if (answer.ChallengeName === 'PASSWORD_VERIFIER') {
      answer = await this.respond(signIn, 'PASSWORD_VERIFIER', srp.respond(answer.ChallengeParameters ?? {}, signIn.password, new Date()), answer.Session);
    }
    if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      if (!signIn.newPassword) {
        throw new SignInChallengeError(
          'NEW_PASSWORD_REQUIRED',
          `User ${signIn.username} must choose a new password before signing in (the pool gave them a temporary one).`,
          'Sign in again and give a new password.',
        );
      }
      const required = parseList(answer.ChallengeParameters?.requiredAttributes);
      if (required.length > 0) {
        throw new SignInChallengeError(
          'NEW_PASSWORD_REQUIRED',
          `User ${signIn.username} must set ${required.map((a) => a.replace(/^userAttributes\./, '')).join(', ')} on first sign-in, which the chat panel does not ask for.`,
          "Set them with the user pool's admin tools (AdminUpdateUserAttributes), then sign in again.",
        );
      }
      answer = await this.respond(
        signIn,
        'NEW_PASSWORD_REQUIRED',
        { USERNAME: answer.ChallengeParameters?.USER_ID_FOR_SRP ?? signIn.username, NEW_PASSWORD: signIn.newPassword },
        answer.Session,
      );
    }
    if (answer.ChallengeName) {
      throw new SignInChallengeError(
        answer.ChallengeName,
        `Signing in as ${signIn.username} needs the ${answer.ChallengeName} challenge (multi-factor authentication or a custom flow), which the chat panel does not answer.`,
        'Use a user without MFA to chat.',
      );
    }
    if (!answer.AuthenticationResult) throw new Error('The user pool answered the sign-in with neither tokens nor a challenge.');
    return answer.AuthenticationResult;
  }

  private respond(signIn: SignIn, challenge: 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED', responses: Record<string, string>, session: string | undefined) {
    this.signInCalls++;
    return this.deps.cognitoIdentityProvider.send(
      new this.deps.sdk.RespondToAuthChallengeCommand({ ClientId: signIn.clientId, ChallengeName: challenge, ChallengeResponses: responses, Session: session }),
    );
  }
}

function parseList(json: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
