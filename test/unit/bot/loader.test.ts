import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { loadBot, refusedRegexOperators } from '../../../src/bot/loader';
import { PIZZA_DELIVERY } from '../support';
import { writeExport } from './support';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const SAMPLE = path.join(REPO, 'media', 'sample-bot');

const BASE = {
  'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
  'Tiny/Bot.json': { name: 'Tiny', idleSessionTTLInSeconds: 120 },
  'Tiny/BotLocales/en_GB/BotLocale.json': { name: 'English (GB)', identifier: 'en_GB', nluConfidenceThreshold: 0.5 },
};

describe('bot/loader', () => {
  const temps: string[] = [];
  afterEach(() => temps.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('loads the sample bot: intents, slots in priority order, slot types, confirmation, card and fallback', () => {
    const { bot, problems } = loadBot(SAMPLE);
    assert.deepEqual(problems, []);
    assert.equal(bot.name, 'CoffeeShop');
    const locale = bot.locales[0];
    assert.deepEqual([locale.localeId, locale.nluConfidenceThreshold], ['en_US', 0.4]);
    assert.deepEqual(
      locale.intents.map((i) => i.name),
      ['FallbackIntent', 'Greeting', 'OpeningHours', 'OrderCoffee'],
    );
    const order = locale.intents.find((i) => i.name === 'OrderCoffee')!;
    assert.deepEqual(
      order.slots.map((s) => `${s.name}:${s.slotTypeName}`),
      ['Drink:CoffeeType', 'Size:CupSize', 'Quantity:AMAZON.Number', 'PickupTime:AMAZON.Time'],
    );
    assert.ok(order.confirmation?.prompt.messageGroups[0].message.contentType === 'PlainText');
    assert.ok(order.confirmation?.declined.response?.length);
    const greeting = locale.intents.find((i) => i.name === 'Greeting')!;
    assert.equal(greeting.closing?.response?.[1]?.message.contentType, 'ImageResponseCard');
    assert.equal(locale.intents.find((i) => i.name === 'FallbackIntent')!.parentIntentSignature, 'AMAZON.FallbackIntent');
    const coffee = locale.slotTypes.find((t) => t.name === 'CoffeeType')!;
    assert.deepEqual(coffee.values.find((v) => v.value === 'espresso')?.synonyms, ['short black']);
    assert.equal(coffee.resolutionStrategy, 'TOP_RESOLUTION');
  });

  it('loads the same bot from a .zip as from its folder', () => {
    const files: Record<string, Uint8Array> = {};
    for (const relative of fs.readdirSync(SAMPLE, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(SAMPLE, relative);
      if (fs.statSync(full).isFile()) files[relative.split(path.sep).join('/')] = strToU8(fs.readFileSync(full, 'utf8'));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-zip-'));
    temps.push(dir);
    const zip = path.join(dir, 'CoffeeShop-DRAFT-LexJson.zip');
    fs.writeFileSync(zip, zipSync(files));
    assert.deepEqual(loadBot(zip), loadBot(SAMPLE));
  });

  it('loads a real console export (PizzaDelivery) without problems, with its conditional next steps', () => {
    const { bot, problems } = loadBot(PIZZA_DELIVERY);
    assert.deepEqual(problems, []);
    const pizza = bot.locales[0].intents.find((i) => i.name === 'PizzaOrdering')!;
    assert.deepEqual(
      pizza.slots.map((s) => s.name),
      ['PizzaSize', 'PizzaType'],
    );
    assert.deepEqual(pizza.slots[0].captured.nextStep?.dialogAction, { type: 'ElicitSlot', slotToElicit: 'PizzaType' });
    assert.deepEqual(pizza.slots[0].failed.nextStep?.intent?.name, 'FallbackIntent');
    assert.deepEqual(pizza.initial.codeHook?.success.nextStep?.dialogAction, { type: 'ElicitSlot', slotToElicit: 'PizzaSize' });
    assert.deepEqual(pizza.confirmation?.confirmed.nextStep?.dialogAction, { type: 'FulfillIntent' });
    assert.deepEqual(pizza.confirmation?.declined.nextStep?.dialogAction, { type: 'EndConversation' });
    assert.match((pizza.confirmation?.prompt.messageGroups[0].message as { content: string }).content, /Can I go ahead with your order/);
  });

  it('accepts every spelling the docs use: messageGroupList, messageGroups, slotValueElicitationSetting', () => {
    const dir = writeExport({
      ...BASE,
      'Tiny/BotLocales/en_GB/Intents/Ask/Intent.json': {
        name: 'Ask',
        sampleUtterances: [{ utterance: 'ask me' }],
        intentClosingSetting: { closingResponse: { messageGroups: [{ message: { plainTextMessage: { value: 'Done.' } } }] }, active: true },
        slotPriorities: [{ priority: 1, slotName: 'Colour' }],
      },
      'Tiny/BotLocales/en_GB/Intents/Ask/Slots/Colour/Slot.json': {
        name: 'Colour',
        slotTypeName: 'AMAZON.AlphaNumeric',
        slotValueElicitationSetting: {
          slotConstraint: 'Required',
          promptSpecification: { messageGroupList: [{ message: { plainTextMessage: { value: 'Which colour?' } } }], maxRetries: 3 },
        },
      },
    });
    temps.push(dir);
    const { bot, problems } = loadBot(dir);
    assert.deepEqual(problems, []);
    const ask = bot.locales[0].intents[0];
    assert.deepEqual(ask.closing?.response?.[0].message, { contentType: 'PlainText', content: 'Done.' });
    assert.deepEqual(ask.slots[0].prompt, {
      messageGroups: [{ message: { contentType: 'PlainText', content: 'Which colour?' }, variations: [] }],
      maxRetries: 3,
    });
    assert.equal(ask.slots[0].required, true);
  });

  it('reports what it cannot read or does not support, with file and field, and loads the rest', () => {
    const dir = writeExport({
      ...BASE,
      'Manifest.json': { metaData: { fileFormat: 'TSV' } },
      'Tiny/BotLocales/en_GB/Intents/Good/Intent.json': {
        name: 'Good',
        sampleUtterances: [{ utterance: 'good' }],
        kendraConfiguration: { kendraIndex: 'x' },
        outputContexts: [{ name: 'after-good', timeToLiveInSeconds: 90, turnsToLive: 3 }],
      },
      'Tiny/BotLocales/en_GB/Intents/Good/Slots/Nameless/Slot.json': { slotTypeName: 'AMAZON.Number' },
      'Tiny/BotLocales/en_GB/Intents/Listy/Intent.json': '[1, 2]',
      'Tiny/BotLocales/en_GB/Intents/Good/Slots/Broken/Slot.json': '{ "name": "Broken", ',
      'Tiny/BotLocales/en_GB/Intents/Good/Slots/Branchy/Slot.json': {
        name: 'Branchy',
        slotTypeName: 'AMAZON.Number',
        valueElicitationSetting: { slotConstraint: 'Optional', slotCaptureSetting: { captureConditional: { active: true, conditionalBranches: [] } } },
      },
    });
    temps.push(dir);
    const { bot, problems } = loadBot(dir);
    const where = problems.map((p) => `${p.file} ${p.field}`);
    assert.deepEqual(where.sort(), [
      'Manifest.json metaData.fileFormat',
      'Tiny/BotLocales/en_GB/Intents/Good/Intent.json kendraConfiguration',
      'Tiny/BotLocales/en_GB/Intents/Good/Slots/Broken/Slot.json (file)',
      'Tiny/BotLocales/en_GB/Intents/Good/Slots/Nameless/Slot.json name',
      'Tiny/BotLocales/en_GB/Intents/Listy/Intent.json (file)',
    ]);
    assert.match(problems.find((p) => p.file.endsWith('Listy/Intent.json'))!.message, /is not a JSON object/);
    assert.match(problems.find((p) => p.field === '(file)')!.message, /is not valid JSON/);
    assert.deepEqual(
      bot.locales[0].intents[0].slots.map((s) => s.name),
      ['Branchy'],
      'the readable slot still loads',
    );
  });

  it('reads the dialog features without a problem, and names what cannot run offline with what happens instead', () => {
    const branch = (name: string, condition: string) => ({
      name,
      condition: { expressionString: condition },
      nextStep: { dialogAction: { type: 'CloseIntent' } },
    });
    const dir = writeExport({
      ...BASE,
      'Tiny/BotLocales/en_GB/BotLocale.json': {
        ...BASE['Tiny/BotLocales/en_GB/BotLocale.json'],
        generativeAISettings: { runtimeSettings: { slotResolutionImprovement: { enabled: true } } },
      },
      'Tiny/BotLocales/en_GB/Intents/Order/Intent.json': {
        name: 'Order',
        sampleUtterances: [{ utterance: 'order' }],
        inputContexts: [{ name: 'browsing' }],
        outputContexts: [{ name: 'ordered', timeToLiveInSeconds: 90, turnsToLive: 3 }],
        initialResponseSetting: {
          conditional: { active: true, conditionalBranches: [branch('Vip', '[tier] = "gold"'), branch('Broken', '{Size} >')], defaultBranch: {} },
          codeHook: { isActive: true, enableCodeHookInvocation: true, postCodeHookSpecification: {} },
        },
        dialogCodeHook: { enabled: true },
      },
      'Tiny/BotLocales/en_GB/Intents/Order/Slots/Toppings/Slot.json': {
        name: 'Toppings',
        slotTypeName: 'Topping',
        multipleValuesSetting: { allowMultipleValues: true },
        valueElicitationSetting: {
          slotConstraint: 'Required',
          slotCaptureSetting: {
            captureConditional: { active: true, conditionalBranches: [branch('Many', 'fn.COUNT({Toppings}) > 2')], defaultBranch: {} },
            failureConditional: { active: true, conditionalBranches: [], defaultBranch: {} },
            codeHook: { isActive: true, enableCodeHookInvocation: true, postCodeHookSpecification: {} },
          },
          slotResolutionSetting: { slotResolutionStrategy: 'EnhancedFallback' },
        },
      },
      'Tiny/BotLocales/en_GB/Intents/Cancel/Intent.json': { name: 'Cancel', parentIntentSignature: 'AMAZON.CancelIntent' },
      'Tiny/BotLocales/en_GB/Intents/Ask/Intent.json': {
        name: 'Ask',
        parentIntentSignature: 'AMAZON.QnAIntent',
        qnAIntentConfiguration: { dataSourceConfiguration: {} },
      },
      'Tiny/BotLocales/en_GB/Intents/Search/Intent.json': {
        name: 'Search',
        parentIntentSignature: 'AMAZON.KendraSearchIntent',
        kendraConfiguration: { kendraIndex: 'x' },
      },
    });
    temps.push(dir);
    const { bot, problems } = loadBot(dir);
    const said = Object.fromEntries(problems.map((p) => [`${p.file.replace('Tiny/BotLocales/en_GB/', '')} ${p.field}`, p.message]));
    assert.deepEqual(Object.keys(said).sort(), [
      'BotLocale.json generativeAISettings.runtimeSettings.slotResolutionImprovement',
      'Intents/Ask/Intent.json parentIntentSignature',
      'Intents/Order/Intent.json initialResponseSetting.conditional.conditionalBranches[1]',
      'Intents/Order/Slots/Toppings/Slot.json valueElicitationSetting.slotResolutionSetting',
      'Intents/Search/Intent.json parentIntentSignature',
    ]);
    assert.match(said['Intents/Ask/Intent.json parentIntentSignature'], /AMAZON\.QnAIntent .*Amazon Bedrock.*Ask is never recognised here.*fallback intent/);
    assert.match(said['Intents/Search/Intent.json parentIntentSignature'], /AMAZON\.KendraSearchIntent .*Amazon Kendra.*Search is never recognised here/);
    assert.match(
      said['Intents/Order/Intent.json initialResponseSetting.conditional.conditionalBranches[1]'],
      /branch Broken: the condition "\{Size\} >" cannot be read.*never taken/,
    );
    const order = bot.locales[0].intents.find((i) => i.name === 'Order')!;
    assert.deepEqual([order.inputContexts, order.outputContexts], [['browsing'], [{ name: 'ordered', timeToLiveInSeconds: 90, turnsToLive: 3 }]]);
    assert.equal(order.slots[0].multipleValues, true);
    assert.equal(order.slots[0].captured.conditional?.branches[0].condition, 'fn.COUNT({Toppings}) > 2');
    assert.equal(order.slots[0].captured.codeHook?.active, true);
  });

  it('says when an export has no locale, since such a bot cannot answer', () => {
    const dir = writeExport({ 'Manifest.json': BASE['Manifest.json'], 'Tiny/Bot.json': BASE['Tiny/Bot.json'] });
    temps.push(dir);
    assert.deepEqual(loadBot(dir).problems, [{ file: 'Tiny/BotLocales/', field: '(folder)', message: 'has no locale: the bot cannot answer' }]);
  });

  it('says when a folder is not an exported bot at all', () => {
    const dir = writeExport({ 'notes.json': {} });
    temps.push(dir);
    assert.throws(() => loadBot(dir), /has no Bot\.json: it is not an exported Lex V2 bot \(LexJson format\)/);
  });
});

describe('bot/loader: a slot type regexFilter Lex would refuse', () => {
  it('names the operators Lex refuses, outside character classes and escapes', () => {
    assert.deepEqual(refusedRegexOperators('[A-Z]{2}[0-9]{4}'), []);
    assert.deepEqual(refusedRegexOperators('CP[0-9]{9}US'), []);
    assert.deepEqual(refusedRegexOperators('[.+*]\\.\\+x{1,3}'), [], 'escaped or in a class: literal');
    assert.deepEqual(refusedRegexOperators('AB.*'), ['.', '*']);
    assert.deepEqual(refusedRegexOperators('(a+)+'), ['+']);
    assert.deepEqual(refusedRegexOperators('x{2,}'), ['{x,}']);
  });

  it('reports such a pattern at import and does not use it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-regex-'));
    try {
      fs.cpSync(path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lex-exports', 'slot-types'), dir, { recursive: true });
      const typeFile = path.join(dir, 'Contact', 'BotLocales', 'en_US', 'SlotTypes', 'MemberId', 'SlotType.json');
      const type = JSON.parse(fs.readFileSync(typeFile, 'utf8'));
      type.valueSelectionSetting.regexFilter.pattern = 'AB.*';
      fs.writeFileSync(typeFile, JSON.stringify(type));
      const { bot, problems } = loadBot(dir);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].field, 'valueSelectionSetting.regexFilter.pattern');
      assert.match(problems[0].message, /uses \., \*, which Lex does not accept/);
      assert.equal(bot.locales[0].slotTypes.find((t) => t.name === 'MemberId')?.regexPattern, undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
