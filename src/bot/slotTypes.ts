import { findAlphaNumeric, findEmailAddress, findUKPostalCode, spelled } from './builtinSlots/codes';
import { findDate, findDuration, findTime } from './builtinSlots/dates';
import { findCity, findConfirmation, findCountry, findFirstName, findLastName, findState, findStreetName } from './builtinSlots/names';
import { findCurrency, findNumber, findPercentage, findPhoneNumber } from './builtinSlots/numbers';
import type { SlotValue } from './builtinSlots/words';

// The Lex V2 built-in slot types for English, one entry each (the developer guide's "Built-in slot
// types" list). Each finds its value inside the answer, past a carrier phrase ("it is …", "my
// number is …", "at …"), and resolves it in the shape and format Lex returns; an answer holding
// no such value finds nothing, and the dialog elicits the slot again.

import type { SlotElicitationStyle } from './types';

export type { SlotElicitationStyle };

export interface BuiltInSlotType {
  /** The value in the answer, or undefined when the answer holds none. */
  find(text: string, now: Date): SlotValue | undefined;
  /** Whether its values stand out in any sentence, so intent matching may look for them anywhere. */
  standsOut: boolean;
  /** Whether a spelling style applies: the guide lists these types as taking spelled input. */
  spellable?: boolean;
  /** Whether its values hold symbols normalised text drops (`@`, `+`, `%`, `€`): read from the text as said. */
  readsSymbols?: boolean;
}

export const BUILT_IN_SLOT_TYPES: Readonly<Record<string, BuiltInSlotType>> = {
  'AMAZON.AlphaNumeric': { find: (text) => findAlphaNumeric(text), standsOut: false, spellable: true },
  'AMAZON.City': { find: findCity, standsOut: false },
  'AMAZON.Confirmation': { find: findConfirmation, standsOut: false },
  'AMAZON.Country': { find: findCountry, standsOut: true },
  'AMAZON.Currency': { find: findCurrency, standsOut: true, readsSymbols: true },
  'AMAZON.Date': { find: findDate, standsOut: true },
  'AMAZON.Duration': { find: findDuration, standsOut: true },
  'AMAZON.EmailAddress': { find: findEmailAddress, standsOut: true, spellable: true, readsSymbols: true },
  'AMAZON.FirstName': { find: findFirstName, standsOut: false, spellable: true },
  // The whole answer as it is: "the resolved value is the entire input utterance".
  'AMAZON.FreeFormInput': { find: (text) => wholeAnswer(text), standsOut: false },
  'AMAZON.LastName': { find: findLastName, standsOut: false, spellable: true },
  'AMAZON.Number': { find: findNumber, standsOut: true },
  'AMAZON.Percentage': { find: findPercentage, standsOut: true, readsSymbols: true },
  'AMAZON.PhoneNumber': { find: findPhoneNumber, standsOut: true, spellable: true, readsSymbols: true },
  'AMAZON.State': { find: findState, standsOut: false },
  'AMAZON.StreetName': { find: findStreetName, standsOut: false },
  'AMAZON.Time': { find: findTime, standsOut: true },
  'AMAZON.UKPostalCode': { find: findUKPostalCode, standsOut: true, spellable: true },
};

function wholeAnswer(text: string): SlotValue | undefined {
  const trimmed = text.trim();
  return trimmed ? { originalValue: trimmed, interpretedValue: trimmed, resolvedValues: [trimmed] } : undefined;
}

/**
 * The value of a built-in type in an answer. A type the engine does not model takes the answer
 * as it is, as AMAZON.FreeFormInput does. With a spelling style, a type that takes spelled input
 * reads the spelling ("j o h n" is john) and finds its value in that.
 */
export function builtInSlotValue(slotTypeName: string, text: string, now: Date, style?: SlotElicitationStyle): SlotValue | undefined {
  const type = BUILT_IN_SLOT_TYPES[slotTypeName];
  if (!type) return wholeAnswer(text);
  if (type.spellable && style && style !== 'Default') {
    const spelling = spelled(text, style);
    const value = spelling === undefined ? undefined : type.find(spelling, now);
    return value && { ...value, originalValue: text.trim() };
  }
  return type.find(text, now);
}

/** Built-in types whose values hold symbols: an utterance's value of one is read from the text as said. */
export const SYMBOL_BUILT_INS: readonly string[] = Object.keys(BUILT_IN_SLOT_TYPES).filter((name) => BUILT_IN_SLOT_TYPES[name].readsSymbols);

/** Built-in types whose values stand out in any sentence (numbers, dates, addresses…). */
export const STANDOUT_BUILT_INS: readonly string[] = Object.keys(BUILT_IN_SLOT_TYPES).filter((name) => BUILT_IN_SLOT_TYPES[name].standsOut);
