import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PoolCredentials } from '../../../src/aws/poolCredentials';
import { readAppContext, showAsLexWebUi, withoutAppContext } from '../../../src/chat/appContext';
import type { BotMessage } from '../../../src/chat/protocol';
import { reviveTurns } from '../../../src/chat/revive';
import { ChatSession } from '../../../src/chat/session';
import { sandboxBotId } from '../../../src/sandbox';
import { writeTree } from '../../support/files';
import { signInSandbox } from '../support';

const GENERIC = 'application/vnd.amazonaws.card.generic';
const text = (content: string): BotMessage => ({ contentType: 'PlainText', content, html: `<p>${content}</p>` });
const attributes = (appContext: unknown) => ({ appContext: typeof appContext === 'string' ? appContext : JSON.stringify(appContext) });

/** A turn's messages as the chat shows them, given its session attributes. */
function shown(messages: BotMessage[], sessionAttributes: Record<string, string>) {
  const { appContext, problems } = readAppContext(sessionAttributes);
  return { ...showAsLexWebUi(messages, appContext), problems };
}

describe('appContext, as the Lex web UI reads it', () => {
  it('shows altMessages.markdown in place of the text, rendered and sanitised; the content stays what Lex said', () => {
    const { bot, problems } = shown(
      [text('Our menu: espresso, flat white.')],
      attributes({ altMessages: { markdown: '**Our menu**\n\n- espresso\n- [flat white](https://example.com/fw)' } }),
    );
    assert.deepEqual(problems, []);
    assert.equal(bot[0].content, 'Our menu: espresso, flat white.', 'transcripts and tests keep the plain message');
    assert.equal(bot[0].alt?.from, 'markdown');
    assert.match(bot[0].alt?.html ?? '', /<strong>Our menu<\/strong>/);
    assert.match(bot[0].alt?.html ?? '', /<li><a href="https:\/\/example.com\/fw" rel="noopener noreferrer">flat white<\/a><\/li>/);
  });

  it('prefers altMessages.html, through the same allowlist: no script, image, handler or javascript: link survives', () => {
    const html =
      '<b>Hi</b><script>alert(1)</script><img src="https://example.com/x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a><p onclick="alert(4)">p</p>';
    const { bot } = shown([text('Hi')], attributes({ altMessages: { html, markdown: '*not this*' } }));
    assert.equal(bot[0].alt?.from, 'html');
    assert.equal(bot[0].alt?.html, '<b>Hi</b><a rel="noopener noreferrer">x</a><p>p</p>');
  });

  it('gives every text message of the turn the alternative (as that UI does), not a payload, a card or an empty message', () => {
    const card: BotMessage = { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Sizes' } };
    const payload: BotMessage = { contentType: 'CustomPayload', content: '{"a":1}' };
    const ssml: BotMessage = { contentType: 'SSML', content: '<speak>Hi</speak>' };
    const { bot } = shown([text('One'), ssml, payload, card, text('')], attributes({ altMessages: { markdown: '_alt_' } }));
    assert.deepEqual(
      bot.map((m) => m.alt?.html),
      ['<p><em>alt</em></p>', '<p><em>alt</em></p>', undefined, undefined, undefined],
    );
  });

  it('turns a generic responseCard into cards: subTitle, https image and link, buttons with both text and value', () => {
    const { responseCard, problems } = shown(
      [text('Pick one')],
      attributes({
        responseCard: {
          version: '1',
          contentType: GENERIC,
          genericAttachments: [
            {
              title: 'Coffee',
              subTitle: 'Hot drinks',
              imageUrl: 'https://example.com/coffee.png',
              attachmentLinkUrl: 'https://example.com/menu',
              buttons: [{ text: 'Flat white', value: 'a flat white please' }, { text: 'No value' }, { text: '', value: 'no text' }],
            },
            { title: 'Tea', imageUrl: 'http://example.com/tea.png', attachmentLinkUrl: 'javascript:alert(1)' },
          ],
        },
      }),
    );
    assert.deepEqual(responseCard, [
      {
        title: 'Coffee',
        subtitle: 'Hot drinks',
        imageUrl: 'https://example.com/coffee.png',
        linkUrl: 'https://example.com/menu',
        buttons: [{ text: 'Flat white', value: 'a flat white please' }],
      },
      { title: 'Tea' },
    ]);
    assert.deepEqual(problems, [
      'appContext.responseCard.genericAttachments[1].imageUrl is not an https: URL: the image is not shown.',
      'appContext.responseCard.genericAttachments[1].attachmentLinkUrl is not an https: URL: the link is not shown.',
    ]);
    // Version as a number is shown too; no attachments still takes the place of the turn's ImageResponseCards.
    assert.deepEqual(shown([], attributes({ responseCard: { version: 1, contentType: GENERIC, genericAttachments: [] } })).responseCard, []);
  });

  it('shows no card of another shape, and says what shape that UI wants (a Lex V2 imageResponseCard put there, version 0)', () => {
    const v2 = shown([text('Pick one')], attributes({ responseCard: { title: 'Sizes', buttons: [{ text: 'Small', value: 'small' }] } }));
    assert.equal(v2.responseCard, undefined);
    assert.match(v2.problems.join(' '), /only a generic card[\s\S]*looks like a Lex V2 imageResponseCard: put it in genericAttachments/);
    const v0 = shown([], attributes({ responseCard: { version: '0', contentType: GENERIC, genericAttachments: [{ title: 'Old' }] } }));
    assert.equal(v0.responseCard, undefined);
    assert.equal(v0.problems.length, 1);
    assert.deepEqual(shown([], attributes({ responseCard: null })), { bot: [], problems: [] }, 'null is no card, as in that UI');
  });

  it('keeps the plain messages and says what is wrong, never the value, when appContext is malformed', () => {
    const secret = 'idtokenjwt eyJhbGciOi';
    for (const [raw, expected] of [
      [`{"altMessages": ${secret}`, /appContext \(\d+ characters\) is not JSON/],
      ['[1, 2]', /appContext is a list in JSON, not an object/],
      ['42', /appContext is number in JSON, not an object/],
      ['null', /appContext is null in JSON, not an object/],
      [JSON.stringify({ altMessages: secret }), /appContext.altMessages is string, not an object/],
      [JSON.stringify({ altMessages: { markdown: 7 } }), /appContext.altMessages.markdown is number, not text/],
      [
        JSON.stringify({ responseCard: { version: '1', contentType: GENERIC, genericAttachments: [secret, { buttons: 'x' }] } }),
        /genericAttachments\[0\] is string, not an object[\s\S]*genericAttachments\[1\].buttons is string, not a list/,
      ],
    ] as const) {
      const { bot, responseCard, problems } = shown([text('Plain answer')], { appContext: raw });
      assert.deepEqual(bot, [text('Plain answer')], raw);
      assert.ok(responseCard === undefined || responseCard.every((card) => !card.buttons), raw);
      assert.match(problems.join(' '), expected, raw);
      assert.ok(!problems.join(' ').includes('eyJ'), `the value stays out of the log: ${problems.join(' ')}`);
    }
    assert.deepEqual(shown([text('Plain answer')], {}), { bot: [text('Plain answer')], problems: [] });
    assert.deepEqual(shown([text('Plain answer')], { appContext: '' }), { bot: [text('Plain answer')], problems: [] }, 'empty is none, as in that UI');
  });

  it('leaves a button whose value Lex would refuse (over 1024 characters)', () => {
    const { responseCard, problems } = shown(
      [],
      attributes({
        responseCard: { version: '1', contentType: GENERIC, genericAttachments: [{ title: 'Long', buttons: [{ text: 'Too long', value: 'x'.repeat(1025) }] }] },
      }),
    );
    assert.deepEqual(responseCard, [{ title: 'Long' }]);
    assert.match(problems[0], /buttons\[0\].value is longer than the 1024 characters Lex takes/);
  });

  it('sends the next turn without appContext, keeping the other attributes', () => {
    assert.deepEqual(withoutAppContext({ appContext: '{}', topic: 'coffee' }), { topic: 'coffee' });
  });

  it('a page reload keeps the cards and renders the alternative again from its source, not from what the page kept', () => {
    const [turn] = reviveTurns([
      {
        id: 't1',
        user: 'menu',
        at: '2024-05-01T10:00:00.000Z',
        bot: [{ contentType: 'PlainText', content: 'Menu', alt: { from: 'markdown', source: '**Menu**', html: '<img src=x onerror="alert(1)">' } }],
        responseCard: [{ title: 'Coffee', linkUrl: 'javascript:alert(1)', buttons: [{ text: 'Flat white', value: 'a flat white please' }] }],
      },
    ]);
    assert.deepEqual(turn.bot[0].alt, { from: 'markdown', source: '**Menu**', html: '<p><strong>Menu</strong></p>' });
    assert.deepEqual(
      turn.responseCard?.map((card) => [card.title, card.linkUrl, card.buttons]),
      [['Coffee', undefined, [{ text: 'Flat white', value: 'a flat white please' }]]],
    );
  });
});

describe('appContext in a chat session against the sandbox (a code hook sets it)', () => {
  const PASSWORD = 'AppCtx-Passw0rd!';
  let dir: string;
  let session: ChatSession;
  let close: () => Promise<void>;
  const warnings: string[] = [];

  before(async () => {
    const sandbox = await signInSandbox('AppCtx', PASSWORD, () => new Date());
    close = sandbox.close;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-appcontext-'));
    const intent = (name: string, utterance: string) => ({
      [`Cafe/BotLocales/en_US/Intents/${name}/Intent.json`]: { name, sampleUtterances: [{ utterance }], fulfillmentCodeHook: { enabled: true } },
    });
    writeTree(path.join(dir, 'bot'), {
      'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
      'Cafe/Bot.json': { name: 'Cafe', idleSessionTTLInSeconds: 300 },
      'Cafe/BotLocales/en_US/BotLocale.json': { identifier: 'en_US', nluConfidenceThreshold: 0.4 },
      ...intent('Menu', 'show me the menu'),
      ...intent('Order', 'a flat white please'),
      ...intent('Broken', 'break the context'),
    });
    // The hook answers as a bot built for the Lex web UI does: its text, a V2 card, and appContext.
    fs.writeFileSync(
      path.join(dir, 'hook.js'),
      `exports.handler = async (event) => {
  const name = event.sessionState.intent.name;
  const attributes = { ...(event.sessionState.sessionAttributes || {}) };
  const close = (messages) => ({ sessionState: { sessionAttributes: attributes, dialogAction: { type: 'Close' }, intent: { name, state: 'Fulfilled' } }, messages });
  if (name === 'Menu') {
    attributes.appContext = JSON.stringify({
      altMessages: { markdown: '**Today**: espresso and flat white' },
      responseCard: { version: '1', contentType: '${GENERIC}', genericAttachments: [{ title: 'Coffee', buttons: [{ text: 'Flat white', value: 'a flat white please' }] }] },
    });
    return close([{ contentType: 'PlainText', content: 'Today: espresso and flat white' }, { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Lex card' } }]);
  }
  if (name === 'Broken') {
    attributes.appContext = '{"altMessages": not json';
    return close([{ contentType: 'PlainText', content: 'Plain all the same' }]);
  }
  return close([{ contentType: 'PlainText', content: 'appContext came back: ' + ('appContext' in attributes) }]);
};
`,
    );
    sandbox.sandbox.addBot(path.join(dir, 'bot'), path.join(dir, 'hook.js'));
    const credentials = new PoolCredentials(
      {
        sdk: sandbox.sdk,
        cognitoIdentity: await sandbox.factory.client(sandbox.connection, 'cognitoIdentity'),
        cognitoIdentityProvider: await sandbox.factory.client(sandbox.connection, 'cognitoIdentityProvider'),
        region: 'us-east-1',
      },
      { identityPoolId: sandbox.guests.identityPoolId },
    );
    session = new ChatSession(
      {
        sdk: sandbox.sdk,
        credentials,
        lexClient: (c) => sandbox.factory.clientWith(sandbox.connection, 'lexRuntime', c),
        warn: (warning) => warnings.push(warning),
      },
      { botId: sandboxBotId('Cafe'), botAliasId: 'TSTALIASID', localeId: 'en_US' },
    );
  });
  after(async () => {
    session.dispose();
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the Markdown and the card the hook put in appContext; the button value is the next message, sent without appContext', async () => {
    const menu = await session.send('show me the menu');
    assert.equal(menu.error, undefined, menu.error?.message);
    assert.equal(menu.bot[0].content, 'Today: espresso and flat white');
    assert.equal(menu.bot[0].alt?.html, '<p><strong>Today</strong>: espresso and flat white</p>');
    assert.deepEqual(menu.responseCard, [{ title: 'Coffee', buttons: [{ text: 'Flat white', value: 'a flat white please' }] }]);
    assert.equal(menu.bot[1].imageResponseCard?.title, 'Lex card', "Lex's card stays in the turn (the page shows the appContext card in its place)");
    assert.ok(menu.inspection?.sessionAttributes.appContext, 'the inspector shows the attribute as Lex answered');
    assert.deepEqual(session.sessionAttributes, {}, 'not kept for the next turn');

    const order = await session.send(menu.responseCard![0].buttons![0].value);
    assert.equal(order.inspection?.intent?.name, 'Order');
    assert.deepEqual(
      order.bot.map((m) => m.content),
      ['appContext came back: false'],
    );
    assert.equal(order.responseCard, undefined, "the last turn's card does not carry over");
    assert.equal(order.bot[0].alt, undefined);
    assert.deepEqual(warnings, []);
  });

  it('keeps the plain message when appContext is not JSON, and warns without the value', async () => {
    const turn = await session.send('break the context');
    assert.equal(turn.error, undefined, turn.error?.message);
    assert.deepEqual(
      turn.bot.map((m) => [m.content, m.alt]),
      [['Plain all the same', undefined]],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /appContext \(24 characters\) is not JSON/);
    assert.ok(!warnings[0].includes('not json'), warnings[0]);
  });
});
