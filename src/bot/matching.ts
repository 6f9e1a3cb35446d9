import type { CompiledLocale, CompiledSample, SampleIndex } from './compile';
import type { IntentDefinition, SlotDefinition } from './model';
import type { IntentState, Interpretation, Slot } from './types';
import { closeEnough, normalise, type SlotValue } from './values';

// Intent matching: how well what was said matches each intent's sample utterances, the slot
// values found on the way, and the interpretations a turn reports.

export interface Match {
  intent: IntentDefinition;
  score: number;
  slots: Record<string, Slot | null>;
}

/** The best intent at or above the locale's threshold (else undefined), and every intent scored, best first. */
export interface Classification {
  match: Match | undefined;
  ranked: Match[];
}

/** Lex reports the most likely intent and up to four alternatives. */
const MAX_INTERPRETATIONS = 5;

const rounded = (score: number) => Math.round(score * 100) / 100;

/**
 * A turn's interpretations, as Lex V2 reports them on every turn: the intent the session is on
 * first, as the session has it, then the other intents by score (name and slots only), with the
 * fallback intent (never scored) where their scores drop below the threshold. An intent the
 * dialog chose rather than the utterance (a slot or confirmation answered, a next step taken)
 * scores 1, and the fallback comes straight after it.
 */
export function interpretations(
  locale: CompiledLocale,
  ranked: Match[],
  current: IntentState | undefined,
  /** The intent the utterance chose this turn, if it chose one. */
  chosen: Match | undefined,
): Interpretation[] {
  const fallback = locale.fallback;
  const chosenByUtterance = !!current && chosen?.intent.name === current.name;
  const first: Interpretation[] = current
    ? [
        {
          intent: structuredClone(current),
          ...(current.name === fallback?.name ? {} : { nluConfidence: { score: chosenByUtterance ? rounded(chosen.score) : 1 } }),
          interpretationSource: 'Lex',
        },
      ]
    : [];
  const others = ranked.filter((m) => m.intent.name !== current?.name).slice(0, MAX_INTERPRETATIONS);
  const alternatives: Interpretation[] = others.map((m) => ({
    intent: { name: m.intent.name, slots: structuredClone(m.slots) },
    nluConfidence: { score: rounded(m.score) },
    interpretationSource: 'Lex',
  }));
  if (!fallback || fallback.name === current?.name) return [...first, ...alternatives].slice(0, MAX_INTERPRETATIONS);
  // Room is kept for the fallback: the alternatives above the threshold give way to it.
  const room = MAX_INTERPRETATIONS - first.length - 1;
  const above = chosenByUtterance ? Math.min(room, others.filter((m) => m.score >= locale.nluConfidenceThreshold).length) : 0;
  const fallbackInterpretation: Interpretation = { intent: { name: fallback.name, slots: {} }, interpretationSource: 'Lex' };
  return [...first, ...alternatives.slice(0, above), fallbackInterpretation, ...alternatives.slice(above)].slice(0, MAX_INTERPRETATIONS);
}

const frozenEmptySlots = new WeakMap<IntentDefinition, Readonly<Record<string, Slot | null>>>();

/** An intent's slots, none filled, frozen and shared: for intents that are not the match. */
function noSlots(intent: IntentDefinition): Record<string, Slot | null> {
  let slots = frozenEmptySlots.get(intent);
  if (!slots) frozenEmptySlots.set(intent, (slots = Object.freeze(emptySlots(intent))));
  return slots as Record<string, Slot | null>;
}

/** An intent's slots, none filled. */
export function emptySlots(intent: IntentDefinition): Record<string, Slot | null> {
  return Object.fromEntries(intent.slots.map((s) => [s.name, null]));
}

/** What was said in one turn, matched against a locale's intents; each part worked out at most once. */
export class IntentMatcher {
  /**
   * For each word said, the words of the bot's sample utterances close to it (itself, or one
   * typo away): worked out once per turn, so scoring a sample is only set lookups.
   */
  private neighbours: Map<string, string[]> | undefined;
  private heard: Set<string> | undefined;
  private normalisedText: string | undefined;
  private readonly valuesSaid = new Map<string, SlotValue | undefined>();
  private classified: Classification | undefined;

  constructor(
    private readonly locale: CompiledLocale,
    private readonly text: string,
    private readonly now: () => Date,
    /** The contexts active this turn: an intent with input contexts is recognised only when all of them are. */
    private readonly activeContexts: ReadonlySet<string> = new Set(),
  ) {}

  /** What was said, normalised once for every sample and slot type that looks at it. */
  get utterance(): string {
    return (this.normalisedText ??= normalise(this.text));
  }

  /** The classification of this turn's utterance: worked out once, however often it is asked for. */
  get classification(): Classification {
    return (this.classified ??= this.scoreIntents());
  }

  private prepare(words: string[]): void {
    if (this.neighbours) return;
    const { vocabulary, vocabularyList } = this.locale;
    this.neighbours = new Map();
    this.heard = new Set();
    for (const said of new Set(words)) {
      const close = said.length >= 5 ? vocabularyList.filter((word) => closeEnough(said, word)) : vocabulary.has(said) ? [said] : [];
      if (!close.includes(said)) close.push(said);
      this.neighbours.set(said, close);
      for (const word of close) this.heard.add(word);
    }
  }

  /**
   * Scores every intent against the utterance. Only the samples that share a word (or a word
   * one typo away) or a slot type's value with it are scored; the rest score 0, as they would.
   */
  private scoreIntents(): Classification {
    const utterance = this.utterance;
    const words = utterance.split(' ').filter(Boolean);
    this.prepare(words);
    const index = this.locale.sampleIndex;
    // Per sample: its own words heard (typos allowed), and the words said that it holds. The
    // counters are the locale's, kept zero between turns: a turn clears what it touched.
    const { heardWords, saidWords, reached, countedFor, touched } = (index.scratch ??= {
      heardWords: new Uint16Array(index.count),
      saidWords: new Uint16Array(index.count),
      reached: new Uint8Array(index.count),
      countedFor: new Int32Array(index.count).fill(-1),
      touched: [],
    });
    const reach = (sample: number) => {
      if (reached[sample]) return;
      reached[sample] = 1;
      touched.push(sample);
    };
    try {
      return this.rank(utterance, words, index, heardWords, saidWords, reached, countedFor, reach);
    } finally {
      for (const sample of touched) {
        heardWords[sample] = saidWords[sample] = reached[sample] = 0;
        countedFor[sample] = -1;
      }
      touched.length = 0;
    }
  }

  private rank(
    utterance: string,
    words: string[],
    index: SampleIndex,
    heardWords: Uint16Array,
    saidWords: Uint16Array,
    reached: Uint8Array,
    countedFor: Int32Array,
    reach: (sample: number) => void,
  ): Classification {
    for (const word of this.heard!) {
      for (const { sample, count } of index.byWord.get(word) ?? []) {
        heardWords[sample] += count;
        reach(sample);
      }
    }
    // A said word counts once per sample, however many of its near words the sample holds.
    for (let position = 0; position < words.length; position++) {
      for (const word of this.neighbours!.get(words[position])!) {
        for (const { sample } of index.byWord.get(word) ?? []) {
          if (countedFor[sample] === position) continue;
          countedFor[sample] = position;
          saidWords[sample]++;
        }
      }
    }
    for (const sample of index.wordless) reach(sample);
    for (const [type, samples] of index.byType) {
      if (this.locale.recognisable(type) && this.valueInUtterance(type)) for (const sample of samples) reach(sample);
    }
    const ranked: Match[] = [];
    for (const intent of this.locale.scored) {
      if (!intent.definition.inputContexts.every((name) => this.activeContexts.has(name))) continue;
      let best: { score: number; slots?: Record<string, Slot | null> } = { score: 0 };
      for (let i = 0; i < intent.samples.length; i++) {
        const number = intent.firstSample + i;
        if (!reached[number]) continue;
        const sample = intent.samples[i];
        const candidate = this.scoreSample(intent.definition, sample, utterance, words.length, heardWords[number], saidWords[number], best.score);
        if (candidate.score > best.score) best = candidate;
      }
      // Only the match's slots are ever changed (it gets its own below); the others share one read-only set.
      ranked.push({ intent: intent.definition, score: best.score, slots: best.slots ?? noSlots(intent.definition) });
    }
    ranked.sort((a, b) => b.score - a.score);
    const top = ranked[0];
    // The match gets slots of its own, to fill.
    if (top && Object.isFrozen(top.slots)) top.slots = emptySlots(top.intent);
    return { match: top && top.score >= this.locale.nluConfidenceThreshold ? top : undefined, ranked };
  }

  /**
   * How well one sample utterance (with {Slot} placeholders) matches, and the slots it yields.
   * Slots (all null but those found) are made only for samples that find one: most find none.
   * `matched`: the sample's own words heard; `covered`: the words said that the sample holds.
   */
  private scoreSample(
    intent: IntentDefinition,
    sample: CompiledSample,
    utterance: string,
    wordCount: number,
    matched: number,
    covered: number,
    /** The intent's best score so far: a sample that does not beat it needs no slots. */
    beat: number,
  ): { score: number; slots?: Record<string, Slot | null> } {
    const literal = sample.literal;
    // 1. The template itself, each placeholder a value of its slot's type (only where every
    // one of its own words was said: the pattern cannot match otherwise).
    const exact = matched === literal.length ? sample.pattern.exec(utterance) : null;
    if (exact) {
      const slots = emptySlots(intent);
      const ok = sample.groups.every((slot, i) => {
        // The groups are normalised text; a value with symbols is read from what was said.
        const value =
          slot &&
          (this.locale.readsRawText(slot.slotTypeName)
            ? this.valueInUtterance(slot.slotTypeName)
            : this.locale.slotValue(slot.slotTypeName, exact[i + 1], this.now()));
        if (slot && value) slots[slot.name] = { value, shape: 'Scalar' };
        return !!(slot && value);
      });
      if (ok) return { score: 1, slots };
    }
    // 2. Word overlap, small typos allowed, with slot values found anywhere in the utterance
    // (only for types whose values can be told apart from other words).
    const placeholders = sample.placeholders;
    const valueOf = (slot: SlotDefinition) => (this.locale.recognisable(slot.slotTypeName) ? this.valueInUtterance(slot.slotTypeName) : undefined);
    let found = 0;
    for (const slot of placeholders) if (valueOf(slot)) found++;
    const total = literal.length + placeholders.length;
    if (total === 0 || wordCount === 0) return { score: 0 };
    // How much of the sample is said, and how much of what was said is the sample.
    const score = Math.min(0.99, (0.6 * (matched + found)) / total + (0.4 * Math.min(covered + found, wordCount)) / wordCount);
    // Slots are made only for a sample that beats its intent's best so far: most do not.
    if (found === 0 || score <= beat) return { score };
    const slots = emptySlots(intent);
    for (const slot of placeholders) {
      const value = valueOf(slot);
      if (value) slots[slot.name] = { value, shape: 'Scalar' };
    }
    return { score, slots };
  }

  /** A value of this type anywhere in what was said; the same for every sample, so kept per turn. */
  private valueInUtterance(slotTypeName: string): SlotValue | undefined {
    if (!this.valuesSaid.has(slotTypeName)) {
      // These types read only normalised text: the turn's, normalised once, serves them all.
      this.valuesSaid.set(slotTypeName, this.locale.slotValue(slotTypeName, this.text, this.now(), this.utterance));
    }
    return this.valuesSaid.get(slotTypeName);
  }
}
