// `npm run bench:chat`: 50 turns through the chat panel's session (ChatSession with guest
// PoolCredentials) against the sandbox in this process, beside 50 bare RecognizeText calls with
// the same credentials and the same kind of Lex client (the extension's ClientFactory) in the
// same run, alternating, median of several runs. Prints the Cognito Identity calls the session
// made (target: exactly 2, GetId and GetCredentialsForIdentity, until expiry) and the session's
// time per turn as a ratio to the bare calls (target: at most 1.1x), run against run in each round.
//   node scripts/bench-chat.mjs [--turns N] [--rounds N]
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { guestBotPool } from './bench-support.mjs';
import { repoRoot } from './code-server.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const require = createRequire(import.meta.url);
const { startSandboxServer, sandboxBotId } = require(path.join(repoRoot, 'dist', 'sandbox.js'));
const { ClientFactory } = require(path.join(repoRoot, 'out', 'src', 'aws', 'clientFactory.js'));
const { loadSdk } = require(path.join(repoRoot, 'out', 'src', 'aws', 'loadSdk.js'));
const { PoolCredentials } = require(path.join(repoRoot, 'out', 'src', 'aws', 'poolCredentials.js'));
const { ChatSession } = require(path.join(repoRoot, 'out', 'src', 'chat', 'session.js'));
const { renderUncached } = require(path.join(repoRoot, 'out', 'src', 'chat', 'markdown.js'));

const arg = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TURNS = arg('--turns', 50);
const ROUNDS = arg('--rounds', 15);
const CALLS_TARGET = 2;
const RATIO_TARGET = 1.1;
const target = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };
// A conversation the sample bot knows: a greeting with a card, opening hours, a whole order.
const SCRIPT = ['hi there', 'when are you open', 'can I get a large cafe latte', 'two', 'at 9am', 'yes please', 'thanks, **bye**'];
const utterance = (n) => SCRIPT[n % SCRIPT.length];

const sdk = await loadSdk();
const sandbox = await startSandboxServer();
const connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
const factory = new ClientFactory({ userAgent: 'bench', requestTimeoutMs: 30_000, maxAttempts: 1 });

try {
  const identityPoolId = await guestBotPool(factory, connection, 'BenchChat');
  // The session gets its own clients, as the panel builds them: Cognito with no credentials of
  // the connection needed (GetId and GetCredentialsForIdentity are unsigned), Lex per credentials.
  const credentials = new PoolCredentials(
    {
      sdk,
      cognitoIdentity: await factory.client(connection, 'cognitoIdentity'),
      cognitoIdentityProvider: await factory.client(connection, 'cognitoIdentityProvider'),
      region: 'us-east-1',
    },
    { identityPoolId },
  );
  const session = new ChatSession({ sdk, credentials, lexClient: (c) => factory.clientWith(connection, 'lexRuntime', c) }, target);

  // The baseline: the same credentials, the same kind of client, RecognizeText alone, its own Lex session.
  const { credentials: keys, identityId } = await credentials.get();
  const bare = await factory.clientWith(connection, 'lexRuntime', keys);
  const bareSessionId = `${identityId}-bare`;

  const sides = {
    async session() {
      for (let n = 0; n < TURNS; n++) {
        const turn = await session.send(utterance(n));
        if (turn.error) throw new Error(`a session turn failed: ${turn.error.name}: ${turn.error.message}`);
      }
    },
    async bare() {
      for (let n = 0; n < TURNS; n++) {
        const answer = await bare.send(new sdk.RecognizeTextCommand({ ...target, sessionId: bareSessionId, text: utterance(n) }));
        if (!answer.messages?.length) throw new Error('a bare turn came back without messages');
      }
    },
  };
  const time = async (side) => {
    const started = performance.now();
    await sides[side]();
    return performance.now() - started;
  };

  // Warm up both (JIT, keep-alive connections, the bot's first turns), then alternate who goes first.
  for (let i = 0; i < 3; i++) for (const side of ['session', 'bare']) await time(side);
  const times = { session: [], bare: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 ? ['bare', 'session'] : ['session', 'bare']) times[side].push(await time(side));
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const perTurn = (side) => median(times[side]) / TURNS;
  // Each round's two runs ran back to back, under the same load on this machine: their ratio,
  // median over the rounds, is the verdict (the ratio of the medians is printed beside it).
  const ratio = median(times.session.map((t, i) => t / times.bare[i]));
  const ratioOfMedians = median(times.session) / median(times.bare);
  const totalTurns = session.turns.length;
  console.log(`${TURNS} turns per run, ${ROUNDS} runs per side (median), sandbox in process, guest credentials`);
  console.log(
    `  Cognito Identity calls by the session over ${totalTurns} turns: ${credentials.cognitoCalls} (target exactly ${CALLS_TARGET}) ${credentials.cognitoCalls === CALLS_TARGET ? 'OK' : 'OVER TARGET'}`,
  );
  console.log(
    `  session ${perTurn('session').toFixed(3)} ms/turn, bare RecognizeText ${perTurn('bare').toFixed(3)} ms/turn -> ratio ${ratio.toFixed(2)}x (median of per-round ratios; ratio of medians ${ratioOfMedians.toFixed(2)}x) (target <= ${RATIO_TARGET}x) ${ratio <= RATIO_TARGET ? 'OK' : 'OVER TARGET'}`,
  );
  // For reference: what the cache of rendered messages saves on a message the bot has not sent before.
  const texts = session.turns
    .slice(0, SCRIPT.length)
    .flatMap((t) => t.bot.map((m) => m.content ?? ''))
    .filter(Boolean);
  const renderStart = performance.now();
  for (let i = 0; i < 2000; i++) renderUncached(texts[i % texts.length]);
  console.log(`  (for reference: rendering and sanitising a new message, uncached, ${((performance.now() - renderStart) / 2000).toFixed(3)} ms)`);
  session.dispose();
  bare.destroy();
  if (credentials.cognitoCalls !== CALLS_TARGET || ratio > RATIO_TARGET) process.exitCode = 1;
} finally {
  factory.clear();
  await sandbox.close();
}
