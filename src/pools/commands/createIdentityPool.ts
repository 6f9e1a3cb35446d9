import * as vscode from 'vscode';
import { MultiStepInput, type Step } from '../../ui/multiStepInput';
import type { AwsContext } from '../../aws/context';
import { createIdentityPool as create, type CreateIdentityPoolResult, parseCreateIdentityPoolArgs } from '../../provisioning/identityPool';
import { defaultRoleNames, identityPoolNameProblem, roleNameProblem } from '../../provisioning/names';
import { type UserPoolClientItem, userPoolClientItems } from '../../ui/pickers';
import { commandInput, createWithRollback, type PoolsDeps } from './shared';

const title = () => vscode.l10n.t('Create Identity Pool');
const STEPS = 6;

interface WizardState {
  name: string;
  allowUnauthenticated: boolean;
  userPoolId?: string;
  clientId?: string;
  authRoleName: string;
  unauthRoleName: string;
  attachLexRunBotsOnly: boolean;
  providers: () => Promise<UserPoolClientItem[]>;
}

const askName: Step<WizardState> = async (input, state) => {
  const before = defaultRoleNames(state.name);
  state.name = await input.inputBox({
    title: title(),
    step: 1,
    totalSteps: STEPS,
    value: state.name,
    prompt: vscode.l10n.t('Name of the identity pool'),
    placeholder: vscode.l10n.t('e.g. BotPool'),
    validate: identityPoolNameProblem,
  });
  // Role names follow the pool name until the user edits them.
  const after = defaultRoleNames(state.name);
  if (!state.authRoleName || state.authRoleName === before.auth) state.authRoleName = after.auth;
  if (!state.unauthRoleName || state.unauthRoleName === before.unauth) state.unauthRoleName = after.unauth;
  return askGuest;
};

const askGuest: Step<WizardState> = async (input, state) => {
  const items = [
    { label: vscode.l10n.t('Guest access on'), description: vscode.l10n.t('web pages get credentials without signing in (the Lex tutorial)'), value: true },
    { label: vscode.l10n.t('Guest access off'), description: vscode.l10n.t('only signed-in users get credentials'), value: false },
  ];
  const [picked] = await input.quickPick({
    title: title(),
    step: 2,
    totalSteps: STEPS,
    items,
    placeholder: vscode.l10n.t('Unauthenticated (guest) identities'),
    selected: items.filter((i) => i.value === state.allowUnauthenticated),
  });
  state.allowUnauthenticated = picked.value;
  return askProvider;
};

const askProvider: Step<WizardState> = async (input, state) => {
  const none: UserPoolClientItem = { label: vscode.l10n.t('No user pool'), description: vscode.l10n.t('add one later with "Add User Pool as Login Provider"') };
  const items = state.providers().then((providers) => [none, ...providers]);
  const [picked] = await input.quickPick({
    title: title(),
    step: 3,
    totalSteps: STEPS,
    items,
    placeholder: vscode.l10n.t('User pool and app client whose users sign in to this pool'),
  });
  state.userPoolId = picked.userPoolId;
  state.clientId = picked.clientId;
  return askAuthRole;
};

const askAuthRole: Step<WizardState> = async (input, state) => {
  state.authRoleName = await input.inputBox({
    title: title(),
    step: 4,
    totalSteps: STEPS,
    value: state.authRoleName,
    prompt: vscode.l10n.t('Name of the new IAM role for signed-in users'),
    validate: roleNameProblem,
  });
  return askUnauthRole;
};

const askUnauthRole: Step<WizardState> = async (input, state) => {
  state.unauthRoleName = await input.inputBox({
    title: title(),
    step: 5,
    totalSteps: STEPS,
    value: state.unauthRoleName,
    prompt: vscode.l10n.t('Name of the new IAM role for guests'),
    validate: (value) =>
      roleNameProblem(value) ?? (value.toLowerCase() === state.authRoleName.toLowerCase() ? vscode.l10n.t('The two roles need different names.') : undefined),
  });
  return askLex;
};

const askLex: Step<WizardState> = async (input, state) => {
  const items = [
    { label: vscode.l10n.t('Attach AmazonLexRunBotsOnly to both roles'), description: vscode.l10n.t('lets web pages talk to Lex bots'), value: true },
    { label: vscode.l10n.t('No policy now'), description: vscode.l10n.t('attach one later from the role in the explorer'), value: false },
  ];
  const [picked] = await input.quickPick({
    title: title(),
    step: 6,
    totalSteps: STEPS,
    items,
    placeholder: vscode.l10n.t('Permissions for the two roles'),
    selected: items.filter((i) => i.value === state.attachLexRunBotsOnly),
  });
  state.attachLexRunBotsOnly = picked.value;
  return undefined;
};

async function runWizard(ctx: AwsContext): Promise<Record<string, unknown>> {
  let providers: Promise<UserPoolClientItem[]> | undefined;
  const state = await MultiStepInput.run(askName, {
    name: '',
    allowUnauthenticated: true,
    authRoleName: '',
    unauthRoleName: '',
    attachLexRunBotsOnly: true,
    // Listed once per wizard; a failed listing is tried again after Back.
    providers: () =>
      (providers ??= userPoolClientItems(ctx).catch((error: unknown) => {
        providers = undefined;
        throw error;
      })),
  });
  const { providers: _unused, ...fields } = state;
  return fields;
}

/**
 * `cognitoBot.createIdentityPool`: an identity pool, its two roles with trust policies bound to
 * it, set on it, optionally with AmazonLexRunBotsOnly. Args `{ name, allowUnauthenticated,
 * userPoolId?, clientId?, attachLexRunBotsOnly?, authRoleName?, unauthRoleName? }`; returns
 * `{ identityPoolId, authRoleArn, unauthRoleArn }`.
 */
export async function createIdentityPool(deps: PoolsDeps, args?: unknown): Promise<CreateIdentityPoolResult> {
  const input = commandInput(args);
  const fields = input.scripted ? input.fields : await runWizard(await deps.connections.awsContext());
  const parsed = parseCreateIdentityPoolArgs(fields);
  const result = await createWithRollback(deps, input, vscode.l10n.t('Creating identity pool {0} and its roles…', parsed.name), (ctx, journal) =>
    create(ctx, parsed, journal),
  );
  deps.log.info(`Created identity pool ${parsed.name} (${result.identityPoolId}) with roles ${result.authRoleArn} and ${result.unauthRoleArn}`);
  deps.tree.refresh();
  if (!input.scripted) {
    const COPY = vscode.l10n.t('Copy Identity Pool Id');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Identity pool {0} is ready: {1}.', parsed.name, result.identityPoolId), COPY)
      .then(async (picked) => {
        if (picked === COPY) await vscode.env.clipboard.writeText(result.identityPoolId);
      });
  }
  return result;
}
