// A person's path through the packaged extension, in the real workbench: the .vsix installed
// into code-server with --install-extension, Playwright driving Debian's Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../scripts/browser.mjs';
import { freePort, installVsix, repoRoot, startCodeServer, stateDirs } from '../../scripts/code-server.mjs';

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

async function runFromPalette(page, title, timeout = 30_000) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`, { timeout });
  // The row whose label is exactly the command (others may contain its words).
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page
    .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) })
    .first()
    .click({ timeout });
}

/** A row of the Cognito Bot explorer tree, by its label. */
function explorerRow(page, label) {
  return page.locator('.pane-body .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
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
    // A profile of each kind for the picker to list (never this machine's own AWS files).
    fs.writeFileSync(
      path.join(stateDir, 'aws-config'),
      '[profile team-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n\n[profile broker]\ncredential_process = /bin/false\n',
    );
    installVsix(VSIX, stateDirs(stateDir));
    server = await startCodeServer({
      workspace,
      stateDir,
      smokeTestDriver: false,
      env: { AWS_CONFIG_FILE: path.join(stateDir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(stateDir, 'aws-credentials') },
      // One sandbox address across a window reload, as pins are kept per connection.
      machineSettings: { 'cognitoBot.sandbox.port': await freePort() },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  });

  // A failed step leaves a picture of the workbench as it was, in out/e2e/failed-*.png.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  // First: VS Code counts each onCommand event once per window, so a step must tick here before
  // the other tests run its commands.
  it('the walkthrough: each step ticks when its button runs its command, and its pictures find every theme colour', async function () {
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ }).waitFor({ timeout: 60_000 });
    const openWalkthrough = async () => {
      await runFromPalette(page, 'Welcome: Open Walkthrough...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Put a Lex Bot on a Web Page' }).click();
      await page.locator('.gettingStarted.showDetails').waitFor();
    };
    await openWalkthrough();
    const id = (step) => `cognito-bot-workbench.cognito-bot-workbench#tutorials#${step}`;
    const checkbox = (step) => page.locator(`[data-done-step-id="${id(step)}"]`);
    await checkbox('connect').waitFor({ timeout: 30_000 });
    // Connecting at startup may have ticked it already (onContext:cognitoBot.connected): untick it.
    if ((await checkbox('connect').getAttribute('aria-checked')) === 'true') await checkbox('connect').click();
    // Each button's command; all but the last ask first.
    const buttons = [
      ['connect', 'Connect to AWS'],
      ['webAccess', 'Set Up Bot Web Access'],
      ['injectIds', 'Put Ids into Workspace'],
      ['chat', 'Open Chat'],
      ['checkSetup', 'Check Setup'],
      ['conversationTest', 'Run Conversation Tests'],
    ];
    const widget = page.locator('.quick-input-widget');
    for (const [step, button] of buttons) {
      assert.equal(await checkbox(step).getAttribute('aria-checked'), 'false', `${step} was ticked before its command ran`);
      await page.locator(`button.getting-started-step[data-step-id="${id(step)}"]`).click();
      await page.locator(`button.getting-started-step[data-step-id="${id(step)}"][aria-expanded="true"]`).waitFor();
      await page.locator(`[x-step-description-for="${id(step)}"] .monaco-button`, { hasText: button }).click();
      await page.locator(`[data-done-step-id="${id(step)}"][aria-checked="true"]`).waitFor({ timeout: 10_000 });
      if (step !== 'conversationTest') {
        // It asks (a quick input, cancelled here) or says why it cannot (no identity pool to chat with yet).
        const asked = await widget.waitFor({ timeout: 15_000 }).then(
          () => true,
          () => false,
        );
        if (asked) {
          await page.keyboard.press('Escape');
          await widget.waitFor({ state: 'hidden' });
        } else {
          await page.locator('.notification-toast').first().waitFor();
          await runFromPalette(page, 'Notifications: Clear All Notifications');
        }
        // Escape may also reach the page, which then goes back to its list of walkthroughs.
        if ((await page.locator('.gettingStarted.showDetails').count()) === 0) await openWalkthrough();
      }
    }
    // Each picture's colours are theme variables; the media webview must define every one in each theme.
    const dir = path.join(repoRoot, 'media', 'walkthrough');
    const variables = [
      ...new Set(
        fs.readdirSync(dir).flatMap((file) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/var\((--vscode-[\w-]+)\)/g)].map((m) => m[1])),
      ),
    ];
    assert.ok(variables.length > 5);
    // The page and its picture's webview take the focus now and then (after a step ticks, after
    // a redraw), which closes the palette: focus the workbench and try again.
    const steadily = async (action) => {
      for (let attempt = 1; ; attempt++) {
        await page.evaluate(() => globalThis.document.activeElement?.blur());
        try {
          return await action(5_000);
        } catch (error) {
          if (attempt === 4) throw error;
        }
      }
    };
    // Room for the pictures beside the steps.
    await steadily((timeout) => runFromPalette(page, 'View: Close Primary Side Bar', timeout));
    await page.locator(`button.getting-started-step[data-step-id="${id('webAccess')}"]`).click();
    const media = page.frameLocator('.getting-started-media iframe.webview').first().frameLocator('iframe#active-frame');
    const undefinedIn = () =>
      media.locator('svg').evaluate((svg, names) => {
        const root = svg.ownerDocument.defaultView.getComputedStyle(svg.ownerDocument.documentElement);
        return names.filter((name) => root.getPropertyValue(name).trim() === '');
      }, variables);
    const themes = [
      ['Dark Modern', 'vscode-dark'],
      ['Dark High Contrast', 'vscode-high-contrast:not(.vscode-high-contrast-light)'],
      ['Light High Contrast', 'vscode-high-contrast-light'],
      ['Light Modern', 'vscode-light'],
    ];
    for (const [theme, kind] of themes) {
      await steadily((timeout) => pickTheme(page, theme, timeout));
      await media.locator(`body.${kind}`).waitFor({ timeout: 30_000 });
      assert.deepEqual(await undefinedIn(), [], `undefined in ${theme}`);
      if (theme === 'Dark Modern') await screenshot(page, 'walkthrough');
    }
    await steadily((timeout) => runFromPalette(page, 'View: Close All Editors', timeout));
    await steadily((timeout) => runFromPalette(page, 'View: Toggle Primary Side Bar Visibility', timeout));
  });

  it('installs from the .vsix; the status bar shows the connection before the view is opened, and the view opens connected', async function () {
    // Started with VS Code (onStartupFinished); demo/.vscode/settings.json turns on
    // cognitoBot.sandbox.startOnActivation. The Cognito Bot view has not been opened.
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ }).waitFor({ timeout: 60_000 });
    assert.equal(await explorerRow(page, 'User pools').count(), 0, 'the view was open already');
    await page.locator('.activitybar [aria-label^="Cognito Bot"]').first().click();
    await explorerRow(page, 'User pools').waitFor({ timeout: 30_000 });
    await explorerRow(page, 'Identity pools').waitFor();
    await explorerRow(page, 'Bots').waitFor();
  });

  it('stops the sandbox from the palette; the view then offers Connect to AWS and Start Local Sandbox', async function () {
    await runFromPalette(page, 'Cognito Bot: Stop Local Sandbox');
    await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).waitFor({ timeout: 30_000 });
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Explorer/i }) }).filter({ hasText: 'Connect to AWS' });
    await view.getByRole('button', { name: 'Connect to AWS', exact: true }).waitFor();
    await view.getByRole('button', { name: 'Start Local Sandbox' }).waitFor();
    await screenshot(page, 'explorer-welcome');
  });

  it('"Connect to AWS" lists the sandbox and each profile with how it signs in, and connects to the pick', async function () {
    await page.getByRole('button', { name: 'Connect to AWS', exact: true }).click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'team-sso' }).filter({ hasText: 'IAM Identity Center (SSO) · eu-west-1' }).waitFor();
    await rows.filter({ hasText: 'broker' }).filter({ hasText: 'credential_process' }).waitFor();
    await screenshot(page, 'select-connection');
    await rows.filter({ hasText: 'Local sandbox' }).click();
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ }).waitFor({ timeout: 30_000 });
  });

  it('an SSO profile without a session fails with the aws sso login to run, and keeps the connection', async function () {
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1/ }).click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'team-sso' }).click();
    const toast = page.locator('.notification-toast', { hasText: 'aws sso login --profile team-sso' });
    await toast.waitFor({ timeout: 30_000 });
    await toast.getByRole('button', { name: 'Run aws sso login' }).waitFor();
    await toast.getByRole('button', { name: 'Show Log' }).waitFor();
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1/ }).waitFor();
  });

  it('runs "Start Local Sandbox" from the command palette and the status bar shows the sandbox', async function () {
    await runFromPalette(page, 'Cognito Bot: Stop Local Sandbox');
    await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Cognito Bot: Start Local Sandbox');
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.statusbar', { hasText: 'Cognito Bot: not connected' }).count(), 0);
    // The view follows the connection.
    await explorerRow(page, 'User pools').waitFor({ timeout: 30_000 });
    // A clean picture for the README: no toasts left from the earlier tests.
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await screenshot(page, 'explorer-sandbox');
  });

  it('creates a user pool through the wizard (validation as you type, Back) and the pool appears in the tree', async function () {
    // The view may be open already (a second click would close it).
    if (!(await explorerRow(page, 'User pools').isVisible())) await page.locator('.activitybar [aria-label^="Cognito Bot"]').first().click();
    await explorerRow(page, 'User pools').waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Cognito Bot: Create User Pool…');
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    await widget.getByText('Name of the user pool').waitFor();
    await widget.getByText('Create User Pool (1/5)').waitFor();
    assert.equal(await input.inputValue(), 'WebChatPool', 'the name offered');
    await input.fill('Web Chat!');
    await widget.getByText(/A user pool name is 1 to 128 letters/).waitFor();
    await input.fill('WebChatPool');
    await widget.getByText(/A user pool name is 1 to 128 letters/).waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    // Step 2: email is ticked already (the tutorial's choice).
    await widget.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'email' }).waitFor();
    await page.keyboard.press('Enter');
    // Step 3: email and name required; go Back once, then on. (By the label: a reused list row
    // keeps hidden text of earlier pickers, "other commands" and the like.)
    await widget.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { has: page.locator('.label-name', { hasText: /^name$/ }) }).waitFor();
    await screenshot(page, 'create-user-pool');
    await widget.getByRole('button', { name: 'Back' }).click();
    await widget.locator('input[placeholder^="How users sign in"]').waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { has: page.locator('.label-name', { hasText: /^name$/ }) }).waitFor();
    await page.keyboard.press('Enter');
    // Step 4: the public client is called chatapp.
    await widget.getByText(/Name of the public app client/).waitFor();
    assert.equal(await input.inputValue(), 'chatapp');
    await page.keyboard.press('Enter');
    await widget.locator('input[placeholder^="Sign-in flows the app client allows"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: /User pool WebChatPool is ready: us-east-1_\w+, app client chatapp/ }).waitFor({ timeout: 30_000 });
    await explorerRow(page, 'User pools').click();
    await explorerRow(page, 'WebChatPool').waitFor({ timeout: 30_000 });
    await explorerRow(page, 'WebChatPool').click();
    await explorerRow(page, 'chatapp').waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await screenshot(page, 'explorer-user-pool');
  });

  it('Put Ids with nothing ticked, in the picker or in the preview, says that nothing was done', async function () {
    await runFromPalette(page, 'Cognito Bot: Put Ids into Workspace…');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'WebChatPool / chatapp' }).waitFor({ timeout: 30_000 });
    await widget.getByRole('button', { name: 'OK' }).click();
    await page.locator('.notification-toast', { hasText: 'Nothing was ticked, so nothing was done' }).waitFor({ timeout: 30_000 });

    await runFromPalette(page, 'Cognito Bot: Put Ids into Workspace…');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'WebChatPool / chatapp' }).click({ timeout: 30_000 });
    await widget.getByRole('button', { name: 'OK' }).click();
    await page.locator('.bulk-edit-panel, .refactor-preview, [id="workbench.panel.bulkEdit"]').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page
      .locator('.notification-toast', { hasText: 'Nothing was changed: no replacement was applied from the Refactor Preview' })
      .waitFor({ timeout: 30_000 });
    assert.match(fs.readFileSync(path.join(workspace, 'webchat', 'config.js'), 'utf8'), /userPoolId: 'userpoolId'/);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
  });

  it("puts the new pool's ids into the demo code through the refactor preview, which the user applies", async function () {
    await runFromPalette(page, 'Cognito Bot: Put Ids into Workspace…');
    const widget = page.locator('.quick-input-widget');
    const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'WebChatPool / chatapp' });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await widget.getByRole('button', { name: 'OK' }).click();
    const preview = page.locator('.bulk-edit-panel, .refactor-preview, [id="workbench.panel.bulkEdit"]').first();
    await preview.waitFor({ timeout: 30_000 });
    // Every replacement needs confirmation: the user ticks the code file (not the README) and applies.
    const configRow = page.locator('.monaco-list-row', { hasText: 'config.js' }).first();
    await configRow.locator('.monaco-custom-toggle, input[type="checkbox"]').first().click();
    await page
      .locator('.notification-toast')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await screenshot(page, 'inject-preview');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const config = path.join(workspace, 'webchat', 'config.js');
    for (let i = 0; i < 100 && !/us-east-1_\w{9}/.test(fs.readFileSync(config, 'utf8')); i++) await page.waitForTimeout(100);
    const text = fs.readFileSync(config, 'utf8');
    assert.match(text, /userPoolId: 'us-east-1_\w{9}'/);
    assert.match(text, /clientId: '[a-z0-9]{26}'/);
    assert.match(text, /region: 'us-east-1'/);
    assert.match(fs.readFileSync(path.join(workspace, 'README.md'), 'utf8'), /`userpoolId`/, 'the unticked README is untouched');
    // What was applied is said, with the places to see.
    const result = page.locator('.notification-toast', { hasText: 'Put 3 ids in 1 file.' });
    await result.getByRole('button', { name: 'Show Changes' }).click({ timeout: 30_000 });
    const change = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'webchat/config.js' });
    await change.first().waitFor({ timeout: 30_000 });
    assert.equal(await change.count(), 3, 'userPoolId, clientId and region in config.js');
    await page.keyboard.press('Escape');
  });

  it('chats with the sample bot as a guest after Set Up Bot Web Access: reply, card, button, inspector', async function () {
    await runFromPalette(page, 'Cognito Bot: Set Up Bot Web Access…');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'CoffeeShop / TestBotAlias' }).click({ timeout: 30_000 });
    await widget.getByText('Name of the new identity pool').waitFor();
    await page.keyboard.press('Enter');
    // The offer is on screen, not only in the notification centre, and names the bot and the pool.
    const toast = page.locator('.notification-toast', {
      hasText: /Web pages can now talk to bot CoffeeShop \(QZDHGFY6D5\) as guests of identity pool BotPool \(us-east-1:/,
    });
    await toast.getByRole('button', { name: 'Open Chat' }).click({ timeout: 30_000 });
    // The tab says which bot and which identity pool, by name.
    await page.locator('.tabs-container .tab', { hasText: 'Chat: CoffeeShop · BotPool' }).waitFor({ timeout: 30_000 });
    const chat = chatFrame(page);
    await say(chat, 'hello');
    const card = chat.locator('[role="log"] .card', { hasText: 'Welcome to the Coffee Shop' });
    await card.waitFor({ timeout: 30_000 });
    await chat.locator('#inspector .intent-name', { hasText: 'Greeting' }).waitFor();
    await card.getByText('Opening hours').click();
    await chat.locator('[role="log"] .message.bot', { hasText: /7am to 6pm/i }).waitFor({ timeout: 30_000 });
    await chat.locator('#inspector .intent-name', { hasText: 'OpeningHours' }).waitFor();
    // dist/webview.css is linked and applies under the page's CSP, the components keep their own styles.
    assert.deepEqual(await chatStyles(chat), { logOverflowY: 'auto', colorScheme: 'light', componentSheets: true });
    await screenshot(page, 'chat-light');
    await pickTheme(page, 'Dark Modern');
    await chat.locator('body.vscode-dark').waitFor();
    assert.equal((await chatStyles(chat)).colorScheme, 'dark');
    await screenshot(page, 'chat-dark');
    await pickTheme(page, 'Light High Contrast');
    await chat.locator('body.vscode-high-contrast-light').waitFor();
    assert.equal((await chatStyles(chat)).colorScheme, 'light');
    await pickTheme(page, 'Light Modern');
  });

  it('before the policy is attached, the chat explains the AccessDenied and its fix makes the bot answer', async function () {
    await runFromPalette(page, 'View: Close All Editors');
    // An identity pool with guest access and no policy on its roles, made by the wizard.
    await runFromPalette(page, 'Cognito Bot: Create Identity Pool…');
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    await widget.getByText('Name of the identity pool').waitFor();
    await input.fill('NoPolicyPool');
    await page.keyboard.press('Enter');
    const title = (step) => widget.getByText(`Create Identity Pool (${step}/6)`);
    await title(2).waitFor();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Guest access on' }).waitFor();
    await page.keyboard.press('Enter');
    await title(3).waitFor();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'No user pool' }).waitFor();
    await page.keyboard.press('Enter');
    for (const step of [4, 5]) {
      await title(step).waitFor();
      await page.keyboard.press('Enter');
    }
    await title(6).waitFor();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'No policy now' }).click();
    await page.locator('.notification-toast', { hasText: 'Identity pool NoPolicyPool is ready' }).waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Cognito Bot: Open Chat…');
    // The pool used last time is offered first; pick another.
    await widget
      .locator('.quick-input-list .monaco-list-row', { hasText: /Another identity pool|NoPolicyPool/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const another = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Another identity pool' });
    if ((await another.count()) > 0) await another.click();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'NoPolicyPool' }).click({ timeout: 30_000 });
    const chat = chatFrame(page);
    await say(chat, 'when are you open');
    const error = chat.locator('[role="log"] .message.error', { hasText: 'AccessDeniedException' });
    await error.waitFor({ timeout: 30_000 });
    await error
      .getByText(/Cognito_NoPolicyPoolUnauth_Role/)
      .first()
      .waitFor();
    await screenshot(page, 'chat-access-denied');
    await error.locator('.fix').click();
    // The fix changes IAM: VS Code asks first, naming the role.
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Cognito_NoPolicyPoolUnauth_Role' });
    await dialog.getByRole('button', { name: 'Attach', exact: true }).click();
    await chat.locator('.notice', { hasText: /may now talk to/ }).waitFor({ timeout: 30_000 });
    await say(chat, 'when are you open');
    await chat.locator('[role="log"] .message.bot', { hasText: /7am to 6pm/i }).waitFor({ timeout: 30_000 });
  });

  it('Check Setup finds guest access off, shows the fix first, applies it and shows every link checked', async function () {
    await runFromPalette(page, 'View: Close All Editors');
    const widget = page.locator('.quick-input-widget');
    const row = (text) => widget.locator('.quick-input-list .monaco-list-row', { hasText: text });
    // Break the chain the chat just fixed: guests are refused.
    await runFromPalette(page, 'Cognito Bot: Turn Guest Access On or Off…');
    await row('NoPolicyPool').click({ timeout: 30_000 });
    // A choice, showing what the pool has now (Off is offered first).
    await widget.getByText('Turn Guest Access On or Off (2/2)').waitFor();
    await widget.locator('input[placeholder^="Guest access is on for NoPolicyPool (us-east-1:"]').waitFor();
    await row(/^On\s*\(now\)/).waitFor();
    await row(/^Off/).click();
    await page.locator('.notification-toast', { hasText: /Guest access is now off for NoPolicyPool/ }).waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Cognito Bot: Check Setup…');
    await row('NoPolicyPool').click({ timeout: 30_000 });
    // A pool without a login provider: guests only, so the next question is the bot alias.
    await row('CoffeeShop').first().click({ timeout: 30_000 });
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Setup Check/i }) });
    const finding = view.locator('.monaco-list-row', { hasText: 'Guest access is off for NoPolicyPool' });
    await finding.waitFor({ timeout: 30_000 });
    await view.locator('.monaco-list-row', { hasText: 'Guest role Cognito_NoPolicyPoolUnauth_Role' }).waitFor();
    await finding.hover();
    await screenshot(page, 'setup-check-failing');
    await finding.locator('.action-label[aria-label="Apply Fix…"]').click();
    // A fix says what it will change before it changes anything.
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'AllowUnauthenticatedIdentities' });
    await dialog.waitFor();
    await screenshot(page, 'setup-check-fix');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('.notification-toast', { hasText: /Fixed: Guest access is off/ }).waitFor({ timeout: 30_000 });
    await view.locator('.monaco-list-row', { hasText: 'Identity pool NoPolicyPool' }).locator('.label-description', { hasText: 'checked' }).waitFor();
    assert.equal(await view.locator('.monaco-list-row', { hasText: 'Guest access is off' }).count(), 0);
  });

  it('the Testing view runs the conversation tests: a wrong expectation fails at its line, with expected and actual', async function () {
    await runFromPalette(page, 'View: Close All Editors');
    // The demo's tests pass; a file with one wrong expectation shows what a failure looks like.
    fs.writeFileSync(
      path.join(workspace, 'tests', 'wrong.lextest.yaml'),
      'bot: { botId: QZDHGFY6D5, botAliasId: TSTALIASID, localeId: en_US }\nconversations:\n  - name: expects the wrong size\n    turns:\n      - user: can I get a small latte\n        slots: { Drink: latte, Size: large }\n',
    );
    await runFromPalette(page, 'Testing: Focus on Test Explorer View');
    // One test controller: the view lists its files at the top level.
    await page.locator('.monaco-list-row', { hasText: 'wrong.lextest.yaml' }).first().waitFor({ timeout: 30_000 });
    await runFromPalette(page, 'Test: Run All Tests');
    await page
      .locator('.monaco-list-row', { hasText: 'wrong.lextest.yaml' })
      .locator('.codicon-testing-failed-icon, .codicon-testing-error-icon')
      .first()
      .waitFor({ timeout: 60_000 });
    // The Test Results view lists the failure with its message; opening it shows expected and actual.
    const failure = page.locator('.monaco-list-row', { hasText: /Turn 1, slots: expected/ }).first();
    await failure.waitFor({ timeout: 30_000 });
    await failure.click();
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'test-explorer');
  });

  it('a user pool added by id is pinned, and still is after the window reloads', async function () {
    await runFromPalette(page, 'View: Close All Editors');
    const userPoolId = /userPoolId: '(us-east-1_\w{9})'/.exec(fs.readFileSync(path.join(workspace, 'webchat', 'config.js'), 'utf8'))[1];
    const pool = () => explorerRow(page, 'WebChatPool');
    const showPools = async () => {
      // After a reload the side bar may show Cognito Bot before its rows: a click would close it.
      const sideBar = page.locator('.part.sidebar .title-label', { hasText: /^Cognito Bot$/i });
      if (!(await sideBar.isVisible())) await page.locator('.activitybar [aria-label^="Cognito Bot"]').first().click();
      await explorerRow(page, 'User pools').waitFor({ timeout: 60_000 });
      if (!(await pool().isVisible())) await explorerRow(page, 'User pools').click();
      await pool().waitFor({ timeout: 30_000 });
    };
    await showPools();
    assert.doesNotMatch(await pool().locator('.label-description').textContent(), /pinned/);
    await runFromPalette(page, 'Cognito Bot: Add User Pool by Id…');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor();
    await input.fill(userPoolId);
    await page.keyboard.press('Enter');
    const shownPinned = async (when) => {
      let description = '';
      for (let i = 0; i < 60; i++) {
        description = (await pool().locator('.label-description').textContent()) ?? '';
        if (description.includes(`${userPoolId} · pinned`)) return;
        await page.waitForTimeout(500);
      }
      assert.fail(`WebChatPool is not shown pinned ${when}: its description is "${description}"`);
    };
    await shownPinned('once added');

    await runFromPalette(page, 'Developer: Reload Window');
    await page.locator('.statusbar-item', { hasText: /Sandbox 127\.0\.0\.1:\d+ · us-east-1/ }).waitFor({ timeout: 60_000 });
    await showPools();
    await shownPinned('after the reload');
  });
});

/** Switches the color theme through its picker, as a person does. */
async function pickTheme(page, name, timeout = 30_000) {
  await runFromPalette(page, 'Preferences: Color Theme', timeout);
  await page.locator('.quick-input-widget input').first().fill(name, { timeout });
  await page
    .locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) })
    .first()
    .click({ timeout });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
  await page.waitForTimeout(500);
}

/** What the chat page's styles do: rules from its stylesheet, and whether its components have theirs. */
function chatStyles(chat) {
  return chat.locator('body').evaluate((body) => {
    const style = (element) => body.ownerDocument.defaultView.getComputedStyle(element);
    return {
      logOverflowY: style(body.querySelector('.log')).overflowY,
      colorScheme: style(body).colorScheme,
      componentSheets:
        [...body.querySelectorAll('vscode-button')].every((button) => button.shadowRoot?.adoptedStyleSheets.length > 0) &&
        body.querySelector('vscode-button') !== null,
    };
  });
}

/** Types a message into the chat's box, labelled "Message", and sends it with Enter. */
async function say(chat, text) {
  const box = chat.getByLabel('Message');
  await box.waitFor({ timeout: 30_000 });
  await box.fill(text);
  await box.press('Enter');
}

/** The chat page inside its webview (VS Code nests the page in two iframes). */
function chatFrame(page) {
  return page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}
