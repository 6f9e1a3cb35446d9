import { digitOf, found, numberAt, numbersIn, numberText, numberWordsOf, type SlotValue } from './words';

// AMAZON.Number, Percentage, Currency and PhoneNumber, as the Lex V2 developer guide documents
// each (pages built-in-slot-number, -percent, -currency, -phone).

const original = (words: string[], start: number, end: number) => words.slice(start, end).join(' ');

/** Digits for the first number said: "one hundred twenty three point four five" is 123.45. */
export function findNumber(text: string): SlotValue | undefined {
  const words = numberWordsOf(text);
  const number = numbersIn(words)[0];
  if (!number) return undefined;
  return found(original(words, number.start, number.end), numberText(number.value));
}

/**
 * A number and a percent sign: "50 percent", "23.5%" and "twenty five percent" are 50%, 23.5%
 * and 25%. A number said without "percent" or % is the number alone, as the guide says.
 */
export function findPercentage(text: string): SlotValue | undefined {
  const words = numberWordsOf(text.replace(/%/g, ' % '));
  const number = numbersIn(words)[0];
  if (!number) return undefined;
  const sign = words[number.end];
  if (sign === '%' || sign === 'percent' || sign === 'per' || sign === 'pc') {
    const end = sign === 'per' && words[number.end + 1] === 'cent' ? number.end + 2 : number.end + 1;
    const said = original(words, number.start, end).replace(' %', '%');
    return found(said, `${numberText(number.value)}%`);
  }
  return found(original(words, number.start, number.end), numberText(number.value));
}

/** Currency words and symbols, to ISO 4217 codes; a coin is its share of its currency. */
const UNITS: Array<{ words: string[]; code: string; share?: number }> = [
  { words: ['$', 'usd', 'dollar', 'dollars', 'buck', 'bucks', 'us dollars', 'us dollar'], code: 'USD' },
  { words: ['cent', 'cents', 'c', '¢'], code: '', share: 0.01 },
  { words: ['dime', 'dimes'], code: 'USD', share: 0.1 },
  { words: ['nickel', 'nickels'], code: 'USD', share: 0.05 },
  { words: ['quarter', 'quarters'], code: 'USD', share: 0.25 },
  { words: ['€', 'eur', 'euro', 'euros'], code: 'EUR' },
  { words: ['£', 'gbp', 'pound', 'pounds', 'quid', 'pounds sterling'], code: 'GBP' },
  { words: ['pence', 'p', 'penny', 'pennies'], code: 'GBP', share: 0.01 },
  { words: ['¥', 'jpy', 'yen'], code: 'JPY' },
  { words: ['₹', 'inr', 'rupee', 'rupees'], code: 'INR' },
  { words: ['cad', 'canadian dollar', 'canadian dollars'], code: 'CAD' },
  { words: ['aud', 'australian dollar', 'australian dollars'], code: 'AUD' },
  { words: ['zar', 'rand', 'rands'], code: 'ZAR' },
  { words: ['chf', 'swiss franc', 'swiss francs', 'franc', 'francs'], code: 'CHF' },
  { words: ['cny', 'yuan', 'renminbi'], code: 'CNY' },
  { words: ['mxn', 'peso', 'pesos', 'mexican pesos'], code: 'MXN' },
];

/** The currency unit said at words[i] (two words first: "canadian dollars"), with how many words it takes. */
function unitAt(words: string[], i: number): { code: string; share: number; length: number } | undefined {
  for (const length of [2, 1]) {
    const said = words.slice(i, i + length).join(' ');
    const unit = UNITS.find((u) => u.words.includes(said));
    if (unit && i + length <= words.length) return { code: unit.code, share: unit.share ?? 1, length };
  }
  return undefined;
}

/** An amount said with its unit, before it ("$ 5", "USD 300") or after it ("5 dollars"), or none. */
interface AmountSaid {
  value: number;
  unit?: { code: string; share: number };
  start: number;
  end: number;
}

function amountAt(words: string[], i: number): AmountSaid | undefined {
  const before = unitAt(words, i);
  const number = numberAt(words, before ? i + before.length : i);
  if (!number) return undefined;
  const after = before ? undefined : unitAt(words, number.end);
  const unit = before ?? after;
  let end = after ? number.end + after.length : number.end;
  let value = number.value;
  if (words[end] === 'and-a-half') [value, end] = [value + 0.5, end + 1];
  return { value, unit: unit && { code: unit.code, share: unit.share }, start: i, end };
}

/**
 * A currency code and an amount with two decimals ("USD 5.15"), from "$1.56", "3USD", "USD300",
 * "3 dimes", "5c", "five dollars fifteen cents", "5 usd and 1/2". An amount said without a unit
 * ("five fifteen", read as 515) is in the locale's currency: US dollars here, as in the guide's
 * en-US examples.
 */
export function findCurrency(text: string): SlotValue | undefined {
  // Symbols and codes written against the amount ("$5", "3USD", "5c") become words of their own.
  const spaced = text
    .replace(/([$€£¥₹¢])/g, ' $1 ')
    .replace(/\b(\d+(?:\.\d+)?)([a-zA-Z]{1,3})\b/g, '$1 $2')
    .replace(/\b([a-zA-Z]{3})(\d+(?:\.\d+)?)\b/g, '$1 $2')
    .replace(/\band (?:a )?half\b|\band 1\/2\b/gi, 'and-a-half');
  const words = numberWordsOf(spaced);
  const amounts: AmountSaid[] = [];
  for (let i = 0; i < words.length;) {
    const amount = amountAt(words, i);
    if (amount) amounts.push(amount);
    i = amount ? amount.end : i + 1;
  }
  const first = amounts.findIndex((a) => a.unit);
  if (first < 0) {
    // No unit at all: the numbers said one after another make one amount ("five fifteen").
    if (amounts.length === 0) return undefined;
    const run = [amounts[0]];
    for (const next of amounts.slice(1))
      if (next.start === run[run.length - 1].end) run.push(next);
      else break;
    const value = Number(run.map((a) => numberText(a.value)).join(''));
    return found(original(words, run[0].start, run[run.length - 1].end), `USD ${value.toFixed(2)}`);
  }
  // The amount with a unit, and what follows straight after it: "fifteen cents", or a bare "fifteen" (cents).
  const unit = amounts[first].unit!;
  let total = amounts[first].value * unit.share;
  let end = amounts[first].end;
  for (const next of amounts.slice(first + 1)) {
    if (next.start !== end && !(words[end] === 'and' && next.start === end + 1)) break;
    if (unit.share < 1 || (next.unit && next.unit.share >= 1)) break;
    total += next.unit ? next.value * next.unit.share : next.value / 100;
    end = next.end;
  }
  const code = unit.code || 'USD';
  return found(original(words, amounts[first].start, end), `${code} ${total.toFixed(2)}`);
}

const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15; // E.164

/**
 * A phone number as digits, without punctuation, a leading + kept: "+1 (509) 555-1212" is
 * +15095551212. Digits may be said as words ("five five five one two one two", "double five").
 * Lex's examples start at a seven-digit local number, so fewer digits are no phone number.
 */
export function findPhoneNumber(text: string): SlotValue | undefined {
  const typed = /\+?\(?\d[\d\s().-]{5,}\d/.exec(text);
  if (typed) {
    const digits = typed[0].replace(/\D/g, '');
    if (digits.length >= MIN_PHONE_DIGITS && digits.length <= MAX_PHONE_DIGITS)
      return found(typed[0].trim(), `${typed[0].trim().startsWith('+') ? '+' : ''}${digits}`);
  }
  const words = numberWordsOf(text);
  let best: { start: number; end: number; digits: string } | undefined;
  for (let start = 0; start < words.length; start++) {
    let digits = words[start] === 'plus' ? '+' : '';
    let i = digits ? start + 1 : start;
    for (; i < words.length; i++) {
      const repeat = { double: 2, triple: 3 }[words[i]];
      const digit = digitOf(repeat ? (words[i + 1] ?? '') : words[i]);
      if (digit === undefined && !/^\d+$/.test(words[i])) break;
      if (repeat) {
        digits += digit!.repeat(repeat);
        i++;
      } else digits += digit ?? words[i];
    }
    const count = digits.replace('+', '').length;
    if (count >= MIN_PHONE_DIGITS && count <= MAX_PHONE_DIGITS && (!best || count > best.digits.length)) best = { start, end: i, digits };
  }
  return best && found(original(words, best.start, best.end), best.digits);
}
