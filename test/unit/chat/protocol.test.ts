import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_CHARS, parsePageMessage } from '../../../src/chat/protocol';
import { reviveTurns } from '../../../src/chat/revive';

describe('chat/protocol: what the page may send', () => {
  it('accepts exactly the page messages, trimmed', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'send', text: '  hello  ' }), { type: 'send', text: 'hello' });
    assert.deepEqual(parsePageMessage({ type: 'setSessionAttributes', attributes: { plan: 'gold' } }), {
      type: 'setSessionAttributes',
      attributes: { plan: 'gold' },
    });
    assert.deepEqual(parsePageMessage({ type: 'switchIdentity', mode: 'signIn' }), { type: 'switchIdentity', mode: 'signIn' });
    assert.deepEqual(parsePageMessage({ type: 'runFix', id: 'attachLexPolicy' }), { type: 'runFix', id: 'attachLexPolicy' });
    assert.deepEqual(parsePageMessage({ type: 'saveAsTest' }), { type: 'saveAsTest' });
  });

  it('rejects unknown types, extra fields, wrong types and sizes', () => {
    const rejected = [
      undefined,
      null,
      'send',
      { type: 'eval', code: 'x' },
      { type: 'ready', extra: 1 },
      { type: 'saveAsTest', name: 'from the page' },
      { type: 'send' },
      { type: 'send', text: 42 },
      { type: 'send', text: '   ' },
      { type: 'send', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) },
      { type: 'send', text: 'hi', credentials: { accessKeyId: 'A' } },
      { type: 'setSessionAttributes', attributes: { 'bad key': 'v' } },
      { type: 'setSessionAttributes', attributes: { k: 1 } },
      { type: 'setSessionAttributes', attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      { type: 'setSessionAttributes', attributes: ['a'] },
      { type: 'switchIdentity', mode: 'admin' },
      { type: 'runFix', id: '../../etc' },
      { type: 'runFix', id: 'x'.repeat(65) },
    ];
    for (const message of rejected) assert.equal(parsePageMessage(message), undefined, JSON.stringify(message));
  });
});

describe('chat/revive: turns a page kept across a reload', () => {
  it('keeps the known fields, renders Markdown again, and drops what the page should not decide', () => {
    const [turn] = reviveTurns([
      {
        id: 't1',
        user: 'hi',
        at: '2026-11-23T12:00:00Z',
        bot: [
          { contentType: 'PlainText', content: 'Hello **there**', html: '<img src=x onerror=alert(1)>' },
          { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Card', imageUrl: 'javascript:alert(1)', buttons: [{ text: 'Go', value: 'go' }] } },
          { contentType: 'Evil', content: 'x' },
        ],
        error: { name: 'AccessDeniedException', message: 'no', advice: 'attach', fix: { title: 'Open the pool', id: 'enableGuestAccess' } },
        inspection: { raw: { request: { secret: 'leak' } } },
      },
      { id: 'no-user' },
      'junk',
    ]);
    assert.equal(turn.bot.length, 2, 'an unknown content type is dropped');
    assert.equal(turn.bot[0].html, '<p>Hello <strong>there</strong></p>', 'the html comes from the content, rendered here');
    assert.equal(turn.bot[1].imageResponseCard?.imageUrl, undefined, 'only https images');
    assert.deepEqual(turn.bot[1].imageResponseCard?.buttons, [{ text: 'Go', value: 'go' }]);
    assert.deepEqual(turn.error, { name: 'AccessDeniedException', message: 'no', advice: 'attach' }, 'no fix comes back from the page');
    assert.equal('inspection' in turn && turn.inspection !== undefined, false);
    assert.equal(reviveTurns('nope').length, 0);
  });
});
