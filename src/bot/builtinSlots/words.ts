// What every built-in slot type reads an answer with: its words, the carrier phrase around the
// value ("it is …", "my number is …", "at …"), and numbers said in words or digits.

/** A slot's value as Lex V2 reports it (the runtime's Value shape). */
export interface SlotValue {
  /** The part of the answer that is the value. */
  originalValue: string;
  /** Left out when the value is ambiguous (a time such as "10 o'clock"); resolvedValues then lists each reading. */
  interpretedValue?: string;
  resolvedValues: string[];
}

export const found = (originalValue: string, interpretedValue: string, resolvedValues = [interpretedValue]): SlotValue => ({
  originalValue,
  interpretedValue,
  resolvedValues,
});

/**
 * The answer's words in lower case, without the punctuation around them (a dot, @, +, $ or %
 * inside a word stays: addresses, amounts and codes need them), thousands separators dropped.
 */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .split(/[\s,;!?()"“”]+/)
    .map((word) => word.replace(/^['‘’.:]+|['‘’.:]+$/g, ''))
    .filter(Boolean);
}

/** Title case, as Lex V2 writes names and places it recognises. */
export const capitalise = (text: string) => text.replace(/(^|[\s-])(\p{L})/gu, (_whole, before: string, letter: string) => before + letter.toUpperCase());

/**
 * Words that start an answer without being part of its value: "it is", "my email is", "I live
 * in", "call me", "at", and fillers such as "um" and "please". Longest first, so "it is" goes as one.
 */
const LEADING = [
  /^my(?: [a-z']+){0,3} (?:is|are|was|'s)$/,
  /^(?:it|that|this|mine|its|it's|that's|thats|this's)$/,
  /^(?:is|was|will be|would be|should be|be|are)$/,
  /^(?:i'm|im|i am|i live|we live|we're|we are|i'd like|i would like|i want|i need|let's say|lets say|say|make it|call me|i said|i think|i guess|i'd say)$/,
  /^(?:in|at|on|to|from|for|by|of|the|a|an|around|about|near|just|only|exactly|approximately|roughly)$/,
  /^(?:um|uh|er|erm|hmm|well|so|oh|ok|okay|sure|yes|yeah|yep|please|hi|hello|hey|right)$/,
];
const TRAILING = /^(?:please|thanks|thank you|thx|i think|i guess|i believe|then|ok|okay)$/;

/** The answer's words without its carrier phrase: what is left could be the value itself. */
export function withoutCarrier(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  for (let moved = true; moved && start < end;) {
    moved = false;
    for (let length = Math.min(5, end - start); length >= 1; length--) {
      const phrase = words.slice(start, start + length).join(' ');
      if (LEADING.some((pattern) => pattern.test(phrase))) {
        start += length;
        moved = true;
        break;
      }
    }
  }
  for (let moved = true; moved && end > start;) {
    moved = false;
    for (let length = Math.min(3, end - start); length >= 1; length--) {
      if (TRAILING.test(words.slice(end - length, end).join(' '))) {
        end -= length;
        moved = true;
        break;
      }
    }
  }
  return words.slice(start, end);
}

const SMALL: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
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
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** The digit a word names ("seven", "7", "oh"), or undefined. */
export function digitOf(word: string): string | undefined {
  if (/^\d$/.test(word)) return word;
  const n = SMALL[word];
  return n !== undefined && n < 10 ? String(n) : undefined;
}

export const isNumberWord = (word: string) =>
  word in SMALL || word in TENS || word in SCALES || word === 'hundred' || word === 'dozen' || /^-?\d+(?:\.\d+)?$/.test(word);

/** "twenty-five" is two number words; "Jean-Paul" stays one word. */
function splitHyphens(words: string[]): string[] {
  return words.flatMap((word) => (/^[a-z]+(?:-[a-z]+)+$/.test(word) && word.split('-').every(isNumberWord) ? word.split('-') : [word]));
}

export interface NumberSaid {
  value: number;
  /** Where the number's words start and end, [start, end). */
  start: number;
  end: number;
}

/**
 * The number said from words[start]: digits ("2.5", "-3"), words ("one hundred twenty three
 * point four five", "a dozen", "minus five"), or digits with a scale ("5 million"). "oh" counts
 * as zero only among other digits, and a lone "a" is no number.
 */
export function numberAt(words: string[], start: number): NumberSaid | undefined {
  let i = start;
  let sign = 1;
  if ((words[i] === 'minus' || words[i] === 'negative') && i + 1 < words.length) {
    sign = -1;
    i++;
  }
  const first = words[i];
  if (first === undefined) return undefined;
  // "point four two": a number below one.
  if ((first === 'point' || first === 'dot') && i === start) {
    const decimals = decimalsAt(words, i + 1);
    return decimals && { value: sign * Number(`0.${decimals.digits}`), start, end: decimals.end };
  }
  const digits = /^(-?\d+(?:\.\d+)?)$/.exec(first);
  if (digits) {
    let value = Number(digits[1]);
    i++;
    if (words[i] === 'hundred') [value, i] = [value * 100, i + 1];
    if (SCALES[words[i]]) [value, i] = [value * SCALES[words[i]], i + 1];
    return { value: sign * value, start, end: i };
  }
  if (first === 'oh') return undefined;
  let total = 0;
  let current = 0;
  let any = false;
  /** What the last word was: a unit (one..nineteen), tens, hundred, or a scale. */
  let last: 'unit' | 'tens' | 'hundred' | 'scale' | undefined;
  for (; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if ((word === 'a' || word === 'an') && !any && (next === 'hundred' || next === 'dozen' || (next !== undefined && next in SCALES))) {
      current = 1;
      any = true;
      last = 'unit';
      continue;
    }
    if (word === 'and' && any && next !== undefined && (next in SMALL || next in TENS)) continue;
    if (word in SMALL && word !== 'oh') {
      if (last === 'unit' || (last === 'tens' && SMALL[word] >= 10)) break;
      current += SMALL[word];
      last = 'unit';
    } else if (word in TENS) {
      if (last === 'unit' || last === 'tens') break;
      current += TENS[word];
      last = 'tens';
    } else if (word === 'hundred' && any && last !== 'hundred') {
      current = (current || 1) * 100;
      last = 'hundred';
    } else if (word === 'dozen' && any) {
      current = (current || 1) * 12;
      last = 'scale';
    } else if (word in SCALES && any) {
      total += (current || 1) * SCALES[word];
      current = 0;
      last = 'scale';
    } else break;
    any = true;
  }
  if (!any) return undefined;
  let value = total + current;
  // "point four five", "point forty two": the digits after the point, as said.
  if (words[i] === 'point' || words[i] === 'dot') {
    const decimals = decimalsAt(words, i + 1);
    if (decimals) [value, i] = [Number(`${value}.${decimals.digits}`), decimals.end];
  }
  return { value: sign * value, start, end: i };
}

/** The digits said after a decimal point: "four five" and "forty two" are 45 and 42. */
function decimalsAt(words: string[], start: number): { digits: string; end: number } | undefined {
  let digits = '';
  let end = start;
  for (let part = numberAt(words, end); part && part.value >= 0 && Number.isInteger(part.value); part = numberAt(words, end)) {
    digits += String(part.value);
    end = part.end;
  }
  return digits ? { digits, end } : undefined;
}

/** Every number said in the answer, left to right, none overlapping. */
export function numbersIn(words: string[]): NumberSaid[] {
  const numbers: NumberSaid[] = [];
  for (let i = 0; i < words.length;) {
    const number = numberAt(words, i);
    if (number) {
      numbers.push(number);
      i = number.end;
    } else i++;
  }
  return numbers;
}

/** Words ready for numbers: "twenty-five" split in two. */
export const numberWordsOf = (text: string) => splitHyphens(wordsOf(text));

/** A number as Lex writes it: no trailing zeros, no exponent. */
export const numberText = (value: number) => String(Number(value.toFixed(10)));
