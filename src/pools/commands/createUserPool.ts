import * as vscode from 'vscode';
import { MultiStepInput, type Step } from '../../ui/multiStepInput';
import { AUTH_FLOWS, SIGN_IN_ALIASES, STANDARD_ATTRIBUTES } from '../../aws/services/cognitoIdp';
import { createUserPool as create, type CreateUserPoolResult, parseCreateUserPoolArgs, USER_POOL_DEFAULTS } from '../../provisioning/userPool';
import { allPages } from '../../aws/paging';
import { listUserPools } from '../../aws/services/cognitoIdp';
import { clientNameProblem, freeName, userPoolNameProblem } from '../../provisioning/names';
import { commandInput, createWithRollback, type PoolsDeps } from './shared';

const title = () => vscode.l10n.t('Create User Pool');
const STEPS = 5;

interface WizardState {
  /** Names of the region's user pools: a taken name is refused as it is typed. */
  taken: ReadonlySet<string>;
  region: string;
  name: string;
  signInAliases: string[];
  requiredAttributes: string[];
  clientName: string;
  authFlows: string[];
}

const askName: Step<WizardState> = async (input, state) => {
  state.name = await input.inputBox({
    title: title(),
    step: 1,
    totalSteps: STEPS,
    value: state.name,
    prompt: vscode.l10n.t('Name of the user pool'),
    validate: (name) =>
      userPoolNameProblem(name) ??
      (state.taken.has(name) ? vscode.l10n.t('A user pool named "{0}" already exists in {1}: pick another name.', name, state.region) : undefined),
  });
  return askSignIn;
};

const askSignIn: Step<WizardState> = async (input, state) => {
  const items = SIGN_IN_ALIASES.map((label) => ({ label, description: label === 'email' ? vscode.l10n.t('the tutorial signs in with email') : undefined }));
  const picked = await input.quickPick({
    title: title(),
    step: 2,
    totalSteps: STEPS,
    canSelectMany: true,
    items,
    selected: items.filter((i) => state.signInAliases.includes(i.label)),
    placeholder: vscode.l10n.t('How users sign in (none ticked: a username)'),
  });
  state.signInAliases = picked.map((p) => p.label);
  return askRequired;
};

const askRequired: Step<WizardState> = async (input, state) => {
  const items = STANDARD_ATTRIBUTES.map((label) => ({ label }));
  const picked = await input.quickPick({
    title: title(),
    step: 3,
    totalSteps: STEPS,
    canSelectMany: true,
    items,
    selected: items.filter((i) => state.requiredAttributes.includes(i.label)),
    placeholder: vscode.l10n.t('Attributes required at sign-up (they cannot be changed later)'),
  });
  state.requiredAttributes = picked.map((p) => p.label);
  return askClientName;
};

const askClientName: Step<WizardState> = async (input, state) => {
  state.clientName = await input.inputBox({
    title: title(),
    step: 4,
    totalSteps: STEPS,
    value: state.clientName,
    prompt: vscode.l10n.t('Name of the public app client (no secret: a web page cannot keep one)'),
    validate: clientNameProblem,
  });
  return askFlows;
};

const askFlows: Step<WizardState> = async (input, state) => {
  const items = AUTH_FLOWS.map((label) => ({ label }));
  const picked = await input.quickPick({
    title: title(),
    step: 5,
    totalSteps: STEPS,
    canSelectMany: true,
    items,
    selected: items.filter((i) => state.authFlows.includes(i.label)),
    placeholder: vscode.l10n.t('Sign-in flows the app client allows'),
    validateSelection: (chosen) => (chosen.length === 0 ? vscode.l10n.t('Tick at least one flow (ALLOW_USER_SRP_AUTH is what web pages use).') : undefined),
  });
  state.authFlows = picked.map((p) => p.label);
  return undefined;
};

/**
 * `cognitoBot.createUserPool`: a user pool for a single-page app and its public app client,
 * with the webchat tutorial's defaults. Args `{ name, signInAliases?, requiredAttributes?,
 * clientName?, authFlows? }`; returns `{ userPoolId, clientId, region }`.
 */
export async function createUserPool(deps: PoolsDeps, args?: unknown): Promise<CreateUserPoolResult> {
  const input = commandInput(args);
  let fields = input.fields;
  if (!input.scripted) {
    const ctx = await deps.connections.awsContext();
    const pools = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing user pools…') }, () =>
      allPages((token) => listUserPools(ctx, token)),
    );
    const taken = new Set(pools.map((pool) => pool.name));
    const { name, signInAliases, requiredAttributes, clientName, authFlows } = await MultiStepInput.run(askName, {
      taken,
      region: ctx.region,
      name: freeName(USER_POOL_DEFAULTS.name, taken),
      signInAliases: [...USER_POOL_DEFAULTS.signInAliases],
      requiredAttributes: [...USER_POOL_DEFAULTS.requiredAttributes],
      clientName: USER_POOL_DEFAULTS.clientName,
      authFlows: [...USER_POOL_DEFAULTS.authFlows],
    });
    fields = { name, signInAliases, requiredAttributes, clientName, authFlows };
  }
  const parsed = parseCreateUserPoolArgs(fields);
  const result = await createWithRollback(deps, input, vscode.l10n.t('Creating user pool {0}…', parsed.name), (ctx, journal) => create(ctx, parsed, journal));
  deps.log.info(`Created user pool ${parsed.name} (${result.userPoolId}) with app client ${parsed.clientName} (${result.clientId}) in ${result.region}`);
  deps.tree.refresh();
  if (!input.scripted) {
    const COPY = vscode.l10n.t('Copy User Pool Id');
    const COPY_CLIENT = vscode.l10n.t('Copy Client Id');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('User pool {0} is ready: {1}, app client {2} {3}.', parsed.name, result.userPoolId, parsed.clientName, result.clientId),
        COPY,
        COPY_CLIENT,
      )
      .then(async (picked) => {
        if (picked === COPY) await vscode.env.clipboard.writeText(result.userPoolId);
        if (picked === COPY_CLIENT) await vscode.env.clipboard.writeText(result.clientId);
      });
  }
  return result;
}
