// `npm run sandbox -- [--port P] [--state DIR] [--bot PATH]... [--code-hook BotName=module.js]... [--allow-origin ORIGIN]...`:
// runs the local sandbox from the command line, with the sample bot and any exported Lex V2 bots
// (zip or folder) given; a code hook module exports a Lambda-style handler(event). Web pages on
// loopback (http://localhost:PORT, …) may call it from a browser; --allow-origin allows another.
// stdout gets exactly the lines a shell or any AWS SDK / CLI needs to use it:
//   AWS_ENDPOINT_URL=…  AWS_ACCESS_KEY_ID=…  AWS_SECRET_ACCESS_KEY=…  AWS_REGION=…
// e.g.  npm run -s sandbox -- --port 4599 > sandbox.env &   then   set -a; . ./sandbox.env; set +a
// Logs go to stderr: the bots it runs (id, alias, locales), the profile to paste into ~/.aws/config
// and ~/.aws/credentials (endpoint_url, region, the admin's keys), then each request. Ctrl+C stops it.
// It builds dist/sandbox.js only when a source is newer, so a built checkout starts at once.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './code-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    state: { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    quiet: { type: 'boolean', default: false },
    bot: { type: 'string', multiple: true, default: [] },
    'code-hook': { type: 'string', multiple: true, default: [] },
    'allow-origin': { type: 'string', multiple: true, default: [] },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 picks a free one); got ${values.port}`);
  process.exit(2);
}

const codeHooks = {};
for (const entry of values['code-hook']) {
  const [name, module] = entry.split(/=(.*)/s);
  if (!name || !module) {
    console.error(`--code-hook takes BotName=path/to/module.js; got ${entry}`);
    process.exit(2);
  }
  codeHooks[name] = path.resolve(module);
}

/** The newest modification time of the files the sandbox bundle is built from (0 for none). */
function newestSource() {
  let newest = 0;
  const consider = (file) => (newest = Math.max(newest, fs.statSync(file).mtimeMs));
  for (const entry of fs.readdirSync(path.join(repoRoot, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) consider(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  for (const file of ['scripts/build.mjs', 'package-lock.json']) if (fs.existsSync(path.join(repoRoot, file))) consider(path.join(repoRoot, file));
  return newest;
}

/** Whether a chunk the bundle requires (errors.js, sdk.js, …) is missing: a build that stopped half-way. */
function chunkMissing(bundle) {
  const requires = fs.readFileSync(bundle, 'utf8').matchAll(/require\("\.\/([\w.-]+\.js)"\)/g);
  return [...requires].some(([, chunk]) => !fs.existsSync(path.join(repoRoot, 'dist', chunk)));
}

const bundle = path.join(repoRoot, 'dist', 'sandbox.js');
if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newestSource() || chunkMissing(bundle)) {
  console.error('Building dist/sandbox.js (it is missing, older than a source, or lacks a chunk it needs)…');
  const { buildSandbox } = await import('./build.mjs');
  try {
    await buildSandbox();
  } catch {
    // esbuild has printed what failed.
    process.exit(1);
  }
}
const { normaliseOrigin, startSandboxServer, SANDBOX_ADMIN_CREDENTIALS, SANDBOX_PROFILE, sandboxProfileSections } = createRequire(import.meta.url)(bundle);
let allowedOrigins;
try {
  allowedOrigins = values['allow-origin'].map(normaliseOrigin);
} catch (error) {
  console.error(`--allow-origin: ${error.message}`);
  process.exit(2);
}
let sandbox;
try {
  sandbox = await startSandboxServer({
    port,
    stateDir: values.state ? path.resolve(values.state) : undefined,
    bots: values.bot.map((bot) => path.resolve(bot)),
    codeHooks,
    allowedOrigins,
    onWarning: (message) => console.error(`warning: ${message}`),
    onMessage: (message) => console.error(message),
    onRequest: values.quiet ? undefined : (line) => console.error(line),
  });
} catch (error) {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} on 127.0.0.1 is in use: pick another with --port, or 0 for a free one.` : error.message);
  process.exit(1);
}
process.stdout.write(
  [
    `AWS_ENDPOINT_URL=${sandbox.endpoint}`,
    `AWS_ACCESS_KEY_ID=${SANDBOX_ADMIN_CREDENTIALS.accessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${SANDBOX_ADMIN_CREDENTIALS.secretAccessKey}`,
    `AWS_REGION=${values.region}`,
    '',
  ].join('\n'),
);
for (const bot of sandbox.bots) {
  console.error(`bot ${bot.botName}${bot.sample ? ' (sample)' : ''}: id ${bot.botId}, alias ${bot.botAliasId}, locales ${bot.localeIds.join(', ')}`);
}
const profile = sandboxProfileSections(sandbox.endpoint, values.region);
console.error(
  `To reach it by profile (--profile ${SANDBOX_PROFILE}, from the AWS CLI, SDKs or this extension's Select Connection), add to ~/.aws/config:\n\n${profile.config}\nand to ~/.aws/credentials:\n\n${profile.credentials}`,
);
// Service-specific endpoints (AWS_ENDPOINT_URL, a profile's endpoint_url) came with AWS CLI 2.13
// and botocore 1.31 (boto3 1.28); Debian bookworm's awscli 2.9 and python3-botocore 1.29 predate them.
console.error(
  `note: AWS CLI before 2.13 and botocore before 1.31 (boto3 before 1.28), Debian's among them, ignore AWS_ENDPOINT_URL (and a profile's endpoint_url): with those, pass --endpoint-url ${sandbox.endpoint}.`,
);
console.error(
  `Web pages on loopback (http://localhost:PORT, http://127.0.0.1:PORT) may call it from a browser${allowedOrigins.length > 0 ? `, and pages at ${allowedOrigins.join(', ')}` : '; --allow-origin ORIGIN allows another'}.`,
);
console.error(
  `Sandbox listening on ${sandbox.endpoint}${values.state ? `, state in ${path.resolve(values.state)}` : ' (state in memory; --state DIR keeps it)'}. Ctrl+C stops it.`,
);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
