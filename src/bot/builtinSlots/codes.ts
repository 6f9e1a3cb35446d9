import { digitOf, found, isNumberWord, withoutCarrier, wordsOf, type SlotValue } from './words';

// AMAZON.AlphaNumeric, EmailAddress and UKPostalCode, as the Lex V2 developer guide documents
// each (pages built-in-slot-alphanumeric, -email, -uk-postal-code), and what a spelled answer
// means (page spelling-styles).

/** Words that are never a code, so "my code is nothing" refuses rather than taking "nothing". */
const NOT_A_CODE = new Set("nothing none no nope not don't dont know idea sure what why skip forget never mind have got any haven't it is my the a".split(' '));

/** Runs of single letters and digits ("a b c 1 2 3"), which spell one code. */
function spelledRuns(words: string[]): Array<{ start: number; end: number; code: string }> {
  const runs: Array<{ start: number; end: number; code: string }> = [];
  for (let i = 0; i < words.length;) {
    let j = i;
    let code = '';
    for (; j < words.length; j++) {
      const digit = digitOf(words[j]);
      if (/^[a-z0-9]$/.test(words[j])) code += words[j];
      else if (digit !== undefined && j > i) code += digit;
      else break;
    }
    if (j - i >= 2) runs.push({ start: i, end: j, code });
    i = Math.max(j, i + 1);
  }
  return runs;
}

/**
 * Letters and digits (APQ123). A word with a digit in it stands out of any carrier phrase, as
 * do letters and digits said one by one; otherwise the answer, once the carrier phrase is gone,
 * must be a single word. With a regular expression (a custom type extending AMAZON.AlphaNumeric),
 * the value is the first candidate the whole expression matches.
 */
export function findAlphaNumeric(text: string, pattern?: RegExp): SlotValue | undefined {
  const said = text.split(/[\s,;!?]+/).map((w) => w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''));
  const words = said.map((w) => w.toLowerCase());
  const candidates: string[] = [];
  const runs = spelledRuns(words);
  for (const run of runs) candidates.push(run.code);
  said.forEach((word, i) => {
    const inRun = runs.some((run) => i >= run.start && i < run.end);
    if (!inRun && /^[A-Za-z0-9-]*\d[A-Za-z0-9-]*$/.test(word)) candidates.push(word.replace(/-/g, ''));
  });
  const rest = withoutCarrier(wordsOf(text));
  if (rest.length === 1 && /^[a-z0-9]+$/.test(rest[0]) && !NOT_A_CODE.has(rest[0]) && !isNumberWord(rest[0]))
    candidates.push(said.find((w) => w.toLowerCase() === rest[0]) ?? rest[0]);
  // Digits said as words ("one two three") are a code too.
  const digits = rest.map(digitOf);
  if (rest.length > 1 && digits.every((d) => d !== undefined)) candidates.push(digits.join(''));
  if (pattern) {
    // Lex matches the expression against the whole value; a longer run of the answer may match where a word does not.
    candidates.push(...said.filter(Boolean).map((_w, i) => said.slice(i).join('')), rest.join('').toUpperCase());
    const match = candidates.find((c) => pattern.test(c) || pattern.test(c.toUpperCase()));
    if (!match) return undefined;
    const value = pattern.test(match) ? match : match.toUpperCase();
    return found(match, value);
  }
  const first = candidates[0];
  return first ? found(first, first) : undefined;
}

/** Spoken e-mail punctuation. */
const EMAIL_WORDS: Record<string, string> = { at: '@', dot: '.', period: '.', point: '.', underscore: '_', dash: '-', hyphen: '-', plus: '+' };

/**
 * An address as username@domain; a user name may hold _ - . and +. Typed ("john.smith@example.com")
 * or said ("john dot smith at example dot com"); an answer with no address refuses.
 */
export function findEmailAddress(text: string): SlotValue | undefined {
  const typed = /[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/.exec(text);
  if (typed) return found(typed[0], typed[0].toLowerCase());
  const words = wordsOf(text);
  for (let at = 1; at < words.length - 1; at++) {
    if (words[at] !== 'at' && words[at] !== '@') continue;
    // The domain: name (dot name)+ after "at".
    let end = at + 2;
    let domain = words[at + 1];
    while (EMAIL_WORDS[words[end]] === '.' && /^[a-z0-9-]+$/.test(words[end + 1] ?? '')) {
      domain += `.${words[end + 1]}`;
      end += 2;
    }
    if (!domain.includes('.') || !/^[a-z0-9.-]+$/.test(domain)) continue;
    // The user name: name ((dot|underscore|dash|plus) name)* before "at".
    let start = at - 1;
    let user = words[start];
    while (start >= 2 && EMAIL_WORDS[words[start - 1]] && EMAIL_WORDS[words[start - 1]] !== '@' && /^[a-z0-9]+$/.test(words[start - 2])) {
      user = `${words[start - 2]}${EMAIL_WORDS[words[start - 1]]}${user}`;
      start -= 2;
    }
    if (!/^[a-z0-9_+.-]+$/.test(user)) continue;
    return found(words.slice(start, end).join(' '), `${user}@${domain}`);
  }
  return undefined;
}

/** The guide's formats, A a letter and 9 a digit: AA9A 9AA, A9A 9AA, A9 9AA, A99 9AA, AA9 9AA, AA99 9AA. */
const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** What a word adds to a postcode: typed ("sw1a", "1aa") or said ("s", "one", "double a", "ninety nine"). */
function postcodePart(words: string[], i: number): { chars: string; next: number } | undefined {
  const word = words[i];
  if (word === 'double' || word === 'triple') {
    const part = postcodePart(words, i + 1);
    return part && part.chars.length === 1 ? { chars: part.chars.repeat(word === 'double' ? 2 : 3), next: part.next } : undefined;
  }
  if (/^[a-z0-9]{1,7}$/.test(word) && (word.length === 1 || /\d/.test(word))) return { chars: word.toUpperCase(), next: i + 1 };
  const digit = digitOf(word);
  if (digit !== undefined) return { chars: digit, next: i + 1 };
  const tens = {
    ten: '10',
    eleven: '11',
    twelve: '12',
    twenty: '20',
    thirty: '30',
    forty: '40',
    fifty: '50',
    sixty: '60',
    seventy: '70',
    eighty: '80',
    ninety: '90',
  }[word];
  if (tens) {
    const unit = tens.endsWith('0') && tens !== '10' ? digitOf(words[i + 1] ?? '') : undefined;
    return unit && unit !== '0' ? { chars: tens[0] + unit, next: i + 2 } : { chars: tens, next: i + 1 };
  }
  return undefined;
}

/**
 * A UK postcode in its standard form, with the space in its place ("SW1A 1AA"), typed in any case
 * with or without the space, or said character by character ("double a", "ninety nine").
 */
export function findUKPostalCode(text: string): SlotValue | undefined {
  const words = wordsOf(text.replace(/-/g, ' '));
  let best: { start: number; end: number; code: RegExpExecArray } | undefined;
  for (let start = 0; start < words.length; start++) {
    let chars = '';
    for (let i = start; i < words.length;) {
      const part = postcodePart(words, i);
      if (!part || chars.length + part.chars.length > 7) break;
      chars += part.chars;
      i = part.next;
      const code = UK_POSTCODE.exec(chars);
      if (code && (!best || i - start > best.end - best.start)) best = { start, end: i, code };
    }
  }
  if (!best) return undefined;
  return found(words.slice(best.start, best.end).join(' '), `${best.code[1]} ${best.code[2]}`);
}

/** NATO and other spelling words that stand for a letter when spelled by word. */
const SPELLING_ALPHABET =
  'alfa alpha bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu'.split(
    ' ',
  );

/**
 * What a spelled answer says, for a slot elicited with a spelling style: with SpellByLetter, its
 * letters and digits ("x i u l a n" is xiulan); with SpellByWord, the letter each word stands
 * for ("b as in boy", "b for boy", "bravo"). Spoken punctuation (at, dot, underscore) stays as
 * its character, so a spelled e-mail address reads whole. Other words (the carrier phrase) are dropped.
 */
export function spelled(text: string, style: 'SpellByLetter' | 'SpellByWord'): string | undefined {
  const words = wordsOf(text);
  let out = '';
  let letters = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const single = /^[a-z0-9]$/.test(word);
    if (style === 'SpellByWord' && single && /^(?:as|for|like)$/.test(words[i + 1] ?? '')) {
      // "b as in boy", "b for boy", "b like boy": the letter, then its word.
      out += word;
      letters++;
      i += words[i + 2] === 'in' ? 3 : 2;
      continue;
    }
    if (style === 'SpellByWord' && SPELLING_ALPHABET.includes(word)) {
      out += word[0];
      letters++;
      continue;
    }
    const digit = digitOf(word);
    if (single || digit !== undefined) {
      out += digit ?? word;
      letters++;
    } else if (EMAIL_WORDS[word] && letters > 0 && i < words.length - 1) out += EMAIL_WORDS[word];
    else if (word === 'space') out += ' ';
  }
  return letters >= 1 ? out : undefined;
}
