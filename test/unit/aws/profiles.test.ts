import * as assert from 'node:assert/strict';
import { findProfile, listProfiles } from '../../../src/aws/profiles';
import { isolatedAwsFiles } from '../support';

const CONFIG = `
[default]
region = eu-west-1

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-west-2

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1

[profile legacy-sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Developer

[profile broker]
credential_process = /usr/local/bin/token-broker --json

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default

[services local-endpoints]
sts =
  endpoint_url = http://127.0.0.1:1
`;
const CREDENTIALS = `
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[ci]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

describe('aws/profiles', () => {
  let files: ReturnType<typeof isolatedAwsFiles>;
  beforeEach(() => (files = isolatedAwsFiles(CONFIG, CREDENTIALS)));
  afterEach(() => files.restore());

  it('lists profiles from both files, default first, with how each gets credentials', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(
      profiles.map((p) => [p.name, p.kind, p.region]),
      [
        ['default', 'static', 'eu-west-1'],
        ['admin', 'assume-role', undefined],
        ['broker', 'credential_process', undefined],
        ['ci', 'static', undefined],
        ['dev-sso', 'sso', 'us-west-2'],
        ['legacy-sso', 'sso', undefined],
      ],
    );
  });

  it('does not list sso-session or services sections as profiles', async () => {
    const names = (await listProfiles()).map((p) => p.name);
    assert.ok(!names.some((n) => n.includes('corp') || n.includes('local-endpoints')), names.join());
  });

  it('reads the files again on each call, so edits show without a reload', async () => {
    assert.equal(await findProfile('later'), undefined);
    const fs = await import('node:fs');
    fs.appendFileSync(process.env.AWS_CONFIG_FILE!, '\n[profile later]\nregion = ap-south-1\n');
    assert.equal((await findProfile('later'))?.region, 'ap-south-1');
  });

  it('lists nothing, without failing, when there are no AWS files at all', async () => {
    process.env.AWS_CONFIG_FILE = `${files.dir}/missing-config`;
    process.env.AWS_SHARED_CREDENTIALS_FILE = `${files.dir}/missing-credentials`;
    assert.deepEqual(await listProfiles(), []);
  });
});
