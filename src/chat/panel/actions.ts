import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import { describeIdentityPool } from '../../aws/services/cognitoIdentity';
import { readUserPoolNames } from '../../aws/services/cognitoIdp';
import { regionOfUserPoolId } from '../../aws/ids';
import { roleNameFromArn } from '../../aws/arns';
import type { WebChainIds } from '../../aws/webChain';
import type { SignIn } from '../../aws/poolCredentials';
import type { BotView, Turn } from '../protocol';
import { parseAccessDenied, poolNamed } from '../session';
import { defaultTestName, SAVE_CONVERSATION_TEST_COMMAND, saveConversationTestArgs, testNamePrompt } from '../toTest';
import { parseTranscript, serializeTranscript, toTranscript } from '../transcript';
import type { ChatCaller, ChatDeps, ChatTarget } from './chatPanel';

/** "alias TSTALIASID of bot CoffeeShop (QZDHGFY6D5)". */
function aliasNamed(target: ChatTarget): string {
  return `alias ${target.botAliasId} of bot ${target.botName === target.botId ? target.botId : `${target.botName} (${target.botId})`}`;
}

/** The panel's actions that need VS Code's UI: sign-in prompts, fixes, transcript files. */
export function chatActions(
  connections: ConnectionManager,
  log: Log,
): Pick<ChatDeps, 'askSignIn' | 'askNewPassword' | 'runFix' | 'saveTranscript' | 'loadTranscript' | 'saveAsTest'> {
  return {
    async askNewPassword(username: string): Promise<string | undefined> {
      return vscode.window.showInputBox({
        title: 'New password required',
        prompt: `${username} signed in with a temporary password: choose a new one`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length >= 8 ? undefined : "At least 8 characters (the pool's password policy may ask for more)."),
      });
    },

    async askSignIn(target: ChatTarget): Promise<SignIn | undefined> {
      const ctx = await connections.awsContext();
      const pool = await describeIdentityPool(ctx, target.identityPoolId);
      if (pool.providers.length === 0) {
        void vscode.window.showWarningMessage(
          `Identity pool ${pool.name} has no user pool to sign in with. Add one with "Cognito Bot: Add User Pool as Login Provider…".`,
        );
        return undefined;
      }
      // Each user pool by name, read where sign-in reaches it: its own region.
      const providers = await Promise.all(
        pool.providers.map(async (p) => ({ p, names: await readUserPoolNames(await connections.awsContext(regionOfUserPoolId(p.userPoolId)), p.userPoolId) })),
      );
      const chosen =
        providers.length === 1
          ? providers[0]
          : await vscode.window.showQuickPick(
              providers.map(({ p, names }) => ({
                label: names.userPoolName ?? p.userPoolId,
                description: [names.userPoolName && p.userPoolId, `client ${p.clientId}`].filter(Boolean).join(' · '),
                detail: names.problem?.message,
                p,
                names,
              })),
              { title: 'Sign in', placeHolder: 'User pool to sign in with', ignoreFocusOut: true },
            );
      if (!chosen) return undefined;
      const { p: provider, names } = chosen;
      const username = await vscode.window.showInputBox({
        title: 'Sign in',
        prompt: `Username (or email) in ${poolNamed(provider.userPoolId, names.userPoolName)}`,
        ignoreFocusOut: true,
      });
      if (!username) return undefined;
      const password = await vscode.window.showInputBox({ title: 'Sign in', prompt: `Password of ${username}`, password: true, ignoreFocusOut: true });
      if (!password) return undefined;
      return { userPoolId: provider.userPoolId, clientId: provider.clientId, username, password };
    },

    async runFix(id: string, target: ChatTarget, turn: Turn | undefined, caller: ChatCaller): Promise<string | undefined> {
      if (id === 'enableGuestAccess') {
        const pool = poolNamed(target.identityPoolId, target.identityPoolName);
        const confirm = await vscode.window.showWarningMessage(
          `Turn guest access on for identity pool ${pool}?`,
          { modal: true, detail: "Anyone who can reach your page gets this pool's unauthenticated role without signing in." },
          'Turn On',
        );
        if (confirm !== 'Turn On') return undefined;
        await vscode.commands.executeCommand('cognitoBot.setGuestAccess', { identityPoolId: target.identityPoolId, allowUnauthenticated: true });
        log.info(`Chat: turned guest access on for ${pool}`);
        return `Guest access is on for ${pool}. Send your message again.`;
      }
      if (id === 'diagnose') {
        const chain: WebChainIds = {
          identityPoolId: target.identityPoolId,
          botId: target.botId,
          botAliasId: target.botAliasId,
          localeId: target.localeId,
          lexRegion: target.region,
          // The chain as this panel walks it: as a guest, or signed in with its user pool.
          ...(caller.mode === 'signedIn' && caller.userPoolId && caller.clientId
            ? { mode: 'signedIn', userPoolId: caller.userPoolId, clientId: caller.clientId }
            : { mode: 'guest' }),
        };
        const result = await vscode.commands.executeCommand<{ ok: boolean; findings: { severity: string; title: string }[] }>('cognitoBot.diagnose', chain);
        await vscode.commands.executeCommand('cognitoBot.setupCheck.focus');
        const errors = result.findings.filter((f) => f.severity === 'error');
        return errors.length === 0
          ? 'The setup check found nothing wrong with this chain. Send your message again.'
          : `The setup check found ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.map((f) => f.title).join('; ')}. The Setup Check view has the fixes.`;
      }
      if (id !== 'attachLexPolicy') throw new Error(`The page asked for a fix the panel does not know (${id}).`);
      const ctx = await connections.awsContext();
      const pool = await describeIdentityPool(ctx, target.identityPoolId);
      // The role named in the AccessDenied, else the pool's role for who is talking.
      const named = parseAccessDenied(turn?.error?.message ?? '').roleName;
      const arn =
        pool.roles.unauthenticated && named === roleNameFromArn(pool.roles.unauthenticated)
          ? pool.roles.unauthenticated
          : named && pool.roles.authenticated && named === roleNameFromArn(pool.roles.authenticated)
            ? pool.roles.authenticated
            : pool.roles.unauthenticated;
      if (!arn) throw new Error(`Identity pool ${pool.name} has no role to attach the policy to.`);
      const roleName = roleNameFromArn(arn);
      const confirm = await vscode.window.showWarningMessage(
        `Attach an inline policy to role ${roleName}?`,
        {
          modal: true,
          detail: `It allows the Lex runtime actions (RecognizeText, GetSession, …) on ${aliasNamed(target)} in ${target.region}, and nothing else.`,
        },
        'Attach',
      );
      if (confirm !== 'Attach') return undefined;
      await vscode.commands.executeCommand('cognitoBot.attachRolePolicy', {
        roleName,
        template: 'lexBotAlias',
        params: { botId: target.botId, botAliasId: target.botAliasId, region: target.region },
      });
      log.info(`Chat: attached the least-privilege Lex policy for ${aliasNamed(target)} to ${roleName}`);
      return `Role ${roleName} may now talk to ${aliasNamed(target)}, and nothing else. Send your message again.`;
    },

    async saveTranscript(bot: BotView, turns: readonly Turn[]): Promise<void> {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `chat-${bot.botId}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { 'Chat transcript': ['json'] },
      });
      if (!uri) return;
      const transcript = toTranscript({ botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId, label: bot.botName }, turns, new Date());
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeTranscript(transcript)));
      log.info(`Chat: saved ${turns.length} turn(s) to ${uri.fsPath}`);
    },

    async saveAsTest(bot: BotView, turns: readonly Turn[]): Promise<string | undefined> {
      if (turns.length === 0) throw new Error('There is no conversation to save as a test yet: send a message first.');
      if (turns.every((turn) => turn.error)) throw new Error('Every turn of this conversation ended in an error: there is nothing to save as a test.');
      // The command belongs to the conversation tests feature; say so plainly when it is not there.
      if (!(await vscode.commands.getCommands(true)).includes(SAVE_CONVERSATION_TEST_COMMAND)) {
        throw new Error(
          `Saving as a test needs the conversation tests feature (command ${SAVE_CONVERSATION_TEST_COMMAND}), which this version of the extension does not have.`,
        );
      }
      const name = await vscode.window.showInputBox({
        title: 'Save as Test',
        prompt: testNamePrompt(turns),
        value: defaultTestName(turns),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'A conversation test needs a name.'),
      });
      if (name === undefined) return undefined;
      const args = saveConversationTestArgs(bot, name.trim(), turns);
      // It asks where to save, and answers nothing when the user cancels that.
      const saved = await vscode.commands.executeCommand<{ file: string; name: string } | undefined>(SAVE_CONVERSATION_TEST_COMMAND, args);
      if (!saved) return undefined;
      const count = args.conversation.turns.length;
      log.info(`Chat: saved ${count} turn(s) of ${bot.botName} (${bot.botId}/${bot.botAliasId}) as the conversation test "${saved.name}" in ${saved.file}`);
      return `Saved "${saved.name}" (${count} turn${count === 1 ? '' : 's'}) as a conversation test in ${vscode.workspace.asRelativePath(saved.file)}.`;
    },

    async loadTranscript() {
      const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Chat transcript': ['json'] }, openLabel: 'Replay' })) ?? [];
      if (!uri) return undefined;
      try {
        return parseTranscript(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))).turns;
      } catch (error) {
        throw new Error(`${uri.fsPath} is not a chat transcript this panel can replay: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    },
  };
}
