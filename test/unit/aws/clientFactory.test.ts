import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { getCallerIdentity } from '../../../src/aws/identity';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';

describe('aws/clientFactory', () => {
  let sandbox: RunningSandbox;
  let connection: Connection;
  const factory = () => new ClientFactory({ userAgent: 'cognito-bot-workbench/9.9.9', requestTimeoutMs: 5000 });

  before(async () => {
    sandbox = await startSandboxServer();
    connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
  });
  after(() => sandbox.close());

  it('builds real SDK clients that reach the sandbox endpoint with its admin credentials', async () => {
    const identity = await getCallerIdentity(factory(), connection);
    assert.equal(identity.account, '000000000000');
    assert.equal(identity.arn, 'arn:aws:iam::000000000000:user/sandbox-admin');
  });

  it('builds every service client with the connection region and endpoint', async () => {
    const clients = factory();
    for (const service of ['sts', 'cognitoIdentity', 'cognitoIdentityProvider', 'iam', 'lexRuntime', 'lexModels', 'cloudFormation'] as const) {
      const client = await clients.client(connection, service);
      assert.equal(await client.config.region(), 'us-east-1', service);
      const endpoint = await client.config.endpoint?.();
      assert.equal(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`, sandbox.endpoint, service);
      assert.equal(await client.config.maxAttempts(), 3, service);
    }
  });

  it('caches clients per connection and builds new ones after clear()', async () => {
    const clients = factory();
    const first = await clients.client(connection, 'sts');
    assert.equal(await clients.client(connection, 'sts'), first);
    const otherRegion = await clients.client({ ...connection, region: 'eu-west-1' }, 'sts');
    assert.notEqual(otherRegion, first);
    assert.equal(clients.size, 2);
    clients.clear();
    assert.equal(clients.size, 0);
    assert.notEqual(await clients.client(connection, 'sts'), first);
  });

  it('names the extension in the User-Agent of every request', async () => {
    // A bare server at the unit's edge, to see the headers the real client sends.
    let userAgent = '';
    const server = http.createServer((request, response) => {
      userAgent = `${request.headers['user-agent']} ${request.headers['x-amz-user-agent'] ?? ''}`;
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/x</Arn><UserId>AIDAX</UserId><Account>000000000000</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await getCallerIdentity(factory(), { kind: 'sandbox', endpoint, region: 'us-east-1' });
      assert.match(userAgent, /cognito-bot-workbench\/9\.9\.9/);
    } finally {
      server.close();
    }
  });

  it('gives up after the request timeout with a message that says what to do', async () => {
    const server = http.createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const clients = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 300, maxAttempts: 1 });
      const started = Date.now();
      await assert.rejects(getCallerIdentity(clients, { kind: 'sandbox', endpoint, region: 'us-east-1' }), /did not answer in time.*requestTimeoutSeconds/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('builds a Lex client that signs with the given credentials and keeps one HTTP/1.1 connection across turns', async () => {
    // A bare server at the unit's edge, to see the protocol, the signing key and the sockets.
    const seen: { version: string; accessKey: string }[] = [];
    let connections = 0;
    const server = http.createServer((request, response) => {
      seen.push({ version: request.httpVersion, accessKey: /Credential=([^/]+)/.exec(String(request.headers.authorization))?.[1] ?? '' });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ sessionId: 's', messages: [], interpretations: [], sessionState: {} }));
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lex = await factory().clientWith({ kind: 'sandbox', endpoint, region: 'us-east-1' }, 'lexRuntime', {
      accessKeyId: 'ASIAGUESTGUESTGUEST0',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
    try {
      const { RecognizeTextCommand } = await import('@aws-sdk/client-lex-runtime-v2');
      for (let turn = 0; turn < 3; turn++) {
        await lex.send(new RecognizeTextCommand({ botId: 'B', botAliasId: 'A', localeId: 'en_US', sessionId: 's', text: 'hi' }));
      }
      assert.deepEqual(seen, Array(3).fill({ version: '1.1', accessKey: 'ASIAGUESTGUESTGUEST0' }));
      assert.equal(connections, 1, 'each turn opened a connection of its own');
    } finally {
      lex.destroy();
      server.close();
    }
  });

  it('does not evaluate the AWS SDK until a client is first asked for', () => {
    const module = path.resolve(__dirname, '../../../src/aws/clientFactory.js');
    const script = `
      const { ClientFactory } = require(${JSON.stringify(module)});
      const loaded = () => Object.keys(require.cache).filter((k) => k.includes('@aws-sdk')).length;
      const before = loaded();
      new ClientFactory({ userAgent: 't', requestTimeoutMs: 1000 })
        .client({ kind: 'sandbox', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }, 'sts')
        .then(() => console.log(JSON.stringify({ before, after: loaded() })));`;
    const { before, after } = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.equal(before, 0, 'the SDK was loaded with the factory');
    assert.ok(after > 0, 'the SDK did not load on first use');
  });
});
