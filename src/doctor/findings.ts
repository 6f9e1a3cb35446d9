import type { WebChainIds } from '../aws/webChain';

// What the setup doctor reports: findings with stable codes, the evidence behind each, and
// the fix that mends it. Shared by the checks (plain Node), the command and the view.

export type FindingCode =
  | 'identity-pool-not-found'
  | 'guest-access-off'
  | 'role-not-set'
  | 'trust-not-bound'
  | 'trust-too-open'
  | 'bot-denied'
  | 'policy-on-other-alias'
  | 'runtime-actions-missing'
  | 'guest-role-too-broad'
  | 'bot-alias-not-found'
  | 'locale-not-on-alias'
  | 'client-not-found'
  | 'client-has-secret'
  | 'client-flows-missing'
  | 'provider-not-linked'
  | 'region-mismatch'
  | 'polly-denied'
  | 'could-not-check';

export type Severity = 'error' | 'warning' | 'info';

/** The links of the chain a web page walks, in the order it walks them. */
export type ChainLink = 'regions' | 'identityPool' | 'userPool' | 'guestRole' | 'signedInRole' | 'bot';

/** A fix is a command run with args: the least change that mends the finding. */
export interface Fix {
  readonly title: string;
  readonly command: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** What it will change, in words (and the policy it writes), shown before it runs from the UI. */
  readonly change: string;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** Plain words, one line. */
  readonly title: string;
  /** Why it matters and what to do. */
  readonly detail: string;
  readonly link: ChainLink;
  /** The ARN or id of what is at fault. */
  readonly resource?: string;
  /** What was read: the trust condition, the policy statement and the evaluator's decision, the setting that differs. */
  readonly evidence?: string;
  readonly fix?: Fix;
}

/** A link of the chain and how its check went, for the view (a clean chain shows each as checked). */
export interface CheckedLink {
  readonly link: ChainLink;
  /** e.g. "Identity pool BotPool (us-east-1:…)". */
  readonly label: string;
  readonly status: 'ok' | Severity | 'skipped';
}

export interface DiagnoseResult {
  /** No error findings: the page can get credentials and talk to the bot. */
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  readonly links: readonly CheckedLink[];
  /** The ids the check ran on, filled in (regions resolved), to run it again. */
  readonly input: DiagnoseInput;
}

/** The args of cognitoBot.diagnose: the chain's ids. */
export type DiagnoseInput = WebChainIds;

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function isOk(findings: readonly Finding[]): boolean {
  return !findings.some((finding) => finding.severity === 'error');
}
