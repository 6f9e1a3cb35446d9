import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readAppContext, showAsLexWebUi } from '../../../src/chat/appContext';
import { botMessages } from '../../../src/chat/inspect';
import type { PanelState, Turn } from '../../../src/chat/protocol';

// The chat page (dist/webview.js, as `npm run build` writes it) in Debian's Chromium, under a CSP
// like the panel's, with acquireVsCodeApi standing in for VS Code: what it draws from the host's
// messages, and what it posts back.
const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const DIST = path.join(REPO, 'dist');
const ORIGIN = 'https://webview.test';
const GENERIC = 'application/vnd.amazonaws.card.generic';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchBrowser } = require(path.join(REPO, 'scripts', 'browser.mjs')) as { launchBrowser(): Promise<Browser> };

function pageHtml(): string {
  const nonce = 'dGVzdC1ub25jZQ==';
  const csp = `default-src 'none'; img-src ${ORIGIN} https:; style-src ${ORIGIN}; font-src ${ORIGIN}; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${ORIGIN}/webview.css"></head>
<body><div id="root"></div>
<script nonce="${nonce}">
  window.posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });
</script>
<script nonce="${nonce}" src="${ORIGIN}/webview.js"></script></body></html>`;
}

/** A turn as the chat session makes it from a RecognizeText answer with these messages and session attributes. */
function turnOf(id: string, user: string, messages: Parameters<typeof botMessages>[0], sessionAttributes: Record<string, string>): Turn {
  const { appContext } = readAppContext(sessionAttributes);
  return { id, user, at: '2024-05-01T10:00:00.000Z', ...showAsLexWebUi(botMessages(messages), appContext) };
}

describe('the chat page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!fs.existsSync(path.join(DIST, 'webview.js'))) throw new Error('dist/webview.js is missing: run "npm run build" first.');
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  beforeEach(async () => {
    page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const file = new URL(route.request().url()).pathname.slice(1);
      if (file === 'index.html') return route.fulfill({ contentType: 'text/html', body: pageHtml() });
      if (file === 'webview.js' || file === 'webview.css') {
        return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(path.join(DIST, file)) });
      }
      return route.abort();
    });
    await page.goto(`${ORIGIN}/index.html`);
  });
  afterEach(() => page.close());

  const init = (turns: Turn[]) => {
    const state: PanelState = {
      bot: { botId: 'CAFEBOT001', botAliasId: 'TSTALIASID', localeId: 'en_US', botName: 'Cafe' },
      identity: { mode: 'guest', identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', identityPoolName: 'CafeGuests', region: 'us-east-1' },
      turns,
      sessionAttributes: {},
    };
    return page.evaluate((message) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(message, '*'), {
      type: 'init',
      state,
    });
  };
  const posted = () => page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted);

  it('shows appContext.altMessages.markdown as Markdown, and appContext.responseCard in place of the ImageResponseCard; its button sends its value', async () => {
    const appContext = JSON.stringify({
      altMessages: { markdown: '**Today**: espresso and [flat white](https://example.com/fw)' },
      responseCard: {
        version: '1',
        contentType: GENERIC,
        genericAttachments: [
          {
            title: 'Coffee',
            subTitle: 'Hot drinks',
            attachmentLinkUrl: 'https://example.com/menu',
            buttons: [{ text: 'Flat white', value: 'a flat white please' }],
          },
        ],
      },
    });
    const menu = turnOf(
      't1',
      'show me the menu',
      [
        { contentType: 'PlainText', content: 'Espresso or flat white?' },
        { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Lex card', buttons: [{ text: 'Lex button', value: 'lex' }] } },
      ],
      { appContext },
    );
    await init([menu]);
    const log = page.getByRole('log');
    const alt = log.locator('.message.bot[data-source="appContext.altMessages.markdown"]');
    await alt.locator('strong', { hasText: 'Today' }).waitFor({ timeout: 10_000 });
    assert.equal(await alt.locator('a').getAttribute('href'), 'https://example.com/fw');
    assert.equal(await log.getByText('Espresso or flat white?').count(), 0, 'the plain text is not shown beside it');

    const card = log.getByRole('group', { name: 'Coffee' });
    assert.equal(await card.getAttribute('data-source'), 'appContext.responseCard');
    assert.equal(await card.locator('.card-subtitle').textContent(), 'Hot drinks');
    assert.equal(await card.getByText('Open link').getAttribute('href'), 'https://example.com/menu');
    assert.equal(await log.getByRole('group', { name: 'Lex card' }).count(), 0, "the turn's ImageResponseCard gives way to it");
    // The card comes after the turn's messages, as the Lex web UI attaches it to the last one.
    assert.deepEqual(await log.locator('.turn > .message.bot').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-source'))), [
      'appContext.altMessages.markdown',
      'appContext.responseCard',
    ]);

    await card.locator('vscode-button', { hasText: 'Flat white' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'send', text: 'a flat white please' });
    await log.locator('.message.user.pending', { hasText: 'Flat white' }).waitFor({ timeout: 10_000 });
  });

  it("without appContext, shows the message's own Markdown and the ImageResponseCard", async () => {
    await init([
      turnOf(
        't2',
        'hello',
        [
          { contentType: 'PlainText', content: 'Hello *there*' },
          { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Lex card', buttons: [{ text: 'Lex button', value: 'lex' }] } },
        ],
        { appContext: '{"altMessages": not json' },
      ),
    ]);
    const log = page.getByRole('log');
    await log.getByRole('group', { name: 'Lex card' }).waitFor({ timeout: 10_000 });
    assert.equal(await log.locator('.message.bot.markdown em').textContent(), 'there');
    assert.equal(await log.locator('[data-source]').count(), 0);
  });
});
