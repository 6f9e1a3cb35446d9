import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

/**
 * Points the AWS SDK's shared-file loading at fresh config and credentials files (and HOME at
 * an empty folder, so no SSO token cache or real profile leaks in) until `restore()`.
 */
export function isolatedAwsFiles(config: string, credentials = ''): { dir: string; restore(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-aws-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  const saved = { ...process.env };
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.HOME = dir;
  for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_ENDPOINT_URL']) {
    delete process.env[key];
  }
  return {
    dir,
    restore() {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
