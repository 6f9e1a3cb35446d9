import { found, numberAt, numberText, numberWordsOf, type SlotValue } from './words';

// AMAZON.Date, Time and Duration, as the Lex V2 developer guide documents each (pages
// built-in-slot-date, -time, -duration). Dates are read in UTC, as the engine's clock is.

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (word: string | undefined) => {
  if (!word) return -1;
  const full = MONTHS.indexOf(word);
  return full >= 0 ? full : MONTH_SHORT.indexOf(word.replace(/^sept$/, 'sep'));
};

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

/** A day of the month said at words[i]: "5", "5th", "fifth", "twenty fifth", "twenty-five". */
function dayOfMonthAt(words: string[], i: number): { day: number; end: number } | undefined {
  const hyphenated = /^(twenty|thirty)-([a-z]+)$/.exec(words[i] ?? '');
  if (hyphenated) {
    const unit = ORDINALS[hyphenated[2]];
    return unit !== undefined && unit < 10 ? { day: (hyphenated[1] === 'twenty' ? 20 : 30) + unit, end: i + 1 } : undefined;
  }
  const digits = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(words[i] ?? '');
  if (digits) return { day: Number(digits[1]), end: i + 1 };
  if (words[i] === 'twenty' || words[i] === 'thirty') {
    const unit = ORDINALS[words[i + 1] ?? ''];
    if (unit !== undefined && unit < 10) return { day: (words[i] === 'twenty' ? 20 : 30) + unit, end: i + 2 };
  }
  if (ORDINALS[words[i]] !== undefined) return { day: ORDINALS[words[i]], end: i + 1 };
  const number = numberAt(words, i);
  return number && Number.isInteger(number.value) ? { day: number.value, end: number.end } : undefined;
}

const validDay = (year: number, month: number, date: number) => date >= 1 && date <= 31 && day(year, month, date).getUTCMonth() === month;

/**
 * A date in ISO 8601 (YYYY-MM-DD). A day without a year is the next one on or after today. A
 * week, month or year said without a day is, as the guide has it: in the future, its last day
 * ("next week" is this week's Sunday, "next month" that month's last day); now or past, its first.
 */
export function findDate(text: string, now: Date): SlotValue | undefined {
  const words = numberWordsOf(text.replace(/(\d)(st|nd|rd|th)\b/gi, '$1$2'));
  const today = day(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const plusDays = (days: number) => day(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days);
  const result = (start: number, end: number, date: Date) => found(words.slice(start, end).join(' '), iso(date));
  // Days back to Monday of this week (ISO weeks start on Monday).
  const sinceMonday = (today.getUTCDay() + 6) % 7;

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
    if (isoDate && validDay(+isoDate[1], +isoDate[2] - 1, +isoDate[3])) return result(i, i + 1, day(+isoDate[1], +isoDate[2] - 1, +isoDate[3]));
    // Month/day/year, as en-US writes it.
    const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(word);
    if (slashed && validDay(+slashed[3], +slashed[1] - 1, +slashed[2])) return result(i, i + 1, day(+slashed[3], +slashed[1] - 1, +slashed[2]));
    if (word === 'day' && next === 'after' && words[i + 2] === 'tomorrow') return result(i, i + 3, plusDays(2));
    if (word === 'day' && next === 'before' && words[i + 2] === 'yesterday') return result(i, i + 3, plusDays(-2));
    const relative = { today: 0, tonight: 0, now: 0, tomorrow: 1, tmrw: 1, yesterday: -1 }[word];
    if (relative !== undefined) return result(i, i + 1, plusDays(relative));
    if (word === 'in' && next) {
      const count = numberAt(words, i + 1);
      const unit = count && words[count.end];
      if (count && unit && /^(days?|weeks?)$/.test(unit)) return result(i, count.end + 1, plusDays(count.value * (unit.startsWith('week') ? 7 : 1)));
    }
    const which = word === 'next' || word === 'this' || word === 'last' || word === 'coming' ? word : undefined;
    if (which && (next === 'week' || next === 'month' || next === 'year')) {
      const ahead = which === 'next' || which === 'coming' ? 1 : which === 'this' ? 0 : -1;
      const y = today.getUTCFullYear();
      const m = today.getUTCMonth();
      // As the V2 guide documents: a future week gives the last day of this week (sic), this or last week its Monday.
      if (next === 'week') return result(i, i + 2, ahead > 0 ? plusDays(6 - sinceMonday) : plusDays(7 * ahead - sinceMonday));
      if (next === 'month') return result(i, i + 2, ahead > 0 ? day(y, m + 2, 0) : day(y, m + ahead, 1));
      return result(i, i + 2, ahead > 0 ? day(y + 1, 11, 31) : day(y + ahead, 0, 1));
    }
    const weekday = WEEKDAYS.indexOf(word.replace(/s$/, ''));
    if (weekday >= 0) {
      const ahead = (weekday - today.getUTCDay() + 7) % 7 || 7;
      const start = which === undefined && (words[i - 1] === 'next' || words[i - 1] === 'this' || words[i - 1] === 'on') ? i - 1 : i;
      return result(start, i + 1, plusDays(ahead));
    }
    // "June 5th", "june fifth 2027", "5 June", "the fifth of June".
    const month = monthOf(word);
    if (month >= 0 && (word !== 'may' || dayOfMonthAt(words, i + 1) || i === words.length - 1 || words[i - 1] === 'in')) {
      const after = dayOfMonthAt(words, i + 1);
      const beforeStart = words[i - 1] === 'of' ? i - 2 : i - 1;
      const before = after ? undefined : beforeStart >= 0 ? dayOfMonthAt(words, beforeStart) : undefined;
      const dayOfMonth = after ?? (before && before.end === (words[i - 1] === 'of' ? i - 1 : i) ? before : undefined);
      let end = after ? after.end : i + 1;
      const yearSaid = /^\d{4}$/.test(words[end] ?? '') ? Number(words[end]) : undefined;
      if (yearSaid) end++;
      let start = dayOfMonth && !after ? beforeStart : i;
      if (words[start - 1] === 'the') start--;
      if (!dayOfMonth) {
        // A month alone: this month's first day, else the coming one's last.
        const y = yearSaid ?? (month < today.getUTCMonth() ? today.getUTCFullYear() + 1 : today.getUTCFullYear());
        return result(start, end, month === today.getUTCMonth() && y === today.getUTCFullYear() ? day(y, month, 1) : day(y, month + 1, 0));
      }
      if (!validDay(yearSaid ?? 2024, month, dayOfMonth.day)) continue;
      if (yearSaid) return result(start, end, day(yearSaid, month, dayOfMonth.day));
      // The next such day from today: February 29th waits for a leap year.
      let year = today.getUTCFullYear();
      while (!validDay(year, month, dayOfMonth.day) || day(year, month, dayOfMonth.day) < today) year++;
      return result(start, end, day(year, month, dayOfMonth.day));
    }
  }
  return undefined;
}

/** Parts of the day, as the guide names them. */
const PARTS_OF_DAY: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' };
const NAMED_TIMES: Record<string, string> = { noon: '12:00', midday: '12:00', midnight: '00:00' };

/**
 * A time as HH:MM (24-hour). A time that could be either half of the day ("10 o'clock", "at
 * 3:30") has no interpretedValue and both readings in resolvedValues, as the guide shows; a part
 * of the day is MO, AF, EV or NI. A bare number counts as a time only with "at" or "o'clock", or
 * as the whole answer: "2 lattes" is no time.
 */
export function findTime(text: string): SlotValue | undefined {
  const words = numberWordsOf(
    text
      .replace(/(\d)\s*([ap])\.?\s?m\b\.?/gi, '$1 $2m')
      .replace(/\b([ap])\.m\.?/gi, '$1m')
      .replace(/o'\s?clock|o’clock/gi, 'oclock'),
  );
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (NAMED_TIMES[word]) return found(word, NAMED_TIMES[word]);
    const clock = /^(\d{1,2}):(\d{2})$/.exec(word);
    const number = clock ? undefined : numberAt(words, i);
    if (!clock && !number) continue;
    let hours: number;
    let minutes = 0;
    let end: number;
    if (clock) {
      [hours, minutes, end] = [Number(clock[1]), Number(clock[2]), i + 1];
    } else {
      if (!Number.isInteger(number!.value)) continue;
      hours = number!.value;
      end = number!.end;
      // "ten thirty", "seven oh five": minutes said as a second number.
      const oh = words[end] === 'oh';
      const after = hours <= 12 ? numberAt(words, oh ? end + 1 : end) : undefined;
      if (after && Number.isInteger(after.value) && (oh ? after.value < 10 : after.value >= 10 && after.value < 60)) [minutes, end] = [after.value, after.end];
    }
    const half = words[end] === 'am' || words[end] === 'pm' ? words[end] : undefined;
    const oclock = words[end] === 'oclock';
    const saidAt = words[i - 1] === 'at' || words[i - 1] === 'by' || words[i - 1] === 'around';
    if (!clock && !half && !oclock && !saidAt && words.length > 1) continue;
    if (hours > 23 || minutes > 59 || (half && (hours > 12 || hours === 0))) continue;
    const stop = half || oclock ? end + 1 : end;
    const part = PARTS_OF_DAY[words.slice(stop, stop + 3).find((w) => PARTS_OF_DAY[w]) ?? ''];
    const said = words.slice(i, stop).join(' ').replace('oclock', "o'clock");
    if (half === 'pm' && hours < 12) hours += 12;
    if (half === 'am' && hours === 12) hours = 0;
    if (part === 'AF' || part === 'EV' || part === 'NI') hours = hours < 12 ? hours + 12 : hours;
    const morning = `${pad(hours)}:${pad(minutes)}`;
    // A 12-hour time without am, pm or a part of the day could be either half of the day.
    const twelveHour = !half && !part && hours >= 1 && hours <= 12 && !(clock && clock[1].startsWith('0'));
    if (twelveHour) {
      const evening = `${pad(hours === 12 ? 0 : hours + 12)}:${pad(minutes)}`;
      return { originalValue: said, resolvedValues: [morning, evening] };
    }
    return found(said, morning);
  }
  for (const word of words) if (PARTS_OF_DAY[word]) return found(word, PARTS_OF_DAY[word]);
  return undefined;
}

const DURATION_UNITS: Array<{ pattern: RegExp; letter: string; time: boolean }> = [
  { pattern: /^(?:years?|yrs?)$/, letter: 'Y', time: false },
  { pattern: /^months?$/, letter: 'M', time: false },
  { pattern: /^(?:weeks?|wks?)$/, letter: 'W', time: false },
  { pattern: /^(?:days?|nights?)$/, letter: 'D', time: false },
  { pattern: /^(?:hours?|hrs?|h)$/, letter: 'H', time: true },
  { pattern: /^(?:minutes?|mins?|m)$/, letter: 'M', time: true },
  { pattern: /^(?:seconds?|secs?|s)$/, letter: 'S', time: true },
];

/**
 * A duration in ISO 8601 form (PnYnMnWnDTnHnMnS): "ten minutes" is PT10M, "five hours ten
 * minutes" PT5H10M, "two years three hours ten minutes" P2YT3H10M. A half goes to the next unit
 * down ("half an hour" and "an hour and a half" are PT30M and PT1H30M), as Lex writes whole numbers.
 */
export function findDuration(text: string): SlotValue | undefined {
  const said = numberWordsOf(text.replace(/(\d)([a-z]+)\b/gi, '$1 $2'));
  const words = said.map((w) => (w === 'an' || w === 'a' ? 'one' : w));
  const amounts = new Map<string, number>();
  const add = (key: string, value: number) => amounts.set(key, (amounts.get(key) ?? 0) + value);
  let start = -1;
  let end = -1;
  for (let i = 0; i < words.length; i++) {
    const half = words[i] === 'half' && words[i + 1] === 'one';
    const number = half ? { value: 0.5, start: i, end: i + 2 } : numberAt(words, i);
    if (!number) continue;
    const unit = DURATION_UNITS.find((u) => u.pattern.test(words[number.end] ?? ''));
    if (!unit) continue;
    let value = number.value;
    let stop = number.end + 1;
    if (words[stop] === 'and' && words[stop + 1] === 'one' && words[stop + 2] === 'half') [value, stop] = [value + 0.5, stop + 3];
    add(`${unit.time ? 'T' : ''}${unit.letter}`, value);
    if (start < 0) start = number.start;
    end = stop;
    i = stop - 1;
  }
  if (start < 0) return undefined;
  for (const [key, smaller, times] of [
    ['D', 'TH', 24],
    ['TH', 'TM', 60],
    ['TM', 'TS', 60],
  ] as const) {
    const value = amounts.get(key);
    if (value === undefined || Number.isInteger(value)) continue;
    if (Math.trunc(value)) amounts.set(key, Math.trunc(value));
    else amounts.delete(key);
    add(smaller, (value % 1) * times);
  }
  const part = (keys: string[]) => keys.map((k) => (amounts.has(k) ? `${numberText(amounts.get(k)!)}${k.slice(-1)}` : '')).join('');
  const time = part(['TH', 'TM', 'TS']);
  return found(said.slice(start, end).join(' '), `P${part(['Y', 'M', 'W', 'D'])}${time ? `T${time}` : ''}`);
}
