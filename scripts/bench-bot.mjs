// `npm run bench:bot`: the offline engine alone (src/bot), on two generated bots, each written to
// disk as an export and loaded with the real loader.
//  1. Small: 50 intents x 20 sample utterances (a folder): load time, turns per second and the
//     median turn, beside a baseline loop that only parses and serialises the same requests and
//     responses; and accuracy: the share of utterances held out of the bot (4 per intent) that the
//     engine matches to the right intent (targets: turn < 1 ms, accuracy >= 90%).
//  2. Large (issue 16): 200 intents, 30 custom slot types, 5,000 sample utterances with {Slot}
//     references (scripts/bench-bot-export.mjs writes it as the console's .zip and as that zip
//     unzipped). Load: loadBot + new BotEngine, as the sandbox imports a bot, median of several
//     loads, beside a baseline that only unzips (or reads) and JSON.parses every file (target
//     < 500 ms). Turns: conversations as people have them (a first utterance in words the bot has
//     no sample for, some slot values in it; answers to the slots it then asks for, now and then
//     one it cannot read; yes to a confirmation; an off-topic tenth that reaches the fallback
//     intent): median and p95 turn, beside the baseline loop (target: both < 2 ms).
// Each figure is printed with its target and OK or OVER TARGET, and as a ratio to its baseline
// run in this process; the exit code is 1 when a target is missed.
//   node scripts/bench-bot.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OFF_TOPIC, SAMPLE_TEMPLATES, TOPICS, largeBot, seeded, spokenRequest, spokenValue, writeExport } from './bench-bot-export.mjs';
import { repoRoot } from './code-server.mjs';

const require = createRequire(import.meta.url);
const { loadBot } = require(path.join(repoRoot, 'out', 'src', 'bot', 'loader.js'));
const { BotEngine } = require(path.join(repoRoot, 'out', 'src', 'bot', 'engine.js'));
const { unzipSync } = require('fflate');

const INTENTS = 50;
const KEPT = 16; // sample utterances in the bot
const HELD_OUT = 4; // per intent, for accuracy
const TURNS = 2000;

const LOADS = 7; // of the large bot, after a first one, per form (zip, folder)
const LOAD_TARGET_MS = 500;
const TURN_TARGET_MS = 2;
const CONVERSATIONS = 1000; // with the large bot, after WARM_UP more
const WARM_UP = 100;
const MAX_TURNS = 8; // per conversation

// The small bot asks in the first 20 of the large bot's ways (the same words, so the same vocabulary).
const TEMPLATES = SAMPLE_TEMPLATES.slice(0, 20);

function writeBot(dir) {
  const write = (file, value) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(value));
  };
  write('Manifest.json', { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } });
  write('Desk/Bot.json', { name: 'Desk', idleSessionTTLInSeconds: 300 });
  write('Desk/BotLocales/en_US/BotLocale.json', { identifier: 'en_US', name: 'English (US)', nluConfidenceThreshold: 0.4 });
  write('Desk/BotLocales/en_US/Intents/FallbackIntent/Intent.json', { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' });
  const heldOut = [];
  TOPICS.slice(0, INTENTS).forEach(([verb, noun], i) => {
    const name = `Intent${String(i).padStart(2, '0')}`;
    const utterances = TEMPLATES.map((t) => t.replace('{v}', verb).replace('{n}', noun));
    // Hold out every fifth utterance, so held-out ones come from every kind of phrasing.
    const kept = utterances.filter((_, k) => k % 5 !== 4).slice(0, KEPT);
    utterances
      .filter((_, k) => k % 5 === 4)
      .slice(0, HELD_OUT)
      .forEach((u) => heldOut.push({ text: u, intent: name }));
    write(`Desk/BotLocales/en_US/Intents/${name}/Intent.json`, {
      name,
      sampleUtterances: kept.map((utterance) => ({ utterance })),
      intentClosingSetting: { closingResponse: { messageGroupsList: [{ message: { plainTextMessage: { value: `${name} done.` } } }] }, active: true },
    });
  });
  return heldOut;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ms = (value, digits = 1) => `${value.toFixed(digits)} ms`;
const thousands = (n) => n.toLocaleString('en-US');
const failures = [];
/** A figure's verdict, noting a miss for the exit code. */
function verdict(ok, failure) {
  if (!ok) failures.push(failure);
  return ok ? 'OK' : 'OVER TARGET';
}

/** Every .json file of a folder read and parsed, and nothing else: what any loader of an export does at the least. */
function readFolder(dir) {
  for (const relative of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (relative.endsWith('.json')) JSON.parse(fs.readFileSync(path.join(dir, relative), 'utf8'));
  }
}

/** Every .json entry of a zip unzipped and parsed, and nothing else. */
function readZip(zip) {
  for (const [name, data] of Object.entries(unzipSync(fs.readFileSync(zip)))) {
    if (name.endsWith('.json')) JSON.parse(Buffer.from(data).toString('utf8'));
  }
}

// ---- 1. the small bot ----

async function benchSmall(dir) {
  const heldOut = writeBot(dir);
  const loadTimes = [];
  const readTimes = [];
  let bot;
  for (let i = 0; i < 5; i++) {
    let started = performance.now();
    bot = loadBot(dir).bot;
    loadTimes.push(performance.now() - started);
    started = performance.now();
    readFolder(dir);
    readTimes.push(performance.now() - started);
  }
  const engine = new BotEngine(bot, { random: () => 0 });
  let right = 0;
  for (const [i, { text, intent }] of heldOut.entries()) {
    if ((await engine.recognizeText('en_US', `accuracy-${i}`, { text })).sessionState.intent?.name === intent) right++;
  }
  // Turns: each on a fresh session, as a first utterance (the expensive case: every intent scored).
  const turnTimes = [];
  const baselineTimes = [];
  for (let n = 0; n < TURNS; n++) {
    const { text } = heldOut[n % heldOut.length];
    const request = JSON.stringify({ text, sessionState: { sessionAttributes: {} } });
    let started = performance.now();
    const input = JSON.parse(request);
    const output = await engine.recognizeText('en_US', `turn-${n}`, input);
    JSON.stringify(output);
    turnTimes.push(performance.now() - started);
    started = performance.now();
    JSON.stringify(JSON.parse(JSON.stringify(output)), JSON.parse(request));
    baselineTimes.push(performance.now() - started);
  }
  const load = median(loadTimes);
  const turn = median(turnTimes);
  const baseline = median(baselineTimes);
  const total = turnTimes.reduce((a, b) => a + b, 0);
  const accuracy = right / heldOut.length;
  console.log(`1. Small bot: ${INTENTS} intents x ${KEPT + HELD_OUT} utterances (${KEPT} in the bot, ${HELD_OUT} held out each), a folder`);
  console.log(
    `   load: median ${ms(load)} over 5 loads (loadBot; no target); baseline (read and JSON.parse every file) ${ms(median(readTimes), 2)} -> ${(load / median(readTimes)).toFixed(1)}x`,
  );
  console.log(
    `   turn: median ${ms(turn, 3)} (target < 1 ms) ${verdict(turn < 1, `the small bot's median turn took ${ms(turn, 3)}, not under 1 ms`)}; ${(TURNS / (total / 1000)).toFixed(0)} turns/s`,
  );
  console.log(`   baseline (JSON parse/serialise only): median ${ms(baseline, 4)} -> turn is ${(turn / baseline).toFixed(0)}x the baseline`);
  const accuracyOk = accuracy >= 0.9;
  if (!accuracyOk) failures.push(`the small bot matched ${(100 * accuracy).toFixed(1)}% of held-out utterances, under 90%`);
  console.log(
    `   accuracy on held-out utterances: ${right}/${heldOut.length} = ${(100 * accuracy).toFixed(1)}% (target >= 90%) ${accuracyOk ? 'OK' : 'UNDER TARGET'}`,
  );
}

// ---- 2. the large bot ----

/** Loads the export LOADS + 1 times as the sandbox does, each load followed by the baseline; the first is reported apart. */
function timeLoads(source, baseline) {
  const rows = [];
  for (let i = 0; i <= LOADS; i++) {
    const started = performance.now();
    const { bot, problems } = loadBot(source);
    const loaded = performance.now();
    new BotEngine(bot, { random: () => 0 });
    const compiled = performance.now();
    if (problems.length > 0) throw new Error(`The generated export has problems: ${JSON.stringify(problems.slice(0, 3))}`);
    baseline();
    rows.push({ total: compiled - started, loadBot: loaded - started, compile: compiled - loaded, baseline: performance.now() - compiled });
  }
  const [first, ...rest] = rows;
  const of = (key) => median(rest.map((row) => row[key]));
  return { first, total: of('total'), loadBot: of('loadBot'), compile: of('compile'), baseline: of('baseline') };
}

/** The conversations people have with the large bot: what each says first, and whether it stumbles over one slot answer. */
function conversations(bot, count, random) {
  return Array.from({ length: count }, (_, c) => {
    if (c % 10 === 9) return { first: OFF_TOPIC[Math.floor(random() * OFF_TOPIC.length)] };
    const intent = bot.intents[Math.floor(random() * bot.intents.length)];
    const filled = intent.slots.filter(() => random() < 0.5);
    return { intent, first: spokenRequest(bot, intent, filled, random), stumble: random() < 0.15 };
  });
}

/**
 * Has one conversation: the first utterance, then an answer to whatever the bot asks (a value of
 * the slot's type, or once "hmm, not sure" when the conversation stumbles; yes to a
 * confirmation) until it stops asking. Each turn is timed as a client's request is served
 * (parse the request, run the turn, serialise the response), then the baseline: the parse and
 * the serialisation alone.
 */
async function converse(engine, bot, plan, sessionId, random, record) {
  let text = plan.first;
  let kind = plan.intent ? 'first' : 'fallback';
  let stumble = plan.stumble;
  for (let n = 0; n < MAX_TURNS; n++) {
    const request = JSON.stringify({ text, sessionState: { sessionAttributes: {} } });
    let started = performance.now();
    const output = await engine.recognizeText('en_US', sessionId, JSON.parse(request));
    JSON.stringify(output);
    const turn = performance.now() - started;
    started = performance.now();
    JSON.parse(request);
    JSON.stringify(output);
    record({ kind, turn, baseline: performance.now() - started, n, output, plan });
    const { dialogAction, intent } = output.sessionState;
    if (dialogAction?.type === 'ElicitSlot') {
      const slot = bot.intents.find((i) => i.name === intent?.name)?.slots.find((s) => s.name === dialogAction.slotToElicit);
      if (!slot) return;
      text = stumble ? 'hmm, not sure' : spokenValue(bot, slot, random);
      stumble = false;
      kind = 'slot';
    } else if (dialogAction?.type === 'ConfirmIntent') {
      text = 'yes';
      kind = 'confirm';
    } else return;
  }
}

async function benchLarge(dir) {
  const bot = largeBot();
  const written = writeExport(dir, bot);
  const zip = timeLoads(written.zip, () => readZip(written.zip));
  const folder = timeLoads(written.folder, () => readFolder(written.folder));

  const { bot: definition } = loadBot(written.zip);
  const engine = new BotEngine(definition, { random: () => 0 });
  const random = seeded(42);
  for (const [c, plan] of conversations(bot, WARM_UP, random).entries()) await converse(engine, bot, plan, `warm-${c}`, random, () => {});
  const turns = [];
  for (const [c, plan] of conversations(bot, CONVERSATIONS, random).entries()) await converse(engine, bot, plan, `c-${c}`, random, (t) => turns.push(t));

  const samples = bot.intents.reduce((sum, intent) => sum + intent.samples.length, 0);
  const slots = bot.intents.flatMap((intent) => intent.slots);
  const builtIn = slots.filter((slot) => slot.type.startsWith('AMAZON.')).length;
  const values = bot.slotTypes.reduce((sum, type) => sum + type.values.length, 0);
  const phrases = bot.slotTypes.reduce((sum, type) => sum + type.values.reduce((n, v) => n + 1 + v.synonyms.length, 0), 0);
  console.log(
    `2. Large bot: ${bot.intents.length} intents (and FallbackIntent), ${bot.slotTypes.length} custom slot types (${values} values, ${thousands(phrases)} values and synonyms), ` +
      `${slots.length} slots (${builtIn} of AMAZON.Number/Date/City/Time), ${thousands(samples)} sample utterances`,
  );
  console.log(
    `   as a console export: ${written.files} files, ${(written.bytes / 1024).toFixed(0)} KB of JSON, ${(written.zipBytes / 1024).toFixed(0)} KB zipped`,
  );
  console.log(`   load (loadBot + new BotEngine, as the sandbox imports a bot), median of ${LOADS} loads after a first:`);
  for (const [form, times, baseline] of [
    ['zip', zip, 'unzip and JSON.parse every file'],
    ['folder', folder, 'read and JSON.parse every file'],
  ]) {
    console.log(
      `     ${form}: ${ms(times.total)} (target < ${LOAD_TARGET_MS} ms) ${verdict(times.total < LOAD_TARGET_MS, `loading the large bot (${form}) took ${ms(times.total)}, not under ${LOAD_TARGET_MS} ms`)}` +
        ` [loadBot ${ms(times.loadBot)}, new BotEngine ${ms(times.compile)}]; first load ${ms(times.first.total)}` +
        `; baseline (${baseline}) ${ms(times.baseline)} -> ${(times.total / times.baseline).toFixed(1)}x`,
    );
  }

  const times = (list, key) => list.map((t) => t[key]);
  const kinds = [
    ['first', 'first turns naming an intent'],
    ['slot', 'slot answers'],
    ['confirm', 'confirmations'],
    ['fallback', 'off-topic first turns'],
  ];
  const total = times(turns, 'turn').reduce((a, b) => a + b, 0);
  console.log(
    `   turns: ${thousands(turns.length)} in ${thousands(CONVERSATIONS)} conversations (after ${WARM_UP} to warm up): ` +
      kinds.map(([kind, label]) => `${turns.filter((t) => t.kind === kind).length} ${label}`).join(', '),
  );
  const turnMedian = median(times(turns, 'turn'));
  const turnP95 = percentile(times(turns, 'turn'), 95);
  const baseMedian = median(times(turns, 'baseline'));
  const baseP95 = percentile(times(turns, 'baseline'), 95);
  console.log(
    `     median ${ms(turnMedian, 3)} (target < ${TURN_TARGET_MS} ms) ${verdict(turnMedian < TURN_TARGET_MS, `the large bot's median turn took ${ms(turnMedian, 3)}, not under ${TURN_TARGET_MS} ms`)}` +
      ` = ${(turnMedian / baseMedian).toFixed(0)}x the baseline's median ${ms(baseMedian, 4)}`,
  );
  console.log(
    `     p95 ${ms(turnP95, 3)} (target < ${TURN_TARGET_MS} ms) ${verdict(turnP95 < TURN_TARGET_MS, `the large bot's p95 turn took ${ms(turnP95, 3)}, not under ${TURN_TARGET_MS} ms`)}` +
      ` = ${(turnP95 / baseP95).toFixed(0)}x the baseline's p95 ${ms(baseP95, 4)}; ${(turns.length / (total / 1000)).toFixed(0)} turns/s`,
  );
  console.log(
    `     by kind (median / p95, no targets): ` +
      kinds
        .map(([kind]) => {
          const of = times(
            turns.filter((t) => t.kind === kind),
            'turn',
          );
          return `${kind} ${median(of).toFixed(3)} / ${percentile(of, 95).toFixed(3)} ms`;
        })
        .join(', '),
  );
  // The mix is what it says only if the engine understands it: said here, for the reader to judge.
  const firsts = turns.filter((t) => t.kind === 'first');
  const offTopic = turns.filter((t) => t.kind === 'fallback');
  const closed = turns.filter((t) => t.output.sessionState.dialogAction?.type === 'Close' && t.output.sessionState.intent?.state === 'Fulfilled');
  console.log(
    `   the mix: ${firsts.filter((t) => t.output.sessionState.intent?.name === t.plan.intent.name).length}/${firsts.length} first turns on their intent, ` +
      `${offTopic.filter((t) => t.output.sessionState.intent?.name === 'FallbackIntent').length}/${offTopic.length} off-topic ones on FallbackIntent, ` +
      `${closed.filter((t) => t.plan.intent && t.output.sessionState.intent?.name === t.plan.intent.name).length} conversations fulfilled on their intent`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-bench-bot-'));
try {
  await benchSmall(path.join(dir, 'small'));
  await benchLarge(dir);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const failure of failures) console.error(`FAIL: ${failure}.`);
if (failures.length > 0) process.exitCode = 1;
