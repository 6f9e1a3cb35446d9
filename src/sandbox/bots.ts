import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BotEngine, type CodeHook } from '../bot/engine';
import { loadBot } from '../bot/loader';
import type { LoadProblem } from '../bot/model';

/** A bot the sandbox runs: its Lex ids, and the offline engine that answers for it. */
export interface SandboxBot {
  readonly botId: string;
  readonly botName: string;
  readonly aliases: ReadonlyArray<{ botAliasId: string; botAliasName: string }>;
  readonly localeIds: readonly string[];
  readonly idleSessionTTLInSeconds: number;
  readonly engine: BotEngine;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An id in Lex's format (10 upper-case characters), the same for the same seed every time. */
export function lexId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 10), (b) => BASE32[b % 32]).join('');
}

/** A bot's id, the same for the same bot name every time. */
export function sandboxBotId(name: string): string {
  return lexId(`bot:${name}`);
}

/** Every imported bot gets the alias Lex gives a draft: TSTALIASID, TestBotAlias. */
export const TEST_ALIAS = { botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias' } as const;

/**
 * A local code hook: a JavaScript module exporting a Lambda-style `handler(event)`. It is loaded
 * again when the file changes, so edits take effect on the next turn.
 */
export function localCodeHook(modulePath: string): CodeHook {
  const resolved = path.resolve(modulePath);
  let loadedAt = -1;
  let handler: CodeHook | undefined;
  return async (event) => {
    const mtime = fs.statSync(resolved).mtimeMs;
    if (!handler || mtime !== loadedAt) {
      delete require.cache[require.resolve(resolved)];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(resolved) as { handler?: unknown; default?: { handler?: unknown } };
      const found = loaded.handler ?? loaded.default?.handler;
      if (typeof found !== 'function') throw new Error(`${resolved} exports no handler(event) function`);
      handler = found as CodeHook;
      loadedAt = mtime;
    }
    return handler(event);
  };
}

export function loadSandboxBot(
  source: string,
  now?: () => Date,
  codeHookFor?: (botName: string) => string | undefined,
): { bot: SandboxBot; problems: LoadProblem[] } {
  const { bot, problems } = loadBot(source);
  const botId = sandboxBotId(bot.name);
  const codeHookPath = codeHookFor?.(bot.name);
  return {
    bot: {
      botId,
      botName: bot.name,
      aliases: [TEST_ALIAS],
      localeIds: bot.locales.map((l) => l.localeId),
      idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
      engine: new BotEngine(bot, { now, botId, aliasId: TEST_ALIAS.botAliasId, codeHook: codeHookPath ? localCodeHook(codeHookPath) : undefined }),
    },
    problems,
  };
}

/**
 * The project's sample bot (media/sample-bot), found from wherever this code runs: the
 * extension's dist/, the compiled tests' out/, or the repository.
 */
export function sampleBotPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'media', 'sample-bot');
    if (fs.existsSync(path.join(candidate, 'Manifest.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`The sample bot (media/sample-bot) was not found above ${__dirname}.`);
}
