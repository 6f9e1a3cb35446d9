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
