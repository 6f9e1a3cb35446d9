import * as assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CorsPolicy, EXPOSED_HEADERS, headerAllowed, isLoopbackOrigin, normaliseOrigin } from '../../../src/sandbox/cors';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxAdminCredentials, sandboxClientConfig } from '../../support/sandboxClients';

/** What amazon-cognito-identity-js and the SDK's browser clients ask for before a signed POST. */
const SDK_HEADERS =
  'amz-sdk-invocation-id, amz-sdk-request, authorization, content-type, x-amz-content-sha256, x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent';

describe('sandbox/cors: rules', () => {
  it('allows loopback origins on any port, http or https', () => {
    for (const origin of [
      'http://localhost:3000',
      'http://localhost',
      'http://127.0.0.1:5173',
      'http://[::1]:8080',
      'https://localhost:3000',
      'https://127.0.0.1:8443',
    ]) {
      assert.ok(isLoopbackOrigin(origin), origin);
    }
  });

  it('refuses origins that only look like loopback, null, and anything not an origin', () => {
    for (const origin of [
      'http://localhost.evil.com',
      'http://localhost.evil.com:3000',
      'http://127.0.0.1.nip.io',
      'http://evil.com?localhost',
      'http://localhost:3000/',
      'http://user@localhost:3000',
      'HTTP://LOCALHOST:3000',
      'http://127.0.0.2:3000',
      'http://0.0.0.0:3000',
      'file://localhost',
      'ws://localhost:3000',
      'null',
      '',
      'localhost:3000',
    ]) {
      assert.equal(isLoopbackOrigin(origin), false, origin);
      assert.equal(new CorsPolicy().allows(origin), false, origin);
    }
  });

  it('allows an exact extra origin, written as a person writes it, and nothing near it', () => {
    const policy = new CorsPolicy(['HTTPS://Devbox.Test:8443/']);
    assert.ok(policy.allows('https://devbox.test:8443'));
    assert.ok(policy.allows('http://localhost:3000'), 'loopback stays allowed');
    for (const near of ['http://devbox.test:8443', 'https://devbox.test', 'https://devbox.test:8444', 'https://sub.devbox.test:8443']) {
      assert.equal(policy.allows(near), false, near);
    }
  });

  it('refuses an extra origin that is not one, saying what an origin is', () => {
    for (const entry of ['devbox.test:8080', 'http://devbox.test/app', 'null', '*', 'ftp://devbox.test']) {
      assert.throws(() => normaliseOrigin(entry), /is not an origin: give the scheme, host and port/, entry);
    }
    assert.equal(normaliseOrigin('http://devbox.test:80/'), 'http://devbox.test');
  });

  it('allows the headers the SDKs send, by name and by prefix, and no others', () => {
    for (const name of SDK_HEADERS.split(', ').concat('x-amz-lex-session-state', 'x-amz-lex-request-attributes', 'cache-control')) {
      assert.ok(headerAllowed(name), name);
    }
    for (const name of ['x-forwarded-for', 'cookie', 'x-amz-', 'amz-sdk-', 'x-amzn-trace-id', 'x-custom']) assert.equal(headerAllowed(name), false, name);
  });

  it('answers only an OPTIONS that carries Origin and Access-Control-Request-Method as a preflight', () => {
    const policy = new CorsPolicy();
    assert.equal(policy.preflight({ origin: 'http://localhost:3000' }, 'OPTIONS'), undefined);
    assert.equal(policy.preflight({ 'access-control-request-method': 'POST' }, 'OPTIONS'), undefined);
    assert.equal(policy.preflight({ origin: 'http://localhost:3000', 'access-control-request-method': 'POST' }, 'POST'), undefined);
    assert.equal(policy.preflight({ origin: 'http://localhost:3000', 'access-control-request-method': 'PATCH' }, 'OPTIONS')?.response.status, 403);
    assert.equal(policy.preflight({ origin: 'http://localhost:3000', 'access-control-request-method': 'PUT' }, 'OPTIONS')?.response.status, 200);
  });

  it('adds no CORS headers to a request without Origin, and only Vary for a refused one', () => {
    const policy = new CorsPolicy();
    assert.deepEqual(policy.responseHeaders({}), { headers: {} });
    assert.deepEqual(policy.responseHeaders({ origin: 'https://evil.example' }).headers, { vary: 'Origin' });
  });
});

describe('sandbox/cors: through a running sandbox', () => {
  let sandbox: RunningSandbox;
  let lines: string[];
  before(async () => {
    lines = [];
    sandbox = await startSandboxServer({ allowedOrigins: ['https://devbox.test:8443'], onRequest: (line) => lines.push(line) });
  });
  after(() => sandbox.close());

  const preflight = (origin: string, path = '/', requestHeaders = SDK_HEADERS, method = 'POST') =>
    fetch(`${sandbox.endpoint}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders },
    });

  /** An STS client whose requests carry an Origin after signing (as a browser adds it), and the raw response headers of its last call. */
  function stsFrom(origin: string | undefined, credentials = sandboxAdminCredentials()) {
    const client = new STSClient(sandboxClientConfig(sandbox.endpoint, { credentials }));
    const seen: { headers?: Record<string, string> } = {};
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        if (origin) request.headers.origin = origin;
        const result = await next(args);
        seen.headers = (result.response as { headers: Record<string, string> }).headers;
        return result;
      },
      // Innermost: after signing, and seeing the raw answer before it is turned into an error.
      { step: 'deserialize', priority: 'low' },
    );
    return { client, seen };
  }

  it('answers a preflight from a loopback page, unsigned, on any path it serves', async () => {
    for (const path of ['/', '/bots/ABCDEFGHIJ/botAliases/TSTALIASID/botLocales/en_US/sessions/s1/text']) {
      const answer = await preflight('http://localhost:5173', path, `${SDK_HEADERS}, x-amz-lex-session-state`);
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.equal(answer.headers.get('access-control-allow-methods'), 'GET, POST, PUT, DELETE, OPTIONS');
      assert.equal(answer.headers.get('access-control-allow-headers'), `${SDK_HEADERS}, x-amz-lex-session-state`);
      assert.equal(answer.headers.get('access-control-max-age'), '600');
      assert.equal(answer.headers.get('vary'), 'Origin');
      assert.equal(await answer.text(), '');
    }
    assert.ok(lines.includes('OPTIONS preflight / -> 200'), lines.join('\n'));
  });

  it('answers a preflight from an origin given in allowedOrigins', async () => {
    const answer = await preflight('https://devbox.test:8443');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'https://devbox.test:8443');
  });

  it('refuses a preflight from another origin: 403, no Allow-Origin, and how to allow it', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.com:3000', 'null']) {
      const answer = await preflight(origin);
      assert.equal(answer.status, 403, origin);
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
      assert.equal(answer.headers.get('access-control-allow-headers'), null);
      assert.match(
        await answer.text(),
        new RegExp(`does not allow requests from pages at ${origin.replace(/\./g, '\\.')}\\..*--allow-origin .*cognitoBot\\.sandbox\\.allowedOrigins`),
      );
    }
    assert.ok(lines.includes('OPTIONS preflight / -> 403 (origin not allowed)'), lines.join('\n'));
  });

  it('refuses a preflight that asks for a header the SDKs do not send, naming it', async () => {
    const answer = await preflight('http://localhost:5173', '/', 'content-type, x-custom');
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('access-control-allow-headers'), null);
    assert.match(await answer.text(), /does not take the request header x-custom;/);
  });

  it('a signed SDK call from an allowed page gets Allow-Origin and the exposed headers', async () => {
    const { client, seen } = stsFrom('http://127.0.0.1:8080');
    assert.equal((await client.send(new GetCallerIdentityCommand({}))).Account, '000000000000');
    assert.equal(seen.headers?.['access-control-allow-origin'], 'http://127.0.0.1:8080');
    assert.equal(seen.headers?.['access-control-expose-headers'], EXPOSED_HEADERS.join(', '));
    assert.ok(EXPOSED_HEADERS.includes('x-amzn-requestid') && EXPOSED_HEADERS.includes('x-amz-lex-session-state'));
    assert.equal(seen.headers?.vary, 'Origin');
  });

  it('an error answer to an allowed page carries them too, so the page can read the error', async () => {
    const { client, seen } = stsFrom('http://[::1]:8080', { ...sandboxAdminCredentials(), secretAccessKey: 'not-the-secret' });
    await assert.rejects(client.send(new GetCallerIdentityCommand({})), { name: 'SignatureDoesNotMatch' });
    assert.equal(seen.headers?.['access-control-allow-origin'], 'http://[::1]:8080');
    assert.equal(seen.headers?.['access-control-expose-headers'], EXPOSED_HEADERS.join(', '));
  });

  it('an unsigned public call (cognito-idp, JSON) from an allowed page gets them on its error', async () => {
    const answer = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
      body: JSON.stringify({ ClientId: 'nosuchclient', Username: 'a', Password: 'Passw0rd!' }),
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.ok(answer.headers.get('x-amzn-requestid'));
  });

  it('a call from a refused page gets no CORS headers (the browser keeps the answer from it)', async () => {
    const { client, seen } = stsFrom('https://evil.example');
    await client.send(new GetCallerIdentityCommand({}));
    assert.equal(seen.headers?.['access-control-allow-origin'], undefined);
    assert.equal(seen.headers?.['access-control-expose-headers'], undefined);
    assert.ok(lines.includes('POST sts / -> 200 (origin not allowed, no CORS headers)'), lines.join('\n'));
  });

  it('a call without Origin (SDKs, the CLI) is answered as before', async () => {
    const { client, seen } = stsFrom(undefined);
    await client.send(new GetCallerIdentityCommand({}));
    assert.equal(
      Object.keys(seen.headers ?? {}).some((name) => name.startsWith('access-control-') || name === 'vary'),
      false,
    );
  });
});

describe('sandbox/cors: the allowedOrigins option', () => {
  it('refuses to start with an entry that is not an origin', async () => {
    await assert.rejects(startSandboxServer({ allowedOrigins: ['devbox.test:8080'] }), /"devbox\.test:8080" is not an origin/);
  });

  it('without it, only loopback pages are allowed', async () => {
    const sandbox = await startSandboxServer();
    try {
      const ask = (origin: string) => fetch(sandbox.endpoint, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal((await ask('https://devbox.test:8443')).status, 403);
      const loopback = await ask('http://localhost:3000');
      assert.equal(loopback.status, 200);
      assert.equal(loopback.headers.get('access-control-allow-headers'), null, 'nothing asked, nothing allowed');
    } finally {
      await sandbox.close();
    }
  });
});
