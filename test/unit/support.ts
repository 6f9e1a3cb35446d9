import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ClientFactory } from '../../src/aws/clientFactory';
import type { Connection } from '../../src/aws/connection';
import type { AwsContext } from '../../src/aws/context';
import { loadSdk } from '../../src/aws/loadSdk';
import { SANDBOX_ACCOUNT_ID } from '../../src/aws/sandboxAccount';
import { createIdentityPool, parseCreateIdentityPoolArgs } from '../../src/provisioning/identityPool';
import { createUserPool, parseCreateUserPoolArgs } from '../../src/provisioning/userPool';
import { startSandboxServer } from '../../src/sandbox';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
/** A real Lex V2 console export that nobody here wrote (see test/fixtures/lex-exports/README.md). */
export const PIZZA_DELIVERY = path.join(FIXTURES, 'lex-exports', 'PizzaDelivery-DRAFT-LexJson.zip');

/**
 * Points the AWS SDK's shared-file loading at fresh config and credentials files (and HOME at
 * an empty folder, so no SSO token cache or real profile leaks in) until `restore()`.
 */
export function isolatedAwsFiles(config: string, credentials = ''): { dir: string; restore(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-aws-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  const saved = { ...process.env };
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.HOME = dir;
  for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_ENDPOINT_URL']) {
    delete process.env[key];
  }
  return {
    dir,
    restore() {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The AwsContext of a connection, its clients from factory, as the connection manager builds it. */
export async function awsContextFor(factory: ClientFactory, connection: Connection, account = SANDBOX_ACCOUNT_ID): Promise<AwsContext> {
  return { sdk: await loadSdk(), region: connection.region, account, client: (service) => factory.client(connection, service) };
}

/** What a client sent, as it sent it: each command's name (`names`), and with its input (`sent`). */
export interface Spied<C> {
  readonly client: C;
  readonly sent: { name: string; input: string }[];
  readonly names: string[];
}

/**
 * The client, its `send` recorded, and a command failing when `refuse` gives an error for its
 * name: a fault at the unit's edge (AWS refusing a call).
 */
export function spying<C extends object>(client: C, refuse: (commandName: string) => Error | undefined = () => undefined): Spied<C> {
  const sent: { name: string; input: string }[] = [];
  const names: string[] = [];
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: unknown }, ...rest: unknown[]) => {
        sent.push({ name: command.constructor.name, input: JSON.stringify(command.input) });
        names.push(command.constructor.name);
        const error = refuse(command.constructor.name);
        return error ? Promise.reject(error) : (target as { send: (...a: unknown[]) => unknown }).send.call(target, command, ...rest);
      };
    },
  });
  return { client: proxy, sent, names };
}

/** The same context, every client spied on: commands named in `sent` (when given), and refused when `refuse` says so. */
export function intercepting(ctx: AwsContext, refuse: (commandName: string) => Error | undefined = () => undefined, sent?: string[]): AwsContext {
  return {
    ...ctx,
    async client(service) {
      const spied = spying(await ctx.client(service), (name) => {
        sent?.push(name);
        return refuse(name);
      });
      return spied.client;
    },
  };
}

/**
 * The identity pools the credential tests sign in to: one with guest access, and one whose
 * login provider is a user pool (no guests), with a way to create that pool's users.
 */
async function poolsForSignIn(ctx: AwsContext, prefix: string, password: string) {
  const guests = await createIdentityPool(
    ctx,
    parseCreateIdentityPoolArgs({ name: `${prefix}Guests`, allowUnauthenticated: true, attachLexRunBotsOnly: true }),
  );
  const pool = await createUserPool(ctx, parseCreateUserPoolArgs({ name: `${prefix}Users` }));
  const members = await createIdentityPool(
    ctx,
    parseCreateIdentityPoolArgs({
      name: `${prefix}Members`,
      allowUnauthenticated: false,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      attachLexRunBotsOnly: true,
    }),
  );
  const users = { userPoolId: pool.userPoolId, clientId: pool.clientId, identityPoolId: members.identityPoolId };
  /** A user of the pool with a temporary password, or (permanent) with `password`. */
  const createUser = async (username: string, permanent: boolean) => {
    const idp = await ctx.client('cognitoIdentityProvider');
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: users.userPoolId,
        Username: username,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: username },
          { Name: 'name', Value: `${prefix} User` },
        ],
      }),
    );
    if (permanent) await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: users.userPoolId, Username: username, Password: password, Permanent: true }));
  };
  return { guests, users, createUser };
}

const REPO = path.resolve(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface CognitoLocal {
  readonly endpoint: string;
  stop(): void;
}

/** Starts cognito-local (an emulator nobody here wrote; a dev dependency) on a free loopback port. */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cognito-local-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js')], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const up = await fetch(endpoint, { method: 'POST' }).then(
      () => true,
      () => false,
    );
    if (up) return { endpoint, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error('cognito-local did not start');
}

/**
 * A sandbox on `clock` with the pools a web page signs in with (poolsForSignIn) and one user,
 * ada@example.com, with `password`: where the credential and chat session tests start.
 */
export async function signInSandbox(prefix: string, password: string, clock: () => Date) {
  const sandbox = await startSandboxServer({ clock });
  const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
  const connection: Connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
  const ctx = await awsContextFor(factory, connection);
  const pools = await poolsForSignIn(ctx, prefix, password);
  await pools.createUser('ada@example.com', true);
  const close = async () => {
    factory.clear();
    await sandbox.close();
  };
  return { sandbox, factory, connection, ctx, sdk: ctx.sdk, ...pools, close };
}
