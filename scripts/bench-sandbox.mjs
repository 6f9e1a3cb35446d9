// `npm run bench:sandbox`: RecognizeText through the real SDK client, built by the extension's
// own ClientFactory, against the sandbox, as a ratio to the same client against a bare server
// on this machine that returns a fixed valid response, so the ratio is the sandbox's own cost
// (SigV4 check and policy evaluation of issued guest credentials included). Sequential turns,
// and 32 turns in flight. The extension's Lex client speaks HTTP/1.1 with keep-alive; a last
// section repeats the comparison with the SDK's default handler (HTTP/2, a new session per
// request), which the sandbox also serves, for reference.
//   node scripts/bench-sandbox.mjs [--turns N]   (turns per side per round, 100; 31 rounds after 3000 to warm up)
import { spawn } from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { guestBotPool } from './bench-support.mjs';
import { repoRoot } from './code-server.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const require = createRequire(import.meta.url);
const { startSandboxServer, sandboxBotId } = require(path.join(repoRoot, 'dist', 'sandbox.js'));
const { LexRuntimeV2Client, RecognizeTextCommand } = require('@aws-sdk/client-lex-runtime-v2');
const { CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand } = require('@aws-sdk/client-cognito-identity');
const { ClientFactory } = require(path.join(repoRoot, 'out', 'src', 'aws', 'clientFactory.js'));
const { sandboxClientConfig } = require(path.join(repoRoot, 'out', 'test', 'support', 'sandboxClients.js'));

const turnsArg = process.argv.indexOf('--turns');
const TURNS = turnsArg > 0 ? Number(process.argv[turnsArg + 1]) : 100;
const ROUNDS = 31;
const WARM_UP_TURNS = 3000;
const IN_FLIGHT = 32;
const TARGET = 1.5;
const ids = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

/** Guest credentials from an identity pool whose role may run bots, as a web page gets them. */
let poolCount = 0;
async function guestCredentials(endpoint) {
  const IdentityPoolId = await guestBotPool(factory, { kind: 'sandbox', endpoint, region: 'us-east-1' }, `BenchPool${++poolCount}`);
  // maxAttempts undefined: the SDK's default retries, as this setup has always had.
  const identity = new CognitoIdentityClient(sandboxClientConfig(endpoint, { maxAttempts: undefined }));
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId }));
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
  return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken };
}

// The bare server answers with exactly what the sandbox answers (captured once), so the client
// parses the same response on both sides and the ratio is the sandbox's own cost.
let FIXED_ANSWER = '';
async function captureAnswer(endpoint, credentials) {
  const client = await lexClient(endpoint, credentials, false);
  const answer = await client.send(new RecognizeTextCommand({ ...ids, sessionId: 'capture', text: 'when are you open' }));
  client.destroy();
  delete answer.$metadata; // the SDK's, not the wire's
  FIXED_ANSWER = JSON.stringify(answer);
}

/** The baseline: a server on loopback answering every request with one fixed RecognizeText response. */
async function startBareServer(protocol) {
  const body = FIXED_ANSWER;
  if (!body) throw new Error('capture the sandbox answer first');
  const server = (protocol === 'h2' ? http2 : http).createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function measure(client, turns, inFlight) {
  let next = 0;
  const worker = async () => {
    while (next < turns) {
      const n = next++;
      const answer = await client.send(new RecognizeTextCommand({ ...ids, sessionId: `bench-${n % inFlight}`, text: 'when are you open' }));
      if (!answer.messages?.length) throw new Error('a turn came back without messages');
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - started;
}

/** Starts a child process and resolves with the first stdout line matching `pattern`. */
function child(args, pattern) {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    process_.stdout.on('data', (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) resolve({ value: match[1], close: () => process_.kill() });
    });
    process_.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

const bareServerSource = () => `
const http = require('node:http');
const body = ${JSON.stringify(FIXED_ANSWER)};
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); });
server.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
`;

const factory = new ClientFactory({ userAgent: 'bench', requestTimeoutMs: 30_000, maxAttempts: 1 });

/** The extension's Lex client (ClientFactory), or the SDK's default one, signing as the guest. */
async function lexClient(endpoint, credentials, sdkDefault) {
  if (sdkDefault) return new LexRuntimeV2Client({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  return factory.clientWith({ kind: 'sandbox', endpoint, region: 'us-east-1' }, 'lexRuntime', credentials);
}

async function compare(title, sandboxEndpoint, bareEndpoint, sdkDefault = false) {
  console.log(title);
  const credentials = await guestCredentials(sandboxEndpoint);
  const clients = { sandbox: await lexClient(sandboxEndpoint, credentials, sdkDefault), bare: await lexClient(bareEndpoint, credentials, sdkDefault) };
  // Warm up both: a fresh sandbox process answers its first few thousand requests up to twice
  // as slowly while V8 optimises its code (the bare server has little code to optimise), and the
  // figure wanted is the steady cost of a running sandbox.
  for (const client of Object.values(clients)) await measure(client, WARM_UP_TURNS, 8);
  for (const [label, inFlight] of [
    ['sequential', 1],
    [`${IN_FLIGHT} in flight`, IN_FLIGHT],
  ]) {
    // Rounds of both sides back to back, alternating which goes first, so a burst of load from
    // elsewhere on this shared machine falls on one round's pair rather than on one side. The
    // ratio is the median of the rounds' ratios (31 short rounds: a stable median on a noisy
    // machine, where 5 or 11 long ones moved by ±0.1x from run to run); their range is printed.
    const times = { sandbox: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 ? ['bare', 'sandbox'] : ['sandbox', 'bare']) times[side].push(await measure(clients[side], TURNS, inFlight));
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratios = times.sandbox.map((time, round) => time / times.bare[round]);
    const ratio = median(ratios);
    const verdict = sdkDefault ? '(reference)' : `(target <= ${TARGET}x) ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`;
    console.log(
      `  ${label}: sandbox ${(median(times.sandbox) / TURNS).toFixed(3)} ms/turn, bare server ${(median(times.bare) / TURNS).toFixed(3)} ms/turn -> ratio ${ratio.toFixed(2)}x ${verdict}` +
        ` (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x)`,
    );
  }
  for (const client of Object.values(clients)) client.destroy();
}

// 1. Sandbox and bare server in this process, beside the client (as in the extension host).
const sandbox = await startSandboxServer();
await captureAnswer(sandbox.endpoint, await guestCredentials(sandbox.endpoint));
console.log(`the answer both servers give: ${FIXED_ANSWER.length} bytes`);
const bare = await startBareServer('http1');
try {
  await compare('in one process with the client (as inside the extension host):', sandbox.endpoint, bare.endpoint);
} finally {
  await sandbox.close();
  await bare.close();
}
// 2. Each server in a process of its own (as npm run sandbox runs it), the client here.
const sandboxProcess = await child([path.join(repoRoot, 'scripts', 'sandbox.mjs'), '--port', '0', '--quiet'], /AWS_ENDPOINT_URL=(\S+)/);
const bareProcess = await child(['-e', bareServerSource()], /PORT=(\d+)/);
try {
  await compare('each server in its own process (as npm run sandbox runs it):', sandboxProcess.value, `http://127.0.0.1:${bareProcess.value}`);
} finally {
  sandboxProcess.close();
  bareProcess.close();
}
// 3. For reference: the SDK's default Lex client (HTTP/2, a new session per request), in process.
const sandbox2 = await startSandboxServer();
const bare2 = await startBareServer('h2');
try {
  await compare('for reference, the SDK default handler (HTTP/2, new session per request), in one process:', sandbox2.endpoint, bare2.endpoint, true);
} finally {
  await sandbox2.close();
  await bare2.close();
}
