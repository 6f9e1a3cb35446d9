import { isMap, isSeq, parseDocument } from 'yaml';
import { serializeTestFile } from './format';
import type { TestFileSource } from './model';

type ConversationSource = TestFileSource['conversations'][number];

/**
 * Adds a conversation at the end of an existing test file's `conversations`, keeping the rest
 * of the file (comments, order, quoting) as it is; a name already taken gets " (2)", " (3)", ….
 * The conversation is written as the file writer writes one, then moved over as a node.
 */
export function appendConversation(text: string, conversation: ConversationSource): { text: string; name: string } {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(`The file is not YAML a conversation can be added to: ${document.errors[0].message}`);
  if (!isSeq(document.get('conversations'))) document.set('conversations', document.createNode([]));
  const list = document.get('conversations');
  if (!isSeq(list)) throw new Error('The file\'s "conversations" is not a list.');
  const taken = new Set(list.items.map((item) => (isMap(item) ? String(item.get('name') ?? '') : '')));
  let name = conversation.name;
  for (let n = 2; taken.has(name); n++) name = `${conversation.name} (${n})`;
  const written = parseDocument(serializeTestFile({ conversations: [{ ...conversation, name }] })).get('conversations');
  if (!isSeq(written) || written.items.length !== 1) throw new Error('The conversation could not be written.');
  list.add(written.items[0]);
  // lineWidth 0: the user's long lines are not folded.
  return { text: document.toString({ lineWidth: 0 }), name };
}
