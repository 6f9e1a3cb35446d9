import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { explainError } from '../aws/errors';
import type { Log } from '../ui/log';
import { pickIdentityPool } from '../ui/pickers';
import { isCancellation, registerCommand } from '../ui/registerCommand';
import type { ConvTestsDeps } from './commands/shared';
import type { RunTarget } from './testing/runTests';
import { TestTree } from './testing/testTree';

/** Conversation tests: *.lextest.yaml files in the Test Explorer, their commands, and Problems for bad files. */
export function registerConversationTests(context: vscode.ExtensionContext, connections: ConnectionManager, log: Log): TestTree {
  const controller = vscode.tests.createTestController('cognitoBot.conversationTests', vscode.l10n.t('Lex Conversation Tests'));
  const diagnostics = vscode.languages.createDiagnosticCollection('cognitoBot.lextest');
  // The parser, the runner and the AWS calls load with the first run or expanded file (dist/convtests.js).
  const chunk = () => import('./commands');
  const tree = new TestTree(controller, diagnostics, async () => (await chunk()).parseTestFile);
  context.subscriptions.push(controller, diagnostics, tree);
  let deps: ConvTestsDeps | undefined;
  const loadDeps = async (): Promise<ConvTestsDeps> =>
    (deps ??= { tree, runner: new (await chunk()).ConversationRunner(tree, connections, log), connections, log });

  const profile = (target: () => Promise<RunTarget | undefined>) => async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    try {
      const chosen = await target();
      if (chosen) await (await loadDeps()).runner.run(request, token, chosen);
    } catch (error) {
      if (isCancellation(error)) return;
      const explained = explainError(error, connections.current?.connection);
      const message = explained instanceof Error ? explained.message : String(explained);
      log.error(`Conversation tests: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cognito Bot: {0}', message));
    }
  };
  controller.createRunProfile(
    vscode.l10n.t('Run'),
    vscode.TestRunProfileKind.Run,
    profile(async () => ({})),
    true,
  );
  controller.createRunProfile(
    vscode.l10n.t('Run as the Web Page (Identity Pool)…'),
    vscode.TestRunProfileKind.Run,
    profile(async () => ({
      identityPoolId: await pickIdentityPool(
        await connections.awsContext(),
        vscode.l10n.t("Identity pool whose credentials the tests talk with (as the bot's web page)"),
      ),
    })),
    false,
  );

  const env = { log, connections };
  const commands: readonly [string, 'runConversationTests' | 'saveConversationTest' | 'importTestWorkbenchCsv' | 'exportTestWorkbenchCsv'][] = [
    ['cognitoBot.runConversationTests', 'runConversationTests'],
    ['cognitoBot.saveConversationTest', 'saveConversationTest'],
    ['cognitoBot.importTestWorkbenchCsv', 'importTestWorkbenchCsv'],
    ['cognitoBot.exportTestWorkbenchCsv', 'exportTestWorkbenchCsv'],
  ];
  for (const [id, name] of commands) registerCommand(context, id, async (args) => (await chunk())[name](await loadDeps(), args), env);
  return tree;
}
