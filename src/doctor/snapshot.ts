import type { CallerMode } from '../aws/webChain';
import type { DiagnoseInput } from './findings';

// What the doctor read from AWS (or the sandbox): AWS-shaped, so the checks are pure and
// testable with inputs that look like what AWS returns.

/** A read that found the thing, found nothing (not there), or was not allowed. */
export type Read<T> =
  | { readonly state: 'found'; readonly value: T }
  | { readonly state: 'missing'; readonly message?: string }
  | { readonly state: 'unreadable'; readonly action: string; readonly message: string };

export interface IdentityPoolRead {
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  /** As DescribeIdentityPool's CognitoIdentityProviders: ProviderName cognito-idp.REGION.amazonaws.com/POOL. */
  readonly providers: readonly { readonly providerName: string; readonly clientId: string }[];
  readonly roles: { readonly authenticated?: string; readonly unauthenticated?: string };
}

export interface PolicyRead {
  /** Managed: the ARN; inline: the policy name. */
  readonly name: string;
  readonly arn?: string;
  /** The JSON text, decoded. */
  readonly document: Read<string>;
}

export interface RoleRead {
  readonly arn: string;
  readonly name: string;
  /** GetRole: the decoded trust policy. */
  readonly trustPolicy: Read<string>;
  readonly managed: Read<readonly PolicyRead[]>;
  readonly inline: Read<readonly PolicyRead[]>;
}

export interface AppClientRead {
  readonly name: string;
  readonly hasSecret: boolean;
  readonly authFlows: readonly string[];
}

export interface BotAliasRead {
  readonly name: string;
  readonly botVersion: string;
  /** botAliasLocaleSettings: locale -> enabled. */
  readonly locales: Readonly<Record<string, boolean>>;
  /** The bot version's locales and their status (ListBotLocales). */
  readonly versionLocales: Read<readonly { readonly localeId: string; readonly status?: string }[]>;
}

export interface BotRead {
  readonly name: string;
}

/** When the alias is not found: which bot has an alias with that id. */
export interface MissingAliasClues {
  readonly aliasOfBot?: { readonly botId: string; readonly botName: string };
}

/** Everything one check reads, with the input's regions resolved. */
export interface SetupSnapshot {
  readonly input: DiagnoseInput & { readonly region: string; readonly lexRegion: string; readonly mode: CallerMode };
  /** The connection's account (for ARNs) and region. */
  readonly account: string;
  readonly connectionRegion: string;
  readonly identityPool: Read<IdentityPoolRead>;
  readonly roles: { readonly authenticated?: RoleRead; readonly unauthenticated?: RoleRead };
  readonly appClient?: Read<AppClientRead>;
  /** DescribeBot: the bot's name for what a person reads, and whether it is there when its alias is not. */
  readonly bot?: Read<BotRead>;
  readonly botAlias?: Read<BotAliasRead>;
  readonly missingAlias?: MissingAliasClues;
}
