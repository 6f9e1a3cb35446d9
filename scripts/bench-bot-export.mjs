// What `npm run bench:bot` measures the engine on: generated Lex V2 bots, written to disk as an
// export from the Lex V2 console is (the LexJson format: Manifest.json, <Bot>/Bot.json,
// BotLocales/<locale>/BotLocale.json, Intents/<name>/Intent.json, Intents/<name>/Slots/<slot>/Slot.json,
// SlotTypes/<name>/SlotType.json), each file with the fields the console writes (see
// test/fixtures/lex-exports), so that reading it costs what reading a real export costs.
//
// The large bot (issue 16): 200 intents, 30 custom slot types (with values and synonyms),
// 25 sample utterances per intent (5,000 in all) with {Slot} references to slots of those types
// and of the built-in types AMAZON.Number, AMAZON.Date, AMAZON.City and AMAZON.Time; and what a
// user says to it (a first utterance in words the bot has no sample for, slot answers).
// Everything is generated from a fixed seed: every run writes the same bot.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const { zipSync, strToU8 } = require('fflate');

/** Things people ask a help desk about, each with its own verb and object: 200 intents' worth. */
export const TOPICS = [
  // The small bot's 50.
  ['reset', 'password'],
  ['cancel', 'subscription'],
  ['track', 'parcel'],
  ['change', 'address'],
  ['update', 'payment card'],
  ['book', 'table'],
  ['return', 'jacket'],
  ['renew', 'library book'],
  ['report', 'broken streetlight'],
  ['order', 'pizza'],
  ['pay', 'invoice'],
  ['download', 'receipt'],
  ['upgrade', 'phone plan'],
  ['unlock', 'account'],
  ['schedule', 'delivery'],
  ['rent', 'bicycle'],
  ['refill', 'prescription'],
  ['adopt', 'kitten'],
  ['repair', 'washing machine'],
  ['transfer', 'money'],
  ['open', 'savings account'],
  ['close', 'credit card'],
  ['find', 'nearest pharmacy'],
  ['check', 'flight status'],
  ['print', 'boarding pass'],
  ['register', 'vehicle'],
  ['apply', 'mortgage'],
  ['claim', 'insurance'],
  ['join', 'gym'],
  ['buy', 'concert tickets'],
  ['sell', 'old car'],
  ['hire', 'plumber'],
  ['clean', 'carpet'],
  ['install', 'solar panels'],
  ['learn', 'guitar'],
  ['translate', 'document'],
  ['charge', 'electric car'],
  ['recycle', 'batteries'],
  ['water', 'garden'],
  ['walk', 'dog'],
  ['paint', 'fence'],
  ['bake', 'birthday cake'],
  ['plant', 'tomatoes'],
  ['wash', 'windows'],
  ['fix', 'leaking tap'],
  ['tune', 'piano'],
  ['sharpen', 'knives'],
  ['ship', 'furniture'],
  ['store', 'boxes'],
  ['frame', 'painting'],
  // Travel.
  ['cancel', 'hotel booking'],
  ['upgrade', 'seat'],
  ['add', 'checked bag'],
  ['change', 'flight date'],
  ['rent', 'holiday cottage'],
  ['hire', 'rental van'],
  ['book', 'airport shuttle'],
  ['request', 'wheelchair assistance'],
  ['report', 'lost luggage'],
  ['buy', 'travel insurance'],
  ['apply', 'visa'],
  ['renew', 'passport'],
  ['join', 'loyalty programme'],
  ['redeem', 'air miles'],
  ['reserve', 'sleeper cabin'],
  ['book', 'train tickets'],
  ['validate', 'bus pass'],
  ['top up', 'metro card'],
  ['find', 'taxi rank'],
  ['plan', 'road trip'],
  // Shops.
  ['exchange', 'trainers'],
  ['track', 'refund'],
  ['apply', 'discount code'],
  ['redeem', 'gift voucher'],
  ['collect', 'online order'],
  ['check', 'stock level'],
  ['cancel', 'preorder'],
  ['price match', 'television'],
  ['assemble', 'wardrobe'],
  ['measure', 'curtains'],
  ['order', 'wedding flowers'],
  ['wrap', 'present'],
  ['engrave', 'watch'],
  ['resize', 'ring'],
  ['alter', 'trousers'],
  ['dry clean', 'suit'],
  ['replace', 'broken zip'],
  ['polish', 'shoes'],
  ['sharpen', 'skates'],
  ['reserve', 'sofa'],
  // Home.
  ['service', 'boiler'],
  ['bleed', 'radiators'],
  ['unblock', 'drain'],
  ['replace', 'roof tiles'],
  ['insulate', 'loft'],
  ['sweep', 'chimney'],
  ['rewire', 'kitchen'],
  ['fit', 'smoke alarm'],
  ['read', 'gas meter'],
  ['switch', 'energy supplier'],
  ['lower', 'water bill'],
  ['report', 'power cut'],
  ['collect', 'bulky waste'],
  ['order', 'skip'],
  ['trim', 'hedge'],
  ['mow', 'lawn'],
  ['prune', 'apple tree'],
  ['lay', 'patio'],
  ['build', 'garden shed'],
  ['fix', 'garage door'],
  ['change', 'locks'],
  ['copy', 'house keys'],
  ['hang', 'mirror'],
  ['mount', 'wall bracket'],
  ['deliver', 'mattress'],
  ['steam clean', 'rug'],
  ['descale', 'kettle'],
  ['defrost', 'freezer'],
  ['recharge', 'air conditioning'],
  ['clear', 'gutters'],
  // Health and fitness.
  ['book', 'dentist appointment'],
  ['cancel', 'blood test'],
  ['request', 'sick note'],
  ['see', 'physiotherapist'],
  ['order', 'contact lenses'],
  ['test', 'eyesight'],
  ['vaccinate', 'puppy'],
  ['neuter', 'cat'],
  ['groom', 'poodle'],
  ['register', 'new doctor'],
  ['get', 'flu jab'],
  ['track', 'sleep'],
  ['log', 'workout'],
  ['count', 'calories'],
  ['book', 'massage'],
  ['join', 'yoga class'],
  ['hire', 'personal trainer'],
  ['rent', 'tennis court'],
  ['book', 'swimming lesson'],
  ['donate', 'bone marrow'],
  // Phones and computers.
  ['reset', 'router'],
  ['boost', 'wifi signal'],
  ['recover', 'deleted files'],
  ['back up', 'laptop'],
  ['remove', 'virus'],
  ['update', 'drivers'],
  ['replace', 'cracked screen'],
  ['unlock', 'sim'],
  ['port', 'phone number'],
  ['cancel', 'broadband contract'],
  ['report', 'spam email'],
  ['change', 'username'],
  ['enable', 'two factor login'],
  ['delete', 'social media profile'],
  ['restore', 'chat history'],
  ['connect', 'printer'],
  ['pair', 'headphones'],
  ['sync', 'calendar'],
  ['share', 'photo album'],
  ['stream', 'football match'],
  // Work and paperwork.
  ['request', 'annual leave'],
  ['submit', 'expense claim'],
  ['view', 'payslip'],
  ['update', 'tax code'],
  ['file', 'tax return'],
  ['join', 'electoral roll'],
  ['pay', 'council tax'],
  ['appeal', 'parking fine'],
  ['renew', 'driving licence'],
  ['book', 'driving test'],
  ['apply', 'building permit'],
  ['report', 'pothole'],
  ['request', 'birth certificate'],
  ['change', 'surname'],
  ['book', 'wedding venue'],
  ['hire', 'wedding photographer'],
  ['order', 'business cards'],
  ['reserve', 'meeting room'],
  ['join', 'waiting list'],
  ['enrol', 'evening course'],
  // Food and leisure.
  ['order', 'sushi'],
  ['cater', 'office party'],
  ['reserve', 'brunch'],
  ['buy', 'groceries'],
  ['subscribe', 'meal kit'],
  ['brew', 'beer'],
  ['rent', 'kayak'],
  ['book', 'escape room'],
  ['buy', 'museum pass'],
  ['reserve', 'campsite'],
  ['charter', 'fishing boat'],
  ['hire', 'bouncy castle'],
  ['download', 'audiobook'],
  ['borrow', 'board game'],
  ['practise', 'french'],
  ['knit', 'scarf'],
  ['carve', 'pumpkin'],
  ['fly', 'drone'],
  ['decorate', 'christmas tree'],
  ['watch', 'meteor shower'],
];

/** How people ask, with {v} the verb and {n} the object: 25 in the large bot's samples. */
export const SAMPLE_TEMPLATES = [
  'i want to {v} my {n}',
  'how do i {v} my {n}',
  'can you help me {v} my {n}',
  'i need to {v} a {n}',
  'please {v} my {n}',
  '{v} {n}',
  'help with {n}',
  'i would like to {v} the {n}',
  'is it possible to {v} my {n}',
  'how can i {v} a {n}',
  'where do i {v} my {n}',
  'i am trying to {v} my {n}',
  'could you {v} my {n} for me',
  'i have to {v} the {n} today',
  'what do i need to {v} a {n}',
  'can i {v} my {n} online',
  'i want help to {v} my {n}',
  "i'd like to {v} a {n} please",
  'how long does it take to {v} a {n}',
  'tell me how to {v} the {n}',
  'is there a way to {v} my {n}',
  'i am looking to {v} a {n}',
  'can we {v} the {n}',
  'help me {v} my {n}',
  'i must {v} my {n}',
];

/** How people ask in words the bot has no sample for: what a first turn says. */
const SPOKEN_TEMPLATES = [
  'hi there, i want to {v} my {n}',
  'hey, could i {v} a {n}',
  'i was hoping to {v} my {n}',
  'need to {v} the {n} asap',
  'any chance you could {v} my {n}',
  'would it be possible to {v} a {n}',
  "i'd love to {v} my {n}",
  'please can you {v} the {n}',
];

/** Out-of-domain things people say to a help desk bot: what reaches the fallback intent. */
export const OFF_TOPIC = [
  'what is the meaning of life',
  'tell me a joke about penguins',
  'asdf qwerty zxcv',
  'who won the football last night',
  'are you a real person',
  'what colour is the sky on mars',
  'sing me a song',
  'blah blah blah',
  'my cousin likes purple elephants',
  'is it going to rain',
];

const CUSTOM_TYPES = [
  'Size',
  'Colour',
  'Flavour',
  'Material',
  'Brand',
  'Room',
  'Topping',
  'Fabric',
  'Genre',
  'Cuisine',
  'Airline',
  'Plan',
  'Model',
  'Department',
  'Language',
  'Instrument',
  'Sport',
  'Breed',
  'Fuel',
  'Currency',
  'Region',
  'Store',
  'Service',
  'Device',
  'Vehicle',
  'Seat',
  'Meal',
  'Grade',
  'Format',
  'Channel',
];

/** The built-in types the large bot's slots use, with the slot's name, how a sample says it and prompts for it. */
const BUILT_INS = [
  { type: 'AMAZON.Number', slot: 'Count', carrier: 'for {Count}', prompt: 'How many would you like?' },
  { type: 'AMAZON.Date', slot: 'Date', carrier: 'on {Date}', prompt: 'Which day?' },
  { type: 'AMAZON.City', slot: 'City', carrier: 'in {City}', prompt: 'In which city?' },
  { type: 'AMAZON.Time', slot: 'Time', carrier: 'at {Time}', prompt: 'At what time?' },
];

/** What a user says for a built-in type: as a slot answer, and inside a sentence (after the carrier's word). */
const SPOKEN_BUILT_INS = {
  'AMAZON.Number': { answers: ['2', '3', 'ten', 'twelve', '5', 'four'], inSentence: (v) => `for ${v}` },
  'AMAZON.Date': { answers: ['tomorrow', 'friday', 'march 12th', 'today', 'next monday'], inSentence: (v) => (/^(today|tomorrow)$/.test(v) ? v : `on ${v}`) },
  'AMAZON.City': { answers: ['Lisbon', 'New York', 'Osaka', 'Cape Town', 'Leeds'], inSentence: (v) => `in ${v}` },
  'AMAZON.Time': { answers: ['7 pm', 'noon', '9:30 am', '10 am', '6:15 pm'], inSentence: (v) => `at ${v}` },
};

/** A small seeded generator (mulberry32): the same numbers every run. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the files' contents, in the console's shapes ----

const message = (value) => ({ message: { ssmlMessage: null, customPayload: null, plainTextMessage: { value }, imageResponseCard: null }, variations: null });
const step = (type, extra = {}) => ({
  sessionAttributes: null,
  dialogAction: { type, slotToElicit: extra.slotToElicit ?? null, suppressNextMessage: null },
  intent: { name: extra.intent ?? null, slots: null },
});
const attempt = () => ({
  allowedInputTypes: { allowAudioInput: true, allowDTMFInput: true },
  audioAndDTMFInputSpecification: {
    dtmfSpecification: { maxLength: 513, deletionCharacter: '*', endCharacter: '#', endTimeoutMs: 5000 },
    startTimeoutMs: 4000,
    audioSpecification: { maxLengthMs: 15000, endTimeoutMs: 640 },
  },
  allowInterrupt: true,
  textInputSpecification: { startTimeoutMs: 30000 },
});
function promptSpecification(texts, maxRetries) {
  const attempts = { Initial: attempt() };
  for (let r = 1; r <= maxRetries; r++) attempts[`Retry${r}`] = attempt();
  return {
    messageGroupsList: [{ ...message(texts[0]), variations: texts.length > 1 ? texts.slice(1).map((t) => message(t).message) : null }],
    maxRetries,
    allowInterrupt: true,
    messageSelectionStrategy: 'Random',
    promptAttemptsSpecification: attempts,
  };
}
const response = (text) => ({ messageGroupsList: [message(text)], allowInterrupt: true });

function slotFile(slot, id) {
  return {
    name: slot.name,
    identifier: id(),
    description: null,
    slotTypeName: slot.type,
    obfuscationSetting: null,
    valueElicitationSetting: {
      slotCaptureSetting: {
        codeHook: null,
        captureResponse: null,
        captureNextStep: null,
        captureConditional: null,
        failureResponse: response("Sorry, I still didn't get that. Let's start again."),
        failureNextStep: step('StartIntent', { intent: 'FallbackIntent' }),
        failureConditional: null,
        elicitationCodeHook: { enableCodeHookInvocation: true, invocationLabel: null },
      },
      slotConstraint: slot.required ? 'Required' : 'Optional',
      promptSpecification: promptSpecification(slot.prompts, 2),
      defaultValueSpecification: null,
      sampleUtterances: null,
      waitAndContinueSpecification: null,
    },
    multipleValuesSetting: null,
  };
}

function intentFile(intent, id) {
  const slotList = intent.slots.map((s) => `{${s.name}}`).join(' ');
  return {
    name: intent.name,
    identifier: id(),
    description: `People who want to ${intent.verb} their ${intent.noun}`,
    parentIntentSignature: null,
    sampleUtterances: intent.samples.map((utterance) => ({ utterance })),
    intentConfirmationSetting: intent.confirmation
      ? {
          isActive: true,
          promptSpecification: promptSpecification([`Shall I ${intent.verb} your ${intent.noun} ${slotList}?`, `Go ahead with ${intent.noun} ${slotList}?`], 2),
          declinationResponse: response(`Okay, I won't ${intent.verb} your ${intent.noun}.`),
          failureNextStep: step('StartIntent', { intent: 'FallbackIntent' }),
          elicitationCodeHook: { enableCodeHookInvocation: true, invocationLabel: null },
          confirmationNextStep: step('FulfillIntent'),
          declinationNextStep: step('EndConversation'),
        }
      : null,
    intentClosingSetting: {
      closingResponse: response(`Done: your ${intent.noun} ${slotList} is sorted.`),
      active: true,
      nextStep: step('EndConversation'),
      conditional: null,
    },
    initialResponseSetting: {
      conditional: null,
      codeHook: null,
      nextStep: intent.slots.length > 0 ? step('ElicitSlot', { slotToElicit: intent.slots[0].name }) : step('FulfillIntent'),
      initialResponse: null,
    },
    inputContexts: null,
    outputContexts: null,
    kendraConfiguration: null,
    qnAIntentConfiguration: null,
    bedrockAgentIntentConfiguration: null,
    qInConnectIntentConfiguration: null,
    dialogCodeHook: null,
    fulfillmentCodeHook: {
      isActive: true,
      postFulfillmentStatusSpecification: {
        failureResponse: response('Sorry, something went wrong. Please try again.'),
        failureNextStep: step('EndConversation'),
        successResponse: null,
        successNextStep: step('EndConversation'),
        timeoutResponse: null,
        timeoutNextStep: step('EndConversation'),
      },
      fulfillmentUpdatesSpecification: null,
      enabled: false,
    },
    slotPriorities: intent.slots.map((s, i) => ({ priority: i + 1, slotName: s.name })),
  };
}

function slotTypeFile(type, id) {
  return {
    name: type.name,
    identifier: id(),
    description: null,
    slotTypeValues: type.values.map((v) => ({ synonyms: v.synonyms.length ? v.synonyms.map((value) => ({ value })) : null, sampleValue: { value: v.value } })),
    parentSlotTypeSignature: null,
    valueSelectionSetting: { resolutionStrategy: type.resolutionStrategy, regexFilter: null, advancedRecognitionSetting: null },
  };
}

// ---- the large bot ----

/**
 * The large bot, as data: intents (with their slots and samples) and slot types. Slot values
 * are made-up words, so that no value is also a word of some sample and a sentence's slot
 * values are the ones the bench put there.
 */
export function largeBot() {
  const random = seeded(16);
  const taken = new Set(TOPICS.flatMap(([v, n]) => `${v} ${n}`.split(' ')).concat(SAMPLE_TEMPLATES.join(' ').split(/[^a-z']+/)));
  const syllables =
    'ba be bi bo bu da de di do ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe po ra re ri ro sa se so ta te ti to va ve vo za zo'.split(' ');
  const word = () => {
    for (;;) {
      let w = '';
      const parts = 2 + Math.floor(random() * 2);
      for (let i = 0; i < parts; i++) w += syllables[Math.floor(random() * syllables.length)];
      if (random() < 0.4) w += 'nrstl'[Math.floor(random() * 5)];
      if (!taken.has(w)) {
        taken.add(w);
        return w;
      }
    }
  };
  const slotTypes = CUSTOM_TYPES.map((name, t) => {
    const count = 12 + ((t * 11) % 29); // 12 to 40 values
    const values = Array.from({ length: count }, (_, k) => ({
      value: k % 4 === 3 ? `${word()} ${word()}` : word(),
      synonyms: Array.from({ length: k % 3 }, () => (k % 5 === 4 ? `${word()} ${word()}` : word())),
    }));
    return { name, values, resolutionStrategy: t % 2 ? 'TOP_RESOLUTION' : 'ORIGINAL_VALUE' };
  });
  const intents = TOPICS.map(([verb, noun], i) => {
    // 0 to 3 slots; at most one of a built-in type; the third (when there is one) optional.
    const slots = Array.from({ length: i % 4 }, (_, j) => {
      if ((i + j) % 3 === 1) {
        const builtIn = BUILT_INS[(i + 2 * j) % BUILT_INS.length];
        return { name: builtIn.slot, type: builtIn.type, required: j < 2, prompts: [builtIn.prompt] };
      }
      const type = CUSTOM_TYPES[(i * 7 + j * 11) % CUSTOM_TYPES.length];
      return { name: type, type, required: j < 2, prompts: [`Which ${type.toLowerCase()} would you like?`, `What ${type.toLowerCase()} should it be?`] };
    });
    const samples = SAMPLE_TEMPLATES.map((template, k) => {
      // Each sample names some of the slots (k's bits say which), as a bot's author writes them.
      const named = slots.filter((_, j) => (k >> j) & 1);
      return carry(
        template,
        verb,
        noun,
        named,
        (slot) => `{${slot.name}}`,
        (_slot, builtIn) => builtIn.carrier,
      );
    });
    return { name: `Intent${String(i).padStart(3, '0')}`, verb, noun, slots, samples, confirmation: i % 3 === 0 && slots.length > 0 };
  });
  const used = new Set(intents.flatMap((intent) => intent.slots.map((s) => s.type)));
  if (!CUSTOM_TYPES.every((t) => used.has(t))) throw new Error('some custom slot type is used by no slot');
  return { name: 'HelpDesk', intents, slotTypes };
}

/**
 * A template with its verb, object and the given slots: the first custom-type slot before the
 * object ("my {Colour} jacket"), the others after the sentence ("with {Fabric}", "on {Date}").
 * `say` gives a custom-type slot's words; `sayBuiltIn` a built-in's whole phrase.
 */
function carry(template, verb, noun, slots, say, sayBuiltIn) {
  let object = noun;
  const after = [];
  for (const slot of slots) {
    const builtIn = BUILT_INS.find((b) => b.type === slot.type);
    if (builtIn) after.push(sayBuiltIn(slot, builtIn));
    else if (object === noun) object = `${say(slot)} ${noun}`;
    else after.push(`with ${say(slot)}`);
  }
  return [template.replace('{v}', verb).replace('{n}', object), ...after].join(' ');
}

/** What a user says for a slot: a value (or synonym) of its type, as an answer on its own or inside a sentence. */
export function spokenValue(bot, slot, random, inSentence = false) {
  const builtIn = SPOKEN_BUILT_INS[slot.type];
  if (builtIn) {
    const value = builtIn.answers[Math.floor(random() * builtIn.answers.length)];
    return inSentence ? builtIn.inSentence(value) : value;
  }
  const type = bot.slotTypes.find((t) => t.name === slot.type);
  const entry = type.values[Math.floor(random() * type.values.length)];
  const choices = [entry.value, ...entry.synonyms];
  return choices[Math.floor(random() * choices.length)];
}

/** A first utterance for the intent in words none of its samples has, with values for the given slots. */
export function spokenRequest(bot, intent, filled, random) {
  const template = SPOKEN_TEMPLATES[Math.floor(random() * SPOKEN_TEMPLATES.length)];
  const say = (slot) => spokenValue(bot, slot, random, true);
  return carry(template, intent.verb, intent.noun, filled, say, say);
}

/** The export's files, by their path inside it. */
export function exportFiles(bot) {
  const random = seeded(1);
  const id = () => Array.from({ length: 10 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(random() * 36)]).join('');
  const locale = `${bot.name}/BotLocales/en_US`;
  const files = new Map();
  files.set('Manifest.json', { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } });
  files.set(`${bot.name}/Bot.json`, {
    name: bot.name,
    version: 'DRAFT',
    description: null,
    identifier: id(),
    errorLogSettings: null,
    dataPrivacy: { childDirected: false },
    idleSessionTTLInSeconds: 300,
  });
  files.set(`${locale}/BotLocale.json`, {
    name: 'English (US)',
    identifier: 'en_US',
    version: null,
    description: null,
    voiceSettings: { engine: 'neural', voiceId: 'Ivy' },
    nluConfidenceThreshold: 0.4,
  });
  files.set(`${locale}/Intents/FallbackIntent/Intent.json`, {
    ...intentFile({ name: 'FallbackIntent', verb: '', noun: '', slots: [], samples: [], confirmation: false }, id),
    description: 'Default intent when no other intent matches',
    parentIntentSignature: 'AMAZON.FallbackIntent',
    sampleUtterances: null,
    intentClosingSetting: {
      closingResponse: response("Sorry, I can't help with that. Try asking another way."),
      active: true,
      nextStep: null,
      conditional: null,
    },
    fulfillmentCodeHook: null,
    slotPriorities: [],
  });
  for (const intent of bot.intents) {
    files.set(`${locale}/Intents/${intent.name}/Intent.json`, intentFile(intent, id));
    for (const slot of intent.slots) files.set(`${locale}/Intents/${intent.name}/Slots/${slot.name}/Slot.json`, slotFile(slot, id));
  }
  for (const type of bot.slotTypes) files.set(`${locale}/SlotTypes/${type.name}/SlotType.json`, slotTypeFile(type, id));
  return files;
}

/** Writes the files as the console's .zip and as that zip unzipped into a folder; returns both paths and the sizes. */
export function writeExport(dir, bot) {
  const files = exportFiles(bot);
  const folder = path.join(dir, `${bot.name}-DRAFT-LexJson`);
  const entries = {};
  let bytes = 0;
  for (const [name, value] of files) {
    const text = JSON.stringify(value);
    bytes += Buffer.byteLength(text);
    entries[name] = strToU8(text);
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  const zip = `${folder}.zip`;
  fs.writeFileSync(zip, zipSync(entries));
  return { zip, folder, files: files.size, bytes, zipBytes: fs.statSync(zip).size };
}
