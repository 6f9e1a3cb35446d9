import * as vscode from 'vscode';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { regionOfIdentityPoolId, regionOfUserPoolId } from '../../aws/ids';
import { ActionableError } from '../../aws/errors';
import type { Sdk } from '../../aws/loadSdk';
import { PoolCredentials, type SignIn } from '../../aws/poolCredentials';
import { describeBotAlias, intentsWithSlots } from '../../aws/services/lexModels';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { coverageOf, describeCoverage } from '../coverage';
import type { BotRef, CallAs, Conversation, TestFile } from '../model';
import { type ConversationResult, DEFAULT_CONCURRENCY, type LexSession, runConversations } from '../run';
import { lexSession } from '../sessions';
import { type ItemData, toRange, type TestTree } from './testTree';

/** Where a run talks: the bot (else each file's own), and an identity pool to talk through as a web page (else the connection's credentials). */
export interface RunTarget {
  readonly bot?: BotRef;
  readonly identityPoolId?: string;
  /** The Lex region; the connection's when not given. */
  readonly region?: string;
}

export interface RunSummary {
  readonly passed: number;
  readonly failed: number;
  readonly results: {
    readonly file: string;
    readonly conversation: string;
    readonly passed: boolean;
    readonly error?: string;
    readonly failures: { readonly turn: number; readonly field: string; readonly expected: string; readonly actual: string }[];
  }[];
  /** Per bot: its intents no conversation reached, and the totals. */
  readonly coverage: { readonly bot: string; readonly untested: readonly string[]; readonly intentsExercised: number; readonly intents: number }[];
}

interface Planned {
  readonly uri: vscode.Uri;
  readonly file: TestFile;
  readonly item: vscode.TestItem;
  readonly conversation: Conversation;
}

/** A Lex runtime client for a run, and how to let go of it. */
interface LexClient {
  readonly sdk: Sdk;
  readonly client: LexRuntimeV2Client;
  dispose(): void;
}

const label = (bot: BotRef) => `${bot.botId}/${bot.botAliasId} (${bot.localeId})`;

/** Environment variables a test file may name for a password: a file is workspace content, and must not send just any secret of this machine. */
export const PASSWORD_ENV_PREFIX = 'LEXTEST_';

/** The password of a signed-in test user comes from the environment, never from the file. */
function signInOf(as: Extract<CallAs, { kind: 'signedIn' }>): SignIn {
  if (!vscode.workspace.isTrusted)
    throw new ActionableError(vscode.l10n.t('Signed-in conversation tests run only in a trusted workspace: the file chooses where the password goes.'));
  if (!as.passwordEnv.startsWith(PASSWORD_ENV_PREFIX))
    throw new ActionableError(
      vscode.l10n.t(
        'passwordEnv must name a variable that starts with {0} (e.g. {0}PASSWORD), not {1}: a test file may not send other secrets of this machine.',
        PASSWORD_ENV_PREFIX,
        as.passwordEnv,
      ),
    );
  const password = process.env[as.passwordEnv];
  if (!password) {
    throw new ActionableError(
      vscode.l10n.t(
        'The tests sign in as {0}, with the password in the environment variable {1}, which is not set. Set it where VS Code starts, then run again.',
        as.username,
        as.passwordEnv,
      ),
    );
  }
  return { userPoolId: as.userPoolId, clientId: as.clientId, username: as.username, password };
}

/** Runs conversation tests for the Test Explorer and for cognitoBot.runConversationTests. */
export class ConversationRunner {
  constructor(
    private readonly tree: TestTree,
    private readonly connections: ConnectionManager,
    private readonly log: Log,
  ) {}

  /** The conversations a request names: a file's all, a conversation, a turn's conversation; everything without `include`. */
  private async plan(request: vscode.TestRunRequest): Promise<Planned[]> {
    await this.tree.discover();
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.tree.controller.items.forEach((item) => void roots.push(item));
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    const planned = new Map<string, Planned>();
    for (const root of roots) {
      const data = this.tree.data.get(root);
      if (!data || excluded.has(root.id)) continue;
      const file = await this.tree.fileOf(data.uri);
      if (!file) continue;
      const fileItem = this.tree.controller.items.get(data.uri.toString());
      const conversationItems: vscode.TestItem[] = [];
      if (data.kind === 'file') fileItem?.children.forEach((child) => void conversationItems.push(child));
      else {
        const id = `${data.uri.toString()}#${(data as Exclude<ItemData, { kind: 'file' }>).conversation.name}`;
        const child = fileItem?.children.get(id);
        if (child) conversationItems.push(child);
      }
      for (const item of conversationItems) {
        const itemData = this.tree.data.get(item);
        if (itemData?.kind !== 'conversation' || excluded.has(item.id)) continue;
        planned.set(item.id, { uri: data.uri, file, item, conversation: itemData.conversation });
      }
    }
    return [...planned.values()];
  }

  /** A Lex client for the run: the connection's credentials, or a web page's from the identity pool. */
  private async lexClients(target: RunTarget, as: CallAs | undefined, region: string): Promise<LexClient> {
    const active = this.connections.current;
    if (!active) throw new ActionableError(vscode.l10n.t('Connect to AWS or start the local sandbox first: the tests talk to a bot there.'));
    const ctx = await this.connections.awsContext(region);
    if (!target.identityPoolId) {
      if (as?.kind === 'signedIn')
        throw new ActionableError(
          vscode.l10n.t(
            'These tests sign in ("as" names a user pool), which takes an identity pool: run them with the "Run as the Web Page" profile, or give target.identityPoolId.',
          ),
        );
      return { sdk: ctx.sdk, client: await ctx.client('lexRuntime'), dispose: () => undefined };
    }
    const signIn = as?.kind === 'signedIn' ? signInOf(as) : undefined;
    const poolCtx = await this.connections.awsContext(regionOfIdentityPoolId(target.identityPoolId));
    // Sign-in goes to the user pool's own region.
    const userPoolCtx = signIn ? await this.connections.awsContext(regionOfUserPoolId(signIn.userPoolId)) : poolCtx;
    const credentials = new PoolCredentials(
      {
        sdk: poolCtx.sdk,
        cognitoIdentity: await poolCtx.client('cognitoIdentity'),
        cognitoIdentityProvider: await userPoolCtx.client('cognitoIdentityProvider'),
        region: poolCtx.region,
      },
      { identityPoolId: target.identityPoolId, signIn, srpOnly: true },
    );
    const client = await this.connections.clients.clientWith({ ...active.connection, region }, 'lexRuntime', async () => (await credentials.get()).credentials);
    return { sdk: ctx.sdk, client, dispose: () => client.destroy() };
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, target: RunTarget = {}): Promise<RunSummary> {
    const planned = await this.plan(request);
    const run = this.tree.controller.createTestRun(request, vscode.l10n.t('Conversation tests'), true);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const summary: RunSummary = { passed: 0, failed: 0, results: [], coverage: [] };
    const ranByBot = new Map<string, { bot: BotRef; region: string; results: ConversationResult[] }>();
    const reported = new Set<string>();
    this.reportedIn.set(run, reported);
    try {
      const region = target.region ?? this.connections.current?.connection.region ?? 'us-east-1';
      const byFile = new Map<string, Planned[]>();
      for (const p of planned) byFile.set(p.uri.toString(), [...(byFile.get(p.uri.toString()) ?? []), p]);
      for (const item of planned) {
        run.enqueued(item.item);
        item.item.children.forEach((turn) => run.enqueued(turn));
      }
      // Each file's bot and credentials first; then every file's conversations share one limit.
      const jobs = new Map<Conversation, { p: Planned; bot: BotRef; lex: LexClient }>();
      const clients: LexClient[] = [];
      try {
        for (const group of byFile.values()) {
          if (abort.signal.aborted) break;
          const { file, uri } = group[0];
          const bot = target.bot ?? file.bot;
          // A problem in a conversation stops that one; one outside every conversation (bot, as) stops them all.
          const within = (line: number, c: Conversation) => line >= c.range.start.line && line <= c.range.end.line;
          const problem = (p: Planned) =>
            file.problems.find((fp) => within(fp.range.start.line, p.conversation) || !file.conversations.some((c) => within(fp.range.start.line, c)));
          const runnable: Planned[] = [];
          for (const p of group) {
            const wrong = problem(p);
            if (wrong) this.errored(run, summary, p, vscode.l10n.t('Line {0}: {1}', wrong.range.start.line + 1, wrong.message), toRange(wrong.range));
            else if (!bot)
              this.errored(
                run,
                summary,
                p,
                vscode.l10n.t('The file names no bot: add `bot: { botId, botAliasId, localeId }` at its top, or run with a target bot.'),
              );
            else runnable.push(p);
          }
          if (!bot || runnable.length === 0) continue;
          let lex: LexClient;
          try {
            lex = await this.lexClients(target, file.as, region);
            clients.push(lex);
          } catch (error) {
            for (const p of runnable) this.errored(run, summary, p, error instanceof Error ? error.message : String(error));
            continue;
          }
          for (const p of runnable) jobs.set(p.conversation, { p, bot, lex });
          const shown = vscode.workspace.asRelativePath(uri);
          const what = target.identityPoolId
            ? vscode.l10n.t(
                '{0}: {1} conversation(s) with {2} in {3}, through identity pool {4}',
                shown,
                runnable.length,
                label(bot),
                region,
                target.identityPoolId,
              )
            : vscode.l10n.t('{0}: {1} conversation(s) with {2} in {3}', shown, runnable.length, label(bot), region);
          run.appendOutput(`${what}\r\n`);
        }
        const results = await runConversations(
          [...jobs.keys()],
          async (conversation): Promise<LexSession> => {
            const job = jobs.get(conversation)!;
            return lexSession(job.lex.sdk, job.lex.client, job.bot);
          },
          {
            concurrency: DEFAULT_CONCURRENCY,
            signal: abort.signal,
            onStart: (conversation) => {
              const { p } = jobs.get(conversation)!;
              run.started(p.item);
              p.item.children.forEach((turn) => run.started(turn));
            },
            onResult: (result, conversation) => {
              const { p, bot } = jobs.get(conversation)!;
              this.report(run, summary, p, result);
              const key = `${region}|${bot.botId}|${bot.botAliasId}|${bot.localeId}`;
              const entry = ranByBot.get(key) ?? { bot, region, results: [] };
              entry.results.push(result);
              ranByBot.set(key, entry);
            },
          },
        );
        this.log.debug(`Conversation tests: ${results.length} of ${jobs.size} conversations ran`);
      } finally {
        for (const client of clients) client.dispose();
      }
      for (const { bot, region: botRegion, results } of ranByBot.values()) await this.coverage(run, summary, bot, botRegion, results);
    } finally {
      // What never started (cancelled, or its file could not run) ends skipped, not queued.
      for (const p of planned) if (!reported.has(p.item.id)) this.skip(run, p);
      run.end();
      cancelled.dispose();
    }
    // Results come in as conversations finish; report them in the files' order.
    const order = new Map(planned.map((p, index) => [`${p.uri.fsPath}#${p.conversation.name}`, index]));
    summary.results.sort((a, b) => (order.get(`${a.file}#${a.conversation}`) ?? 0) - (order.get(`${b.file}#${b.conversation}`) ?? 0));
    this.log.info(`Conversation tests: ${summary.passed} passed, ${summary.failed} failed`);
    return summary;
  }

  /** Each run's conversations whose result is reported (runs may overlap). */
  private readonly reportedIn = new WeakMap<vscode.TestRun, Set<string>>();

  private skip(run: vscode.TestRun, p: Planned): void {
    run.skipped(p.item);
    p.item.children.forEach((turn) => run.skipped(turn));
  }

  private errored(run: vscode.TestRun, summary: RunSummary, p: Planned, message: string, range?: vscode.Range): void {
    this.reportedIn.get(run)?.add(p.item.id);
    p.item.children.forEach((turn) => run.skipped(turn));
    const testMessage = new vscode.TestMessage(message);
    testMessage.location = new vscode.Location(p.uri, range ?? toRange(p.conversation.nameRange));
    run.errored(p.item, testMessage);
    (summary as { failed: number }).failed++;
    summary.results.push({ file: p.uri.fsPath, conversation: p.conversation.name, passed: false, error: message, failures: [] });
  }

  private report(run: vscode.TestRun, summary: RunSummary, p: Planned, result: ConversationResult): void {
    this.reportedIn.get(run)?.add(p.item.id);
    const turnItems: vscode.TestItem[] = [];
    p.item.children.forEach((turn) => void turnItems.push(turn));
    for (const turn of result.turns) {
      const item = turnItems[turn.turn];
      if (!item) continue;
      if (turn.error) {
        const message = new vscode.TestMessage(vscode.l10n.t('Turn {0} ("{1}") failed: {2}', turn.turn + 1, p.conversation.turns[turn.turn].user, turn.error));
        message.location = new vscode.Location(p.uri, toRange(p.conversation.turns[turn.turn].range));
        run.errored(item, message, turn.durationMs);
      } else if (turn.passed) run.passed(item, turn.durationMs);
      else {
        run.failed(
          item,
          turn.failures.map((f) => {
            const message = vscode.TestMessage.diff(
              vscode.l10n.t({
                message: 'Turn {0}, {1}: expected {2}, got {3}',
                args: [turn.turn + 1, f.field, f.expected, f.actual],
                comment: ['{1} is what a turn checks (intent, slot, message…)'],
              }),
              f.expected,
              f.actual,
            );
            message.location = new vscode.Location(p.uri, f.range ? toRange(f.range) : toRange(p.conversation.turns[turn.turn].range));
            return message;
          }),
          turn.durationMs,
        );
      }
    }
    // Turns after a failed call did not run.
    for (const item of turnItems.slice(result.turns.length)) run.skipped(item);
    const error = result.turns.find((t) => t.error)?.error;
    if (!result.passed && !error && result.failures.length === 0) {
      run.skipped(p.item); // cancelled between its turns
      return;
    }
    if (result.passed) {
      run.passed(p.item, result.durationMs);
      (summary as { passed: number }).passed++;
    } else {
      const first = result.failures[0];
      const message = error
        ? new vscode.TestMessage(vscode.l10n.t('The conversation stopped: {0}', error))
        : vscode.TestMessage.diff(
            vscode.l10n.t({
              message: 'Turn {0}, {1}: expected {2}, got {3}',
              args: [(first?.turn ?? 0) + 1, String(first?.field), String(first?.expected), String(first?.actual)],
              comment: ['{1} is what a turn checks (intent, slot, message…)'],
            }),
            first?.expected ?? '',
            first?.actual ?? '',
          );
      message.location = new vscode.Location(p.uri, first?.range ? toRange(first.range) : toRange(p.conversation.nameRange));
      if (error) run.errored(p.item, message, result.durationMs);
      else run.failed(p.item, message, result.durationMs);
      (summary as { failed: number }).failed++;
    }
    summary.results.push({
      file: p.uri.fsPath,
      conversation: p.conversation.name,
      passed: result.passed,
      ...(error ? { error } : {}),
      failures: result.failures.map((f) => ({ turn: f.turn, field: f.field, expected: f.expected, actual: f.actual })),
    });
  }

  /** Which intents and slots the run reached, from Lex Models V2 (the sandbox answers from the export). */
  private async coverage(run: vscode.TestRun, summary: RunSummary, bot: BotRef, region: string, results: ConversationResult[]): Promise<void> {
    try {
      const ctx = await this.connections.awsContext(region);
      const alias = await describeBotAlias(ctx, bot.botId, bot.botAliasId);
      const coverage = coverageOf({ intents: await intentsWithSlots(ctx, bot.botId, alias.botVersion, bot.localeId) }, results);
      const text = describeCoverage(vscode.l10n.t('{0}, version {1}', label(bot), alias.botVersion), coverage);
      run.appendOutput(`\r\n${text.replace(/\n/g, '\r\n')}\r\n`);
      this.log.info(text);
      summary.coverage.push({ bot: label(bot), untested: coverage.untested, intentsExercised: coverage.intentsExercised, intents: coverage.intents.length });
    } catch (error) {
      // Coverage is a report, not a result: a permission the connection lacks (lex:ListIntents) leaves it out.
      run.appendOutput(`\r\n${vscode.l10n.t('No coverage for {0}: {1}', label(bot), error instanceof Error ? error.message : String(error))}\r\n`);
    }
  }
}
