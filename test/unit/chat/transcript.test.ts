import * as assert from 'node:assert/strict';
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { botMessages, httpsUrl, inspect } from '../../../src/chat/inspect';
import type { Turn } from '../../../src/chat/protocol';
import {
  answersDiffer,
  markReplayed,
  parseTranscript,
  replay,
  serializeTranscript,
  toTranscript,
  TranscriptError,
  type Transcript,
} from '../../../src/chat/transcript';

const bot = { botId: 'ABCDE12345', botAliasId: 'TSTALIASID', localeId: 'en_US', label: 'CoffeeShop' };

function turn(user: string, answers: string[], extra: Partial<Turn> = {}): Turn {
  return {
    id: user,
    user,
    at: '2025-01-01T00:00:00.000Z',
    bot: answers.map((content) => ({ contentType: 'PlainText' as const, content, html: `<p>${content}</p>` })),
    ...extra,
  };
}

describe('chat/transcript', () => {
  it('saves turns as version 1 JSON and reads them back', () => {
    const card: Turn = { id: 'c', user: 'hi', at: '', bot: [{ contentType: 'ImageResponseCard', imageResponseCard: { title: 'Welcome', buttons: [] } }] };
    const failed = turn('hello', [], { error: { name: 'AccessDeniedException', message: 'Role R lacks lex:RecognizeText on arn', advice: '' } });
    const transcript = toTranscript(bot, [turn('when are you open', ['7 to 7']), card, failed], new Date('2025-02-03T04:05:06Z'));
    assert.deepEqual(transcript, {
      version: 1,
      bot,
      savedAt: '2025-02-03T04:05:06.000Z',
      turns: [
        { user: 'when are you open', bot: ['7 to 7'] },
        { user: 'hi', bot: ['Welcome'] },
        { user: 'hello', bot: [], error: 'AccessDeniedException: Role R lacks lex:RecognizeText on arn' },
      ],
    });
    assert.deepEqual(parseTranscript(serializeTranscript(transcript)), transcript);
  });

  it('refuses what is not a transcript, saying where', () => {
    const valid = { version: 1, bot, turns: [{ user: 'hi', bot: ['hello'] }] };
    const refuses = (value: unknown, message: RegExp) =>
      assert.throws(
        () => parseTranscript(typeof value === 'string' ? value : JSON.stringify(value)),
        (e: unknown) => e instanceof TranscriptError && message.test(e.message),
      );
    refuses('{ not json', /not JSON/);
    refuses([], /JSON object with "version"/);
    refuses({ ...valid, version: 2 }, /version 2 is not one/);
    refuses({ ...valid, version: '1' }, /version "1" is not one/);
    refuses({ ...valid, bot: undefined }, /"bot" must be an object/);
    refuses({ ...valid, bot: { ...bot, botId: '../../etc' } }, /bot\.botId must be an id/);
    refuses({ ...valid, bot: { ...bot, localeId: 3 } }, /bot\.localeId must be an id/);
    refuses({ ...valid, turns: {} }, /"turns" must be a list/);
    refuses({ ...valid, turns: [valid.turns[0], 'hi'] }, /turns\[1\] must be an object/);
    refuses({ ...valid, turns: [{ user: '', bot: [] }] }, /turns\[0\]\.user must be the message sent/);
    refuses({ ...valid, turns: [{ user: 'x'.repeat(1025), bot: [] }] }, /turns\[0\]\.user/);
    refuses({ ...valid, turns: [{ user: 'hi', bot: 'hello' }] }, /turns\[0\]\.bot must be a list/);
    refuses({ ...valid, turns: [{ user: 'hi', bot: [1] }] }, /turns\[0\]\.bot must be a list/);
    refuses({ ...valid, turns: [{ user: 'hi', bot: [], error: {} }] }, /turns\[0\]\.error must be text/);
    refuses({ ...valid, turns: Array.from({ length: 2001 }, () => valid.turns[0]) }, /at most 2000 turns/);
    assert.deepEqual(parseTranscript(JSON.stringify({ ...valid, extra: true })).turns, valid.turns, 'unknown fields are ignored');
  });

  it('marks a replayed turn only where the answers differ (whitespace aside)', () => {
    assert.equal(answersDiffer(['7 to 7'], ['7  to 7 ']), false);
    assert.equal(answersDiffer(['7 to 7'], ['8 to 8']), true);
    assert.equal(answersDiffer(['a'], ['a', 'b']), true);
    const same = turn('when', ['7 to 7']);
    assert.equal(markReplayed(same, { user: 'when', bot: ['7 to 7'] }), same);
    assert.deepEqual(markReplayed(turn('when', ['8 to 8']), { user: 'when', bot: ['7 to 7'] }).expected, ['7 to 7']);
  });

  it('replays the user turns in a new session and counts the differences', async () => {
    const sent: string[] = [];
    let restarted = 0;
    const answers: Record<string, string[]> = { hi: ['Hello!'], 'when are you open': ['Now 8 to 6'], bye: ['Bye'] };
    const session = {
      async restart() {
        restarted++;
      },
      async send(text: string) {
        sent.push(text);
        return turn(text, answers[text] ?? []);
      },
    };
    const transcript: Transcript = {
      version: 1,
      bot,
      turns: [
        { user: 'hi', bot: ['Hello!'] },
        { user: 'when are you open', bot: ['7 to 7'] },
        { user: 'bye', bot: ['Bye'] },
      ],
    };
    const heard: number[] = [];
    const result = await replay(session, transcript, (_, index) => heard.push(index));
    assert.equal(restarted, 1);
    assert.deepEqual(sent, ['hi', 'when are you open', 'bye']);
    assert.deepEqual(heard, [0, 1, 2]);
    assert.equal(result.differing, 1);
    assert.deepEqual(
      result.turns.map((t) => t.expected),
      [undefined, ['7 to 7'], undefined],
    );
  });
});

describe('chat/inspect', () => {
  it('turns Lex messages into what the page shows: sanitised Markdown, JSON, SSML text, https-only card images', () => {
    const messages = botMessages([
      { contentType: 'PlainText', content: 'Try the **latte** <img src=x onerror=alert(1)>' },
      { contentType: 'CustomPayload', content: '{"kind":"menu","items":[1,2]}' },
      { contentType: 'CustomPayload', content: 'not json' },
      { contentType: 'SSML', content: '<speak>Hello <break time="1s"/></speak>' },
      {
        contentType: 'ImageResponseCard',
        imageResponseCard: { title: 'Cup', subtitle: 'Hot', imageUrl: 'https://coffee.example/cup.png', buttons: [{ text: 'Order', value: 'order a coffee' }] },
      },
      { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Evil', imageUrl: 'javascript:alert(1)' } },
      { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Plain', imageUrl: 'http://coffee.example/cup.png' } },
    ]);
    assert.deepEqual(messages[0], {
      contentType: 'PlainText',
      content: 'Try the **latte** <img src=x onerror=alert(1)>',
      html: '<p>Try the <strong>latte</strong> &lt;img src=x onerror=alert(1)&gt;</p>',
    });
    assert.equal(messages[1].content, '{\n  "kind": "menu",\n  "items": [\n    1,\n    2\n  ]\n}');
    assert.equal(messages[2].content, 'not json');
    assert.deepEqual(messages[3], { contentType: 'SSML', content: '<speak>Hello <break time="1s"/></speak>' });
    assert.deepEqual(messages[4].imageResponseCard, {
      title: 'Cup',
      subtitle: 'Hot',
      imageUrl: 'https://coffee.example/cup.png',
      buttons: [{ text: 'Order', value: 'order a coffee' }],
    });
    assert.equal(messages[5].imageResponseCard?.imageUrl, undefined);
    assert.equal(messages[6].imageResponseCard?.imageUrl, undefined);
    assert.equal(httpsUrl(' https://a.example/x '), 'https://a.example/x');
    assert.equal(httpsUrl('data:image/png;base64,AAAA'), undefined);
  });

  it('reads what Lex decided, and keeps the raw response without the SDK metadata', () => {
    const response = {
      $metadata: { httpStatusCode: 200, requestId: 'r' },
      sessionId: 'us-east-1:abc',
      messages: [],
      sessionState: {
        dialogAction: { type: 'ElicitSlot', slotToElicit: 'Size' },
        intent: {
          name: 'OrderCoffee',
          state: 'InProgress',
          confirmationState: 'None',
          slots: {
            Drink: { value: { originalValue: 'cafe latte', interpretedValue: 'latte', resolvedValues: ['latte'] } },
            Size: undefined,
            Extras: {
              values: [
                { value: { originalValue: 'oat', interpretedValue: 'oat milk', resolvedValues: ['oat milk'] } },
                { value: { originalValue: 'vanilla', interpretedValue: 'vanilla', resolvedValues: ['vanilla'] } },
              ],
            },
          },
        },
        activeContexts: [{ name: 'ordering', timeToLive: { turnsToLive: 5, timeToLiveInSeconds: 90 }, contextAttributes: {} }],
        sessionAttributes: { table: '7' },
      },
      interpretations: [{ intent: { name: 'OrderCoffee' }, nluConfidence: { score: 0.92 } }, { intent: { name: 'FallbackIntent' } }],
      requestAttributes: { channel: 'web' },
    } as unknown as RecognizeTextCommandOutput;
    const request = { botId: 'B', botAliasId: 'A', localeId: 'en_US', sessionId: 'us-east-1:abc', text: 'a large cafe latte' };
    const inspection = inspect(request, response);
    assert.deepEqual(inspection.intent, {
      name: 'OrderCoffee',
      state: 'InProgress',
      confirmationState: 'None',
      slots: [
        { name: 'Drink', original: 'cafe latte', interpreted: 'latte', resolved: ['latte'] },
        { name: 'Size' },
        { name: 'Extras', original: 'oat, vanilla', interpreted: 'oat milk, vanilla', resolved: ['oat milk', 'vanilla'] },
      ],
    });
    assert.deepEqual(inspection.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Size' });
    assert.deepEqual(inspection.interpretations, [{ intent: 'OrderCoffee', confidence: 0.92 }, { intent: 'FallbackIntent' }]);
    assert.deepEqual(inspection.activeContexts, [{ name: 'ordering', turnsToLive: 5, secondsToLive: 90 }]);
    assert.deepEqual(inspection.sessionAttributes, { table: '7' });
    assert.deepEqual(inspection.requestAttributes, { channel: 'web' });
    assert.deepEqual(inspection.raw.request, request);
    assert.equal('$metadata' in (inspection.raw.response as object), false);
    assert.equal((inspection.raw.response as { sessionId: string }).sessionId, 'us-east-1:abc');
  });
});
