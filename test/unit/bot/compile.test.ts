import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BotEngine } from '../../../src/bot/engine';
import { loadBot } from '../../../src/bot/loader';
import { writeTree } from '../../support/files';
import { plain, writeExport } from './support';

/**
 * A shop bot: one intent, Order, whose sample utterances place one slot, Item, of a custom type.
 * Every shop names its intent, slot and locale alike, so that whatever an engine compiled for
 * one shop would also fit another's by name.
 */
function shop(name: string, itemType: string, items: string[], samples: string[]): Record<string, unknown> {
  const locale = `${name}/BotLocales/en_US`;
  return {
    'Manifest.json': { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } },
    [`${name}/Bot.json`]: { name, idleSessionTTLInSeconds: 300 },
    [`${locale}/BotLocale.json`]: { identifier: 'en_US', name: 'English (US)', nluConfidenceThreshold: 0.4 },
    [`${locale}/SlotTypes/${itemType}/SlotType.json`]: {
      name: itemType,
      slotTypeValues: items.map((value) => ({ sampleValue: { value } })),
      valueSelectionSetting: { resolutionStrategy: 'TOP_RESOLUTION' },
    },
    [`${locale}/Intents/Order/Intent.json`]: {
      name: 'Order',
      sampleUtterances: samples.map((utterance) => ({ utterance })),
      slotPriorities: [{ priority: 1, slotName: 'Item' }],
      intentClosingSetting: { closingResponse: { messageGroupsList: [plain('One {Item} coming up.')] }, active: true },
    },
    [`${locale}/Intents/Order/Slots/Item/Slot.json`]: {
      name: 'Item',
      slotTypeName: itemType,
      valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: { messageGroupsList: [plain('What would you like?')], maxRetries: 1 } },
    },
    [`${locale}/Intents/FallbackIntent/Intent.json`]: { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' },
  };
}

describe('bot/compile: each engine compiles its own bot, once', () => {
  const temps: string[] = [];
  after(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const engineFor = (dir: string) => new BotEngine(loadBot(dir).bot, { random: () => 0 });
  const order = async (engine: BotEngine, text: string) => {
    const answer = await engine.recognizeText('en_US', 'customer', { text });
    engine.deleteSession('en_US', 'customer');
    return {
      intent: answer.sessionState.intent?.name,
      item: answer.sessionState.intent?.slots.Item?.value.interpretedValue ?? null,
      messages: answer.messages,
    };
  };

  it('two bots with the same intent, slot and sample text each read the slot with their own type', async () => {
    const cafeDir = writeExport(shop('Cafe', 'Drink', ['coffee', 'tea'], ['order {Item} please']));
    const deliDir = writeExport(shop('Deli', 'Food', ['bagel', 'soup'], ['order {Item} please']));
    temps.push(cafeDir, deliDir);
    const cafe = engineFor(cafeDir);
    const deli = engineFor(deliDir);
    assert.deepEqual(await order(deli, 'order soup please'), {
      intent: 'Order',
      item: 'soup',
      messages: [{ contentType: 'PlainText', content: 'One soup coming up.' }],
    });
    assert.deepEqual(await order(cafe, 'order tea please'), {
      intent: 'Order',
      item: 'tea',
      messages: [{ contentType: 'PlainText', content: 'One tea coming up.' }],
    });
    assert.equal((await order(cafe, 'order soup please')).item, null, 'the cafe has no soup');
    assert.equal((await order(deli, 'order tea please')).item, null, 'the deli has no tea');
  });

  it('a bot imported again after a change is compiled again, while an engine of the old bot keeps the old one', async () => {
    const dir = writeExport(shop('Deli', 'Food', ['bagel', 'soup'], ['order {Item} please']));
    temps.push(dir);
    const before = engineFor(dir);
    assert.equal((await order(before, 'order soup please')).item, 'soup');
    // The same export, changed where it stands: the same names, other values and samples.
    writeTree(dir, shop('Deli', 'Food', ['bagel', 'salad'], ['order {Item} please', 'grab me a {Item}']));
    const after = engineFor(dir);
    assert.equal((await order(after, 'order salad please')).item, 'salad');
    assert.equal((await order(after, 'order soup please')).item, null, 'soup is off the menu');
    assert.deepEqual(await order(after, 'grab me a bagel'), {
      intent: 'Order',
      item: 'bagel',
      messages: [{ contentType: 'PlainText', content: 'One bagel coming up.' }],
    });
    assert.equal((await order(before, 'order soup please')).item, 'soup', 'an engine keeps the bot it was given');
    assert.equal((await order(before, 'order salad please')).item, null);
  });
});
