import * as assert from 'node:assert/strict';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { IAMClient } from '@aws-sdk/client-iam';
import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory } from '../../../src/aws/clientFactory';
import { connectionFromKey, connectionKey, describeConnection, SERVICE_IDS } from '../../../src/aws/connection';
import { configuredEndpoints } from '../../../src/aws/endpoints';
import { getCallerIdentity } from '../../../src/aws/identity';
import { listProfiles, profileConnection } from '../../../src/aws/profiles';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxAdminCredentials } from '../../support/sandboxClients';
import { isolatedAwsFiles } from '../support';

// A profile's endpoints, read as the AWS CLI and SDKs document it ("Service-specific endpoints"):
// AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's services section > its endpoint_url,
// all off with ignore_configured_endpoint_urls. Temp AWS_CONFIG_FILE files, the SDK's own parser.
const CONFIG = `
[default]
region = eu-west-1
endpoint_url = http://127.0.0.1:9999

[profile local]
endpoint_url = http://127.0.0.1:4566
region = us-east-1

[profile split]
endpoint_url = http://127.0.0.1:4566
services = split-services

[services split-services]
cognito_identity_provider =
  endpoint_url = http://127.0.0.1:9229
lex_runtime_v2 =
  endpoint_url = http://127.0.0.1:4599

[profile only-services]
services = split-services

[profile ignoring]
endpoint_url = http://127.0.0.1:4566
ignore_configured_endpoint_urls = true

[profile broken]
services = nowhere

[profile not-a-url]
endpoint_url = 127.0.0.1:4566

[profile plain]
region = us-west-2
`;

const everywhere = (url: string) => Object.fromEntries(Object.keys(SERVICE_IDS).map((service) => [service, url]));

describe('aws/endpoints: a profile configures where its clients go', () => {
  let files: ReturnType<typeof isolatedAwsFiles>;
  beforeEach(() => {
    files = isolatedAwsFiles(CONFIG);
    delete process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_ENDPOINT_URL_')) delete process.env[key];
  });
  afterEach(() => files.restore());

  it("a profile's endpoint_url sends every client there", async () => {
    assert.deepEqual(await configuredEndpoints('local'), everywhere('http://127.0.0.1:4566'));
  });

  it("a services section sets the services it names; the others keep the profile's endpoint_url, or AWS", async () => {
    assert.deepEqual(await configuredEndpoints('split'), {
      ...everywhere('http://127.0.0.1:4566'),
      cognitoIdentityProvider: 'http://127.0.0.1:9229',
      lexRuntime: 'http://127.0.0.1:4599',
    });
    assert.deepEqual(await configuredEndpoints('only-services'), { cognitoIdentityProvider: 'http://127.0.0.1:9229', lexRuntime: 'http://127.0.0.1:4599' });
  });

  it('AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL, which beats the config file', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:1111';
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = 'http://127.0.0.1:2222';
    process.env.AWS_ENDPOINT_URL_LEX_MODELS_V2 = 'http://127.0.0.1:3333';
    assert.deepEqual(await configuredEndpoints('split'), {
      ...everywhere('http://127.0.0.1:1111'),
      cognitoIdentityProvider: 'http://127.0.0.1:2222',
      lexModels: 'http://127.0.0.1:3333',
    });
    assert.deepEqual((await configuredEndpoints('plain'))?.sts, 'http://127.0.0.1:1111', 'the environment applies to any profile');
  });

  it('ignore_configured_endpoint_urls (profile) or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them all off; the variable wins', async () => {
    assert.equal(await configuredEndpoints('ignoring'), undefined);
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'false';
    assert.deepEqual(await configuredEndpoints('ignoring'), everywhere('http://127.0.0.1:4566'));
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:1111';
    assert.equal(await configuredEndpoints('local'), undefined);
  });

  it("a profile without them has none: the default profile's endpoint_url stays its own", async () => {
    assert.equal(await configuredEndpoints('plain'), undefined);
    assert.equal(await configuredEndpoints('nobody'), undefined);
  });

  it('a services section that is not there, or an endpoint that is not a URL, says what to fix', async () => {
    await assert.rejects(configuredEndpoints('broken'), (error: Error & { actions?: unknown[] }) => {
      assert.match(error.message, /services section "nowhere" specified in profile "broken" is not present in .*config\. Add a \[services nowhere\] section/);
      assert.deepEqual(error.actions, [{ kind: 'openFile', title: 'Open AWS Config', path: process.env.AWS_CONFIG_FILE }]);
      return true;
    });
    await assert.rejects(configuredEndpoints('not-a-url'), /endpoint_url of profile "not-a-url" is "127\.0\.0\.1:4566", which is not an http\(s\) URL/);
  });

  it("the profile list carries each profile's endpoints, and a broken one's problem without hiding the rest", async () => {
    const profiles = new Map((await listProfiles()).map((profile) => [profile.name, profile]));
    assert.equal(profiles.get('local')?.endpoints?.iam, 'http://127.0.0.1:4566');
    assert.equal(profiles.get('plain')?.endpoints, undefined);
    assert.match(profiles.get('broken')?.endpointsProblem ?? '', /services section "nowhere"/);
    assert.equal(profiles.size, 8);
  });

  it('SERVICE_IDS are the serviceIds of the SDK clients the extension builds', () => {
    const clients = {
      sts: STSClient,
      cognitoIdentity: CognitoIdentityClient,
      cognitoIdentityProvider: CognitoIdentityProviderClient,
      iam: IAMClient,
      lexRuntime: LexRuntimeV2Client,
      lexModels: LexModelsV2Client,
      cloudFormation: CloudFormationClient,
    };
    for (const [service, Client] of Object.entries(clients)) {
      const client = new Client({ region: 'us-east-1' });
      assert.equal((client.config as { serviceId?: string }).serviceId, SERVICE_IDS[service as keyof typeof SERVICE_IDS], service);
      client.destroy();
    }
  });

  it('a connection with other endpoints is another connection, and says it has a custom endpoint', async () => {
    const local = await profileConnection('local', 'us-east-1');
    const plain = { kind: 'profile', profile: 'local', region: 'us-east-1' } as const;
    const elsewhere = { ...local, endpoints: { ...local.endpoints, sts: 'http://127.0.0.1:5555' } };
    assert.notEqual(connectionKey(local), connectionKey(plain));
    assert.notEqual(connectionKey(local), connectionKey(elsewhere));
    assert.equal(describeConnection(local), 'local · us-east-1 · custom endpoint');
    assert.equal(describeConnection(plain), 'local · us-east-1');
    for (const connection of [local, plain, elsewhere, { ...plain, profile: 'Dev_Team@corp' }])
      assert.deepEqual(connectionFromKey(connectionKey(connection)), connection);
  });
});

describe("aws/clientFactory: a profile connection's clients go to its endpoints", () => {
  let sandbox: RunningSandbox;
  let files: ReturnType<typeof isolatedAwsFiles>;
  const factory = () => new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000 });

  before(async () => {
    sandbox = await startSandboxServer();
    const admin = sandboxAdminCredentials();
    files = isolatedAwsFiles(
      `[default]\nendpoint_url = http://127.0.0.1:9\n\n[profile local]\nendpoint_url = ${sandbox.endpoint}\nregion = us-east-1\n\n[profile aws]\nregion = us-east-1\n`,
      `[local]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n\n[aws]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n`,
    );
  });
  after(async () => {
    files.restore();
    await sandbox.close();
  });

  it("reaches the profile's endpoint_url, signed with the profile's own keys", async () => {
    const connection = await profileConnection('local', 'us-east-1');
    assert.equal((await getCallerIdentity(factory(), connection)).arn, 'arn:aws:iam::000000000000:user/sandbox-admin');
  });

  it("sends a profile without endpoints to AWS, not to the default profile's endpoint_url", async () => {
    const clients = factory();
    const connection = await profileConnection('aws', 'us-east-1');
    const sts = await clients.client(connection, 'sts');
    // Where the request would go, seen once its endpoint is resolved and before it is signed.
    sts.middlewareStack.add(
      () => async (args) => {
        throw Object.assign(new Error('stop'), { hostname: (args.request as { hostname?: string }).hostname });
      },
      { step: 'build', name: 'seeHostname' },
    );
    const stopped = await sts.send(new GetCallerIdentityCommand({})).catch((error: { hostname?: string }) => error);
    assert.equal((stopped as { hostname?: string }).hostname, 'sts.us-east-1.amazonaws.com');
    clients.clear();
  });
});
