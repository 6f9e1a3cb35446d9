import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ConnectionManager } from '../../src/connection/connectionManager';
import { profileConnection } from '../../src/aws/profiles';
import { listUserPools } from '../../src/aws/services/cognitoIdp';
import { type RunningSandbox, startSandboxServer } from '../../src/sandbox';
import type { Log } from '../../src/ui/log';

/** Global state kept in memory: the storage at the manager's edge. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as vscode.Memento;
}

/** Read through a function, so the compiler does not narrow it across awaits. */
const identityOf = (manager: ConnectionManager) => manager.current?.identity;

const quiet: Log = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  show: () => undefined,
};

// A profile connection restored at startup has not met STS. Every feature (tree, pickers,
// hovers, commands) asks the connection manager for its AWS context; the manager learns the
// identity once per connection. The `broker` profile (a credential_process, from the host
// launcher's AWS config) reaches the sandbox this suite starts (AWS_ENDPOINT_URL, which the
// connection resolves as the profile's endpoint), whose requests it counts.
describe('the connection manager learns who a connection is once', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  const requests: string[] = [];
  const endpointBefore = process.env.AWS_ENDPOINT_URL;
  const stsCalls = () => requests.filter((line) => / sts /.test(line)).length;

  before(async () => {
    sandbox = await startSandboxServer({ onRequest: (line) => requests.push(line) });
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
  });
  after(async () => {
    process.env.AWS_ENDPOINT_URL = endpointBefore;
    await sandbox.close();
  });

  it('asks STS once, however many ask for the context at once or in turn, and remembers the account', async () => {
    const manager = new ConnectionManager(memento(), quiet, 'test');
    try {
      const learned: (string | undefined)[] = [];
      manager.onDidLearnIdentity((active) => learned.push(active.identity?.account));
      await manager.use(await profileConnection('broker', 'us-east-1'), undefined);
      assert.equal(identityOf(manager), undefined, 'restored without a network call');

      const together = await Promise.all(Array.from({ length: 5 }, () => manager.awsContext()));
      for (let i = 0; i < 3; i++) await listUserPools(await manager.awsContext());
      assert.deepEqual(new Set(together.map((ctx) => ctx.account)), new Set(['000000000000']));
      assert.equal(stsCalls(), 1, requests.join('\n'));
      assert.equal(identityOf(manager)?.account, '000000000000');
      assert.deepEqual(learned, ['000000000000']);

      // Another connection is another identity: one more call, then none.
      await manager.use(await profileConnection('broker', 'eu-west-3'), undefined);
      await manager.awsContext();
      await manager.awsContext();
      assert.equal(stsCalls(), 2, requests.join('\n'));
    } finally {
      manager.dispose();
    }
  });

  it('does not remember a failure: the next use asks again', async () => {
    const manager = new ConnectionManager(memento(), quiet, 'test');
    try {
      await manager.use(await profileConnection('nobody', 'us-east-1'), undefined);
      await assert.rejects(manager.awsContext(), /no AWS profile named "nobody"|No credentials found/);
      await assert.rejects(manager.awsContext(), /no AWS profile named "nobody"|No credentials found/);
      assert.equal(manager.current?.identity, undefined);
    } finally {
      manager.dispose();
    }
  });
});
