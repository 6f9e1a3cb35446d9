import type { SlotTypeDefinition } from './model';

// Slot values: how a piece of what the user said becomes a slot's value, for custom slot types
// (values, synonyms, resolution strategy) and the built-in types the engine knows.

export interface SlotValue {
  originalValue: string;
  interpretedValue: string;
  resolvedValues: string[];
}

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
  return a.slice(i + 1) === b.slice(i + skip);
}

/** A word, or a phrase, close enough: equal, or one edit apart for words of five letters or more. */
export function closeEnough(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && withinOneEdit(a, b));
}

/** Finds a phrase (allowing small typos per word) inside a list of words; returns [start, end). */
function findPhrase(words: string[], phrase: string[]): [number, number] | undefined {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, k) => closeEnough(words[start + k], word))) return [start, start + phrase.length];
  }
  return undefined;
}

const wordsOf = (text: string) => normalise(text).split(' ').filter(Boolean);

/** A custom slot type with every value and synonym as words, ready to look for in what was said. */
export interface CompiledSlotType {
  definition: SlotTypeDefinition;
  phrases: Array<{ value: string; phrase: string[] }>;
}

export function compileSlotType(definition: SlotTypeDefinition): CompiledSlotType {
  const phrases = definition.values
    .flatMap((entry) => [entry.value, ...entry.synonyms].map((candidate) => ({ value: entry.value, phrase: wordsOf(candidate) })))
    .filter((p) => p.phrase.length > 0);
  return { definition, phrases };
}

function customValue({ definition: type, phrases }: CompiledSlotType, normalised: string): SlotValue | undefined {
  const said = normalised.split(' ').filter(Boolean);
  let best: { value: string; matched: string; length: number } | undefined;
  for (const { value, phrase } of phrases) {
    const found = findPhrase(said, phrase);
    if (found && (!best || phrase.length > best.length)) best = { value, matched: said.slice(found[0], found[1]).join(' '), length: phrase.length };
  }
  if (!best) return undefined;
  return {
    originalValue: best.matched,
    interpretedValue: type.resolutionStrategy === 'TOP_RESOLUTION' ? best.value : best.matched,
    resolvedValues: [best.value],
  };
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};

function numberValue(normalised: string): SlotValue | undefined {
  const digits = /(?:^|\s)(-?\d+(?:\.\d+)?)(?:\s|$)/.exec(normalised);
  if (digits) return { originalValue: digits[1], interpretedValue: digits[1], resolvedValues: [digits[1]] };
  const words = normalised.split(' ');
  for (let i = 0; i < words.length; i++) {
    const first = NUMBER_WORDS[words[i]];
    if (first === undefined || ((words[i] === 'a' || words[i] === 'an') && words.length > 1)) continue;
    let value = first;
    let original = words[i];
    const next = NUMBER_WORDS[words[i + 1] ?? ''];
    if (first >= 20 && next !== undefined && next < 10) {
      value += next;
      original += ` ${words[i + 1]}`;
    }
    return { originalValue: original, interpretedValue: String(value), resolvedValues: [String(value)] };
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

function timeValue(normalised: string): SlotValue | undefined {
  const named: Record<string, string> = { noon: '12:00', midday: '12:00', midnight: '00:00' };
  for (const [word, value] of Object.entries(named))
    if (normalised.split(' ').includes(word)) return { originalValue: word, interpretedValue: value, resolvedValues: [value] };
  const match = /(?:^|\s)(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?=\s|$)/.exec(normalised);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3];
  if (hours > 23 || minutes > 59) return undefined;
  if (!match[2] && !half && !/\bat\s+\d/.test(normalised) && normalised.split(' ').length > 1) return undefined; // "2 lattes" is no time
  if (half === 'pm' && hours < 12) hours += 12;
  if (half === 'am' && hours === 12) hours = 0;
  const value = `${pad(hours)}:${pad(minutes)}`;
  return { originalValue: match[0].trim(), interpretedValue: value, resolvedValues: [value] };
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function dateValue(normalised: string, now: Date): SlotValue | undefined {
  const iso = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const plusDays = (days: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  const result = (original: string, date: Date) => ({ originalValue: original, interpretedValue: iso(date), resolvedValues: [iso(date)] });
  const relative: Record<string, number> = { today: 0, tonight: 0, tomorrow: 1, yesterday: -1 };
  for (const [word, days] of Object.entries(relative)) if (normalised.split(' ').includes(word)) return result(word, plusDays(days));
  const isoMatch = /(\d{4})-(\d{2})-(\d{2})/.exec(normalised);
  if (isoMatch) return result(isoMatch[0], new Date(Date.UTC(+isoMatch[1], +isoMatch[2] - 1, +isoMatch[3])));
  const words = normalised.split(' ');
  const weekday = words.findIndex((w) => WEEKDAYS.includes(w));
  if (weekday >= 0) {
    const ahead = (WEEKDAYS.indexOf(words[weekday]) - now.getUTCDay() + 7) % 7 || 7;
    return result(words[weekday], plusDays(ahead));
  }
  const monthDay = new RegExp(`(?:(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTHS.join('|')})|(${MONTHS.join('|')}) (\\d{1,2})(?:st|nd|rd|th)?)`).exec(normalised);
  if (monthDay) {
    const day = Number(monthDay[1] ?? monthDay[4]);
    const month = MONTHS.indexOf(monthDay[2] ?? monthDay[3]);
    let date = new Date(Date.UTC(now.getUTCFullYear(), month, day));
    if (date < plusDays(0)) date = new Date(Date.UTC(now.getUTCFullYear() + 1, month, day));
    return result(monthDay[0], date);
  }
  return undefined;
}

const capitalise = (text: string) => text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

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
 * the slot's type is a custom one, else of the built-in type `slotTypeName`.
 * Built-in types: AMAZON.Number, AlphaNumeric, FreeFormInput, Date, Time, City, FirstName.
 * `normalised` is `normalise(text)` when the caller has it already (custom types, numbers, dates
 * and times read only that).
 */
export function slotValue(slotTypeName: string, custom: CompiledSlotType | undefined, text: string, now: Date, normalised?: string): SlotValue | undefined {
  if (custom) {
    const found = customValue(custom, normalised ?? normalise(text));
    if (found || custom.definition.parentSlotTypeSignature !== 'AMAZON.AlphaNumeric') return found;
    return slotValue('AMAZON.AlphaNumeric', undefined, text, now);
  }
  const trimmed = text.trim();
  const single = (value: string) => ({ originalValue: value, interpretedValue: value, resolvedValues: [value] });
  switch (slotTypeName) {
    case 'AMAZON.Number':
      return numberValue(normalised ?? normalise(text));
    case 'AMAZON.Time':
      return timeValue(normalised ?? normalise(text));
    case 'AMAZON.Date':
      return dateValue(normalised ?? normalise(text), now);
    case 'AMAZON.AlphaNumeric': {
      const token = /[A-Za-z0-9]+/.exec(trimmed.split(/\s+/).pop() ?? '')?.[0];
      return token ? single(token) : undefined;
    }
    case 'AMAZON.FirstName': {
      const word = /\p{L}[\p{L}'-]*/u.exec(trimmed.split(/\s+/).pop() ?? '')?.[0];
      return word ? { originalValue: word, interpretedValue: capitalise(word.toLowerCase()), resolvedValues: [capitalise(word.toLowerCase())] } : undefined;
    }
    case 'AMAZON.City': {
      const city = trimmed.replace(/^(in|to|from|at)\s+/i, '').replace(/[.!?]+$/, '');
      return /^\p{L}[\p{L}\s.'-]*$/u.test(city)
        ? { originalValue: city, interpretedValue: capitalise(city.toLowerCase()), resolvedValues: [capitalise(city.toLowerCase())] }
        : undefined;
    }
    default:
      // AMAZON.FreeFormInput and built-ins the engine does not model take the text as it is.
      return trimmed ? single(trimmed) : undefined;
  }
}
