// The demo's web page, as a user runs it: served the way `npm start` serves it, in Debian's
// Chromium, against the sandbox. Its ids go in through the same find as Put Ids into Workspace;
// the pools are made by the same provisioning code as the extension's commands.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../scripts/browser.mjs';
import { repoRoot } from '../../scripts/code-server.mjs';
import { serveWebchat } from '../../scripts/webchat.mjs';

const require = createRequire(import.meta.url);
const out = (module) => require(path.join(repoRoot, 'out', module));
const { startSandboxServer } = require(path.join(repoRoot, 'dist', 'sandbox.js'));
const { ClientFactory } = out('src/aws/clientFactory.js');
const { awsContextFor } = out('test/unit/support.js');
const { createUserPool, parseCreateUserPoolArgs } = out('src/provisioning/userPool.js');
const { createIdentityPool, parseCreateIdentityPoolArgs } = out('src/provisioning/identityPool.js');
const { findReplacements } = out('src/inject/scan.js');

// An origin the sandbox does not allow: Chromium resolves the name to this machine, where a
// plain proxy hands the page's files on from the local server (esbuild's server answers only
// loopback Host names). The page is the same; only its origin differs. (Not Playwright's
// page.route: while it intercepts, Playwright answers CORS preflights itself.)
const FOREIGN_HOST = 'webchat.example';

/** An HTTP server that fetches each path from `target` and answers with its status, type and body. */
async function startProxy(target) {
  const server = http.createServer(async (request, response) => {
    const upstream = await fetch(new URL(request.url, target));
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The text with every replacement applied, last first so offsets stay right. */
function applied(text, replacements) {
  return [...replacements].reverse().reduce((result, { start, end, newText }) => result.slice(0, start) + newText + result.slice(end), text);
}

describe('the demo web page against the sandbox (e2e)', function () {
  let sandbox;
  let factory;
  let folder;
  let site;
  let proxy;
  let browser;
  let userPoolId;
  const messages = [];
  const requests = [];

  before(async function () {
    sandbox = await startSandboxServer({ port: 0, onMessage: (m) => messages.push(m), onRequest: (line) => requests.push(line) });
    factory = new ClientFactory({ userAgent: 'cbw-e2e', requestTimeoutMs: 10_000 });
    const ctx = await awsContextFor(factory, { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' });
    const userPool = await createUserPool(ctx, parseCreateUserPoolArgs({ name: 'CoffeeWebPool' }));
    const identityPool = await createIdentityPool(
      ctx,
      parseCreateIdentityPoolArgs({
        name: 'CoffeeWebVisitors',
        allowUnauthenticated: true,
        userPoolId: userPool.userPoolId,
        clientId: userPool.clientId,
        attachLexRunBotsOnly: true,
      }),
    );
    userPoolId = userPool.userPoolId;
    const bot = sandbox.bots.find((b) => b.sample);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-webchat-'));
    fs.cpSync(path.join(repoRoot, 'demo', 'webchat'), folder, { recursive: true });
    const configFile = path.join(folder, 'config.js');
    const text = fs.readFileSync(configFile, 'utf8');
    const values = {
      region: 'us-east-1',
      userPoolId: userPool.userPoolId,
      clientId: userPool.clientId,
      identityPoolId: identityPool.identityPoolId,
      botId: bot.botId,
      botAliasId: bot.botAliasId,
    };
    const replacements = findReplacements(text, values);
    fs.writeFileSync(configFile, applied(text, replacements));
    // Put Ids finds every id the page needs: each value once, nothing left to fill in by hand.
    assert.deepEqual(replacements.map((r) => r.kind).sort(), Object.keys(values).sort());
    site = await serveWebchat({ folder, sandboxEndpoint: sandbox.endpoint });
    proxy = await startProxy(site.url);
    browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${FOREIGN_HOST} 127.0.0.1`] });
  });

  after(async function () {
    await browser?.close();
    await proxy?.close();
    await site?.stop();
    factory?.clear();
    await sandbox?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** A new page with its console errors and uncaught exceptions collected. */
  async function openPage(url) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(url);
    // The script has run (the HTML says "Loading…").
    await page.locator('#status', { hasText: 'as a guest' }).waitFor();
    return { page, problems };
  }

  async function say(page, text) {
    const before = await page.locator('#conversation .message.bot').count();
    await page.fill('#message', text);
    await page.click('#chat button[type="submit"]');
    await page.locator('#conversation .message.bot').nth(before).waitFor({ timeout: 15_000 });
  }

  it('signs up, confirms with the code the sandbox logs, signs in and chats with the bot as that user', async function () {
    const { page, problems } = await openPage(site.url);
    const email = 'ana@example.com';
    const signUp = page.locator('#sign-up');
    await signUp.getByLabel('Name').fill('Ana');
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill('Coffee-Beans-42');
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#confirm').waitFor();
    const logged = messages.find((m) => m.includes(email));
    assert.ok(logged, `the sandbox logs a code for ${email}: ${messages.join('\n')}`);
    const code = /: (\d{6})$/.exec(logged)?.[1];
    assert.ok(code, logged);
    await page.locator('#confirm').getByLabel('Code').fill(code);
    await page.locator('#confirm').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('#status', { hasText: `${email} is confirmed` }).waitFor();
    await page.locator('#sign-in').getByLabel('Password').fill('Coffee-Beans-42');
    await page.locator('#sign-in').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#status', { hasText: `Signed in as ${email}` }).waitFor({ timeout: 15_000 });

    const credentialRequests = [];
    page.on('request', (request) => {
      if (request.headers()['x-amz-target'] === 'AWSCognitoIdentityService.GetCredentialsForIdentity') credentialRequests.push(request.postDataJSON());
    });
    const before = requests.length;
    await say(page, 'when are you open');
    assert.match(await page.locator('#conversation .message.bot').last().textContent(), /7am to 6pm/i);
    // The bot was reached with the signed-in user's identity-pool credentials: the page swapped
    // the user pool's ID token for them, and the sandbox gave them.
    assert.equal(credentialRequests.length, 1);
    assert.deepEqual(Object.keys(credentialRequests[0].Logins ?? {}), [`cognito-idp.us-east-1.amazonaws.com/${userPoolId}`]);
    const calls = requests.slice(before).join('\n');
    // Through the browser's CORS checks: preflights answered by the sandbox itself.
    assert.match(calls, /OPTIONS preflight \/bots\/.*\/text -> 200/);
    assert.match(calls, /POST cognito-identity GetCredentialsForIdentity -> 200/);
    assert.match(calls, /POST lex \/bots\/\w+\/botAliases\/\w+\/botLocales\/en_US\/sessions\/\w+\/text -> 200/);
    await say(page, 'hello');
    await page.locator('#conversation .buttons button', { hasText: 'Opening hours' }).click();
    await page
      .locator('#conversation .message.bot', { hasText: /7am to 6pm/i })
      .nth(1)
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('chats as a guest before signing in', async function () {
    const { page, problems } = await openPage(site.url);
    await say(page, 'when are you open');
    assert.match(await page.locator('#conversation .message.bot').last().textContent(), /7am to 6pm/i);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the same page from an origin the sandbox does not allow is refused by the browser', async function () {
    const { port } = proxy;
    const { page, problems } = await openPage(`http://${FOREIGN_HOST}:${port}/`);
    assert.equal(new URL(page.url()).origin, `http://${FOREIGN_HOST}:${port}`);
    const before = requests.length;
    const signUp = page.locator('#sign-up');
    await signUp.getByLabel('Name').fill('Eve');
    await signUp.getByLabel('Email').fill('eve@example.com');
    await signUp.getByLabel('Password').fill('Coffee-Beans-42');
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#account-error', { hasText: /\S/ }).waitFor({ timeout: 15_000 });
    assert.ok(
      problems.some((p) => p.includes(`from origin 'http://${FOREIGN_HOST}:${port}' has been blocked by CORS policy`)),
      `Chromium says CORS refused it: ${problems.join('\n')}`,
    );
    // Only the preflight reached the sandbox, refused; the sign-up itself was never sent.
    const reached = requests.slice(before);
    assert.ok(reached.length > 0, 'the preflight reached the sandbox');
    assert.ok(
      reached.every((line) => line.startsWith('OPTIONS preflight')),
      reached.join('\n'),
    );
    assert.equal(messages.filter((m) => m.includes('eve@example.com')).length, 0);
    await page.close();
  });
});
