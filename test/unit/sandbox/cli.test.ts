import * as assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory } from '../../../src/aws/clientFactory';
import { getCallerIdentity } from '../../../src/aws/identity';
import { profileConnection } from '../../../src/aws/profiles';
import { SANDBOX_PROFILE } from '../../../src/aws/sandboxAccount';
import { sandboxBotId } from '../../../src/sandbox/bots';
import { PIZZA_DELIVERY } from '../support';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** Starts `node scripts/sandbox.mjs` and resolves, once it is listening, with the variables it prints and its log so far. */
function startCli(args: string[]): Promise<{ child: ChildProcess; env: Record<string, string>; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'sandbox.mjs'), '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const settle = () => {
      const lines = out.split('\n').filter(Boolean);
      if (lines.length >= 4 && err.includes('listening')) {
        resolve({ child, env: Object.fromEntries(lines.map((line) => line.split(/=(.*)/s).slice(0, 2))), log: err });
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      settle();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      settle();
    });
    child.on('exit', (code) => reject(new Error(`sandbox CLI exited with ${code}: ${err}`)));
  });
}

/** An SDK client config from the printed variables alone, as a shell that set them has it. */
function configFrom(env: Record<string, string>) {
  return {
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  };
}

describe('sandbox command line (npm run sandbox)', () => {
  const children: ChildProcess[] = [];
  afterEach(() => children.splice(0).forEach((child) => child.kill()));

  it('prints exactly the four variables an AWS SDK needs, and they work as they are', async () => {
    const { child, env } = await startCli(['--port', '0']);
    children.push(child);
    assert.deepEqual(Object.keys(env), ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']);
    assert.match(env.AWS_ENDPOINT_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const sts = new STSClient(configFrom(env));
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '000000000000');
  });

  it('keeps its state in --state DIR', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cli-'));
    try {
      const { child } = await startCli(['--state', dir]);
      children.push(child);
      assert.ok(fs.existsSync(path.join(dir, 'sandbox-state.json')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which port is taken, and exits non-zero', async () => {
    const { child, env } = await startCli(['--port', '0']);
    children.push(child);
    const port = new URL(env.AWS_ENDPOINT_URL).port;
    await assert.rejects(startCli(['--port', port]), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
  });
});

describe('sandbox command line: --allow-origin', () => {
  const preflight = (endpoint: string, origin: string) =>
    fetch(endpoint, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' } });

  it('allows web pages from the origins given, besides loopback ones, and says so', async () => {
    const { child, env, log } = await startCli(['--allow-origin', 'http://devbox.test:8080', '--allow-origin', 'https://chat.example.test/']);
    try {
      for (const origin of ['http://devbox.test:8080', 'https://chat.example.test', 'http://localhost:3000']) {
        const answer = await preflight(env.AWS_ENDPOINT_URL, origin);
        assert.equal(answer.status, 200, origin);
        assert.equal(answer.headers.get('access-control-allow-origin'), origin);
      }
      assert.equal((await preflight(env.AWS_ENDPOINT_URL, 'http://devbox.test:8081')).status, 403);
      assert.match(log, /Web pages on loopback .* may call it from a browser, and pages at http:\/\/devbox\.test:8080, https:\/\/chat\.example\.test\./);
    } finally {
      child.kill();
    }
  });

  it('without it, refuses pages from elsewhere and says how to allow one', async () => {
    const { child, env, log } = await startCli([]);
    try {
      const answer = await preflight(env.AWS_ENDPOINT_URL, 'http://devbox.test:8080');
      assert.equal(answer.status, 403);
      assert.match(await answer.text(), /--allow-origin http:\/\/devbox\.test:8080/);
      assert.match(log, /--allow-origin ORIGIN allows another/);
    } finally {
      child.kill();
    }
  });

  it('exits with 2 on something that is not an origin', async () => {
    await assert.rejects(startCli(['--allow-origin', 'devbox.test:8080']), /exited with 2: --allow-origin: "devbox\.test:8080" is not an origin/);
  });
});

describe('sandbox command line: bots', () => {
  it('runs exported bots given with --bot beside the sample bot', async () => {
    const { LexModelsV2Client, ListBotsCommand } = await import('@aws-sdk/client-lex-models-v2');
    const { child, env } = await startCli(['--bot', path.join(REPO, 'media', 'sample-bot')]);
    try {
      const models = new LexModelsV2Client(configFrom(env));
      const names = (await models.send(new ListBotsCommand({}))).botSummaries?.map((b) => b.botName);
      assert.deepEqual(names, ['CoffeeShop'], 'the same bot given twice is one bot');
    } finally {
      child.kill();
    }
  });

  it("says on stderr each bot's id, alias and locales, and which clients ignore AWS_ENDPOINT_URL", async () => {
    const { child, env, log } = await startCli(['--bot', PIZZA_DELIVERY]);
    try {
      const bots = log.split('\n').filter((line) => line.startsWith('bot '));
      assert.deepEqual(bots, [
        `bot CoffeeShop (sample): id ${sandboxBotId('CoffeeShop')}, alias TSTALIASID, locales en_US`,
        `bot PizzaDelivery: id ${sandboxBotId('PizzaDelivery')}, alias TSTALIASID, locales en_US`,
      ]);
      assert.match(log, /AWS CLI before 2\.13 and botocore before 1\.31 \(boto3 before 1\.28\).* ignore AWS_ENDPOINT_URL/);
      assert.ok(log.includes(`pass --endpoint-url ${env.AWS_ENDPOINT_URL}`), log);
    } finally {
      child.kill();
    }
  });
});

// The profile block on stderr, pasted as printed into config files of their own: the AWS CLI
// reads it (Debian's 2.9 predates endpoint_url in profiles, so it is given the URL it reads back
// with --endpoint-url; a CLI of 2.13 / 1.29 or later goes by the profile alone), and so does the
// extension, whose real SDK STS client reaches the sandbox with it.
describe('sandbox command line: the AWS profile it prints', () => {
  const AWS = process.env.CBW_AWS_CLI || (fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');
  let dir: string;
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The section `header` starts, up to the blank line after it, as printed. */
  function section(log: string, header: string): string {
    const found = new RegExp(`^${header.replace(/[[\]]/g, '\\$&')}\\n(?:.+\\n)+`, 'm').exec(log);
    assert.ok(found, `no ${header} section in:\n${log}`);
    return found[0];
  }

  it('is a [profile cognito-bot-sandbox] with endpoint_url and region, and its keys, that the AWS CLI and the extension read', async () => {
    const started = await startCli(['--port', '0']);
    child = started.child;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cli-profile-'));
    const config = section(started.log, `[profile ${SANDBOX_PROFILE}]`);
    const credentials = section(started.log, `[${SANDBOX_PROFILE}]`);
    assert.ok(started.log.includes('add to ~/.aws/config:') && started.log.includes('and to ~/.aws/credentials:'), started.log);
    fs.writeFileSync(path.join(dir, 'config'), config);
    fs.writeFileSync(path.join(dir, 'credentials'), credentials);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    };
    const aws = (...args: string[]) => execFileSync(AWS, [...args, '--profile', SANDBOX_PROFILE], { env, encoding: 'utf8', timeout: 30_000 }).trim();

    const endpoint = aws('configure', 'get', 'endpoint_url');
    assert.equal(endpoint, started.env.AWS_ENDPOINT_URL);
    assert.equal(aws('configure', 'get', 'region'), started.env.AWS_REGION);
    const [, major, minor] = /aws-cli\/(\d+)\.(\d+)/.exec(execFileSync(AWS, ['--version'], { env, encoding: 'utf8' })) ?? [];
    const readsEndpointUrl = Number(major) === 2 ? Number(minor) >= 13 : Number(minor) >= 29;
    const identity = JSON.parse(aws('sts', 'get-caller-identity', '--output', 'json', ...(readsEndpointUrl ? [] : ['--endpoint-url', endpoint])));
    assert.equal(identity.Arn, 'arn:aws:iam::000000000000:user/sandbox-admin', 'signed with the keys of the credentials section');

    const saved = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE, HOME: dir });
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_PROFILE;
    try {
      const connection = await profileConnection(SANDBOX_PROFILE, started.env.AWS_REGION);
      assert.deepEqual(new Set(Object.values(connection.endpoints ?? {})), new Set([started.env.AWS_ENDPOINT_URL]));
      const clients = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000 });
      assert.equal((await getCallerIdentity(clients, connection)).account, '000000000000');
      clients.clear();
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
