import { findAlphaNumeric, spelled } from './builtinSlots/codes';
import type { SlotValue } from './builtinSlots/words';
import type { SlotTypeDefinition } from './model';
import { builtInSlotValue } from './slotTypes';
import type { SlotElicitationStyle } from './types';

// Slot values: how a piece of what the user said becomes a slot's value, for custom slot types
// (values, synonyms, resolution strategy, regular expression) and the built-in types (slotTypes.ts).

export type { SlotValue } from './builtinSlots/words';

/**
 * Lower case, a.m. and p.m. as am and pm, no punctuation but ' : / - and a dot inside a number,
 * single spaces. Normalising normalised text changes nothing.
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<!\p{L})([ap])\.m\.?(?!\p{L})/gu, '$1m')
    .replace(/[^\p{L}\p{N}\s':/.-]/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether two words are at most one edit (insert, delete or substitute a letter) apart, in one pass. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  // Past the first difference the rest must agree: shifted by one if a is longer, in step if not.
  const skip = a.length === b.length ? 1 : 0;
  for (let x = i + 1, y = i + skip; x < a.length; x++, y++) if (a[x] !== b[y]) return false;
  return true;
}

/** A word, or a phrase, close enough: equal, or one edit apart for words of five letters or more. */
export function closeEnough(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && withinOneEdit(a, b));
}

const wordsOf = (text: string) => normalise(text).split(' ').filter(Boolean);

/** A custom slot type with every value and synonym as words, ready to look for in what was said. */
export interface CompiledSlotType {
  definition: SlotTypeDefinition;
  phrases: Array<{ value: string; phrase: string[] }>;
  /** The phrases' indexes by their first word, so a turn looks only at phrases a word it said can start. */
  byFirstWord: Map<string, number[]>;
  /** First words of five letters or more: a said word one typo away from one starts its phrases too. */
  longFirstWords: string[];
  /** The type's regular expression, matched against a whole value. */
  pattern?: RegExp;
}

export function compileSlotType(definition: SlotTypeDefinition): CompiledSlotType {
  const phrases = definition.values
    .flatMap((entry) => [entry.value, ...entry.synonyms].map((candidate) => ({ value: entry.value, phrase: wordsOf(candidate) })))
    .filter((p) => p.phrase.length > 0);
  const byFirstWord = new Map<string, number[]>();
  phrases.forEach(({ phrase }, index) => {
    const list = byFirstWord.get(phrase[0]);
    if (list) list.push(index);
    else byFirstWord.set(phrase[0], [index]);
  });
  const longFirstWords = [...byFirstWord.keys()].filter((word) => word.length >= 5);
  return { definition, phrases, byFirstWord, longFirstWords, pattern: compileRegex(definition.regexPattern) };
}

/** A type's regular expression, whole-value; one Lex would refuse to save (or JavaScript cannot read) matches nothing. */
function compileRegex(source: string | undefined): RegExp | undefined {
  if (!source) return undefined;
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return /(?!)/;
  }
}

/**
 * The longest phrase of the type said (the first in the type's order among equals), where it is
 * first said. Only phrases whose first word is a word said (or one typo away) are tried.
 */
function customValue({ definition: type, phrases, byFirstWord, longFirstWords }: CompiledSlotType, normalised: string): SlotValue | undefined {
  const said = normalised.split(' ').filter(Boolean);
  const starts = new Map<number, number>(); // phrase index → first start where it is said
  for (let start = 0; start < said.length; start++) {
    const word = said[start];
    const firstWords = word.length >= 5 ? longFirstWords.filter((first) => closeEnough(word, first)) : [];
    if (byFirstWord.has(word) && !firstWords.includes(word)) firstWords.push(word);
    for (const first of firstWords) {
      for (const index of byFirstWord.get(first)!) {
        if (starts.has(index)) continue;
        const { phrase } = phrases[index];
        if (start + phrase.length <= said.length && phrase.every((w, k) => closeEnough(said[start + k], w))) starts.set(index, start);
      }
    }
  }
  let best: { value: string; matched: string; length: number; index: number } | undefined;
  for (const [index, start] of starts) {
    const { value, phrase } = phrases[index];
    if (!best || phrase.length > best.length || (phrase.length === best.length && index < best.index))
      best = { value, matched: said.slice(start, start + phrase.length).join(' '), length: phrase.length, index };
  }
  if (!best) return undefined;
  return {
    originalValue: best.matched,
    interpretedValue: type.resolutionStrategy === 'TOP_RESOLUTION' ? best.value : best.matched,
    resolvedValues: [best.value],
  };
}

/**
 * The value of a slot of this type in what the user said, or undefined when there is none,
 * compiling the custom type for this one call (the engine keeps its locale's types compiled).
 */
export function resolveSlotValue(
  slotTypeName: string,
  types: readonly SlotTypeDefinition[],
  text: string,
  now: Date,
  normalised?: string,
): SlotValue | undefined {
  const custom = types.find((t) => t.name === slotTypeName);
  return slotValue(slotTypeName, custom && compileSlotType(custom), text, now, normalised);
}

/**
 * The value of a slot in what the user said, or undefined when there is none: of `custom` when
 * the slot's type is a custom one, else of the built-in type `slotTypeName`. `normalised` is
 * `normalise(text)` when the caller has it already (custom types read only that). `style` is how
 * the slot was elicited: a spelling style reads the answer as spelled.
 */
export function slotValue(
  slotTypeName: string,
  custom: CompiledSlotType | undefined,
  text: string,
  now: Date,
  normalised?: string,
  style?: SlotElicitationStyle,
): SlotValue | undefined {
  if (!custom) return builtInSlotValue(slotTypeName, text, now, style);
  const answer = style && style !== 'Default' ? (spelled(text, style) ?? text) : text;
  // A regular expression decides alone: Lex accepts a value it matches and asks again otherwise.
  if (custom.pattern) return findAlphaNumeric(answer, custom.pattern);
  const found = customValue(custom, answer === text ? (normalised ?? normalise(text)) : normalise(answer));
  if (found || custom.definition.parentSlotTypeSignature !== 'AMAZON.AlphaNumeric') return found;
  return builtInSlotValue('AMAZON.AlphaNumeric', answer, now);
}
