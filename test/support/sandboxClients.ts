// SDK clients against the sandbox (or cognito-local), for unit and host tests and the
// benchmarks (as out/test/support/sandboxClients.js). The only place tests import the
// sandbox admin's keys from.
import { SANDBOX_ADMIN_CREDENTIALS } from '../../src/aws/sandboxAccount';

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Overrides of the config: other keys (a guest's, a stranger's), the SDK's retries, a skewed clock. */
export interface SandboxClientOptions {
  credentials?: SandboxCredentials;
  maxAttempts?: number;
  systemClockOffset?: number;
}

export interface SandboxClientConfig extends SandboxClientOptions {
  region: string;
  endpoint: string;
  credentials: SandboxCredentials;
}

/** A fresh copy of the sandbox admin's keys, to sign as the admin or to alter for a test. */
export function sandboxAdminCredentials(): SandboxCredentials {
  return { ...SANDBOX_ADMIN_CREDENTIALS };
}

/**
 * The config an SDK client takes to call endpoint: us-east-1, the sandbox admin's keys, and one
 * attempt (a test sees the first error, never a retry of it), each overridable by `options`.
 */
export function sandboxClientConfig(endpoint: string, options: SandboxClientOptions = {}): SandboxClientConfig {
  return { region: 'us-east-1', endpoint, credentials: sandboxAdminCredentials(), maxAttempts: 1, ...options };
}
