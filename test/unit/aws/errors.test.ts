import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { type ActionableError, explainAwsError } from '../../../src/aws/errors';
import { getCallerIdentity } from '../../../src/aws/identity';
import { profileConnection } from '../../../src/aws/profiles';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { FIXTURES, isolatedAwsFiles } from '../support';

// Each case provokes the failure for real, through the SDK's own credential providers or a
// server, and checks the message says what to do.
describe('aws/errors: what failures tell the user', () => {
  let sandbox: RunningSandbox;
  const factory = () => new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000, maxAttempts: 1 });
  const processCommand = `"${process.execPath}" "${path.join(FIXTURES, 'credential-process.js')}"`;
  const CONFIG = `
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
credential_process = ${processCommand}

[profile stranger]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;
  let files: ReturnType<typeof isolatedAwsFiles>;
  before(async () => (sandbox = await startSandboxServer()));
  after(() => sandbox.close());
  beforeEach(() => (files = isolatedAwsFiles(CONFIG)));
  afterEach(() => files.restore());

  async function failureOf(promise: Promise<unknown>): Promise<ActionableError> {
    try {
      await promise;
    } catch (error) {
      return explainAwsError(error);
    }
    assert.fail('expected a failure');
  }

  for (const profile of ['dev-sso', 'legacy-sso']) {
    it(`an SSO profile (${profile}) with no live session says to run aws sso login --profile`, async () => {
      const connection: Connection = { kind: 'profile', profile, region: 'us-west-2' };
      let error: unknown;
      try {
        await factory().resolveCredentials(connection);
      } catch (e) {
        error = e;
      }
      const explained = explainAwsError(error, connection);
      assert.match(explained.message, new RegExp(`aws sso login --profile ${profile}`));
      assert.deepEqual(explained.actions[0], { kind: 'terminal', title: 'Run aws sso login', commandLine: `aws sso login --profile ${profile}` });
      assert.equal(explained.reason, 'credentials-expired', 'the connection shows it');
    });
  }

  for (const name of ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']) {
    it(`${name} says to refresh the credentials and is marked as expired credentials`, () => {
      const connection: Connection = { kind: 'profile', profile: 'dev', region: 'us-east-1' };
      const explained = explainAwsError(
        { name, message: 'The security token included in the request is expired', $metadata: { httpStatusCode: 403 } },
        connection,
      );
      assert.match(explained.message, /credentials of profile "dev" have expired.*aws sso login --profile dev/);
      assert.equal(explained.reason, 'credentials-expired');
    });
  }

  it('a profile that does not exist says how to create it', async () => {
    const connection: Connection = { kind: 'profile', profile: 'nobody', region: 'us-east-1' };
    const error = await failureOf(factory().resolveCredentials(connection));
    const explained = explainAwsError(error.cause, connection);
    assert.match(explained.message, /No credentials found for profile "nobody".*aws configure --profile nobody/);
  });

  it('a credential_process that fails says to run it and where to fix it', async () => {
    process.env.CBW_PROCESS_FAIL = '1';
    const connection: Connection = { kind: 'profile', profile: 'broker', region: 'us-east-1' };
    const error = await failureOf(factory().resolveCredentials(connection));
    const explained = explainAwsError(error.cause, connection);
    assert.match(explained.message, /credential_process of profile "broker" failed/);
    assert.equal(explained.actions[0]?.kind, 'openFile');
  });

  it('credentials from a credential_process are shared by all clients and refreshed before they expire', async () => {
    const countFile = path.join(files.dir, 'runs');
    process.env.CBW_PROCESS_COUNT_FILE = countFile;
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint; // the profile's endpoint: profile credentials, sandbox answers
    const runs = () => Number(fs.readFileSync(countFile, 'utf8'));
    const clients = factory();
    const connection = await profileConnection('broker', 'us-east-1');

    process.env.CBW_PROCESS_TTL_SECONDS = '3600';
    assert.equal((await getCallerIdentity(clients, connection)).account, '000000000000');
    await (await clients.client(connection, 'iam')).config.credentials();
    await getCallerIdentity(clients, connection);
    assert.equal(runs(), 1, 'one run serves every client while the credentials are fresh');

    const expiring = factory();
    process.env.CBW_PROCESS_TTL_SECONDS = '120'; // inside the five-minute refresh window
    await getCallerIdentity(expiring, connection);
    const afterFirst = runs();
    await getCallerIdentity(expiring, connection);
    assert.ok(runs() > afterFirst, 'credentials that expire within five minutes are fetched again before the next request');
  });

  it('keys the endpoint does not know say so (InvalidClientTokenId)', async () => {
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    const connection = await profileConnection('stranger', 'us-east-1');
    const error = await failureOf(getCallerIdentity(factory(), connection));
    assert.match(error.message, /does not recognise the access key.*InvalidClientTokenId/);
    assert.equal((error as ActionableError).reason, undefined, 'an unknown key is not an expiry');
  });

  it('a sandbox that is not running says to start it', async () => {
    const stopped = await startSandboxServer();
    await stopped.close();
    const connection: Connection = { kind: 'sandbox', endpoint: stopped.endpoint, region: 'us-east-1' };
    const error = await failureOf(getCallerIdentity(factory(), connection));
    assert.match(error.message, new RegExp(`Nothing answers at ${stopped.endpoint}.*Start Local Sandbox`));
    assert.equal(error.actions[0]?.kind, 'command');
  });

  it('an unreachable AWS endpoint says to check the network', async () => {
    // No region is named so: its endpoint's name resolves nowhere, online or off.
    const connection: Connection = { kind: 'profile', profile: 'stranger', region: 'nowhere-1' };
    const error = await failureOf(getCallerIdentity(factory(), connection));
    assert.match(error.message, /Cannot reach AWS \(nowhere-1\).*internet connection/);
  });

  it('an unreachable custom endpoint names it and says where it is set', async () => {
    fs.appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      '\n[profile local]\nendpoint_url = http://sts.invalid\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n',
    );
    const connection = await profileConnection('local', 'us-east-1');
    const error = await failureOf(getCallerIdentity(factory(), connection));
    assert.match(error.message, /Nothing answers at the custom endpoint http:\/\/sts\.invalid\. It is the custom endpoint of profile "local".*endpoint_url/);
    assert.equal(error.actions[0]?.kind, 'openFile');
  });

  it('an unreachable AWS endpoint of a profile whose services section sends only another service elsewhere is said to be AWS, not the custom endpoint', async () => {
    fs.appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      '\n[profile partly-local]\nservices = cognito-only\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n\n[services cognito-only]\ncognito_identity_provider =\n  endpoint_url = http://127.0.0.1:9\n',
    );
    // No region is named so: STS's AWS endpoint resolves nowhere, online or off.
    const connection = await profileConnection('partly-local', 'nowhere-1');
    assert.deepEqual(connection.kind === 'profile' && connection.endpoints, { cognitoIdentityProvider: 'http://127.0.0.1:9' });
    const error = await failureOf(getCallerIdentity(factory(), connection));
    assert.match(error.message, /^Cannot reach AWS \(nowhere-1\).*internet connection/);
    assert.deepEqual(error.actions, []);
  });

  it('never puts a secret from the original error into the message', () => {
    const explained = explainAwsError(
      Object.assign(new Error('bad request SecretAccessKey=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), { name: 'ValidationError' }),
    );
    assert.ok(!explained.message.includes('wJalrXUtnFEMI'), explained.message);
  });
});
