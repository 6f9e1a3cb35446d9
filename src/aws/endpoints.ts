import { type ConfiguredEndpoints, SERVICE_IDS } from './connection';
import { ActionableError } from './errors';
import { loadSdk } from './loadSdk';

// A profile's own endpoints, read as the AWS CLI and SDKs read them ("Service-specific
// endpoints" in the AWS SDKs and Tools reference guide). The SDK for JavaScript reads them only
// for the AWS_PROFILE (or default) profile, whatever profile a client's credentials come from,
// so the client factory is given them per connection instead.

type Section = Readonly<Record<string, string | undefined>>;

/** The shared config and credentials files as the SDK's loadSharedConfigFiles returns them. */
export interface SharedConfigFiles {
  readonly configFile: Readonly<Record<string, Section>>;
  readonly credentialsFile: Readonly<Record<string, Section>>;
}

type Env = Readonly<Record<string, string | undefined>>;

function configFileName(env: Env): string {
  return env.AWS_CONFIG_FILE || '~/.aws/config';
}

/** "true" or "false" (any case), as the SDKs accept; anything else is a mistake to show. */
function flag(value: string | undefined, where: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^true$/i.test(value.trim())) return true;
  if (/^false$/i.test(value.trim())) return false;
  throw new ActionableError(`${where} must be true or false; it is "${value}".`);
}

function checkedUrl(value: string, where: string, env: Env): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // said below
  }
  throw new ActionableError(
    `${where} is "${value}", which is not an http(s) URL. Give one such as http://127.0.0.1:4566, or remove it to use AWS.`,
    where.startsWith('AWS_') ? [] : [{ kind: 'openFile', title: 'Open AWS Config', path: configFileName(env) }],
  );
}

/**
 * The endpoint of each client for `profile`, in the documented order: AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `services` section, the profile's `endpoint_url`; none when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's ignore_configured_endpoint_urls) is true.
 * Undefined when no client has one. Throws when the profile names a `services` section that is
 * not there, as the SDKs do.
 */
export function resolveEndpoints(profile: string, files: SharedConfigFiles, env: Env = process.env): ConfiguredEndpoints | undefined {
  // As the SDK merges a profile: the config file's settings over the credentials file's.
  const section: Section = { ...files.credentialsFile[profile], ...files.configFile[profile] };
  const ignore =
    flag(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') ??
    flag(section.ignore_configured_endpoint_urls, `ignore_configured_endpoint_urls of profile "${profile}"`) ??
    false;
  if (ignore) return undefined;
  let services: Section = {};
  if (section.services) {
    const found = files.configFile[`services.${section.services}`];
    if (!found) {
      throw new ActionableError(
        `The services section "${section.services}" specified in profile "${profile}" is not present in ${configFileName(env)}. Add a [services ${section.services}] section there, or remove "services" from the profile.`,
        [{ kind: 'openFile', title: 'Open AWS Config', path: configFileName(env) }],
      );
    }
    services = found;
  }
  const endpoints: Partial<Record<keyof typeof SERVICE_IDS, string>> = {};
  for (const [service, serviceId] of Object.entries(SERVICE_IDS) as [keyof typeof SERVICE_IDS, string][]) {
    const envName = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`;
    const key = `${serviceId.toLowerCase().replace(/ /g, '_')}.endpoint_url`;
    const [url, where] = env[envName]
      ? [env[envName], envName]
      : env.AWS_ENDPOINT_URL
        ? [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL']
        : services[key]
          ? [services[key], `${key} in [services ${section.services}]`]
          : section.endpoint_url
            ? [section.endpoint_url, `endpoint_url of profile "${profile}"`]
            : [undefined, ''];
    if (url) endpoints[service] = checkedUrl(url, where, env);
  }
  return Object.keys(endpoints).length > 0 ? endpoints : undefined;
}

/** resolveEndpoints with the config files as they are now (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE honoured). */
export async function configuredEndpoints(profile: string): Promise<ConfiguredEndpoints | undefined> {
  const { loadSharedConfigFiles } = await loadSdk();
  return resolveEndpoints(profile, await loadSharedConfigFiles({ ignoreCache: true }));
}
