import { describeMatcher } from './compare';
import type { TestFileSource, TurnExpectation } from './model';

// The Amazon Lex V2 Test Workbench's CSV test sets, text input, imported into a test file and
// exported from one. The format, as the Lex V2 Developer Guide documents it
// (https://docs.aws.amazon.com/lexv2/latest/dg/create-test-set-from-CSV.html,
// https://docs.aws.amazon.com/lexv2/latest/dg/file-input-test-sets.html,
// https://docs.aws.amazon.com/lexv2/latest/dg/tips-create-test-set.html):
//
// - a header row, then one row per User or Agent turn;
// - "Line #" (or "Line Number"): a counter for the author, ignored by Lex;
// - "Conversation #" (or "Conversation Number"): rows with the same number form one
//   conversation; empty, "-" or "N/A" marks a single input (a conversation of one row);
// - "Source" (or "Conversation Participant"): "User" or "Agent";
// - "Input": the user's text in User rows, the bot's prompt in Agent rows;
// - "Expected Output Intent": the intent expected after a User row;
// - "Expected Output Slot 1", "… Slot 2", …: one slot each, written "SlotName = SlotValue"
//   (a composite slot's subslot as "Car.Color", a multi-value slot's values as "roses, lilies").
//
// Mapped: the columns above. An Agent row's Input is the `says` (exact) of the User row before it.
//
// Not mapped, and why (an import reports each one that holds a value):
// - "Expected Transcription", "S3 Audio Location", "Barge In": audio test sets; these tests
//   send text.
// - "Input Context Tag", "Request Attribute", "RunTime Hint": inputs to Lex that a test file
//   has no place for.
// - "Session Attribute": an input sent with the row; a test file has session attributes sent
//   with a conversation's first turn, but the cell's syntax is not documented in the pages
//   read, so it is not guessed.
// - Any other column (the documented table goes on with columns not read here) is reported too.
//
// What a test file has and the CSV has not, left out of an export: state, elicit,
// confirmation, sessionAttributes (expected or sent), a `says` regular expression, a slot
// expected empty (null), the conversations' names (the CSV numbers them), the bot and `as`.

/** A row that could not be imported whole; `line` is the 0-based line of the file where the row starts. */
export interface CsvProblem {
  readonly message: string;
  readonly line: number;
}

const SINGLE_INPUT = new Set(['', '-', 'n/a']);

/** The documented columns this import reads, by role; each with the names the guide allows. */
const COLUMNS = {
  conversation: ['conversation #', 'conversation number'],
  source: ['source', 'conversation participant'],
  input: ['input'],
  intent: ['expected output intent'],
} as const;
const LINE_COLUMNS = ['line #', 'line number'];
const SLOT_COLUMN = /^expected output slot\s*\d*$/;

type Turn = { user: string; expect: TurnExpectation };
type MutableExpectation = { -readonly [K in keyof TurnExpectation]?: TurnExpectation[K] };

/** Reads a Test Workbench CSV test set (text input) into a test file's conversations, in the order the CSV first names them. */
export function importWorkbenchCsv(text: string): { file: TestFileSource; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const records = readCsv(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (!header)
    return {
      file: { conversations: [] },
      problems: [{ message: 'The file is empty: expected a header row (Line #, Conversation #, Source, Input, …).', line: 0 }],
    };

  const names = header.fields.map((name) => name.trim().toLowerCase().replace(/\s+/g, ' '));
  const column = (aliases: readonly string[]) => names.findIndex((name) => aliases.includes(name));
  const at = {
    conversation: column(COLUMNS.conversation),
    source: column(COLUMNS.source),
    input: column(COLUMNS.input),
    intent: column(COLUMNS.intent),
  };
  const slotColumns = names.flatMap((name, index) => (SLOT_COLUMN.test(name) ? [index] : []));
  const mapped = new Set([...Object.values(at), ...slotColumns, ...names.flatMap((name, index) => (LINE_COLUMNS.includes(name) ? [index] : []))]);
  for (const [role, index] of [
    ['Source', at.source],
    ['Input', at.input],
  ] as const) {
    if (index < 0) problems.push({ message: `No "${role}" column: a text test set has Source and Input columns.`, line: header.line });
  }
  if (at.source < 0 || at.input < 0) return { file: { conversations: [] }, problems };

  const conversations = new Map<string, { name: string; turns: Turn[] }>();
  const unmappedReported = new Set<number>();
  let singles = 0;
  for (const record of records.slice(1)) {
    const cell = (index: number) => (index >= 0 ? (record.fields[index] ?? '').trim() : '');
    if (record.fields.every((field) => field.trim() === '')) continue;
    record.fields.forEach((value, index) => {
      if (mapped.has(index) || value.trim() === '' || unmappedReported.has(index)) return;
      unmappedReported.add(index);
      problems.push({
        message: `The column "${header.fields[index]?.trim() || `#${index + 1}`}" is not imported: a test file has no place for it.`,
        line: record.line,
      });
    });

    const number = cell(at.conversation);
    const key = SINGLE_INPUT.has(number.toLowerCase()) ? `single ${++singles}` : `conversation ${number}`;
    const source = cell(at.source).toLowerCase();
    const input = cell(at.input);
    const intent = cell(at.intent);
    const slotCells = slotColumns.map(cell).filter((value) => value !== '');

    if (source === 'agent') {
      const turns = conversations.get(key)?.turns;
      const last = turns?.[turns.length - 1];
      if (!last) problems.push({ message: 'An Agent row before any User row of its conversation: skipped.', line: record.line });
      else if (last.expect.says)
        problems.push({
          message: `A second Agent row after the same User row: only the first ("${describeMatcher(last.expect.says)}") is kept.`,
          line: record.line,
        });
      else if (input !== '') (last.expect as MutableExpectation).says = { kind: 'exact', text: input };
      if (intent !== '' || slotCells.length > 0)
        problems.push({ message: 'Expected intent and slots belong on User rows: those of this Agent row are skipped.', line: record.line });
      continue;
    }
    if (source !== 'user') {
      problems.push({ message: `Source "${cell(at.source)}" is neither User nor Agent: the row is skipped.`, line: record.line });
      continue;
    }
    if (input === '') {
      problems.push({ message: 'A User row without Input: the row is skipped.', line: record.line });
      continue;
    }

    const expect: MutableExpectation = {};
    if (intent !== '') expect.intent = intent;
    const slots: Record<string, string> = {};
    for (const slot of slotCells) {
      const equals = slot.indexOf('=');
      const name = equals > 0 ? slot.slice(0, equals).trim() : '';
      if (!name) {
        problems.push({ message: `Slot "${slot}" is not "SlotName = SlotValue": skipped.`, line: record.line });
        continue;
      }
      slots[name] = slot.slice(equals + 1).trim();
    }
    if (Object.keys(slots).length > 0) expect.slots = slots;

    let conversation = conversations.get(key);
    if (!conversation) {
      conversation = { name: key.startsWith('single') ? input : `Conversation ${number}`, turns: [] };
      conversations.set(key, conversation);
    }
    conversation.turns.push({ user: input, expect });
  }
  return { file: { conversations: uniqueNames([...conversations.values()]) }, problems };
}

/** Single inputs are named by their text; a name met again gets " (2)", " (3)", … */
function uniqueNames<T extends { name: string }>(conversations: T[]): T[] {
  const seen = new Set<string>();
  return conversations.map((conversation) => {
    let name = conversation.name;
    for (let n = 2; seen.has(name); n++) name = `${conversation.name} (${n})`;
    seen.add(name);
    return { ...conversation, name };
  });
}

/**
 * Writes a test file's conversations as a Test Workbench CSV test set (text input): each
 * conversation numbered from 1, a User row per turn (expected intent and slots), and an Agent
 * row after it when the turn expects an exact `says`. What the CSV cannot hold is left out
 * (see the top of this file).
 */
export function exportWorkbenchCsv(source: TestFileSource): string {
  const slotCount = Math.max(
    1,
    ...source.conversations.flatMap((conversation) =>
      conversation.turns.map((turn) => Object.values(turn.expect.slots ?? {}).filter((v) => v !== null).length),
    ),
  );
  const header = [
    'Line #',
    'Conversation #',
    'Source',
    'Input',
    'Expected Output Intent',
    ...Array.from({ length: slotCount }, (_, i) => `Expected Output Slot ${i + 1}`),
  ];
  const rows: string[][] = [header];
  let line = 0;
  source.conversations.forEach((conversation, index) => {
    for (const turn of conversation.turns) {
      const slots = Object.entries(turn.expect.slots ?? {}).flatMap(([name, value]) => (value === null ? [] : [`${name} = ${value}`]));
      rows.push([String(++line), String(index + 1), 'User', turn.user, turn.expect.intent ?? '', ...pad(slots, slotCount)]);
      if (turn.expect.says?.kind === 'exact') rows.push([String(++line), String(index + 1), 'Agent', turn.expect.says.text, '', ...pad([], slotCount)]);
    }
  });
  return writeCsv(rows);
}

function pad(cells: string[], length: number): string[] {
  return [...cells, ...Array.from({ length: length - cells.length }, () => '')];
}

/** One CSV record: its fields and the 0-based line it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * RFC 4180: fields separated by commas, records by CRLF (LF and a lone CR taken too), a field in
 * double quotes may hold commas, line breaks and "" for a quote. Lenient where spreadsheets are:
 * text after a closing quote is kept, a quote inside an unquoted field is a character, a missing
 * closing quote runs to the end of the file.
 */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 0;
  let recordLine = 0;
  let i = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      atFieldStart = false;
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
        field += text[i++];
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      recordLine = ++line;
      continue;
    }
    atFieldStart = false;
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0 || !atFieldStart) endRecord();
  return records;
}

/** Writes records with CRLF, quoting a field that holds a comma, a quote, a line break, or spaces at either end. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  const quote = (field: string) => (/[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
