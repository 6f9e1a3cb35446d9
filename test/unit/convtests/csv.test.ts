import * as assert from 'node:assert/strict';
import { exportWorkbenchCsv, importWorkbenchCsv, readCsv, writeCsv } from '../../../src/convtests/csv';
import { parseTestFile, serializeTestFile } from '../../../src/convtests/format';
import type { TestFileSource } from '../../../src/convtests/model';

// The Lex V2 Developer Guide's example of single inputs and a conversation
// (https://docs.aws.amazon.com/lexv2/latest/dg/create-test-set-from-CSV.html), as a CSV file.
const DOCUMENTED = [
  'Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1,Expected Output Slot 2',
  '1,,User,book a cleaning appointment tomorrow,MakeAppointment,AppointmentType = cleaning,Date = tomorrow',
  '2,N/A,User,book a cleaning appointment on April 15th,MakeAppointment,AppointmentType = cleaning,Date = 4/15/23',
  '3,-,User,book appointment for December first,MakeAppointment,Date = December first,',
  '4,N/A,User,book a cleaning appointment,MakeAppointment,AppointmentType = cleaning,',
  '1,1,User,Can you help me book an appointment?,MakeAppointment,,',
  '2,1,Agent,What type of appointment would you like to schedule?,,,',
  '3,1,User,cleaning,MakeAppointment,AppointmentType = cleaning,',
  '4,1,Agent,When should I schedule your appointment?,,,',
  '5,1,User,tomorrow,MakeAppointment,"AppointmentType = cleaning",Date = tomorrow',
  '',
].join('\r\n');

describe('convtests/csv', () => {
  it('reads RFC 4180: quotes, doubled quotes, commas and line breaks in fields, CRLF or LF, with each record’s line', () => {
    const text = 'a,"b, c","say ""hi"""\r\n"two\r\nlines",x\n,\n"last"';
    assert.deepEqual(readCsv(text), [
      { fields: ['a', 'b, c', 'say "hi"'], line: 0 },
      { fields: ['two\r\nlines', 'x'], line: 1 },
      { fields: ['', ''], line: 3 },
      { fields: ['last'], line: 4 },
    ]);
    assert.deepEqual(readCsv('a,b\r\n'), [{ fields: ['a', 'b'], line: 0 }], 'a final line break ends the last record, no empty one after');
  });

  it('writes CSV that reads back the same, quoting only what needs it', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded', ''],
      ['1', '=1+1', '#', 'yes', ': ', 'ü'],
    ];
    const text = writeCsv(rows);
    assert.equal(text.split('\r\n')[0], 'plain,"with, comma","with ""quote""","two\nlines"," padded",');
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(
      readCsv(text).map((r) => r.fields),
      rows,
    );
  });

  it('imports the documented sample: single inputs each a conversation, a numbered conversation with its Agent rows as says', () => {
    const { file, problems } = importWorkbenchCsv(DOCUMENTED);
    assert.deepEqual(problems, []);
    assert.deepEqual(file, {
      conversations: [
        {
          name: 'book a cleaning appointment tomorrow',
          turns: [
            { user: 'book a cleaning appointment tomorrow', expect: { intent: 'MakeAppointment', slots: { AppointmentType: 'cleaning', Date: 'tomorrow' } } },
          ],
        },
        {
          name: 'book a cleaning appointment on April 15th',
          turns: [
            {
              user: 'book a cleaning appointment on April 15th',
              expect: { intent: 'MakeAppointment', slots: { AppointmentType: 'cleaning', Date: '4/15/23' } },
            },
          ],
        },
        {
          name: 'book appointment for December first',
          turns: [{ user: 'book appointment for December first', expect: { intent: 'MakeAppointment', slots: { Date: 'December first' } } }],
        },
        {
          name: 'book a cleaning appointment',
          turns: [{ user: 'book a cleaning appointment', expect: { intent: 'MakeAppointment', slots: { AppointmentType: 'cleaning' } } }],
        },
        {
          name: 'Conversation 1',
          turns: [
            {
              user: 'Can you help me book an appointment?',
              expect: { intent: 'MakeAppointment', says: { kind: 'exact', text: 'What type of appointment would you like to schedule?' } },
            },
            {
              user: 'cleaning',
              expect: {
                intent: 'MakeAppointment',
                slots: { AppointmentType: 'cleaning' },
                says: { kind: 'exact', text: 'When should I schedule your appointment?' },
              },
            },
            { user: 'tomorrow', expect: { intent: 'MakeAppointment', slots: { AppointmentType: 'cleaning', Date: 'tomorrow' } } },
          ],
        },
      ],
    });
    assert.deepEqual(parseTestFile(serializeTestFile(file)).problems, [], 'an import writes as a valid test file');
  });

  it('takes the alternative column names, any case, and a byte order mark', () => {
    const text = '\uFEFFLine Number,Conversation Number,Conversation Participant,input,EXPECTED OUTPUT INTENT\n1,7,User,hi,Greet\n';
    assert.deepEqual(importWorkbenchCsv(text), {
      file: { conversations: [{ name: 'Conversation 7', turns: [{ user: 'hi', expect: { intent: 'Greet' } }] }] },
      problems: [],
    });
  });

  it('reports each unmapped column holding a value once, on the first row that has one', () => {
    const text = 'Line #,Conversation #,Source,Input,Session Attribute,Request Attribute\n1,1,User,hi,,\n2,1,User,yo,a = b,\n3,1,User,x,c = d,r\n';
    const { file, problems } = importWorkbenchCsv(text);
    assert.deepEqual(problems, [
      { message: 'The column "Session Attribute" is not imported: a test file has no place for it.', line: 2 },
      { message: 'The column "Request Attribute" is not imported: a test file has no place for it.', line: 3 },
    ]);
    assert.deepEqual(
      file.conversations[0].turns.map((t) => t.user),
      ['hi', 'yo', 'x'],
    );
  });

  it('reports rows it cannot take, with their lines, and keeps the rest', () => {
    const text = [
      'Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1',
      '1,Agent,Hello!,,',
      '1,User,hi,Greet,Size large',
      '1,Bot,hello,,',
      '1,User,,Greet,',
      '1,Agent,first,,',
      '1,Agent,second,Greet,',
      '',
    ].join('\n');
    const { file, problems } = importWorkbenchCsv(text);
    assert.deepEqual(problems, [
      { message: 'An Agent row before any User row of its conversation: skipped.', line: 1 },
      { message: 'Slot "Size large" is not "SlotName = SlotValue": skipped.', line: 2 },
      { message: 'Source "Bot" is neither User nor Agent: the row is skipped.', line: 3 },
      { message: 'A User row without Input: the row is skipped.', line: 4 },
      { message: 'A second Agent row after the same User row: only the first ("first") is kept.', line: 6 },
      { message: 'Expected intent and slots belong on User rows: those of this Agent row are skipped.', line: 6 },
    ]);
    assert.deepEqual(file.conversations, [
      { name: 'Conversation 1', turns: [{ user: 'hi', expect: { intent: 'Greet', says: { kind: 'exact', text: 'first' } } }] },
    ]);
  });

  it('refuses a file without Source or Input columns, and an empty file', () => {
    assert.deepEqual(importWorkbenchCsv('Line #,Utterance\n1,hi\n').problems, [
      { message: 'No "Source" column: a text test set has Source and Input columns.', line: 0 },
      { message: 'No "Input" column: a text test set has Source and Input columns.', line: 0 },
    ]);
    assert.match(importWorkbenchCsv('').problems[0].message, /^The file is empty/);
  });

  it('names single inputs by their text, a repeated text numbered', () => {
    const { file } = importWorkbenchCsv('Conversation #,Source,Input\n,User,hi\nN/A,User,hi\n-,User,hi\n');
    assert.deepEqual(
      file.conversations.map((c) => c.name),
      ['hi', 'hi (2)', 'hi (3)'],
    );
  });

  it('exports the documented columns, a User row per turn and an Agent row for an exact says', () => {
    const source: TestFileSource = {
      conversations: [
        {
          name: 'order',
          turns: [
            { user: 'I want pizza, please', expect: { intent: 'Order', state: 'InProgress', says: { kind: 'exact', text: 'What "size"?' } } },
            { user: 'large', expect: { slots: { Size: 'large', Crust: null }, says: { kind: 'regex', source: 'crust', flags: 'i' } } },
          ],
        },
        { name: 'hello', turns: [{ user: 'hi', expect: { intent: 'Greet', slots: { A: '1', B: '2' } } }] },
      ],
    };
    assert.equal(
      exportWorkbenchCsv(source),
      [
        'Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1,Expected Output Slot 2',
        '1,1,User,"I want pizza, please",Order,,',
        '2,1,Agent,"What ""size""?",,,',
        '3,1,User,large,,Size = large,',
        '4,2,User,hi,Greet,A = 1,B = 2',
        '',
      ].join('\r\n'),
    );
  });

  it('round-trips: export then import gives back the turns, intents, slots and exact says', () => {
    const source: TestFileSource = {
      conversations: [
        {
          name: 'Conversation 1',
          turns: [
            { user: 'book, "now"', expect: { intent: 'MakeAppointment', says: { kind: 'exact', text: 'What type?\nCleaning, or whitening?' } } },
            { user: 'cleaning', expect: { slots: { AppointmentType: 'cleaning', 'Car.Color': 'red', FlowerType: 'roses, lilies' } } },
          ],
        },
        { name: 'Conversation 2', turns: [{ user: 'yes', expect: { intent: 'Confirm' } }] },
      ],
    };
    const { file, problems } = importWorkbenchCsv(exportWorkbenchCsv(source));
    assert.deepEqual(problems, []);
    assert.deepEqual(file, source);
  });
});
