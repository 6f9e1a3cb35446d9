import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { isArgsObject } from '../../ui/registerCommand';
import { appendConversation } from '../append';
import { serializeTestFile } from '../format';
import type { TestFileSource } from '../model';
import { TEST_FILE_SUFFIX } from '../model';
import { botArg, type ConvTestsDeps, exists, readText, uriArg, writeText } from './shared';

type ConversationSource = TestFileSource['conversations'][number];

function conversationArg(value: unknown): ConversationSource {
  const conversation = (value ?? {}) as Record<string, unknown>;
  if (typeof conversation.name !== 'string' || conversation.name.trim() === '') throw new InvalidArgumentsError('"conversation.name" must be a name.');
  if (!Array.isArray(conversation.turns) || conversation.turns.length === 0) throw new InvalidArgumentsError('"conversation.turns" must list the turns.');
  for (const [i, turn] of conversation.turns.entries()) {
    const t = turn as Record<string, unknown>;
    if (typeof t?.user !== 'string' || typeof t.expect !== 'object' || t.expect === null)
      throw new InvalidArgumentsError(`"conversation.turns[${i}]" must be { user, expect }.`);
  }
  return conversation as unknown as ConversationSource;
}

/**
 * `cognitoBot.saveConversationTest` (the chat's Save as Test): writes a conversation into a
 * test file, a new one or the end of an existing one (its comments kept). Args `{ bot,
 * conversation: { name, turns: [{ user, expect }] }, path? }` → `{ file, name }`.
 */
export async function saveConversationTest(deps: ConvTestsDeps, args?: unknown): Promise<{ file: string; name: string } | undefined> {
  if (!isArgsObject(args)) throw new InvalidArgumentsError('Save a conversation from the chat panel (Save as Test).');
  const bot = botArg(args.bot, 'bot');
  const conversation = conversationArg(args.conversation);
  let uri: vscode.Uri | undefined;
  if (args.path !== undefined) uri = uriArg(args.path, 'path');
  else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save as Test'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'tests', `${bot.botId}${TEST_FILE_SUFFIX}`) : undefined,
      filters: { [vscode.l10n.t('Conversation tests')]: ['lextest.yaml'] },
      saveLabel: vscode.l10n.t('Save Test'),
    });
    if (!uri) return undefined;
  }
  if (!uri.path.endsWith(TEST_FILE_SUFFIX)) uri = uri.with({ path: `${uri.path.replace(/(\.lextest)?\.ya?ml$/, '')}${TEST_FILE_SUFFIX}` });
  let name = conversation.name;
  if (await exists(uri)) {
    const appended = appendConversation(await readText(uri), conversation);
    name = appended.name;
    await writeText(uri, appended.text);
  } else {
    await writeText(uri, serializeTestFile({ bot, conversations: [conversation] }));
  }
  await deps.tree.itemFor(uri);
  deps.log.info(`Saved conversation test "${name}" in ${uri.fsPath}`);
  if (args.path === undefined) {
    await vscode.window.showTextDocument(uri, { preview: false });
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Saved "{0}" as a test in {1}. Run it from the Test Explorer.', name, vscode.workspace.asRelativePath(uri)),
    );
  }
  return { file: uri.fsPath, name };
}
