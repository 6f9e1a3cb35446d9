import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isRegion } from '../aws/ids';
import {
  type ConfiguredEndpoints,
  type Connection,
  CUSTOM_ENDPOINT,
  describeConnection,
  endpointUrls,
  SANDBOX_DEFAULT_REGION,
  sameConnection,
} from '../aws/connection';
import { type ConnectionRequest, parseConnectionRequest } from '../aws/connectionRequest';
import { ActionableError, explainError, InvalidArgumentsError } from '../aws/errors';
import { type CallerIdentity, getCallerIdentity } from '../aws/identity';
import { findProfile, listProfiles, profileConnection, type ProfileInfo } from '../aws/profiles';
import { COGNITO_LEX_REGIONS } from '../aws/regions';
import type { ConnectionManager } from './connectionManager';
import type { SandboxHost } from './sandboxHost';

/** What `cognitoBot.selectConnection` (and `startSandbox`) return. */
export interface ConnectionResult {
  readonly kind: Connection['kind'];
  readonly profile?: string;
  readonly endpoint?: string;
  /** A profile's configured endpoints (its endpoint_url, services section, AWS_ENDPOINT_URL*). */
  readonly endpoints?: ConfiguredEndpoints;
  readonly region: string;
  readonly account: string;
  readonly arn: string;
}

function kindLabel(kind: ProfileInfo['kind']): string {
  const labels: Record<ProfileInfo['kind'], string> = {
    sso: vscode.l10n.t('IAM Identity Center (SSO)'),
    credential_process: 'credential_process',
    'assume-role': vscode.l10n.t('assumes a role'),
    'web-identity': vscode.l10n.t('web identity'),
    static: vscode.l10n.t('access key'),
    unknown: '',
  };
  return labels[kind];
}

export function sandboxPortSetting(): number {
  return vscode.workspace.getConfiguration('cognitoBot').get<number>('sandbox.port', 0);
}

/** The sandbox's state folder: the setting, else the extension's global storage. */
export function sandboxStateDirSetting(globalStorage: vscode.Uri): string {
  const configured = vscode.workspace.getConfiguration('cognitoBot').get<string>('sandbox.stateFolder', '').trim();
  if (!configured) return vscode.Uri.joinPath(globalStorage, 'sandbox').fsPath;
  return configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : path.resolve(configured);
}

function regionSetting(): string | undefined {
  const region = vscode.workspace.getConfiguration('cognitoBot').get<string>('region', '').trim();
  return region && isRegion(region) ? region : undefined;
}

/**
 * `cognitoBot.selectConnection`: pick the local sandbox or an AWS profile (and a region),
 * check it with STS GetCallerIdentity, and make it current.
 * Args: `{ profile, region? }` or `{ sandbox: { endpoint?, region? } }`.
 */
export async function selectConnection(connections: ConnectionManager, sandbox: SandboxHost, args?: unknown): Promise<ConnectionResult> {
  const request = args === undefined ? await askForConnection() : parseConnectionRequest(args);
  const connection = await resolveConnection(request, sandbox, args === undefined);
  const identity = await checkWithProgress(connections, connection);
  await connections.use(connection, identity);
  if (args === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Cognito Bot: connected to {0}, account {1}.', describeConnection(connection), identity.account));
  }
  return toResult(connection, identity);
}

export function toResult(connection: Connection, identity: CallerIdentity): ConnectionResult {
  return {
    kind: connection.kind,
    ...(connection.kind === 'profile'
      ? { profile: connection.profile, ...(connection.endpoints && { endpoints: connection.endpoints }) }
      : { endpoint: connection.endpoint }),
    region: connection.region,
    account: identity.account,
    arn: identity.arn,
  };
}

/**
 * STS GetCallerIdentity with progress; a profile's check (SSO, credential_process, network) is
 * cancellable. A failure is explained for the connection checked; expired credentials of a
 * connection that is not (yet) current do not mark the current one.
 */
export async function checkWithProgress(connections: ConnectionManager, connection: Connection): Promise<CallerIdentity> {
  const location = connection.kind === 'sandbox' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress(
    { location, title: vscode.l10n.t('Checking {0}…', describeConnection(connection)), cancellable: connection.kind === 'profile' },
    async (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await getCallerIdentity(connections.clients, connection, abort.signal);
      } catch (error) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        const explained = explainError(error, connection);
        if (explained instanceof ActionableError && explained.reason && !sameConnection(connections.current?.connection, connection)) {
          throw new ActionableError(explained.message, explained.actions, { cause: explained.cause });
        }
        throw explained;
      } finally {
        subscription.dispose();
      }
    },
  );
}

async function resolveConnection(request: ConnectionRequest, sandbox: SandboxHost, interactive: boolean): Promise<Connection> {
  if (request.kind === 'sandbox') {
    const endpoint = request.endpoint ?? (await sandbox.start(sandboxPortSetting(), sandboxStateDirSetting(sandbox.globalStorage))).endpoint;
    return { kind: 'sandbox', endpoint, region: request.region ?? SANDBOX_DEFAULT_REGION };
  }
  const profile = await findProfile(request.profile);
  if (!profile) {
    throw new ActionableError(
      vscode.l10n.t(
        'There is no AWS profile named "{0}" in {1} or {2}. Create it with "aws configure --profile {0}", or pick another.',
        request.profile,
        process.env.AWS_CONFIG_FILE || '~/.aws/config',
        process.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials',
      ),
      [{ kind: 'terminal', title: vscode.l10n.t('Run aws configure'), commandLine: `aws configure --profile ${request.profile}` }],
    );
  }
  const region = request.region ?? profile.region ?? regionSetting() ?? (interactive ? await askForRegion(profile.name) : undefined);
  if (!region) {
    throw new InvalidArgumentsError(`Profile "${profile.name}" names no region and the "cognitoBot.region" setting is empty: pass { profile, region }.`);
  }
  return profileConnection(profile.name, region);
}

/** "custom endpoint http://127.0.0.1:4566" for a profile whose clients go elsewhere than AWS. */
function endpointsLabel(profile: ProfileInfo): string | undefined {
  if (profile.endpointsProblem) return `$(warning) ${CUSTOM_ENDPOINT}: ${profile.endpointsProblem}`;
  return profile.endpoints && `${CUSTOM_ENDPOINT} ${endpointUrls(profile.endpoints).join(', ')}`;
}

type ConnectionPick = vscode.QuickPickItem & { request?: ConnectionRequest; openConfig?: boolean };

async function askForConnection(): Promise<ConnectionRequest> {
  const profiles = await listProfiles();
  const items: ConnectionPick[] = [
    {
      label: `$(beaker) ${vscode.l10n.t('Local sandbox')}`,
      description: vscode.l10n.t('on this machine, no AWS account needed'),
      request: { kind: 'sandbox' },
    },
    { label: vscode.l10n.t('AWS profiles'), kind: vscode.QuickPickItemKind.Separator },
    ...profiles.map((profile) => ({
      label: `$(cloud) ${profile.name}`,
      description: [kindLabel(profile.kind), profile.region, endpointsLabel(profile)].filter(Boolean).join(' · '),
      request: { kind: 'profile' as const, profile: profile.name },
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(gear) ${vscode.l10n.t('Edit AWS config file')}`,
      description: profiles.length === 0 ? vscode.l10n.t('no profiles found: add one, or run "aws configure"') : undefined,
      openConfig: true,
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Cognito Bot: Select Connection'),
    placeHolder: vscode.l10n.t('Connect to the local sandbox or an AWS profile'),
    matchOnDescription: true,
  });
  if (!picked) throw new vscode.CancellationError();
  if (picked.openConfig) {
    const file = process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
    // A missing file opens as an untitled editor that saves to the right place.
    const uri = fs.existsSync(file) ? vscode.Uri.file(file) : vscode.Uri.file(file).with({ scheme: 'untitled' });
    await vscode.window.showTextDocument(uri);
    throw new vscode.CancellationError();
  }
  return picked.request!;
}

async function askForRegion(profile: string): Promise<string> {
  const input = vscode.window.createQuickPick();
  input.title = vscode.l10n.t('Region for profile "{0}"', profile);
  input.placeholder = vscode.l10n.t('Pick a region, or type a region code such as eu-north-1');
  const base = COGNITO_LEX_REGIONS.map((label) => ({ label }));
  input.items = base;
  return new Promise<string>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (value: string | undefined) => {
      disposables.forEach((d) => d.dispose());
      input.dispose();
      if (value) resolve(value);
      else reject(new vscode.CancellationError());
    };
    disposables.push(
      input.onDidChangeValue((value) => {
        const typed = value.trim();
        input.items = isRegion(typed) && !COGNITO_LEX_REGIONS.includes(typed) ? [{ label: typed, description: vscode.l10n.t('typed') }, ...base] : base;
      }),
      input.onDidAccept(() => finish(input.selectedItems[0]?.label)),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
