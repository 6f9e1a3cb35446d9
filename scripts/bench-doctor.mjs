// `npm run bench:doctor`: one full setup check (gatherSetup + checkSetup, as cognitoBot.diagnose
// runs them) of a working chain on the sandbox in this process: an identity pool with guest
// access and both roles on the sample bot's alias, a user pool and app client linked to it.
// Every AWS call the check sends is recorded; the baseline replays the same calls back to back,
// with the same clients, and checks nothing. Prints the calls (target: at most 15) and the
// check's time as a ratio to the baseline's (target: at most 1.2x), median of interleaved rounds.
//   node scripts/bench-doctor.mjs [--rounds N]   (rounds per side, 31, after 30 to warm up)
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './code-server.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const require = createRequire(import.meta.url);
const out = (...parts) => require(path.join(repoRoot, 'out', 'src', ...parts));
const { startSandboxServer, sandboxBotId, SANDBOX_ACCOUNT_ID } = require(path.join(repoRoot, 'dist', 'sandbox.js'));
const { ClientFactory } = out('aws', 'clientFactory.js');
const { loadSdk } = out('aws', 'loadSdk.js');
const { parseBotWebAccessArgs, setUpBotWebAccess } = out('provisioning', 'webAccess.js');
const { createUserPool, parseCreateUserPoolArgs } = out('provisioning', 'userPool.js');
const { linkUserPool } = out('provisioning', 'identityPool.js');
const { gatherSetup } = out('doctor', 'gather.js');
const { checkSetup } = out('doctor', 'check.js');

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 31;
const WARM_UP = 30; // rounds per side: the JIT keeps speeding both up for the first twenty or so
const CALLS_TARGET = 15;
const RATIO_TARGET = 1.2;
const REGION = 'us-east-1';
const bot = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

const sdk = await loadSdk();
const sandbox = await startSandboxServer();
const connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: REGION };
const factory = new ClientFactory({ userAgent: 'bench', requestTimeoutMs: 30_000, maxAttempts: 1 });

/** The AwsContext of the connection, as test/unit/support.ts awsContextFor builds it. */
const plainContext = { sdk, region: REGION, account: SANDBOX_ACCOUNT_ID, client: (service) => factory.client(connection, service) };

/** The same context, recording every command its clients send (service and the command object) into `sent`. */
function recordingContext(sent) {
  return {
    ...plainContext,
    async client(service) {
      const client = await factory.client(connection, service);
      return new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'send') return Reflect.get(target, property, receiver);
          return (command, ...rest) => {
            sent.push({ service, command });
            return target.send(command, ...rest);
          };
        },
      });
    },
  };
}

try {
  // A working chain with sign-in, made by the extension's own engines, as a user would.
  const access = await setUpBotWebAccess(plainContext, parseBotWebAccessArgs({ name: 'BenchDoctor', ...bot }));
  const users = await createUserPool(plainContext, parseCreateUserPoolArgs({ name: 'BenchDoctorUsers' }));
  await linkUserPool(plainContext, access.identityPoolId, users.userPoolId, users.clientId);
  const input = { identityPoolId: access.identityPoolId, ...bot, userPoolId: users.userPoolId, clientId: users.clientId };

  /** One check, as cognitoBot.diagnose runs it; returns its result and the calls it sent. */
  const check = async () => {
    const sent = [];
    const ctx = recordingContext(sent);
    const result = checkSetup(await gatherSetup(async () => ctx, input, { region: REGION, account: SANDBOX_ACCOUNT_ID }));
    return { result, sent };
  };

  const first = await check();
  if (!first.result.ok || first.result.findings.length > 0) {
    console.error('The chain should check clean, but the doctor found:');
    for (const f of first.result.findings) console.error(`  ${f.severity} ${f.code}: ${f.title}`);
    process.exitCode = 1;
  }
  const calls = first.sent;
  const unchecked = first.result.links.filter((l) => l.status !== 'ok').map((l) => `${l.link} ${l.status}`);
  if (unchecked.length > 0) {
    console.error(`Every link should be checked and ok; these are not: ${unchecked.join(', ')}`);
    process.exitCode = 1;
  }

  // The baseline: the same commands, on the same clients, one after another, nothing checked.
  const clients = new Map();
  for (const { service } of calls) if (!clients.has(service)) clients.set(service, await factory.client(connection, service));
  const sides = {
    async doctor() {
      const { sent } = await check();
      if (sent.length !== calls.length) throw new Error(`a check sent ${sent.length} calls, the first ${calls.length}`);
    },
    async baseline() {
      for (const { service, command } of calls) await clients.get(service).send(command);
    },
  };
  const time = async (side) => {
    const started = performance.now();
    await sides[side]();
    return performance.now() - started;
  };

  for (let i = 0; i < WARM_UP; i++) for (const side of ['doctor', 'baseline']) await time(side);
  const times = { doctor: [], baseline: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 ? ['baseline', 'doctor'] : ['doctor', 'baseline']) times[side].push(await time(side));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // Each round's two runs ran back to back, under the same load: the median of their ratios is the
  // verdict (the ratio of the medians is printed beside it).
  const ratios = times.doctor.map((t, i) => t / times.baseline[i]);
  const ratio = median(ratios);
  const ratioOfMedians = median(times.doctor) / median(times.baseline);

  const names = calls.map(({ command }) => command.constructor.name.replace(/Command$/, ''));
  console.log(
    `One setup check of a guest + signed-in chain (identity pool, 2 roles, app client, bot alias ${bot.botId}/${bot.botAliasId} ${bot.localeId}), sandbox in process`,
  );
  console.log(`  AWS calls: ${calls.length} (target <= ${CALLS_TARGET}) ${calls.length <= CALLS_TARGET ? 'OK' : 'OVER TARGET'}`);
  console.log(`    ${names.join(', ')}`);
  console.log(
    `  check ${median(times.doctor).toFixed(2)} ms, the same calls back to back ${median(times.baseline).toFixed(2)} ms -> ratio ${ratio.toFixed(2)}x` +
      ` (median of ${ROUNDS} per-round ratios, rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x; ratio of medians ${ratioOfMedians.toFixed(2)}x)` +
      ` (target <= ${RATIO_TARGET}x) ${ratio <= RATIO_TARGET ? 'OK' : 'OVER TARGET'}`,
  );
  console.log('  (the check sends independent reads in parallel, the baseline one at a time: a ratio below 1 is that parallelism)');
  if (calls.length > CALLS_TARGET) console.error(`FAIL: the check sent ${calls.length} AWS calls, more than ${CALLS_TARGET}.`);
  if (ratio > RATIO_TARGET) console.error(`FAIL: the check took ${ratio.toFixed(2)}x the time of its calls back to back, more than ${RATIO_TARGET}x.`);
  if (calls.length > CALLS_TARGET || ratio > RATIO_TARGET) process.exitCode = 1;
} finally {
  factory.clear();
  await sandbox.close();
}
