import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as vscode from 'vscode';
import { ClientFactory } from '../../src/aws/clientFactory';
import { loadSdk } from '../../src/aws/loadSdk';
import { SANDBOX_ACCOUNT_ID } from '../../src/aws/sandboxAccount';
import { chatActions } from '../../src/chat/panel/actions';
import type { ChatTarget } from '../../src/chat/panel/chatPanel';
import type { Turn } from '../../src/chat/protocol';
import { chatHtml } from '../../src/chat/panel/html';
import type { ConnectionManager } from '../../src/connection/connectionManager';
import { sandboxBotId } from '../../src/sandbox/bots';
import type { Log } from '../../src/ui/log';
import { makeTree } from '../support/files';
import { sandboxClientConfig } from '../support/sandboxClients';
import { activeExtension, commandError, run } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

interface OpenChatResult {
  mode: string;
  identityPoolName?: string;
  identityId?: string;
  username?: string;
  expiration?: string;
  turn?: { bot: { contentType: string; content?: string }[]; error?: { name: string; message: string; advice: string; fix?: { id: string } } };
}

describe('openChat against the sandbox (extension host)', () => {
  let stateDir: string;
  let endpoint: string;

  before(async () => {
    await activeExtension();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-chat-'));
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir }));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("talks to the bot as a guest with the identity pool's credentials; the session is the identity", async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', { name: 'ChatGuests', ...BOT });
    const result = await run<OpenChatResult>('openChat', { ...BOT, identityPoolId, say: 'when are you open?' });
    assert.equal(result.mode, 'guest');
    assert.match(result.identityId ?? '', /^us-east-1:[0-9a-f-]{36}$/);
    assert.ok(Date.parse(result.expiration ?? '') > Date.now(), "the credentials' expiry is shown");
    assert.ok(!JSON.stringify(result).includes('ASIA'), 'no access key leaves the host');
    assert.equal(result.turn?.error, undefined, JSON.stringify(result.turn?.error));
    assert.match(result.turn?.bot[0]?.content ?? '', /open/i);
  });

  it('signs in with SRP, passes the ID token in Logins, and talks as the authenticated role', async () => {
    const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: 'ChatUsers' });
    const idp = new CognitoIdentityProviderClient(sandboxClientConfig(endpoint));
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: users.userPoolId,
        Username: 'ana@example.com',
        UserAttributes: [
          { Name: 'email', Value: 'ana@example.com' },
          { Name: 'name', Value: 'Ana' },
        ],
      }),
    );
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: users.userPoolId, Username: 'ana@example.com', Password: 'Corr3ct-Horse!', Permanent: true }));
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', {
      name: 'ChatSignedIn',
      allowUnauthenticated: false,
      userPoolId: users.userPoolId,
      clientId: users.clientId,
      attachLexRunBotsOnly: true,
    });
    const result = await run<OpenChatResult>('openChat', {
      ...BOT,
      identityPoolId,
      signIn: { ...users, username: 'ana@example.com', password: 'Corr3ct-Horse!' },
      say: 'when are you open?',
    });
    assert.deepEqual([result.mode, result.username], ['signedIn', 'ana@example.com']);
    assert.match(result.turn?.bot[0]?.content ?? '', /open/i);
  });

  it('before the policy, the AccessDenied says which role lacks what, and offers the least-privilege fix', async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ChatNoPolicy', allowUnauthenticated: true });
    const result = await run<OpenChatResult>('openChat', { ...BOT, identityPoolId, say: 'hello' });
    assert.equal(result.turn?.error?.name, 'AccessDeniedException');
    assert.match(`${result.turn?.error?.message} ${result.turn?.error?.advice}`, /Cognito_ChatNoPolicyUnauth_Role[\s\S]*lex:RecognizeText/);
    assert.equal(result.turn?.error?.fix?.id, 'attachLexPolicy');
  });

  it("shows a bot built for the Lex web UI as that UI does: appContext's Markdown and card, whose button's value is the next message", async () => {
    // A bot whose definition sets appContext after its answer (the closing step's session attributes).
    const appContext = JSON.stringify({
      altMessages: { markdown: '**Today**: espresso and flat white' },
      responseCard: {
        version: '1',
        contentType: 'application/vnd.amazonaws.card.generic',
        genericAttachments: [{ title: 'Coffee', buttons: [{ text: 'Flat white', value: 'a flat white please' }] }],
      },
    });
    const closing = (value: string, nextStep?: unknown) => ({
      closingResponse: { messageGroupsList: [{ message: { plainTextMessage: { value } } }] },
      ...(nextStep ? { nextStep } : {}),
      isActive: true,
    });
    const dir = makeTree(
      {
        'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
        'WebUiCafe/Bot.json': { name: 'WebUiCafe', idleSessionTTLInSeconds: 300 },
        'WebUiCafe/BotLocales/en_US/BotLocale.json': { identifier: 'en_US', nluConfidenceThreshold: 0.4 },
        'WebUiCafe/BotLocales/en_US/Intents/Menu/Intent.json': {
          name: 'Menu',
          sampleUtterances: [{ utterance: 'show me the menu' }],
          intentClosingSetting: closing('Espresso or flat white?', { dialogAction: { type: 'ElicitIntent' }, sessionAttributes: { appContext } }),
        },
        'WebUiCafe/BotLocales/en_US/Intents/Order/Intent.json': {
          name: 'Order',
          sampleUtterances: [{ utterance: 'a flat white please' }],
          intentClosingSetting: closing('One flat white coming up.'),
        },
      },
      'cbw-webui-bot-',
    );
    try {
      const { botId, botAliasId } = await run<{ botId: string; botAliasId: string }>('importBot', { path: dir });
      const bot = { botId, botAliasId, localeId: 'en_US' };
      const { identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', { name: 'ChatWebUi', ...bot });
      const menu = (await run<{ turn: Turn }>('openChat', { ...bot, identityPoolId, say: 'show me the menu' })).turn;
      assert.equal(menu.error, undefined, JSON.stringify(menu.error));
      assert.equal(menu.bot[0]?.content, 'Espresso or flat white?');
      assert.equal(menu.bot[0]?.alt?.html, '<p><strong>Today</strong>: espresso and flat white</p>');
      const button = menu.responseCard?.[0]?.buttons?.[0];
      assert.deepEqual([menu.responseCard?.[0]?.title, button], ['Coffee', { text: 'Flat white', value: 'a flat white please' }]);

      const order = (await run<{ turn: Turn }>('openChat', { ...bot, identityPoolId, say: button!.value })).turn;
      assert.equal(order.inspection?.intent?.name, 'Order');
      assert.equal(order.bot[0]?.content, 'One flat white coming up.');
      assert.deepEqual([order.bot[0]?.alt, order.responseCard], [undefined, undefined]);
      assert.deepEqual(order.inspection?.sessionAttributes, {}, "appContext is the last turn's own: it was not sent back to Lex");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows the connection: when the sandbox comes back on another port, the panel connects again by itself', async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', { name: 'ChatFollows', ...BOT });
    const first = await run<OpenChatResult>('openChat', { ...BOT, identityPoolId, say: 'when are you open?' });
    assert.equal(first.turn?.error, undefined, JSON.stringify(first.turn?.error));
    // Credentials the sandbox issued to this pool's guest role, as its state file keeps them.
    const issued = () => {
      const state = JSON.parse(fs.readFileSync(path.join(stateDir, 'sandbox-state.json'), 'utf8')) as {
        sts: { sessions: Record<string, { roleName: string }> };
      };
      return Object.values(state.sts.sessions).filter((session) => session.roleName === 'Cognito_ChatFollowsUnauth_Role').length;
    };
    const before = issued();
    await run('stopSandbox', undefined);
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir, port: 0 }));
    // Nobody sends anything: the panel gets new credentials on the new endpoint by itself.
    for (let waited = 0; issued() === before; waited += 100) {
      assert.ok(waited < 10_000, 'the panel did not connect again within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const again = await run<OpenChatResult>('openChat', { ...BOT, identityPoolId, say: 'when are you open?' });
    assert.equal(again.turn?.error, undefined, JSON.stringify(again.turn?.error));
    assert.match(again.turn?.bot[0]?.content ?? '', /open/i);
  });

  it("titles the tab with the bot's and the identity pool's names: two panels on different pools read differently", async () => {
    const chatTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => tab.label)
        .filter((label) => label.startsWith('Chat: '));
    const opened: string[] = [];
    for (const name of ['ChatTitleOne', 'ChatTitleTwo']) {
      const { identityPoolId } = await run<{ identityPoolId: string }>('setUpBotWebAccess', { name, ...BOT });
      const result = await run<OpenChatResult>('openChat', { ...BOT, identityPoolId });
      assert.equal(result.identityPoolName, name, 'the page is told the pool by name');
      opened.push(`Chat: CoffeeShop · ${name}`);
    }
    for (let waited = 0; !opened.every((title) => chatTabs().includes(title)); waited += 100) {
      assert.ok(waited < 5_000, `tabs ${JSON.stringify(chatTabs())}, expected ${JSON.stringify(opened)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('sign-in names the user pools: the picker by name with the ids, the username prompt by name and id', async () => {
    const ids = ({ userPoolId, clientId }: { userPoolId: string; clientId: string }) => ({ userPoolId, clientId });
    const one = ids(await run('createUserPool', { name: 'ChatPickOne' }));
    const two = ids(await run('createUserPool', { name: 'ChatPickTwo' }));
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ChatPick', allowUnauthenticated: true, ...one });
    await run('linkUserPool', { identityPoolId, ...two });
    // The panel's sign-in as the page asks for it, on this connection, with VS Code's pickers answered here.
    const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 10_000, maxAttempts: 1 });
    const sdk = await loadSdk();
    const connections = {
      awsContext: async (region = 'us-east-1') => ({
        sdk,
        region,
        account: SANDBOX_ACCOUNT_ID,
        client: (service: Parameters<ClientFactory['client']>[1]) => factory.client({ kind: 'sandbox', endpoint, region }, service),
      }),
    } as unknown as ConnectionManager;
    const target: ChatTarget = { ...BOT, identityPoolId, region: 'us-east-1', botName: 'CoffeeShop', identityPoolName: 'ChatPick' };
    const window = vscode.window as { showQuickPick: unknown; showInputBox: unknown };
    const saved = { showQuickPick: window.showQuickPick, showInputBox: window.showInputBox };
    let offered: { label: string; description?: string }[] = [];
    const prompts: (string | undefined)[] = [];
    window.showQuickPick = async (items: { label: string; description?: string }[]) => {
      offered = items;
      return items.find((item) => item.label === 'ChatPickTwo');
    };
    window.showInputBox = async (options: vscode.InputBoxOptions) => {
      prompts.push(options.prompt);
      return prompts.length === 1 ? 'ana@example.com' : 'Corr3ct-Horse!';
    };
    try {
      const signIn = await chatActions(connections, {} as Log).askSignIn(target);
      assert.deepEqual(signIn, { ...two, username: 'ana@example.com', password: 'Corr3ct-Horse!' });
    } finally {
      Object.assign(window, saved);
    }
    assert.deepEqual(
      offered.map((item) => [item.label, item.description]),
      [
        ['ChatPickOne', `${one.userPoolId} · client ${one.clientId}`],
        ['ChatPickTwo', `${two.userPoolId} · client ${two.clientId}`],
      ],
    );
    assert.deepEqual(prompts, [`Username (or email) in ChatPickTwo (${two.userPoolId})`, 'Password of ana@example.com']);
  });

  it('says guest access is off for the identity pool by name and id', async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ChatGuestsOff', allowUnauthenticated: false });
    const error = await commandError('cognitoBot.openChat', { ...BOT, identityPoolId });
    assert.ok(error.message.includes(`Guest access is off for identity pool ChatGuestsOff (${identityPoolId}).`), error.message);
  });

  it('says what it needs for bad args', async () => {
    assert.match((await commandError('cognitoBot.openChat', { ...BOT, identityPoolId: 'nope' })).message, /identityPoolId/);
    assert.match(
      (
        await commandError('cognitoBot.openChat', {
          botAliasId: 'TSTALIASID',
          localeId: 'en_US',
          identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
        })
      ).message,
      /Give "botId"/,
    );
  });
});

describe("chatHtml, the chat page's HTML (extension host)", () => {
  it('links dist/webview.css under a CSP that takes styles only from the extension (no inline, no nonce)', async () => {
    const extension = await activeExtension();
    // A webview that serves the extension's files from https://webview.test.
    const webview = {
      cspSource: 'https://webview.test',
      asWebviewUri: (uri: vscode.Uri) => vscode.Uri.parse(`https://webview.test${uri.path}`),
    } as unknown as vscode.Webview;
    const html = chatHtml(webview, extension.extensionUri);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const directives = new Map(csp.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('style-src'), ['https://webview.test']);
    const served = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extension.extensionUri, 'dist', file)).toString();
    assert.ok(html.includes(`<link rel="stylesheet" href="${served('webview.css')}">`), html);
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', 'webview.css')), 'the build wrote dist/webview.css');
    const nonce = /<script nonce="([^"]+)" src="([^"]+)"><\/script>/.exec(html);
    assert.equal(nonce?.[2], served('webview.js'));
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce?.[1]}'`]);
    assert.ok(!/<style|style=/.test(html), 'no inline styles');
  });
});
