import * as path from 'node:path';
import * as vscode from 'vscode';
import { ActionableError, InvalidArgumentsError } from '../../aws/errors';
import { deployStack, stackNameFromFile, stackNameProblem, templateParameters, type DeployResult } from '../../provisioning/export/deploy';
import { optionalStringArg } from '../../provisioning/names';
import { isArgsObject } from '../../ui/registerCommand';
import type { ExportDeps } from './exportSetup';

export interface DeployToSandboxResult extends DeployResult {
  readonly file: string;
}

/** The template: args.path, the file a menu was opened on, or the active editor's. */
function templateUri(args: unknown): vscode.Uri {
  if (args instanceof vscode.Uri) return args;
  if (isArgsObject(args)) {
    const given = optionalStringArg(args, 'path');
    if (!given) throw new InvalidArgumentsError(vscode.l10n.t('Give "path": the template file to deploy.'));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return path.isAbsolute(given) || !folder ? vscode.Uri.file(given) : vscode.Uri.joinPath(folder, given);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (!active) throw new ActionableError(vscode.l10n.t('Open a CloudFormation template (YAML or JSON) in the editor, then run Deploy to Sandbox.'));
  return active;
}

function parameterArgs(args: unknown): Record<string, string> | undefined {
  if (!isArgsObject(args) || args.parameters === undefined) return undefined;
  const parameters = args.parameters;
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters) || Object.values(parameters).some((v) => typeof v !== 'string'))
    throw new InvalidArgumentsError(vscode.l10n.t('"parameters" must be an object of strings, such as {0}.', '{ "PoolName": "ShopVisitors" }'));
  return parameters as Record<string, string>;
}

async function askStackName(suggested: string): Promise<string> {
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Deploy to Sandbox'),
    prompt: vscode.l10n.t('Name of the stack (deploying to a stack of that name again updates it)'),
    value: suggested,
    validateInput: (value) => stackNameProblem(value.trim()),
  });
  if (name === undefined) throw new vscode.CancellationError();
  return name.trim();
}

/**
 * `cognitoBot.deployToSandbox`: deploys a CloudFormation template (an exported setup, or any of
 * the kinds the sandbox runs) to the local sandbox as `aws cloudformation deploy` would,
 * writing each stack event to the log and the outputs at the end. Args `{ path, stackName?,
 * parameters? }` → `{ file, stackName, status, changed, outputs }`.
 */
export async function deployToSandbox(deps: ExportDeps, args?: unknown): Promise<DeployToSandboxResult> {
  const active = deps.connections.current;
  if (active?.connection.kind !== 'sandbox')
    throw new ActionableError(vscode.l10n.t('Deploy to Sandbox deploys to the local sandbox, and the current connection is not it. Start the sandbox first.'), [
      { kind: 'command', title: vscode.l10n.t('Start Local Sandbox'), command: 'cognitoBot.startSandbox' },
    ]);
  const uri = templateUri(args);
  let templateBody: string;
  try {
    // The document as it is in the editor, unsaved changes included.
    templateBody = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch (error) {
    throw new ActionableError(vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, (error as Error).message));
  }
  const scripted = isArgsObject(args);
  const suggested = stackNameFromFile(uri.fsPath);
  const stackName = scripted ? (optionalStringArg(args, 'stackName') ?? suggested) : await askStackName(suggested);
  const ctx = await deps.connections.awsContext();
  let parameters = parameterArgs(args);
  if (!scripted) {
    // Ask only for what has no default, as `aws cloudformation deploy` requires.
    parameters = {};
    for (const parameter of await templateParameters(ctx, templateBody)) {
      if (parameter.defaultValue !== undefined) continue;
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Deploy to Sandbox'),
        prompt: parameter.description
          ? vscode.l10n.t({ message: '{0}: {1}', args: [parameter.key, parameter.description], comment: ['{0} is a template parameter, {1} its description'] })
          : parameter.key,
        password: parameter.noEcho,
        ignoreFocusOut: true,
      });
      if (value === undefined) throw new vscode.CancellationError();
      parameters[parameter.key] = value;
    }
  }

  deps.log.info(`Deploying ${uri.fsPath} to the sandbox as stack ${stackName}`);
  deps.log.show();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying stack {0} to the sandbox', stackName) },
    (progress) =>
      deployStack(
        ctx,
        { stackName, templateBody, parameters },
        {
          onEvent: (event) => {
            deps.log.info(`stack ${stackName}: ${event.logicalId} (${event.type}) ${event.status}${event.reason ? `: ${event.reason}` : ''}`);
            progress.report({ message: `${event.logicalId} ${event.status}` });
          },
        },
      ),
  );
  const outputs = Object.entries(result.outputs);
  deps.log.info(
    `Stack ${stackName} is ${result.status}${result.changed ? '' : ' (no changes to deploy)'}; outputs:${outputs.length === 0 ? ' none' : ''}${outputs.map(([k, v]) => `\n  ${k} = ${v}`).join('')}`,
  );
  if (!scripted) {
    const copy = vscode.l10n.t('Copy Outputs');
    const message = result.changed
      ? vscode.l10n.t('Stack {0} is {1}, with {2} outputs (in the log).', stackName, result.status, outputs.length)
      : vscode.l10n.t('Stack {0} is as the template says already: no changes to deploy.', stackName);
    void vscode.window.showInformationMessage(message, ...(outputs.length > 0 ? [copy] : [])).then(async (picked) => {
      if (picked === copy) await vscode.env.clipboard.writeText(JSON.stringify(result.outputs, null, 2));
    });
  }
  return { file: uri.fsPath, ...result };
}
