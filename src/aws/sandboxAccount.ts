// The sandbox's single account and its administrator's keys: a contract that src/aws defines
// (the client factory signs sandbox connections with these keys) and the sandbox honours.
// They only open the sandbox on this machine's loopback, so they are constants, not secrets.
export const SANDBOX_ACCOUNT_ID = '000000000000';
export const SANDBOX_ADMIN_USER = 'sandbox-admin';
export const SANDBOX_ADMIN_USER_ID = 'AIDASANDBOXADMIN0000';
export const SANDBOX_ADMIN_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIASANDBOXADMIN0000',
  secretAccessKey: 'sandbox-admin-secret',
});

/** The AWS profile `npm run sandbox` suggests, so the AWS CLI and other SDKs reach the same sandbox. */
export const SANDBOX_PROFILE = 'cognito-bot-sandbox';

/**
 * That profile's sections, to paste into ~/.aws/config and ~/.aws/credentials, for a sandbox at
 * `endpoint`: its endpoint_url sends every service there, and its keys are the admin's.
 */
export function sandboxProfileSections(endpoint: string, region: string): { readonly config: string; readonly credentials: string } {
  return {
    config: `[profile ${SANDBOX_PROFILE}]\nendpoint_url = ${endpoint}\nregion = ${region}\n`,
    credentials: `[${SANDBOX_PROFILE}]\naws_access_key_id = ${SANDBOX_ADMIN_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${SANDBOX_ADMIN_CREDENTIALS.secretAccessKey}\n`,
  };
}
