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
  return vscode.l10n.t('alias {0} of bot {1}', target.botAliasId, target.botName === target.botId ? target.botId : `${target.botName} (${target.botId})`);
}

/** The panel's actions that need VS Code's UI: sign-in prompts, fixes, transcript files. */
export function chatActions(
  connections: ConnectionManager,
  log: Log,
): Pick<ChatDeps, 'askSignIn' | 'askNewPassword' | 'runFix' | 'saveTranscript' | 'loadTranscript' | 'saveAsTest'> {
  return {
    async askNewPassword(username: string): Promise<string | undefined> {
      return vscode.window.showInputBox({
        title: vscode.l10n.t('New password required'),
        prompt: vscode.l10n.t('{0} signed in with a temporary password: choose a new one', username),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length >= 8 ? undefined : vscode.l10n.t("At least 8 characters (the pool's password policy may ask for more).")),
      });
    },

    async askSignIn(target: ChatTarget): Promise<SignIn | undefined> {
      const ctx = await connections.awsContext();
      const pool = await describeIdentityPool(ctx, target.identityPoolId);
      if (pool.providers.length === 0) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Identity pool {0} has no user pool to sign in with. Add one with "Cognito Bot: Add User Pool as Login Provider…".', pool.name),
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
                description: [names.userPoolName && p.userPoolId, vscode.l10n.t('client {0}', p.clientId)].filter(Boolean).join(' · '),
                detail: names.problem?.message,
                p,
                names,
              })),
              { title: vscode.l10n.t('Sign in'), placeHolder: vscode.l10n.t('User pool to sign in with'), ignoreFocusOut: true },
            );
      if (!chosen) return undefined;
      const { p: provider, names } = chosen;
      const username = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sign in'),
        prompt: vscode.l10n.t('Username (or email) in {0}', poolNamed(provider.userPoolId, names.userPoolName)),
        ignoreFocusOut: true,
      });
      if (!username) return undefined;
      const password = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sign in'),
        prompt: vscode.l10n.t('Password of {0}', username),
        password: true,
        ignoreFocusOut: true,
      });
      if (!password) return undefined;
      return { userPoolId: provider.userPoolId, clientId: provider.clientId, username, password };
    },

    async runFix(id: string, target: ChatTarget, turn: Turn | undefined, caller: ChatCaller): Promise<string | undefined> {
      if (id === 'enableGuestAccess') {
        const pool = poolNamed(target.identityPoolId, target.identityPoolName);
        const TURN_ON = vscode.l10n.t('Turn On');
        const confirm = await vscode.window.showWarningMessage(
          vscode.l10n.t('Turn guest access on for identity pool {0}?', pool),
          { modal: true, detail: vscode.l10n.t("Anyone who can reach your page gets this pool's unauthenticated role without signing in.") },
          TURN_ON,
        );
        if (confirm !== TURN_ON) return undefined;
        await vscode.commands.executeCommand('cognitoBot.setGuestAccess', { identityPoolId: target.identityPoolId, allowUnauthenticated: true });
        log.info(`Chat: turned guest access on for ${pool}`);
        return vscode.l10n.t('Guest access is on for {0}. Send your message again.', pool);
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
          ? vscode.l10n.t('The setup check found nothing wrong with this chain. Send your message again.')
          : errors.length === 1
            ? vscode.l10n.t('The setup check found 1 problem: {0}. The Setup Check view has the fixes.', errors[0].title)
            : vscode.l10n.t(
                'The setup check found {0} problems: {1}. The Setup Check view has the fixes.',
                errors.length,
                errors.map((f) => f.title).join('; '),
              );
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
      if (!arn) throw new Error(vscode.l10n.t('Identity pool {0} has no role to attach the policy to.', pool.name));
      const roleName = roleNameFromArn(arn);
      const ATTACH = vscode.l10n.t('Attach');
      const confirm = await vscode.window.showWarningMessage(
        vscode.l10n.t('Attach an inline policy to role {0}?', roleName),
        {
          modal: true,
          detail: vscode.l10n.t({
            message: 'It allows the Lex runtime actions (RecognizeText, GetSession, …) on {0} in {1}, and nothing else.',
            args: [aliasNamed(target), target.region],
            comment: ['{0} is "alias <id> of bot <name>", {1} a region'],
          }),
        },
        ATTACH,
      );
      if (confirm !== ATTACH) return undefined;
      await vscode.commands.executeCommand('cognitoBot.attachRolePolicy', {
        roleName,
        template: 'lexBotAlias',
        params: { botId: target.botId, botAliasId: target.botAliasId, region: target.region },
      });
      log.info(`Chat: attached the least-privilege Lex policy for ${aliasNamed(target)} to ${roleName}`);
      return vscode.l10n.t({
        message: 'Role {0} may now talk to {1}, and nothing else. Send your message again.',
        args: [roleName, aliasNamed(target)],
        comment: ['{1} is "alias <id> of bot <name>"'],
      });
    },

    async saveTranscript(bot: BotView, turns: readonly Turn[]): Promise<void> {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `chat-${bot.botId}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { [vscode.l10n.t('Chat transcript')]: ['json'] },
      });
      if (!uri) return;
      const transcript = toTranscript({ botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId, label: bot.botName }, turns, new Date());
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeTranscript(transcript)));
      log.info(`Chat: saved ${turns.length} turn(s) to ${uri.fsPath}`);
    },

    async saveAsTest(bot: BotView, turns: readonly Turn[]): Promise<string | undefined> {
      if (turns.length === 0) throw new Error(vscode.l10n.t('There is no conversation to save as a test yet: send a message first.'));
      if (turns.every((turn) => turn.error))
        throw new Error(vscode.l10n.t('Every turn of this conversation ended in an error: there is nothing to save as a test.'));
      // The command belongs to the conversation tests feature; say so plainly when it is not there.
      if (!(await vscode.commands.getCommands(true)).includes(SAVE_CONVERSATION_TEST_COMMAND)) {
        throw new Error(
          vscode.l10n.t(
            'Saving as a test needs the conversation tests feature (command {0}), which this version of the extension does not have.',
            SAVE_CONVERSATION_TEST_COMMAND,
          ),
        );
      }
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Save as Test'),
        prompt: testNamePrompt(turns),
        value: defaultTestName(turns),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A conversation test needs a name.')),
      });
      if (name === undefined) return undefined;
      const args = saveConversationTestArgs(bot, name.trim(), turns);
      // It asks where to save, and answers nothing when the user cancels that.
      const saved = await vscode.commands.executeCommand<{ file: string; name: string } | undefined>(SAVE_CONVERSATION_TEST_COMMAND, args);
      if (!saved) return undefined;
      const count = args.conversation.turns.length;
      log.info(`Chat: saved ${count} turn(s) of ${bot.botName} (${bot.botId}/${bot.botAliasId}) as the conversation test "${saved.name}" in ${saved.file}`);
      const where = vscode.workspace.asRelativePath(saved.file);
      return count === 1
        ? vscode.l10n.t('Saved "{0}" (1 turn) as a conversation test in {1}.', saved.name, where)
        : vscode.l10n.t('Saved "{0}" ({1} turns) as a conversation test in {2}.', saved.name, count, where);
    },

    async loadTranscript() {
      const [uri] =
        (await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { [vscode.l10n.t('Chat transcript')]: ['json'] },
          openLabel: vscode.l10n.t('Replay'),
        })) ?? [];
      if (!uri) return undefined;
      try {
        return parseTranscript(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))).turns;
      } catch (error) {
        throw new Error(
          vscode.l10n.t('{0} is not a chat transcript this panel can replay: {1}', uri.fsPath, error instanceof Error ? error.message : String(error)),
          {
            cause: error,
          },
        );
      }
    },
  };
}
