import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BotEngine } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import type { LexMessage } from '../../../src/bot/model';
import type { RecognizeTextInput } from '../../../src/bot/types';
import { plain, writeExport } from './support';

// The dialog features of Lex V2's conversation flows, each against a bot written for it: the
// Lex V2 developer guide's "Creating conversation paths" (next steps, conditional branching,
// dialog code hooks), "Setting intent context", "Using multiple values in a slot" and
// "Built-in intents".

const NOW = new Date('2026-11-23T10:00:00Z');
const LOCALE = 'Shop/BotLocales/en_US';
const say = (...values: string[]) => ({ messageGroupsList: values.map(plain) });
const step = (type: string, extra: object = {}) => ({ dialogAction: { type, ...extra } });
const branch = (name: string, expressionString: string, response: string | undefined, nextStep: object) => ({
  name,
  condition: { expressionString },
  ...(response ? { response: say(response) } : {}),
  nextStep,
});
const closing = (text: string, extra: object = {}) => ({ intentClosingSetting: { closingResponse: say(text), active: true, ...extra } });

/** A pizza shop whose intents use the features under test; each intent says which. */
const SHOP: Record<string, unknown> = {
  'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
  'Shop/Bot.json': { name: 'Shop', idleSessionTTLInSeconds: 600 },
  [`${LOCALE}/BotLocale.json`]: { identifier: 'en_US', name: 'English (US)', nluConfidenceThreshold: 0.5 },
  [`${LOCALE}/SlotTypes/Size/SlotType.json`]: {
    name: 'Size',
    slotTypeValues: ['small', 'medium', 'large'].map((value) => ({ sampleValue: { value } })),
    valueSelectionSetting: { resolutionStrategy: 'TOP_RESOLUTION' },
  },
  [`${LOCALE}/SlotTypes/Topping/SlotType.json`]: {
    name: 'Topping',
    slotTypeValues: ['pepperoni', 'pineapple', 'mushrooms', 'olives'].map((value) => ({ sampleValue: { value } })),
    valueSelectionSetting: { resolutionStrategy: 'TOP_RESOLUTION' },
  },
  // Branching on the initial response, slot capture, confirmation and closing; a multi-valued
  // slot; retries and failure paths; an output context.
  [`${LOCALE}/Intents/OrderPizza/Intent.json`]: {
    name: 'OrderPizza',
    sampleUtterances: [{ utterance: 'order a pizza' }, { utterance: 'I want a {Size} pizza' }],
    slotPriorities: [
      { priority: 1, slotName: 'Size' },
      { priority: 2, slotName: 'Toppings' },
    ],
    initialResponseSetting: {
      initialResponse: say("Let's make a pizza."),
      conditional: {
        active: true,
        conditionalBranches: [
          branch('Gold', '[tier] = "gold"', 'Welcome back, gold member.', {
            ...step('ElicitSlot', { slotToElicit: 'Size' }),
            sessionAttributes: { discount: '10' },
          }),
        ],
        defaultBranch: {},
      },
    },
    intentConfirmationSetting: {
      active: true,
      promptSpecification: { ...say('A {Size} pizza with {Toppings}. Order it?'), maxRetries: 1 },
      confirmationConditional: {
        active: true,
        conditionalBranches: [branch('Phone', '((channel)) = "phone"', 'We will call you back.', step('FulfillIntent'))],
        defaultBranch: { nextStep: step('FulfillIntent') },
      },
      declinationResponse: say('No pizza then.'),
      declinationNextStep: step('EndConversation'),
      failureResponse: say('I could not tell; let us stop here.'),
      failureNextStep: { ...step('StartIntent'), intent: { name: 'Help' } },
    },
    fulfillmentCodeHook: {
      enabled: false,
      postFulfillmentStatusSpecification: { successResponse: say('Said only after a fulfilment Lambda.'), successNextStep: step('CloseIntent') },
    },
    ...closing('Your pizza is on its way.', {
      conditional: {
        active: true,
        conditionalBranches: [branch('Surcharge', '[surcharge] = "2"', 'Pineapple is 2 dollars extra.', step('EndConversation'))],
        defaultBranch: { nextStep: step('EndConversation') },
      },
    }),
    outputContexts: [{ name: 'ordered', timeToLiveInSeconds: 60, turnsToLive: 2 }],
  },
  [`${LOCALE}/Intents/OrderPizza/Slots/Size/Slot.json`]: {
    name: 'Size',
    slotTypeName: 'Size',
    valueElicitationSetting: {
      slotConstraint: 'Required',
      promptSpecification: { ...say('What size?'), maxRetries: 1 },
      slotCaptureSetting: {
        captureConditional: {
          active: true,
          conditionalBranches: [branch('Small', '{Size} = "small"', 'Small it is.', step('ElicitSlot', { slotToElicit: 'Toppings' }))],
          defaultBranch: { nextStep: step('ElicitSlot', { slotToElicit: 'Toppings' }) },
        },
        failureResponse: say('Sorry, we only have small, medium and large.'),
        failureNextStep: step('EndConversation'),
      },
    },
  },
  [`${LOCALE}/Intents/OrderPizza/Slots/Toppings/Slot.json`]: {
    name: 'Toppings',
    slotTypeName: 'Topping',
    multipleValuesSetting: { allowMultipleValues: true },
    valueElicitationSetting: {
      slotConstraint: 'Required',
      promptSpecification: { ...say('Which toppings?'), maxRetries: 1 },
      slotCaptureSetting: {
        captureConditional: {
          active: true,
          conditionalBranches: [
            branch('Lots', 'fn.COUNT({Toppings}) > 2', 'That is a lot of toppings.', step('ConfirmIntent')),
            branch('Pineapple', '{Toppings} CONTAINS "pineapple" AND NOT fn.IS_SET([tier])', 'Pineapple costs extra.', {
              ...step('ConfirmIntent'),
              sessionAttributes: { surcharge: '2' },
            }),
          ],
          defaultBranch: { nextStep: step('ConfirmIntent') },
        },
      },
    },
  },
  // StartIntent with slot values, without the started intent's initial response.
  [`${LOCALE}/Intents/Reorder/Intent.json`]: {
    name: 'Reorder',
    sampleUtterances: [{ utterance: 'same again' }],
    initialResponseSetting: {
      nextStep: {
        ...step('StartIntent', { suppressNextMessage: true }),
        intent: {
          name: 'OrderPizza',
          slots: {
            Size: { shape: 'Scalar', value: { interpretedValue: 'large' } },
            Toppings: { shape: 'List', values: [{ value: { interpretedValue: 'olives' } }] },
          },
        },
      },
    },
  },
  // ElicitIntent after the closing response.
  [`${LOCALE}/Intents/Menu/Intent.json`]: {
    name: 'Menu',
    sampleUtterances: [{ utterance: 'show me the menu' }],
    ...closing('We have pizza. What would you like?', { nextStep: step('ElicitIntent') }),
  },
  // Recognised only while the context "ordered" is active.
  [`${LOCALE}/Intents/TrackOrder/Intent.json`]: {
    name: 'TrackOrder',
    sampleUtterances: [{ utterance: 'where is my pizza' }],
    inputContexts: [{ name: 'ordered' }],
    ...closing('It is in the oven.'),
  },
  [`${LOCALE}/Intents/Cancel/Intent.json`]: { name: 'Cancel', parentIntentSignature: 'AMAZON.CancelIntent', ...closing('Cancelled.') },
  [`${LOCALE}/Intents/Help/Intent.json`]: { name: 'Help', parentIntentSignature: 'AMAZON.HelpIntent', ...closing('I can take a pizza order.') },
  [`${LOCALE}/Intents/Stop/Intent.json`]: { name: 'Stop', parentIntentSignature: 'AMAZON.StopIntent', ...closing('Goodbye.') },
  [`${LOCALE}/Intents/Repeat/Intent.json`]: { name: 'Repeat', parentIntentSignature: 'AMAZON.RepeatIntent', ...closing('Repeating.') },
  [`${LOCALE}/Intents/StartOver/Intent.json`]: { name: 'StartOver', parentIntentSignature: 'AMAZON.StartOverIntent', ...closing('From the top.') },
  [`${LOCALE}/Intents/Questions/Intent.json`]: { name: 'Questions', parentIntentSignature: 'AMAZON.QnAIntent', qnAIntentConfiguration: {} },
  [`${LOCALE}/Intents/FallbackIntent/Intent.json`]: { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent', ...closing('Sorry?') },
};

describe('bot/dialog: conversation flows', () => {
  let dir: string;
  let now: Date;
  let engine: BotEngine;
  before(() => (dir = writeExport(SHOP)));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    now = NOW;
    engine = new BotEngine(loadBot(dir).bot, { now: () => now, random: () => 0 });
  });
  const turn = (text: string, extra: Omit<RecognizeTextInput, 'text'> = {}) => engine.recognizeText('en_US', 's', { text, ...extra });
  type Answer = Awaited<ReturnType<typeof turn>>;
  const said = (answer: Answer) => answer.messages.map((m) => (m.contentType === 'ImageResponseCard' ? m.imageResponseCard.title : m.content));
  const where = (answer: Answer) => [answer.sessionState.intent?.name, answer.sessionState.intent?.state, answer.sessionState.dialogAction?.type];
  const order = async (toppings: string, extra: Omit<RecognizeTextInput, 'text'> = {}) => {
    await turn('order a pizza', extra);
    await turn('medium');
    return turn(toppings);
  };

  describe('conditional branching', () => {
    it('on the initial response, by a session attribute: the branch says its response, sets an attribute, takes its next step', async () => {
      const gold = await turn('order a pizza', { sessionState: { sessionAttributes: { tier: 'gold' } } });
      assert.deepEqual(said(gold), ["Let's make a pizza.", 'Welcome back, gold member.', 'What size?']);
      assert.equal(gold.sessionState.sessionAttributes?.discount, '10');
      const plainOrder = await engine.recognizeText('en_US', 'other', { text: 'order a pizza' });
      assert.deepEqual(said(plainOrder), ["Let's make a pizza.", 'What size?'], 'the default branch goes on in the default order');
    });

    it('on slot capture, by the value captured', async () => {
      await turn('order a pizza');
      assert.deepEqual(said(await turn('small')), ['Small it is.', 'Which toppings?']);
      await engine.recognizeText('en_US', 'other', { text: 'order a pizza' });
      assert.deepEqual(said(await engine.recognizeText('en_US', 'other', { text: 'large' })), ['Which toppings?']);
    });

    it('on confirmation by a request attribute, then fulfilment (no Lambda: no post-fulfilment response) and closing by a session attribute', async () => {
      await order('pepperoni and pineapple');
      const done = await turn('yes', { requestAttributes: { channel: 'phone' } });
      assert.deepEqual(said(done), ['We will call you back.', 'Your pizza is on its way.', 'Pineapple is 2 dollars extra.']);
      assert.deepEqual(where(done), ['OrderPizza', 'Fulfilled', 'Close']);
    });
  });

  describe('multi-valued slots', () => {
    it('take every value said, as a List of Scalars, in prompts and in conditions (CONTAINS, fn.COUNT)', async () => {
      const confirm = await order('pepperoni and pineapple');
      const toppings = confirm.sessionState.intent?.slots.Toppings;
      assert.equal(toppings?.shape, 'List');
      assert.deepEqual(
        toppings?.values?.map((v) => [v.shape, v.value.interpretedValue]),
        [
          ['Scalar', 'pepperoni'],
          ['Scalar', 'pineapple'],
        ],
      );
      assert.deepEqual(said(confirm), ['Pineapple costs extra.', 'A medium pizza with pepperoni and pineapple. Order it?']);
      assert.equal(confirm.sessionState.sessionAttributes?.surcharge, '2');
      const lots = await engine.recognizeText('en_US', 'lots', { text: 'order a pizza' }).then(() => engine.recognizeText('en_US', 'lots', { text: 'large' }));
      assert.equal(lots.sessionState.dialogAction?.slotToElicit, 'Toppings');
      const many = await engine.recognizeText('en_US', 'lots', { text: 'pepperoni, mushrooms olives' });
      assert.deepEqual(said(many), ['That is a lot of toppings.', 'A large pizza with pepperoni, mushrooms and olives. Order it?']);
    });
  });

  describe('next steps', () => {
    it('StartIntent starts another intent with the slot values it names, its initial response suppressed', async () => {
      const again = await turn('same again');
      assert.deepEqual(where(again), ['OrderPizza', 'InProgress', 'ConfirmIntent']);
      assert.deepEqual(said(again), ['A large pizza with olives. Order it?']);
      assert.equal(again.sessionState.intent?.slots.Toppings?.shape, 'List');
    });

    it('ElicitIntent after a closing response waits for the next intent', async () => {
      const menu = await turn('show me the menu');
      assert.deepEqual(said(menu), ['We have pizza. What would you like?']);
      assert.equal(menu.sessionState.dialogAction?.type, 'ElicitIntent');
    });

    it('EndConversation after a declination leaves the intent failed and denied', async () => {
      await order('olives');
      const no = await turn('no');
      assert.deepEqual(said(no), ['No pizza then.']);
      assert.deepEqual([...where(no), no.sessionState.intent?.confirmationState], ['OrderPizza', 'Failed', 'Close', 'Denied']);
    });
  });

  describe('elicitation retries', () => {
    it('re-prompt a slot up to maxRetries, then say the failure response and take the failure next step', async () => {
      await turn('order a pizza');
      const retry = await turn('purple');
      assert.deepEqual(said(retry), ['What size?']);
      const failed = await turn('green');
      assert.deepEqual(said(failed), ['Sorry, we only have small, medium and large.']);
      assert.deepEqual(where(failed), ['OrderPizza', 'Failed', 'Close']);
    });

    it('re-prompt a confirmation up to maxRetries, then take its failure path', async () => {
      await order('olives');
      assert.deepEqual(said(await turn('hmm')), ['A medium pizza with olives. Order it?']);
      const failed = await turn('what');
      assert.deepEqual(said(failed), ['I could not tell; let us stop here.', 'I can take a pizza order.']);
      assert.deepEqual(where(failed), ['Help', 'Fulfilled', 'Close']);
    });
  });

  describe('contexts', () => {
    it('an intent with an input context is recognised only while the context is active', async () => {
      assert.equal((await turn('where is my pizza')).sessionState.intent?.name, 'FallbackIntent');
      const given = await engine.recognizeText('en_US', 'given', {
        text: 'where is my pizza',
        sessionState: { activeContexts: [{ name: 'ordered', timeToLive: { timeToLiveInSeconds: 30, turnsToLive: 5 }, contextAttributes: {} }] },
      });
      assert.deepEqual(said(given), ['It is in the oven.'], 'a context the request sets counts');
    });

    it('a fulfilled intent activates its output context, which lives for its turns', async () => {
      await order('olives');
      const done = await turn('yes');
      assert.deepEqual(done.sessionState.activeContexts, [{ name: 'ordered', timeToLive: { timeToLiveInSeconds: 60, turnsToLive: 2 }, contextAttributes: {} }]);
      const first = await turn('where is my pizza');
      assert.equal(first.sessionState.intent?.name, 'TrackOrder');
      assert.equal(first.sessionState.activeContexts?.[0].timeToLive.turnsToLive, 1);
      const second = await turn('where is my pizza');
      assert.equal(second.sessionState.intent?.name, 'TrackOrder');
      assert.deepEqual(second.sessionState.activeContexts, [], 'two turns lived');
      assert.equal((await turn('where is my pizza')).sessionState.intent?.name, 'FallbackIntent');
    });

    it('and for its seconds', async () => {
      await order('olives');
      await turn('yes');
      now = new Date(NOW.getTime() + 61_000);
      const late = await turn('where is my pizza');
      assert.equal(late.sessionState.intent?.name, 'FallbackIntent');
      assert.deepEqual(late.sessionState.activeContexts, []);
      assert.deepEqual(engine.getSession('en_US', 's').sessionState.activeContexts, []);
    });
  });

  describe('built-in intents', () => {
    it('are recognised by the utterances Lex gives them, and then run as the export configures them', async () => {
      const cases: Array<[string, string, string]> = [
        ['cancel', 'Cancel', 'Cancelled.'],
        ['never mind', 'Cancel', 'Cancelled.'],
        ['forget it', 'Cancel', 'Cancelled.'],
        ['help', 'Help', 'I can take a pizza order.'],
        ['can you help me', 'Help', 'I can take a pizza order.'],
        ['stop', 'Stop', 'Goodbye.'],
        ['shut up', 'Stop', 'Goodbye.'],
        ['say that again', 'Repeat', 'Repeating.'],
        ['repeat', 'Repeat', 'Repeating.'],
        ['start over', 'StartOver', 'From the top.'],
        ['start again', 'StartOver', 'From the top.'],
      ];
      for (const [text, intent, reply] of cases) {
        const answer = await engine.recognizeText('en_US', text, { text });
        assert.deepEqual([answer.sessionState.intent?.name, said(answer)], [intent, [reply]], text);
      }
    });

    it('take over from a slot being elicited, as another intent does', async () => {
      await turn('order a pizza');
      const cancelled = await turn('never mind');
      assert.deepEqual(where(cancelled), ['Cancel', 'Fulfilled', 'Close']);
    });

    it('one that needs an AWS service (AMAZON.QnAIntent) is never recognised: the fallback answers', async () => {
      const question = await turn('what are your opening hours');
      assert.equal(question.sessionState.intent?.name, 'FallbackIntent');
    });
  });
});

/** The Lex V2 Lambda input event fields these tests read. */
interface HookEvent {
  invocationSource: string;
  invocationLabel?: string;
  sessionState: { intent: { name: string; state: string; slots: Record<string, { value: { interpretedValue: string } } | null> } };
}

/** A bot whose steps call the dialog code hook: after the initial response, and after a slot is captured. */
const HOOKED: Record<string, unknown> = {
  'Manifest.json': SHOP['Manifest.json'],
  'Shop/Bot.json': SHOP['Shop/Bot.json'],
  [`${LOCALE}/BotLocale.json`]: SHOP[`${LOCALE}/BotLocale.json`],
  [`${LOCALE}/Intents/Book/Intent.json`]: {
    name: 'Book',
    sampleUtterances: [{ utterance: 'book a table' }],
    slotPriorities: [{ priority: 1, slotName: 'People' }],
    dialogCodeHook: { enabled: true },
    initialResponseSetting: {
      initialResponse: say('Let us book.'),
      nextStep: step('InvokeDialogCodeHook'),
      codeHook: {
        isActive: true,
        enableCodeHookInvocation: true,
        invocationLabel: 'start',
        postCodeHookSpecification: { successNextStep: step('ElicitSlot', { slotToElicit: 'People' }) },
      },
    },
    intentConfirmationSetting: {
      active: true,
      promptSpecification: { ...say('Book for {People}?'), maxRetries: 1 },
      confirmationNextStep: step('FulfillIntent'),
      elicitationCodeHook: { enableCodeHookInvocation: false },
    },
    ...closing('Booked.'),
  },
  [`${LOCALE}/Intents/Book/Slots/People/Slot.json`]: {
    name: 'People',
    slotTypeName: 'AMAZON.Number',
    valueElicitationSetting: {
      slotConstraint: 'Required',
      promptSpecification: { ...say('How many people?'), maxRetries: 1 },
      slotCaptureSetting: {
        captureNextStep: step('InvokeDialogCodeHook'),
        elicitationCodeHook: { enableCodeHookInvocation: false },
        codeHook: {
          isActive: true,
          enableCodeHookInvocation: true,
          invocationLabel: 'people',
          postCodeHookSpecification: {
            successResponse: say('Checked.'),
            successNextStep: step('ConfirmIntent'),
            failureResponse: say('No table for that many.'),
            failureNextStep: step('EndConversation'),
          },
        },
      },
    },
  },
  [`${LOCALE}/Intents/FallbackIntent/Intent.json`]: SHOP[`${LOCALE}/Intents/FallbackIntent/Intent.json`],
};

describe('bot/dialog: the dialog code hook at each step', () => {
  let dir: string;
  before(() => (dir = writeExport(HOOKED)));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A hook that lets the dialog go on (Delegate), failing the intent for more than eight people. */
  const hooked = (events: HookEvent[]) =>
    new BotEngine(loadBot(dir).bot, {
      now: () => NOW,
      random: () => 0,
      codeHook: ((event: HookEvent) => {
        events.push(structuredClone(event));
        const people = Number(event.sessionState.intent.slots.People?.value.interpretedValue ?? 0);
        return { sessionState: { dialogAction: { type: 'Delegate' }, intent: { ...event.sessionState.intent, ...(people > 8 ? { state: 'Failed' } : {}) } } };
      }) as never,
    });
  const text = (answer: { messages: LexMessage[] }) => answer.messages.map((m) => ('content' in m ? m.content : m.imageResponseCard.title));

  it('calls the Lambda where a next step is InvokeDialogCodeHook, with the step label, and goes on by its success path', async () => {
    const events: HookEvent[] = [];
    const engine = hooked(events);
    const start = await engine.recognizeText('en_US', 's', { text: 'book a table' });
    assert.deepEqual(text(start), ['Let us book.', 'How many people?']);
    const four = await engine.recognizeText('en_US', 's', { text: '4' });
    assert.deepEqual(text(four), ['Checked.', 'Book for 4?']);
    assert.deepEqual(
      events.map((e) => [e.invocationSource, e.invocationLabel]),
      [
        ['DialogCodeHook', 'start'],
        ['DialogCodeHook', 'people'],
      ],
      'no call where the elicitation code hook is off',
    );
    const done = await engine.recognizeText('en_US', 's', { text: 'yes' });
    assert.deepEqual(text(done), ['Booked.']);
    assert.equal(events.length, 2);
  });

  it('goes on by the failure path when the Lambda fails the intent', async () => {
    const engine = hooked([]);
    await engine.recognizeText('en_US', 's', { text: 'book a table' });
    const many = await engine.recognizeText('en_US', 's', { text: '12' });
    assert.deepEqual(text(many), ['No table for that many.']);
    assert.deepEqual([many.sessionState.intent?.state, many.sessionState.dialogAction?.type], ['Failed', 'Close']);
  });

  it('with the elicitation code hook on, calls the Lambda once per input: after a capture by the capture step, and when nothing was captured', async () => {
    const elicited = structuredClone(HOOKED) as Record<string, { valueElicitationSetting?: { slotCaptureSetting: { elicitationCodeHook: object } } }>;
    elicited[`${LOCALE}/Intents/Book/Slots/People/Slot.json`].valueElicitationSetting!.slotCaptureSetting.elicitationCodeHook = {
      enableCodeHookInvocation: true,
    };
    const elicitedDir = writeExport(elicited);
    try {
      const events: HookEvent[] = [];
      const engine = new BotEngine(loadBot(elicitedDir).bot, {
        now: () => NOW,
        random: () => 0,
        codeHook: ((event: HookEvent) => {
          events.push(structuredClone(event));
          return { sessionState: { dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent } };
        }) as never,
      });
      await engine.recognizeText('en_US', 's', { text: 'book a table' });
      await engine.recognizeText('en_US', 's', { text: 'a crowd' });
      assert.equal(events.length, 2, 'nothing captured: the elicitation code hook is called');
      await engine.recognizeText('en_US', 's', { text: '4' });
      assert.deepEqual(
        events.slice(2).map((e) => e.invocationLabel),
        ['people'],
        'captured: only the capture step calls the Lambda',
      );
    } finally {
      fs.rmSync(elicitedDir, { recursive: true, force: true });
    }
  });

  it('counts a hook it does not call (no Lambda here) as a success', async () => {
    const engine = new BotEngine(loadBot(dir).bot, { now: () => NOW, random: () => 0 });
    await engine.recognizeText('en_US', 's', { text: 'book a table' });
    assert.deepEqual(text(await engine.recognizeText('en_US', 's', { text: '4' })), ['Checked.', 'Book for 4?']);
  });
});
