// The ids of the chain a bot's web page walks: the identity pool it gets credentials from, the
// user pool and app client it signs in with, the bot alias and locale it talks to, and the
// regions it is configured with. The setup check takes them (`cognitoBot.diagnose`'s args);
// the config files and the chat panel hand them over.

/** Who the page calls as: guests only, signed-in users only, or both (the Lex web UI's default). */
export type CallerMode = 'guest' | 'signedIn' | 'both';
export const CALLER_MODES: readonly CallerMode[] = ['guest', 'signedIn', 'both'];

export interface WebChainIds {
  readonly identityPoolId: string;
  readonly botId?: string;
  readonly botAliasId?: string;
  readonly localeId?: string;
  readonly userPoolId?: string;
  readonly clientId?: string;
  /** The Cognito region the page is configured with; defaults to the identity pool id's. */
  readonly region?: string;
  /** The Lex region the page is configured with; defaults to the Cognito region. */
  readonly lexRegion?: string;
  /** Voice is on in the page (the Lex web UI's recorder): the roles need polly:SynthesizeSpeech. */
  readonly voice?: boolean;
  /** Who the page calls as; by default guests, and signed-in users too when it has a user pool. */
  readonly mode?: CallerMode;
}
