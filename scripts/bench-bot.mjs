// `npm run bench:bot`: the offline engine alone on a generated bot of 50 intents x 20 sample
// utterances: load time, turns per second and the median turn, beside a baseline loop that only
// parses and serialises the same requests and responses; and accuracy: the share of utterances
// held out of the bot (4 per intent) that the engine matches to the right intent.
//   node scripts/bench-bot.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TOPICS } from './bench-bot-export.mjs';
import { repoRoot } from './code-server.mjs';

const require = createRequire(import.meta.url);
const { loadBot } = require(path.join(repoRoot, 'out', 'src', 'bot', 'loader.js'));
const { BotEngine } = require(path.join(repoRoot, 'out', 'src', 'bot', 'engine.js'));

const INTENTS = 50;
const KEPT = 16; // sample utterances in the bot
const HELD_OUT = 4; // per intent, for accuracy
const TURNS = 2000;

const TEMPLATES = [
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
];

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
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-bench-bot-'));
try {
  const heldOut = writeBot(dir);
  const loadTimes = [];
  let bot;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    bot = loadBot(dir).bot;
    loadTimes.push(performance.now() - started);
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
  const turn = median(turnTimes);
  const baseline = median(baselineTimes);
  const total = turnTimes.reduce((a, b) => a + b, 0);
  console.log(`bot: ${INTENTS} intents x ${KEPT + HELD_OUT} utterances (${KEPT} in the bot, ${HELD_OUT} held out each)`);
  console.log(`load: median ${median(loadTimes).toFixed(1)} ms over 5 loads`);
  console.log(`turn: median ${turn.toFixed(3)} ms (target < 1 ms) ${turn < 1 ? 'OK' : 'OVER TARGET'}; ${(TURNS / (total / 1000)).toFixed(0)} turns/s`);
  console.log(`baseline (JSON parse/serialise only): median ${baseline.toFixed(4)} ms -> turn is ${(turn / baseline).toFixed(0)}x the baseline`);
  console.log(
    `accuracy on held-out utterances: ${right}/${heldOut.length} = ${((100 * right) / heldOut.length).toFixed(1)}% (target >= 90%) ${right / heldOut.length >= 0.9 ? 'OK' : 'UNDER TARGET'}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
