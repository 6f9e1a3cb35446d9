import type { ConfiguredEndpoints, ProfileConnection } from './connection';
import { configuredEndpoints, resolveEndpoints } from './endpoints';
import { loadSdk } from './loadSdk';

/** How a profile gets its credentials; shown in the picker and used to explain failures. */
export type ProfileKind = 'sso' | 'credential_process' | 'assume-role' | 'web-identity' | 'static' | 'unknown';

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The profile's `region`, when its config section names one. */
  readonly region?: string;
  /** Where its clients go instead of AWS (its endpoint_url, services section, AWS_ENDPOINT_URL*). */
  readonly endpoints?: ConfiguredEndpoints;
  /** Why its endpoints cannot be read (a `services` section that is not there, a URL that is not one). */
  readonly endpointsProblem?: string;
}

type Section = Record<string, string | undefined>;

// loadSharedConfigFiles files these sub-sections under "prefix.name": they are not profiles.
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

function kindOf(section: Section): ProfileKind {
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.credential_process) return 'credential_process';
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'assume-role';
  if (section.aws_access_key_id) return 'static';
  return 'unknown';
}

/**
 * The profiles in the shared config and credentials files (honouring AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE), `default` first, then by name.
 */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { loadSharedConfigFiles } = await loadSdk();
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const { configFile, credentialsFile } = files;
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const profiles: ProfileInfo[] = [];
  for (const name of names) {
    if (NON_PROFILE_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const merged: Section = { ...credentialsFile[name], ...configFile[name] };
    let endpoints: ConfiguredEndpoints | undefined;
    let endpointsProblem: string | undefined;
    try {
      endpoints = resolveEndpoints(name, files);
    } catch (error) {
      // One profile's mistake must not hide the others: the picker shows it, connecting explains it.
      endpointsProblem = error instanceof Error ? error.message : String(error);
    }
    profiles.push({ name, kind: kindOf(merged), region: configFile[name]?.region || undefined, endpoints, endpointsProblem });
  }
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export async function findProfile(name: string): Promise<ProfileInfo | undefined> {
  return (await listProfiles()).find((profile) => profile.name === name);
}

/** A connection to `profile` in `region`, with the endpoints its config sets now. */
export async function profileConnection(profile: string, region: string): Promise<ProfileConnection> {
  const endpoints = await configuredEndpoints(profile);
  return endpoints ? { kind: 'profile', profile, region, endpoints } : { kind: 'profile', profile, region };
}
