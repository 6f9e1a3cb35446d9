// Conversation tests: what a *.lextest.yaml file holds, as the parser gives it (with where each
// part is in the file) and as the runner and the Test Explorer use it.

/**
 * 0-based, as VS Code's API counts (the policy editor's TextPosition in src/aws/errors is
 * 1-based, as its messages show positions); columns count UTF-16 code units.
 */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** From `start` up to, not including, `end`. */
export interface TextRange {
  readonly start: FilePosition;
  readonly end: FilePosition;
}

/** A conversation test file's name ends so. */
export const TEST_FILE_SUFFIX = '.lextest.yaml';

/** The bot a file talks to; the run's target fills what a file leaves out. */
export interface BotRef {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
}

/** Who the conversations talk as: a guest of the identity pool, or a user signed in to a user pool (password from an environment variable). */
export type CallAs =
  | { readonly kind: 'guest' }
  | { readonly kind: 'signedIn'; readonly userPoolId: string; readonly clientId: string; readonly username: string; readonly passwordEnv: string };

/** The bot's text: the exact string, or a regular expression (`/what size/i` in the file). */
export type TextMatcher = { readonly kind: 'exact'; readonly text: string } | { readonly kind: 'regex'; readonly source: string; readonly flags: string };

/** The expectation keys of a turn, in the order the file format documents them. */
export const EXPECTATION_KEYS = ['intent', 'state', 'elicit', 'confirmation', 'slots', 'says', 'sessionAttributes'] as const;
export type ExpectationKey = (typeof EXPECTATION_KEYS)[number];

/** What the bot should have done after a turn; every key optional. */
export interface TurnExpectation {
  /** The intent name (sessionState.intent.name). */
  readonly intent?: string;
  /** intent.state: InProgress, ReadyForFulfillment, Fulfilled, Failed, … */
  readonly state?: string;
  /** The slot being elicited (sessionState.dialogAction.slotToElicit). */
  readonly elicit?: string;
  /** intent.confirmationState: Confirmed, Denied, None. */
  readonly confirmation?: string;
  /** Slot name -> its interpreted value (or a resolved value); null: the slot is empty. */
  readonly slots?: Readonly<Record<string, string | null>>;
  readonly says?: TextMatcher;
  /** Session attributes after the turn, those named only. */
  readonly sessionAttributes?: Readonly<Record<string, string>>;
}

export interface TestTurn {
  readonly user: string;
  readonly expect: TurnExpectation;
  /** The whole turn in the file. */
  readonly range: TextRange;
  /** Where each key's value is, for a failure's message. */
  readonly ranges: Partial<Readonly<Record<ExpectationKey | 'user', TextRange>>>;
}

export interface Conversation {
  readonly name: string;
  /** Sent with the first turn. */
  readonly sessionAttributes?: Readonly<Record<string, string>>;
  readonly turns: readonly TestTurn[];
  /** The whole conversation in the file; its name's range is where the Test Explorer goes. */
  readonly range: TextRange;
  readonly nameRange: TextRange;
}

export interface FileProblem {
  readonly message: string;
  readonly range: TextRange;
}

export interface TestFile {
  readonly bot?: BotRef;
  readonly as?: CallAs;
  readonly conversations: readonly Conversation[];
  /** Unknown keys, bad values, YAML errors: each with where it is. A conversation with a problem is still listed when it has a name. */
  readonly problems: readonly FileProblem[];
}

/** A test file to write (Save as Test, CSV import): the same shape, without positions. */
export interface TestFileSource {
  readonly bot?: BotRef;
  readonly as?: CallAs;
  readonly conversations: readonly {
    readonly name: string;
    readonly sessionAttributes?: Readonly<Record<string, string>>;
    readonly turns: readonly { readonly user: string; readonly expect: TurnExpectation }[];
  }[];
}
