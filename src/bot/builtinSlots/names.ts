import { capitalise, found, withoutCarrier, wordsOf, type SlotValue } from './words';

// AMAZON.FirstName, LastName, City, Country, State, StreetName and Confirmation, as the Lex V2
// developer guide documents each (pages built-in-slot-first-name, -last-name, -city, -country,
// -state, -street-name, -confirmation). Lex recognises names and places from its own lists; the
// engine has none of names or cities, so it takes the words left once the carrier phrase is gone,
// when they look like a name, and refuses words no name is made of ("nothing", "I don't know").

/** Words that are never part of a name or a place: an answer made of them names nothing. */
const NOT_A_NAME = new Set(
  (
    "i me my mine you your we our they them he she his her it its is are was were be been am do does did don't dont not no none " +
    'nothing nobody nowhere nope never know idea sure unsure why what which who whom how when where whatever want wants like ' +
    "have has had can can't cannot could would should will won't shall may might must tell say said give rather prefer skip " +
    'pass forget mind please thanks thank yes yeah ok okay hello hi hey and or but if then than that this these those there ' +
    'here with without about anything something everything all any some just only really very to of in on at for from by ' +
    'up down out over under again number email address phone name first last city country state street code'
  ).split(' '),
);

const NAME_WORD = /^\p{L}[\p{L}'’.-]*$/u;

/** The words left once the carrier phrase is gone, if they are 1 to `most` words a name could be made of. */
function nameWords(text: string, most: number): string[] | undefined {
  const words = withoutCarrier(wordsOf(text));
  if (words.length === 0 || words.length > most) return undefined;
  if (!words.every((w) => NAME_WORD.test(w) && !NOT_A_NAME.has(w))) return undefined;
  return words;
}

/** The answer's own spelling of the words found (wordsOf lower-cased them). */
function asSaid(text: string, words: string[]): string {
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s,]+'), 'iu');
  return pattern.exec(text)?.[0] ?? words.join(' ');
}

/** A name as the user wrote it, or in title case when written all in lower case ("maria" is Maria, "O'Brien" stays). */
const asWritten = (said: string) => (said === said.toLowerCase() ? capitalise(said) : said);

/**
 * A name as said: Lex sends "the value sent by the user", and names of more than one word
 * ("Anil Kumar"). Its related names in resolvedValues ("John J.", "John-Paul") come from its own
 * list; the engine has none, so the name alone.
 */
function findName(text: string, most: number): SlotValue | undefined {
  const words = nameWords(text, most);
  if (!words) return undefined;
  const said = asSaid(text, words);
  return found(said, asWritten(said));
}

export const findFirstName = (text: string) => findName(text, 3);
export const findLastName = (text: string) => findName(text, 3);
export const findCity = (text: string) => findName(text, 4);

/** Names of the world's countries, and the short forms people say. */
const COUNTRIES = (
  'Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|' +
  'Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|' +
  'Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|Colombia|' +
  'Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|' +
  'East Timor|Ecuador|Egypt|El Salvador|England|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|' +
  'Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Holland|Honduras|Hong Kong|' +
  'Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|' +
  'Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|' +
  'Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|' +
  'Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|' +
  'Northern Ireland|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|' +
  'Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|' +
  'Sao Tome and Principe|Saudi Arabia|Scotland|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|' +
  'Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|' +
  'Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|' +
  'United Arab Emirates|United Kingdom|United States|United States of America|Uruguay|Uzbekistan|Vanuatu|Vatican City|' +
  'Venezuela|Vietnam|Wales|Yemen|Zambia|Zimbabwe|America|Britain|Great Britain|Korea|UK|UAE|US|USA|UAE'
).split('|');

/** Regions within countries: US states, Canadian provinces and territories, Australian states, the UK's nations, and the guide's examples. */
const STATES = (
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|' +
  'Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|' +
  'Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|' +
  'Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|' +
  'District of Columbia|Puerto Rico|Alberta|British Columbia|Manitoba|New Brunswick|Newfoundland and Labrador|Newfoundland|' +
  'Nova Scotia|Ontario|Prince Edward Island|Quebec|Saskatchewan|Northwest Territories|Nunavut|Yukon|New South Wales|Victoria|' +
  'Queensland|South Australia|Western Australia|Tasmania|Northern Territory|Australian Capital Territory|England|Scotland|' +
  'Wales|Northern Ireland|Bavaria|Pacific Northwest'
).split('|');

/** The longest name of the list said in the answer, written as the list writes it. */
function findListed(text: string, names: string[]): SlotValue | undefined {
  const said = ` ${wordsOf(text).join(' ')} `;
  let best: string | undefined;
  for (const name of names) if (said.includes(` ${name.toLowerCase()} `) && (!best || name.length > best.length)) best = name;
  return best ? found(asSaid(text, best.toLowerCase().split(' ')), best) : undefined;
}

/** Abbreviations that are also words ("send us a brochure"): a country only when written in capitals. */
const ABBREVIATIONS_ALSO_WORDS = new Set(['US', 'UK']);

export function findCountry(text: string): SlotValue | undefined {
  const listed = findListed(text, COUNTRIES);
  if (listed && ABBREVIATIONS_ALSO_WORDS.has(listed.interpretedValue ?? '') && !new RegExp(`\\b${listed.interpretedValue}\\b`).test(text)) {
    return findListed(
      text,
      COUNTRIES.filter((name) => !ABBREVIATIONS_ALSO_WORDS.has(name)),
    );
  }
  return listed;
}

/** A listed region, or any name followed by prefecture, province, county or region ("Fukushima Prefecture"). */
export function findState(text: string): SlotValue | undefined {
  const listed = findListed(text, STATES);
  if (listed) return listed;
  const words = withoutCarrier(wordsOf(text));
  const at = words.findIndex((w, i) => i > 0 && /^(?:prefecture|province|county|region|state|canton|oblast)$/.test(w));
  if (at < 1) return undefined;
  const name = words.slice(Math.max(0, at - 2), at + 1).filter((w) => !NOT_A_NAME.has(w));
  const said = asSaid(text, name);
  return name.length > 1 ? found(said, asWritten(said)) : undefined;
}

const STREET_KINDS =
  /^(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|crescent|close|square|sq|parkway|pkwy|highway|hwy|alley|row|walk|grove|gardens|mews|circle|trail|broadway)$/;

/**
 * A street's name without its house number ("Canal Street", "Fifth Avenue", "Route 66"): the
 * words before a kind of street (street, avenue, road…), or a numbered route or highway.
 */
export function findStreetName(text: string): SlotValue | undefined {
  const words = wordsOf(text);
  const route = words.findIndex((w, i) => /^(?:route|highway|interstate)$/.test(w) && /^\d+[a-z]?$/.test(words[i + 1] ?? ''));
  if (route >= 0) return found(asSaid(text, words.slice(route, route + 2)), capitalise(words.slice(route, route + 2).join(' ')));
  const kind = words.findIndex((w) => STREET_KINDS.test(w));
  if (kind < 0) return undefined;
  if (words[kind] === 'broadway') return found(asSaid(text, ['broadway']), 'Broadway');
  let start = kind;
  while (start > 0 && kind - start < 3 && !NOT_A_NAME.has(words[start - 1]) && !/^\d+[a-z]?$/.test(words[start - 1]) && NAME_WORD.test(words[start - 1]))
    start--;
  // Numbered streets keep their number: "5th Avenue", "42nd Street".
  if (start === kind && /^\d+(?:st|nd|rd|th)$/.test(words[kind - 1] ?? '')) start--;
  if (start === kind) return undefined;
  const name = words.slice(start, kind + 1);
  return found(asSaid(text, name), capitalise(name.join(' ')));
}

/** The guide's four values, with the phrases it gives for each and their like. */
const CONFIRMATION: Array<{ value: string; phrases: string[] }> = [
  {
    value: "Don't know",
    phrases: [
      "don't know",
      'dont know',
      'do not know',
      'dunno',
      'unknown',
      'no idea',
      'not sure',
      'who knows',
      'no clue',
      "i'm not sure",
      'beats me',
      'not certain',
    ],
  },
  {
    value: 'Maybe',
    phrases: ['maybe', "it's possible", 'possibly', 'perhaps', 'sometimes', 'i might', 'could be', 'that could be right', 'might be', 'probably'],
  },
  {
    value: 'No',
    phrases: [
      'no',
      'nope',
      'negative',
      'naw',
      'nah',
      'forget it',
      "i'll decline",
      'decline',
      'no way',
      'not really',
      'never',
      "i don't",
      "i don't agree",
      'not at all',
      'no thanks',
      'cancel',
    ],
  },
  {
    value: 'Yes',
    phrases: [
      'yes',
      'yeah',
      'yep',
      'yup',
      'ok',
      'okay',
      'sure',
      'i have it',
      'i can agree',
      'i agree',
      'correct',
      'right',
      'absolutely',
      'of course',
      'definitely',
      'affirmative',
      'sounds good',
      'please do',
      'go ahead',
      'certainly',
      'that is right',
      "that's right",
      'y',
    ],
  },
];

/**
 * Yes, No, Maybe or Don't know, from the phrase that says it: the longest phrase found wins, so
 * "no idea" is Don't know and "not sure" is not No.
 */
export function findConfirmation(text: string): SlotValue | undefined {
  const said = ` ${wordsOf(text).join(' ')} `;
  let best: { value: string; phrase: string } | undefined;
  for (const { value, phrases } of CONFIRMATION) {
    for (const phrase of phrases) if (said.includes(` ${phrase} `) && (!best || phrase.length > best.phrase.length)) best = { value, phrase };
  }
  return best && found(best.phrase, best.value);
}
