import type { IntentDefinition, LocaleDefinition, SlotDefinition } from './model';
import { STANDOUT_BUILT_INS, SYMBOL_BUILT_INS } from './slotTypes';
import type { SlotElicitationStyle } from './types';
import { compileSlotType, normalise, slotValue, type CompiledSlotType, type SlotValue } from './values';

// A locale compiled once, when an engine takes its bot: every turn scores every sample utterance
// and may look for every custom slot type's values, so their forms for matching are worked out
// here. The engine owns what it compiles, so two bots never share a compiled sample or type.

/** A {Slot} placeholder, in a sample utterance or a message. */
export const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

export interface CompiledSample {
  /** The sample as a regular expression, one group per placeholder. */
  pattern: RegExp;
  /** The intent's slot named by each group, in the order of the groups (undefined: no such slot). */
  groups: Array<SlotDefinition | undefined>;
  /** The intent's slots that the sample's placeholders name, in the intent's order. */
  placeholders: SlotDefinition[];
  /** The sample's own words (no placeholders), normalised. */
  literal: string[];
  literalSet: Set<string>;
}

export interface CompiledIntent {
  definition: IntentDefinition;
  samples: CompiledSample[];
  /** Where its samples start in the locale's numbering of scored samples. */
  firstSample: number;
}

/**
 * Which scored samples each word and slot type can reach, so a turn looks only at the samples
 * it shares something with (a large bot has thousands; a turn reaches a few hundred).
 */
export interface SampleIndex {
  /** For each word, the samples whose own words hold it, and how many times. */
  byWord: Map<string, Array<{ sample: number; count: number }>>;
  /** For each slot type, the samples with a placeholder of it. */
  byType: Map<string, number[]>;
  /** Samples with no words of their own (all placeholders): any utterance may be one. */
  wordless: number[];
  count: number;
  /** A turn's counters per sample, made once and cleared by each turn after use (turns run one at a time). */
  scratch?: { heardWords: Uint16Array; saidWords: Uint16Array; reached: Uint8Array; countedFor: Int32Array; touched: number[] };
}

/**
 * What users say to Lex's built-in intents: an export holds none of it (a built-in intent takes
 * no sample utterances of its own). The common utterances of Lex V2's developer guide, "Built-in
 * intents" (English, as the guide gives them).
 */
export const BUILT_IN_UTTERANCES: Readonly<Record<string, readonly string[]>> = {
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it'],
  'AMAZON.HelpIntent': ['help', 'help me', 'can you help me'],
  'AMAZON.StopIntent': ['stop', 'off', 'shut up'],
  'AMAZON.RepeatIntent': ['repeat', 'say that again', 'repeat that'],
  'AMAZON.StartOverIntent': ['start over', 'restart', 'start again'],
};

/** An intent's sample utterances, with its built-in intent's when it extends one. */
function samplesOf(intent: IntentDefinition): string[] {
  const builtIn = intent.parentIntentSignature ? BUILT_IN_UTTERANCES[intent.parentIntentSignature] : undefined;
  return builtIn ? [...builtIn, ...intent.sampleUtterances] : intent.sampleUtterances;
}

export function isFallback(intent: IntentDefinition): boolean {
  return intent.parentIntentSignature === 'AMAZON.FallbackIntent' || intent.name === 'FallbackIntent';
}

export class CompiledLocale {
  readonly localeId: string;
  readonly nluConfidenceThreshold: number;
  /** The intents a turn scores: all but the fallback, in the locale's order. */
  readonly scored: CompiledIntent[];
  readonly fallback: IntentDefinition | undefined;
  /** Every word of the locale's sample utterances. */
  readonly vocabulary: Set<string>;
  /** The same words as a list, for scanning for near misses. */
  readonly vocabularyList: string[];
  readonly sampleIndex: SampleIndex;
  private readonly intents = new Map<string, IntentDefinition>();
  private readonly slotTypes = new Map<string, CompiledSlotType>();
  /** Types whose values stand out in a sentence: custom types, numbers, dates and times. */
  private readonly recognisableTypes: Set<string>;

  constructor(readonly definition: LocaleDefinition) {
    this.localeId = definition.localeId;
    this.nluConfidenceThreshold = definition.nluConfidenceThreshold;
    // The first of a name wins, as a search of the definition's lists would find it.
    for (const intent of definition.intents) if (!this.intents.has(intent.name)) this.intents.set(intent.name, intent);
    for (const type of definition.slotTypes) if (!this.slotTypes.has(type.name)) this.slotTypes.set(type.name, compileSlotType(type));
    this.recognisableTypes = new Set([...STANDOUT_BUILT_INS, ...this.slotTypes.keys()]);
    this.fallback = definition.intents.find(isFallback);
    const compiled = definition.intents.map((intent) => ({
      definition: intent,
      samples: samplesOf(intent).map((sample) => compileSample(intent, sample)),
      firstSample: 0,
    }));
    this.scored = compiled.filter((intent) => !isFallback(intent.definition));
    this.sampleIndex = indexSamples(this.scored);
    this.vocabulary = new Set(compiled.flatMap((intent) => intent.samples.flatMap((sample) => sample.literal)));
    this.vocabularyList = [...this.vocabulary];
  }

  intent(name: string): IntentDefinition | undefined {
    return this.intents.get(name);
  }

  recognisable(slotTypeName: string): boolean {
    return this.recognisableTypes.has(slotTypeName);
  }

  /** A built-in type whose values carry symbols normalising drops (`@`, `+`, `%`, `€`): read from the text as said. */
  readsRawText(slotTypeName: string): boolean {
    return !this.slotTypes.has(slotTypeName) && SYMBOL_BUILT_INS.includes(slotTypeName);
  }

  /** The value of a slot of this type (the locale's own or a built-in) in what was said. */
  slotValue(slotTypeName: string, text: string, now: Date, normalised?: string, style?: SlotElicitationStyle): SlotValue | undefined {
    return slotValue(slotTypeName, this.slotTypes.get(slotTypeName), text, now, normalised, style);
  }
}

/** Numbers the scored intents' samples in order and indexes them by word and by slot type. */
function indexSamples(scored: CompiledIntent[]): SampleIndex {
  const index: SampleIndex = { byWord: new Map(), byType: new Map(), wordless: [], count: 0 };
  for (const intent of scored) {
    intent.firstSample = index.count;
    for (const sample of intent.samples) {
      const number = index.count++;
      const counts = new Map<string, number>();
      for (const word of sample.literal) counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const [word, count] of counts) {
        let postings = index.byWord.get(word);
        if (!postings) index.byWord.set(word, (postings = []));
        postings.push({ sample: number, count });
      }
      for (const type of new Set(sample.placeholders.map((slot) => slot.slotTypeName))) {
        let postings = index.byType.get(type);
        if (!postings) index.byType.set(type, (postings = []));
        postings.push(number);
      }
      if (sample.literal.length === 0) index.wordless.push(number);
    }
  }
  return index;
}

function compileSample(intent: IntentDefinition, text: string): CompiledSample {
  // Placeholders become marker words that survive normalisation.
  const names: string[] = [];
  const template = normalise(text.replace(PLACEHOLDER, (_whole, name: string) => ` zzslot${names.push(name) - 1}zz `))
    .split(' ')
    .filter(Boolean);
  const marker = /^zzslot(\d+)zz$/;
  const order: string[] = [];
  const source = template
    .map((word) => {
      const m = marker.exec(word);
      if (!m) return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      order.push(names[Number(m[1])]);
      return '(.+?)';
    })
    .join(' ');
  const literal = template.filter((w) => !marker.test(w));
  return {
    pattern: new RegExp(`^${source}$`),
    groups: order.map((name) => intent.slots.find((s) => s.name === name)),
    placeholders: intent.slots.filter((s) => order.includes(s.name)),
    literal,
    literalSet: new Set(literal),
  };
}
