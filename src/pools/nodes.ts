import * as vscode from 'vscode';
import { describeConnection } from '../aws/connection';
import { explainAwsError, isNotFound } from '../aws/errors';
import type { ActiveConnection } from '../connection/connectionManager';
import { type BotAliasSummary, describeBot, listBotAliases, listBotLocales, listBots } from '../aws/services/lexModels';
import type { AwsContext } from '../aws/context';
import { mapWithLimit, type Page } from '../aws/paging';
import { describeIdentityPool, type IdentityPoolDetails, listIdentityPools, type Provider } from '../aws/services/cognitoIdentity';
import { accountOfArn, botAliasArn, botArn, identityPoolArn, roleNameFromArn, userPoolArn } from '../aws/arns';
import { regionOfUserPoolId } from '../aws/ids';
import { getRole, listAttachedPolicies, listInlinePolicies } from '../aws/services/iam';
import { trustBindsToPool } from '../policies/trust';
import { describeAppClient, describeUserPool, listAppClients, listUserPools, readUserPoolNames, type UserPoolNames } from '../aws/services/cognitoIdp';
import type { HasPolicyRef, PolicyRef } from '../provisioning/policyRefs';
import { type Pin, PIN_LABEL, type PinKind } from './pins';

/**
 * The explorer's nodes. contextValue is a list of words that menus match with
 * `viewItem =~ /\bword\b/`: the node's kind, plus id / arn (copyable), refreshable,
 * document (opens as JSON), detachable, policies (a role's policy group).
 */
export abstract class ExplorerNode extends vscode.TreeItem {
  parent?: ExplorerNode;
  /** What Copy Id and Copy ARN copy. */
  copyId?: string;
  /** A problem the row's icon shows, for screen readers to say after the row's text. */
  problem?: string;
  copyArn?: string;
  /** Set when the row is a resource pinned by id: what Remove Pin removes. */
  pin?: Pin;

  /** Nodes with children load them here; undefined means a leaf. */
  loadChildren?(ctx: AwsContext): Promise<ExplorerNode[]>;
  /** Fills the tooltip lazily, when the user hovers. */
  resolve?(ctx: AwsContext): Promise<void>;

  protected words(...words: (string | false | undefined)[]): void {
    this.contextValue = [...words, this.copyId && 'id', this.copyArn && 'arn'].filter(Boolean).join(' ');
  }
}

export class MessageNode extends ExplorerNode {
  constructor(label: string, kind: 'placeholder' | 'error', detail?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(kind === 'error' ? 'error' : 'info', kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
    this.tooltip = detail ?? label;
    this.contextValue = kind;
  }
}

export class LoadMoreNode extends ExplorerNode {
  constructor(readonly list: PagedNode<unknown>) {
    super(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'loadMore';
    this.command = { command: 'cognitoBot.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
  }
}

/** A node whose children come a page at a time, with "Load more…" while there are more. */
export abstract class PagedNode<T> extends ExplorerNode {
  private loaded: ExplorerNode[] = [];
  private nextToken?: string;
  private started = false;
  /** The page being loaded, so a double click on "Load more…" loads it once. */
  private pending?: Promise<void>;
  /** Bumped by reset(): a page that arrives after it belongs to the old list and is dropped. */
  private generation = 0;

  protected abstract page(ctx: AwsContext, token?: string): Promise<Page<T>>;
  protected abstract node(item: T, ctx: AwsContext): ExplorerNode | Promise<ExplorerNode>;
  protected abstract get emptyLabel(): string;

  /** Forgets what was loaded: the next expansion starts from the first page. */
  reset(): void {
    this.loaded = [];
    this.nextToken = undefined;
    this.started = false;
    this.pending = undefined;
    this.generation++;
  }

  override async loadChildren(ctx: AwsContext): Promise<ExplorerNode[]> {
    if (!this.started) await this.loadMore(ctx);
    if (this.loaded.length === 0) return [new MessageNode(this.emptyLabel, 'placeholder')];
    return this.nextToken ? [...this.loaded, new LoadMoreNode(this as PagedNode<unknown>)] : this.loaded;
  }

  loadMore(ctx: AwsContext): Promise<void> {
    if (!this.pending) {
      const pending = this.loadPage(ctx).finally(() => {
        if (this.pending === pending) this.pending = undefined;
      });
      this.pending = pending;
    }
    return this.pending;
  }

  private async loadPage(ctx: AwsContext): Promise<void> {
    const generation = this.generation;
    const page = await this.page(ctx, this.nextToken);
    const nodes = await mapWithLimit(page.items, DESCRIBE_IN_FLIGHT, async (item) => this.node(item, ctx));
    if (generation !== this.generation) return;
    this.started = true;
    this.nextToken = page.nextToken;
    this.loaded.push(...nodes);
  }
}

/** Items of a page are described a few at a time: Cognito's request-rate quotas are low. */
const DESCRIBE_IN_FLIGHT = 4;

/** The connection: profile and region, or the sandbox. */
export class ConnectionNode extends ExplorerNode {
  constructor(
    active: ActiveConnection,
    private readonly pins: PinsOf,
  ) {
    super(describeConnection(active.connection), vscode.TreeItemCollapsibleState.Expanded);
    this.id = 'connection';
    this.iconPath = new vscode.ThemeIcon(active.connection.kind === 'sandbox' ? 'beaker' : 'cloud');
    this.showIdentity(active);
    this.words('connection', 'refreshable');
  }

  /** The account beside the connection, and who it is in the tooltip, once known. */
  showIdentity(active: ActiveConnection): void {
    this.description = active.identity?.account;
    this.tooltip = active.identity ? `${active.identity.arn}` : undefined;
  }

  override async loadChildren(): Promise<ExplorerNode[]> {
    return [new UserPoolsNode(this.pins), new IdentityPoolsNode(this.pins), new BotsNode(this.pins)];
  }
}

/** The current connection's pins of a kind, read when a list loads. */
export type PinsOf = (kind: PinKind) => readonly Pin[];

/** A list failed to load; the pinned resources above it still show, with the error below them. */
export class ListFailedError extends Error {
  constructor(
    cause: unknown,
    readonly pinned: readonly ExplorerNode[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * A group of resources that also shows those pinned by id: first, marked, and once each,
 * whether the List call returns them, leaves them out (a later page, another owner) or is
 * denied. A pinned resource the list does not return is described (its own Describe call).
 */
abstract class ResourceListNode<T> extends PagedNode<T> {
  /** Pinned resources described, by id: kept until a refresh, like the listed ones, with their loaded children. */
  private described = new Map<string, Promise<ExplorerNode>>();

  constructor(
    label: string,
    private readonly kind: PinKind,
    private readonly pins: PinsOf,
  ) {
    super(label, vscode.TreeItemCollapsibleState.Collapsed);
  }

  /** The pinned resource's node, as the list would show it; throws what Describe throws. */
  protected abstract describePinned(pin: Pin, ctx: AwsContext): Promise<ExplorerNode>;

  override reset(): void {
    super.reset();
    this.described.clear();
  }

  override async loadChildren(ctx: AwsContext): Promise<ExplorerNode[]> {
    const pins = this.pins(this.kind);
    if (pins.length === 0) return super.loadChildren(ctx);
    let listed: ExplorerNode[] = [];
    let failure: { error: unknown } | undefined;
    try {
      listed = await super.loadChildren(ctx);
    } catch (error) {
      failure = { error };
    }
    // A listed row is the pinned one when it copies its id (a resource, or one that could not be described).
    const pinned = await Promise.all(pins.map((pin) => listed.find((node) => node.copyId === pin.id) ?? this.pinnedNode(pin, ctx)));
    pinned.forEach((node, i) => markPinned(node, pins[i]));
    if (failure) throw new ListFailedError(failure.error, pinned);
    const pinnedIds = new Set(pins.map((pin) => pin.id));
    // "No user pools in this region yet" is not so when one is pinned.
    const rest = listed.filter((node) => !(node.copyId && pinnedIds.has(node.copyId)) && node.contextValue !== 'placeholder');
    return [...pinned, ...rest];
  }

  private pinnedNode(pin: Pin, ctx: AwsContext): Promise<ExplorerNode> {
    let node = this.described.get(pin.id);
    if (!node) {
      node = this.describePinned(pin, ctx).catch((error: unknown) => pinnedError(pin, error, ctx));
      this.described.set(pin.id, node);
    }
    return node;
  }
}

/** Marks a row as pinned (once: a listed row is kept between loads). */
function markPinned(node: ExplorerNode, pin: Pin): void {
  if (node.pin) return;
  node.pin = pin;
  node.description = [typeof node.description === 'string' ? node.description : undefined, vscode.l10n.t('pinned')].filter(Boolean).join(' · ');
  // A row that says what went wrong keeps its error or warning icon.
  if (!(node instanceof MessageNode)) node.iconPath = new vscode.ThemeIcon('pinned');
  node.contextValue = [node.contextValue, 'pinned'].filter(Boolean).join(' ');
}

/** A pinned resource that cannot be described: gone (deleted, or another account's id), or unreadable now. */
function pinnedError(pin: Pin, error: unknown, ctx: AwsContext): ExplorerNode {
  if (!isNotFound(error) && !isNotFound((error as { cause?: unknown } | undefined)?.cause)) return itemError(pin.name, pin.id, error);
  const what = PIN_LABEL[pin.kind];
  const node = new MessageNode(
    pin.name,
    'error',
    vscode.l10n.t({
      message: 'The pinned {0} {1} ({2}) is not in {3} any more: it was deleted, or the id belongs to another account. Remove the pin.',
      args: [what, pin.name, pin.id, ctx.region],
      comment: ['{0} is "user pool", "identity pool" or "bot"; {1} its name, {2} its id, {3} a region'],
    }),
  );
  node.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  // The description says it, so screen readers need no problem besides.
  node.description = vscode.l10n.t('{0} · not found', pin.id);
  node.copyId = pin.id;
  node.contextValue = 'missing id';
  return node;
}

export class UserPoolsNode extends ResourceListNode<{ id: string; name: string }> {
  constructor(pins: PinsOf) {
    super(vscode.l10n.t('User pools'), 'userPool', pins);
    this.id = 'userPools';
    this.iconPath = new vscode.ThemeIcon('organization');
    this.words('userPools', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listUserPools(ctx, token);
  }
  protected node(item: { id: string; name: string }, ctx: AwsContext) {
    return new UserPoolNode(item.id, item.name, ctx);
  }
  protected async describePinned(pin: Pin, ctx: AwsContext) {
    return new UserPoolNode(pin.id, (await describeUserPool(ctx, pin.id)).name, ctx);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No user pools in this region yet');
  }
}

export class UserPoolNode extends PagedNode<{ clientId: string; name: string }> {
  constructor(
    readonly userPoolId: string,
    readonly userPoolName: string,
    ctx: AwsContext,
  ) {
    super(userPoolName, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `userPool/${userPoolId}`;
    this.description = userPoolId;
    this.iconPath = new vscode.ThemeIcon('account');
    this.copyId = userPoolId;
    this.copyArn = userPoolArn(ctx.region, ctx.account, userPoolId);
    this.words('userPool', 'refreshable');
  }
  override async resolve(ctx: AwsContext): Promise<void> {
    const pool = await describeUserPool(ctx, this.userPoolId);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${pool.name}** \`${pool.id}\`\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Sign-in: {0}', pool.signInAttributes.join(', ') || 'username')}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Required attributes: {0}', pool.requiredAttributes.join(', ') || vscode.l10n.t('none'))}\n\n`);
    if (pool.creationDate) tooltip.appendMarkdown(vscode.l10n.t('Created {0}', pool.creationDate.toISOString()));
    this.tooltip = tooltip;
  }
  protected page(ctx: AwsContext, token?: string) {
    return listAppClients(ctx, this.userPoolId, token);
  }
  protected async node(item: { clientId: string; name: string }, ctx: AwsContext): Promise<ExplorerNode> {
    try {
      const client = await describeAppClient(ctx, this.userPoolId, item.clientId);
      return new AppClientNode(this.userPoolId, client.clientId, client.name, client.hasSecret, client.authFlows);
    } catch (error) {
      return itemError(item.name, item.clientId, error);
    }
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No app clients');
  }
}

export class AppClientNode extends ExplorerNode {
  constructor(
    readonly userPoolId: string,
    readonly clientId: string,
    name: string,
    readonly hasSecret: boolean,
    authFlows: readonly string[],
  ) {
    super(name, vscode.TreeItemCollapsibleState.None);
    this.id = `appClient/${userPoolId}/${clientId}`;
    this.description = `${clientId} · ${hasSecret ? vscode.l10n.t('has secret') : vscode.l10n.t('public')}`;
    this.tooltip = [
      vscode.l10n.t('App client {0} ({1})', name, clientId),
      hasSecret ? vscode.l10n.t('Has a client secret: a web page cannot use it.') : vscode.l10n.t('Public client (no secret): right for a web page.'),
      vscode.l10n.t('Auth flows: {0}', authFlows.join(', ') || vscode.l10n.t('none')),
    ].join('\n');
    this.iconPath = new vscode.ThemeIcon(hasSecret ? 'lock' : 'globe');
    this.copyId = clientId;
    this.words('appClient');
  }
}

export class IdentityPoolsNode extends ResourceListNode<{ id: string; name: string }> {
  constructor(pins: PinsOf) {
    super(vscode.l10n.t('Identity pools'), 'identityPool', pins);
    this.id = 'identityPools';
    this.iconPath = new vscode.ThemeIcon('key');
    this.words('identityPools', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listIdentityPools(ctx, token);
  }
  protected async node(item: { id: string; name: string }, ctx: AwsContext): Promise<ExplorerNode> {
    try {
      return new IdentityPoolNode(await describeIdentityPool(ctx, item.id), ctx);
    } catch (error) {
      return itemError(item.name, item.id, error);
    }
  }
  protected async describePinned(pin: Pin, ctx: AwsContext) {
    return new IdentityPoolNode(await describeIdentityPool(ctx, pin.id), ctx);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No identity pools in this region yet');
  }
}

export class IdentityPoolNode extends ExplorerNode {
  readonly identityPoolId: string;
  /** Its login providers' names: read once, for the tooltip and the Providers rows alike. */
  private providerNames?: Promise<UserPoolNames[]>;
  constructor(
    readonly pool: IdentityPoolDetails,
    ctx: AwsContext,
  ) {
    super(pool.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.identityPoolId = pool.id;
    this.id = `identityPool/${pool.id}`;
    this.description = pool.allowUnauthenticated ? vscode.l10n.t('guest access on') : vscode.l10n.t('guest access off');
    this.iconPath = new vscode.ThemeIcon('key');
    this.copyId = pool.id;
    this.copyArn = identityPoolArn(ctx.region, ctx.account, pool.id);
    this.words('identityPool', pool.allowUnauthenticated ? 'guestOn' : 'guestOff', 'refreshable');
  }
  namesOfProviders(ctx: AwsContext): Promise<UserPoolNames[]> {
    this.providerNames ??= mapWithLimit(this.pool.providers, DESCRIBE_IN_FLIGHT, (p) => readUserPoolNames(ctx, p.userPoolId, p.clientId));
    return this.providerNames;
  }
  // At hover, not when listed: naming the providers reads each one's user pool and app client.
  override async resolve(ctx: AwsContext): Promise<void> {
    const { pool } = this;
    const names = await this.namesOfProviders(ctx);
    const providers = pool.providers.map((p, i) => {
      const row = providerRow(p, names[i]);
      return row.description ? `${row.label} (${row.description})` : row.label;
    });
    this.tooltip = [
      pool.name,
      pool.id,
      pool.allowUnauthenticated ? vscode.l10n.t('Guest access: on') : vscode.l10n.t('Guest access: off'),
      vscode.l10n.t('Login providers: {0}', providers.join(', ') || vscode.l10n.t('none')),
    ].join('\n');
  }
  override async loadChildren(ctx: AwsContext): Promise<ExplorerNode[]> {
    const role = async (arn: string | undefined, amr: 'authenticated' | 'unauthenticated'): Promise<ExplorerNode> => {
      if (!arn)
        return amr === 'authenticated'
          ? new MessageNode(
              vscode.l10n.t('No authenticated role'),
              'placeholder',
              vscode.l10n.t('Identity pool {0} has no authenticated role: signed-in users get no credentials.', this.pool.name),
            )
          : new MessageNode(
              vscode.l10n.t('No unauthenticated role'),
              'placeholder',
              vscode.l10n.t('Identity pool {0} has no unauthenticated role: guests get no credentials.', this.pool.name),
            );
      const name = roleNameFromArn(arn);
      const account = accountOfArn(arn);
      if (account && account !== ctx.account) {
        const other = new MessageNode(
          name,
          'placeholder',
          `${arn}\n\n${vscode.l10n.t("This role is in account {0}, not this connection's ({1}): switch connections to inspect it.", account, ctx.account)}`,
        );
        other.description =
          amr === 'authenticated' ? vscode.l10n.t('authenticated role in account {0}', account) : vscode.l10n.t('unauthenticated role in account {0}', account);
        other.iconPath = new vscode.ThemeIcon('shield');
        other.copyArn = arn;
        other.contextValue = 'otherAccountRole arn';
        return other;
      }
      const found = await getRole(ctx, name);
      if (!found)
        return new MessageNode(
          vscode.l10n.t('Role {0} does not exist', name),
          'error',
          amr === 'authenticated'
            ? vscode.l10n.t(
                'The identity pool names {0}, which IAM does not have: its authenticated users get no credentials. Set another role on the pool.',
                arn,
              )
            : vscode.l10n.t(
                'The identity pool names {0}, which IAM does not have: its unauthenticated users get no credentials. Set another role on the pool.',
                arn,
              ),
        );
      return new RoleNode(name, arn, amr, this.pool.id, trustBindsToPool(found.trustPolicy, this.pool.id, amr));
    };
    return [
      new ProvidersNode(this.pool, (ctx) => this.namesOfProviders(ctx)),
      ...(await Promise.all([role(this.pool.roles.authenticated, 'authenticated'), role(this.pool.roles.unauthenticated, 'unauthenticated')])),
    ];
  }
}

export class ProvidersNode extends ExplorerNode {
  readonly identityPoolId: string;
  constructor(
    readonly pool: IdentityPoolDetails,
    private readonly namesOfProviders: (ctx: AwsContext) => Promise<UserPoolNames[]>,
  ) {
    super(vscode.l10n.t('Providers'), vscode.TreeItemCollapsibleState.Collapsed);
    this.identityPoolId = pool.id;
    this.id = `providers/${pool.id}`;
    this.description = String(pool.providers.length);
    this.iconPath = new vscode.ThemeIcon('link');
    this.words('providers');
  }
  override async loadChildren(ctx: AwsContext): Promise<ExplorerNode[]> {
    if (this.pool.providers.length === 0) return [new MessageNode(vscode.l10n.t('No user pool: guests only'), 'placeholder')];
    const names = await this.namesOfProviders(ctx);
    return this.pool.providers.map((p, i) => new ProviderNode(p, names[i]));
  }
}

/**
 * "WebChatPool / chatapp" with "us-east-1_Abc · 1a2b…": the names where they were read, each
 * id beside its name, or in its place; a name that could not be read says why, briefly.
 */
function providerRow(provider: Provider, names: UserPoolNames): { label: string; description: string } {
  const { problem } = names;
  const hint =
    problem &&
    {
      userPoolNotFound: vscode.l10n.t('user pool not found'),
      clientNotFound: vscode.l10n.t('app client not found'),
      otherRegion: vscode.l10n.t({ message: 'in {0}', args: [regionOfUserPoolId(provider.userPoolId)], comment: ['{0} is a region'] }),
      unreadable: vscode.l10n.t('names not read'),
    }[problem.kind];
  return {
    label: `${names.userPoolName ?? provider.userPoolId} / ${names.clientName ?? provider.clientId}`,
    description: [names.userPoolName && provider.userPoolId, names.clientName && provider.clientId, hint].filter(Boolean).join(' · '),
  };
}

/** One login provider of an identity pool: its user pool and app client. */
export class ProviderNode extends ExplorerNode {
  constructor(
    readonly provider: Provider,
    names: UserPoolNames,
  ) {
    const row = providerRow(provider, names);
    super(row.label, vscode.TreeItemCollapsibleState.None);
    this.description = row.description;
    const named = (name: string | undefined, id: string) => (name ? `${name} (${id})` : id);
    this.tooltip = [
      vscode.l10n.t('User pool {0}', named(names.userPoolName, provider.userPoolId)),
      vscode.l10n.t('App client {0}', named(names.clientName, provider.clientId)),
      provider.providerName,
      ...(names.problem ? ['', names.problem.message] : []),
    ].join('\n');
    const gone = names.problem?.kind === 'userPoolNotFound' || names.problem?.kind === 'clientNotFound';
    this.iconPath = gone ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('account');
    this.copyId = provider.userPoolId;
    this.words('provider');
  }
}

export class RoleNode extends ExplorerNode {
  constructor(
    readonly roleName: string,
    readonly roleArn: string,
    readonly amr: 'authenticated' | 'unauthenticated',
    readonly identityPoolId: string,
    trustBound: boolean,
  ) {
    super(roleName, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `role/${identityPoolId}/${amr}`;
    this.description = amr === 'authenticated' ? vscode.l10n.t('authenticated role') : vscode.l10n.t('unauthenticated role');
    const unbound =
      amr === 'authenticated'
        ? vscode.l10n.t(
            'Its trust policy does not let authenticated identities of this pool ({0}) assume it, or lets other pools too: GetCredentialsForIdentity fails, or the role is shared. Open the trust policy to fix it.',
            identityPoolId,
          )
        : vscode.l10n.t(
            'Its trust policy does not let unauthenticated identities of this pool ({0}) assume it, or lets other pools too: GetCredentialsForIdentity fails, or the role is shared. Open the trust policy to fix it.',
            identityPoolId,
          );
    this.tooltip = trustBound ? roleArn : `${roleArn}\n\n${unbound}`;
    this.iconPath = trustBound ? new vscode.ThemeIcon('shield') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    if (!trustBound) this.problem = vscode.l10n.t('warning: its trust policy does not bind it to this pool');
    this.copyId = roleName;
    this.copyArn = roleArn;
    this.words('role', 'refreshable');
  }
  override async loadChildren(): Promise<ExplorerNode[]> {
    return [
      new PolicyDocumentNode(vscode.l10n.t('Trust policy'), { kind: 'trust', roleName: this.roleName }, 'verified'),
      new ManagedPoliciesNode(this.roleName),
      new InlinePoliciesNode(this.roleName),
    ];
  }
}

export class PolicyDocumentNode extends ExplorerNode implements HasPolicyRef {
  readonly roleName?: string;
  readonly policyArn?: string;
  readonly policyName?: string;
  constructor(
    label: string,
    readonly policyRef: PolicyRef,
    icon: string,
    /** The role it is attached to, for managed policies shown under a role. */
    attachedTo?: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    // The node itself, not a plain object: a plain object reads as a scripted call.
    this.command = { command: 'cognitoBot.openPolicy', title: vscode.l10n.t('Open Policy Document'), arguments: [this] };
    switch (policyRef.kind) {
      case 'managed':
        this.policyArn = policyRef.policyArn;
        this.roleName = attachedTo;
        this.copyArn = policyRef.policyArn;
        this.tooltip = policyRef.policyArn;
        this.words('managedPolicy', 'document', attachedTo && 'detachable');
        break;
      case 'inline':
        this.roleName = policyRef.roleName;
        this.policyName = policyRef.policyName;
        this.copyId = policyRef.policyName;
        this.tooltip = vscode.l10n.t('Inline policy of {0}', policyRef.roleName);
        this.words('inlinePolicy', 'document', 'detachable');
        break;
      case 'trust':
        this.roleName = policyRef.roleName;
        this.tooltip = vscode.l10n.t('Who may assume role {0}', policyRef.roleName);
        this.words('trustPolicy', 'document');
        break;
    }
  }
}

export class ManagedPoliciesNode extends PagedNode<{ name: string; arn: string }> {
  constructor(readonly roleName: string) {
    super(vscode.l10n.t('Managed policies'), vscode.TreeItemCollapsibleState.Collapsed);
    this.iconPath = new vscode.ThemeIcon('library');
    this.words('managedPolicies', 'policies', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listAttachedPolicies(ctx, this.roleName, token);
  }
  protected node(item: { name: string; arn: string }) {
    return new PolicyDocumentNode(item.name, { kind: 'managed', policyArn: item.arn }, 'file-code', this.roleName);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No managed policies');
  }
}

export class InlinePoliciesNode extends PagedNode<string> {
  constructor(readonly roleName: string) {
    super(vscode.l10n.t('Inline policies'), vscode.TreeItemCollapsibleState.Collapsed);
    this.iconPath = new vscode.ThemeIcon('file-code');
    this.words('inlinePolicies', 'policies', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listInlinePolicies(ctx, this.roleName, token);
  }
  protected node(policyName: string) {
    return new PolicyDocumentNode(policyName, { kind: 'inline', roleName: this.roleName, policyName }, 'file-code');
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No inline policies');
  }
}

export class BotsNode extends ResourceListNode<{ botId: string; name: string }> {
  constructor(pins: PinsOf) {
    super(vscode.l10n.t('Bots'), 'bot', pins);
    this.id = 'bots';
    this.iconPath = new vscode.ThemeIcon('comment-discussion');
    this.words('bots', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listBots(ctx, token);
  }
  protected node(item: { botId: string; name: string }, ctx: AwsContext) {
    return new BotNode(item.botId, item.name, ctx);
  }
  protected async describePinned(pin: Pin, ctx: AwsContext) {
    return new BotNode(pin.id, (await describeBot(ctx, pin.id)).name, ctx);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No Lex V2 bots in this region');
  }
}

export class BotNode extends PagedNode<BotAliasSummary> {
  constructor(
    readonly botId: string,
    readonly botName: string,
    ctx: AwsContext,
  ) {
    super(botName, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `bot/${botId}`;
    this.description = botId;
    this.iconPath = new vscode.ThemeIcon('hubot');
    this.copyId = botId;
    this.copyArn = botArn(ctx.region, ctx.account, botId);
    this.words('bot', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listBotAliases(ctx, this.botId, token);
  }
  protected node(alias: BotAliasSummary, ctx: AwsContext) {
    return new BotAliasNode(alias, ctx);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No aliases');
  }
}

export class BotAliasNode extends PagedNode<{ localeId: string; name: string }> {
  readonly botId: string;
  readonly botAliasId: string;
  constructor(
    readonly alias: BotAliasSummary,
    ctx: AwsContext,
  ) {
    super(alias.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.botId = alias.botId;
    this.botAliasId = alias.botAliasId;
    this.id = `botAlias/${alias.botId}/${alias.botAliasId}`;
    this.description = vscode.l10n.t('{0} · version {1}', alias.botAliasId, alias.botVersion);
    this.iconPath = new vscode.ThemeIcon('tag');
    this.copyId = alias.botAliasId;
    this.copyArn = botAliasArn(ctx.region, ctx.account, alias.botId, alias.botAliasId);
    this.words('botAlias', 'refreshable');
  }
  protected page(ctx: AwsContext, token?: string) {
    return listBotLocales(ctx, this.alias, token);
  }
  protected node(locale: { localeId: string; name: string }) {
    return new BotLocaleNode(this.botId, this.botAliasId, locale.localeId, locale.name);
  }
  protected get emptyLabel() {
    return vscode.l10n.t('No locales');
  }
}

export class BotLocaleNode extends ExplorerNode {
  constructor(
    readonly botId: string,
    readonly botAliasId: string,
    readonly localeId: string,
    name: string,
  ) {
    super(localeId, vscode.TreeItemCollapsibleState.None);
    this.id = `botLocale/${botId}/${botAliasId}/${localeId}`;
    this.description = name;
    this.iconPath = new vscode.ThemeIcon('globe');
    this.copyId = localeId;
    this.words('botLocale');
  }
}

/** One item of a list that could not be described: the list still shows, this item says why. */
function itemError(name: string, id: string, error: unknown): ExplorerNode {
  const explained = explainAwsError(error);
  const node = new MessageNode(name || id, 'error', vscode.l10n.t('Could not describe {0}: {1}', id, explained.message));
  node.description = vscode.l10n.t('{0} · could not load', id);
  node.copyId = id;
  node.contextValue = 'error id';
  return node;
}

/** A failed load, shown where the children would be, with what to do. */
export function errorNode(error: unknown, active: ActiveConnection | undefined): ExplorerNode {
  const explained = explainAwsError(error, active?.connection);
  return new MessageNode(vscode.l10n.t('Could not load: {0}', explained.message), 'error', explained.message);
}
