// A person's path through the packaged extension, in the real workbench: the .vsix installed
// into code-server with --install-extension, Playwright driving Debian's Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../scripts/browser.mjs';
import { installVsix, repoRoot, startCodeServer, stateDirs } from '../../scripts/code-server.mjs';

const VSIX = path.join(repoRoot, 'dist-vsix', 'cognito-bot-workbench.vsix');
const SHOTS = path.join(repoRoot, 'out', 'e2e');
// CBW_UPDATE_SCREENSHOTS=1 also refreshes the README's pictures.
const README_SHOTS = process.env.CBW_UPDATE_SCREENSHOTS ? path.join(repoRoot, 'media', 'readme') : undefined;

async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (README_SHOTS) {
    fs.mkdirSync(README_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(README_SHOTS, `${name}.png`));
  }
}

async function runFromPalette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

describe('workbench with the packaged extension (e2e)', function () {
  let server;
  let browser;
  let page;
  let stateDir;
  let workspace;

  before(async function () {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-e2e-'));
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-e2e-workspace-'));
    fs.cpSync(path.join(repoRoot, 'demo'), workspace, { recursive: true });
    installVsix(VSIX, stateDirs(stateDir));
    server = await startCodeServer({ workspace, stateDir, smokeTestDriver: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('installs from the .vsix and shows the Cognito Bot view with its welcome actions', async function () {
    await page.locator('.activitybar [aria-label^="Cognito Bot"]').first().click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Explorer/i }) }).filter({ hasText: 'Connect to AWS' });
    await view.getByRole('button', { name: 'Connect to AWS' }).waitFor({ timeout: 30_000 });
    await view.getByRole('button', { name: 'Start Local Sandbox' }).waitFor();
    await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).waitFor();
    await screenshot(page, 'explorer-welcome');
  });

  it('runs "Start Local Sandbox" from the command palette and the status bar shows the sandbox', async function () {
    await runFromPalette(page, 'Cognito Bot: Start Local Sandbox');
    const item = page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ });
    await item.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).count(), 0);
    // The welcome view follows the connection.
    await page.getByText('Connected. User pools, identity pools and bots will appear here.').waitFor();
    await screenshot(page, 'explorer-sandbox');
  });

  it('stops the sandbox from the palette and the status bar says it is not connected', async function () {
    await runFromPalette(page, 'Cognito Bot: Stop Local Sandbox');
    await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Start Local Sandbox' }).waitFor();
  });
});
