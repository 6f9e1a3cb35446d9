// The tutorials' chain (user pool, app client `chatapp`, a signed-in user, an identity pool with
// guest access and the user pool as provider, the two roles with AmazonLexRunBotsOnly, then Lex)
// walked against `npm run sandbox` by two independent AWS clients: the AWS CLI v2 and boto3, as
// Debian ships them (awscli 2.9, python3-boto3 1.26). They parse each answer with AWS's own
// models, so a shape the SDK for JavaScript forgives fails here. These versions ignore
// AWS_ENDPOINT_URL: every call passes --endpoint-url / endpoint_url.
//
// The steps that check one AWS detail each (the schema, the client's defaults, email_verified,
// the Lex error's content type) found a difference from AWS when written; each is its own `it`.
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CognitoAuthType, cognitoTrustPolicy } from '../../../src/policies/trust';
import { FIXTURES } from '../support';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const INSTALL = 'apt-get install awscli python3-boto3';
const LEX_RUN_BOTS_ONLY = 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly';

interface Sandbox {
  child: ChildProcess;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  botId: string;
}

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Starts `node scripts/sandbox.mjs` and resolves once it has printed its variables and the sample bot's id. */
function startSandbox(): Promise<Sandbox> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'sandbox.mjs'), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const check = () => {
      const env = Object.fromEntries(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(/=(.*)/s).slice(0, 2)),
      );
      const bot = /^bot CoffeeShop \(sample\): id (\S+), alias TSTALIASID, locales en_US$/m.exec(err);
      if (env.AWS_REGION && bot) {
        const { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_REGION: region } = env;
        resolve({ child, endpoint, accessKeyId, secretAccessKey, region, botId: bot[1] });
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), check()));
    child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString()), check()));
    child.on('exit', (code) => reject(new Error(`sandbox CLI exited with ${code}: ${err}`)));
  });
}

/**
 * The client to run: Debian's (/usr/bin, what `apt-get install` gives) when it is there, so a
 * newer copy earlier on PATH (pyenv, pip) does not stand in for it; else PATH's; CBW_AWS_CLI /
 * CBW_PYTHON override both.
 */
function tool(override: string | undefined, debian: string, name: string): string {
  return override || (fs.existsSync(debian) ? debian : name);
}
const AWS = tool(process.env.CBW_AWS_CLI, '/usr/bin/aws', 'aws');
const PYTHON = tool(process.env.CBW_PYTHON, '/usr/bin/python3', 'python3');

/** An answer the CLI printed, read field by field as each assertion needs it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface Run {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 32 * 1024 * 1024, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** Fails the suite, never skips it, when a client is missing: CI installs both. */
async function requireTool(file: string, args: string[], what: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, { PATH: process.env.PATH, HOME: os.tmpdir() });
    return (stdout + stderr).trim();
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`${what} is needed for this test (${file} ${args.join(' ')} failed: ${detail}). Install it: ${INSTALL}`, { cause: error });
  }
}

/** JSON Web Token claims, unverified (the sandbox signed them; this only reads them). */
function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('sandbox with the AWS CLI and boto3', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let home: string;

  before(async () => {
    sandbox = await startSandbox();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-clients-'));
    // Empty config and credentials files: the machine's own ~/.aws is never read.
    fs.writeFileSync(path.join(home, 'config'), '');
    fs.writeFileSync(path.join(home, 'credentials'), '');
  });
  after(() => {
    sandbox?.child.kill();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  /** The environment of a client process: only what it needs, and the given keys. */
  const clientEnv = (keys: Keys = sandbox): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    AWS_DEFAULT_REGION: sandbox.region,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  });

  describe('AWS CLI', () => {
    let version: string;
    const ids: Record<string, string> = {};
    let idToken: string;
    const provider = () => `cognito-idp.${sandbox.region}.amazonaws.com/${ids.userPool}`;

    /** `aws ARGS --endpoint-url … --output json`: exit 0 and JSON (or nothing) on stdout, else a failure that shows stderr. */
    const aws = async (args: string[], keys?: Keys): Promise<Json> => {
      let result: Run;
      try {
        result = await run(AWS, [...args, '--endpoint-url', sandbox.endpoint, '--output', 'json'], clientEnv(keys));
      } catch (error) {
        const { code, stderr } = error as { code?: number; stderr?: string };
        assert.fail(`aws ${args.slice(0, 2).join(' ')} exited with ${code}:\n${stderr}`);
      }
      const text = result.stdout.trim();
      if (text === '') return {};
      try {
        return JSON.parse(text);
      } catch {
        assert.fail(`aws ${args.slice(0, 2).join(' ')} printed no JSON:\n${text}\n${result.stderr}`);
      }
    };
    /** A policy document as a file, for `file://` as the tutorials' readers would pass it. */
    const document = (name: string, body: unknown) => {
      const file = path.join(home, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(body, null, 2));
      return `file://${file}`;
    };
    const trustPolicy = (amr: CognitoAuthType) => cognitoTrustPolicy(ids.identityPool, amr);
    // An inline policy of the notes app's kind (per-identity S3 prefix, API Gateway invoke).
    const notesAppPolicy: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'policies', 'per-identity-uploads-and-api.policy.json'), 'utf8'));
    let createdPool: Json;
    let createdClient: Json;

    before(async () => {
      version = await requireTool(AWS, ['--version'], 'The AWS CLI (aws)');
    });

    it('creates the user pool: email sign-in, email and name required', async () => {
      const { UserPool } = await aws([
        'cognito-idp',
        'create-user-pool',
        '--pool-name',
        'BotUsers',
        '--username-attributes',
        'email',
        '--auto-verified-attributes',
        'email',
        '--schema',
        'Name=email,Required=true,Mutable=true',
        'Name=name,Required=true,Mutable=true',
      ]);
      createdPool = UserPool;
      assert.match(UserPool.Id, /^us-east-1_[A-Za-z0-9]{9}$/, version);
      assert.equal(UserPool.Name, 'BotUsers');
      assert.deepEqual(UserPool.UsernameAttributes, ['email']);
      assert.equal(UserPool.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool.Id}`);
      const required = UserPool.SchemaAttributes.filter((a: { Required: boolean }) => a.Required).map((a: { Name: string }) => a.Name);
      assert.ok(required.includes('email') && required.includes('name'), JSON.stringify(required));
      ids.userPool = UserPool.Id;
    });

    it('describes the user pool schema as AWS does (sub, Boolean and Number types, no empty AliasAttributes)', () => {
      assert.ok(createdPool, 'the user pool was created');
      const schema: Json = Object.fromEntries(createdPool.SchemaAttributes.map((a: { Name: string }) => [a.Name, a]));
      // AWS lists `sub` (String, Required, immutable, 1..2048) first in every pool's
      // SchemaAttributes (awscli/examples/cognito-idp/create-user-pool.rst).
      assert.deepEqual(
        schema.sub && { ...schema.sub },
        {
          Name: 'sub',
          AttributeDataType: 'String',
          DeveloperOnlyAttribute: false,
          Mutable: false,
          Required: true,
          StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
        },
        'sub',
      );
      // email_verified and phone_number_verified are Boolean and updated_at is Number (MinValue 0)
      // in AWS (same example).
      assert.deepEqual(
        ['email_verified', 'phone_number_verified', 'updated_at'].map((n) => schema[n]?.AttributeDataType),
        ['Boolean', 'Boolean', 'Number'],
      );
      // AWS gives each standard string attribute DeveloperOnlyAttribute and
      // StringAttributeConstraints (e.g. email: 0..2048, birthdate: 10..10).
      assert.deepEqual([schema.email.DeveloperOnlyAttribute, schema.email.StringAttributeConstraints], [false, { MinLength: '0', MaxLength: '2048' }]);
      // AWS omits AliasAttributes when the pool has none (a pool with UsernameAttributes cannot
      // have any).
      assert.equal(createdPool.AliasAttributes, undefined);
    });

    it('creates the public app client chatapp (no secret, USER_PASSWORD_AUTH on)', async () => {
      const { UserPoolClient } = await aws([
        'cognito-idp',
        'create-user-pool-client',
        '--user-pool-id',
        ids.userPool,
        '--client-name',
        'chatapp',
        '--no-generate-secret',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ]);
      createdClient = UserPoolClient;
      assert.equal(UserPoolClient.UserPoolId, ids.userPool);
      assert.equal(UserPoolClient.ClientName, 'chatapp');
      assert.match(UserPoolClient.ClientId, /^[a-z0-9]{26}$/);
      assert.equal(UserPoolClient.ClientSecret, undefined);
      assert.deepEqual(UserPoolClient.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
      ids.client = UserPoolClient.ClientId;
    });

    it('says AllowedOAuthFlowsUserPoolClient false for the app client, as AWS does', () => {
      assert.ok(createdClient, 'the app client was created');
      // AWS returns "AllowedOAuthFlowsUserPoolClient": false for a client without OAuth
      // (awscli/examples/cognito-idp/create-user-pool-client.rst).
      assert.equal(createdClient.AllowedOAuthFlowsUserPoolClient, false);
    });

    it('signs a user up, confirms them as admin, and signs in with USER_PASSWORD_AUTH', async () => {
      const up = await aws([
        'cognito-idp',
        'sign-up',
        '--client-id',
        ids.client,
        '--username',
        'ana@example.com',
        '--password',
        'Passw0rd!cli',
        '--user-attributes',
        'Name=email,Value=ana@example.com',
        'Name=name,Value=Ana',
      ]);
      assert.equal(up.UserConfirmed, false);
      assert.match(up.UserSub, /^[0-9a-f-]{36}$/);
      assert.deepEqual(await aws(['cognito-idp', 'admin-confirm-sign-up', '--user-pool-id', ids.userPool, '--username', 'ana@example.com']), {});
      const auth = await aws([
        'cognito-idp',
        'initiate-auth',
        '--client-id',
        ids.client,
        '--auth-flow',
        'USER_PASSWORD_AUTH',
        '--auth-parameters',
        'USERNAME=ana@example.com,PASSWORD=Passw0rd!cli',
      ]);
      const result = auth.AuthenticationResult;
      assert.equal(result.TokenType, 'Bearer');
      assert.equal(result.ExpiresIn, 3600);
      assert.ok(result.AccessToken && result.RefreshToken && result.IdToken);
      idToken = result.IdToken;
      const id = claims(idToken);
      assert.deepEqual(
        [id.token_use, id.aud, id.iss, id.sub, id.email, id.name],
        ['id', ids.client, `https://cognito-idp.us-east-1.amazonaws.com/${ids.userPool}`, up.UserSub, 'ana@example.com', 'Ana'],
      );
      ids.userSub = up.UserSub;
    });

    it('says an admin-confirmed user has not verified their email (email_verified false)', () => {
      assert.ok(idToken, 'the user signed in');
      // AdminConfirmSignUp confirms the account without a code; it does not verify the email
      // address, so AWS's ID token says email_verified false until the code is confirmed or an
      // admin sets the attribute.
      assert.equal(claims(idToken).email_verified, false);
    });

    it('creates the identity pool BotPool: guest access, the user pool as provider', async () => {
      const pool = await aws([
        'cognito-identity',
        'create-identity-pool',
        '--identity-pool-name',
        'BotPool',
        '--allow-unauthenticated-identities',
        '--cognito-identity-providers',
        `ProviderName=${provider()},ClientId=${ids.client},ServerSideTokenCheck=false`,
      ]);
      assert.match(pool.IdentityPoolId, /^us-east-1:[0-9a-f-]{36}$/);
      assert.equal(pool.IdentityPoolName, 'BotPool');
      assert.equal(pool.AllowUnauthenticatedIdentities, true);
      assert.deepEqual(pool.CognitoIdentityProviders, [{ ProviderName: provider(), ClientId: ids.client, ServerSideTokenCheck: false }]);
      ids.identityPool = pool.IdentityPoolId;
    });

    it('creates both roles with Cognito trust policies, attaches AmazonLexRunBotsOnly, puts the inline policy, and sets them on the pool', async () => {
      const [unauth, auth] = await Promise.all(
        (['unauthenticated', 'authenticated'] as const).map((amr) =>
          aws([
            'iam',
            'create-role',
            '--role-name',
            amr === 'authenticated' ? 'Cognito_BotPoolAuth_Role' : 'Cognito_BotPoolUnauth_Role',
            '--assume-role-policy-document',
            document(`trust-${amr}`, trustPolicy(amr)),
          ]),
        ),
      );
      // The CLI decodes the URL-encoded document IAM sends back.
      assert.deepEqual(unauth.Role.AssumeRolePolicyDocument, trustPolicy('unauthenticated'));
      assert.deepEqual(auth.Role.AssumeRolePolicyDocument, trustPolicy('authenticated'));
      assert.equal(auth.Role.Arn, 'arn:aws:iam::000000000000:role/Cognito_BotPoolAuth_Role');
      assert.match(auth.Role.RoleId, /^AROA[A-Z0-9]{17}$/);
      await Promise.all([
        ...['Cognito_BotPoolUnauth_Role', 'Cognito_BotPoolAuth_Role'].map((role) =>
          aws(['iam', 'attach-role-policy', '--role-name', role, '--policy-arn', LEX_RUN_BOTS_ONLY]),
        ),
        aws([
          'iam',
          'put-role-policy',
          '--role-name',
          'Cognito_BotPoolAuth_Role',
          '--policy-name',
          'NotesAppAccess',
          '--policy-document',
          document('notes-app', notesAppPolicy),
        ]),
        aws([
          'cognito-identity',
          'set-identity-pool-roles',
          '--identity-pool-id',
          ids.identityPool,
          '--roles',
          `unauthenticated=${unauth.Role.Arn},authenticated=${auth.Role.Arn}`,
        ]),
      ]);
      const [attached, inline] = await Promise.all([
        aws(['iam', 'list-attached-role-policies', '--role-name', 'Cognito_BotPoolAuth_Role']),
        aws(['iam', 'get-role-policy', '--role-name', 'Cognito_BotPoolAuth_Role', '--policy-name', 'NotesAppAccess']),
      ]);
      assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'AmazonLexRunBotsOnly', PolicyArn: LEX_RUN_BOTS_ONLY }]);
      assert.deepEqual(inline.PolicyDocument, notesAppPolicy);
    });

    /** get-id, get-credentials-for-identity, sts get-caller-identity and recognize-text, as one identity. */
    const chat = async (logins: string[], text: string) => {
      const { IdentityId } = await aws(['cognito-identity', 'get-id', '--identity-pool-id', ids.identityPool, ...logins]);
      assert.match(IdentityId, /^us-east-1:[0-9a-f-]{36}$/);
      const answer = await aws(['cognito-identity', 'get-credentials-for-identity', '--identity-id', IdentityId, ...logins]);
      assert.equal(answer.IdentityId, IdentityId);
      const c = answer.Credentials;
      assert.match(c.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
      // About an hour ahead: CLI v2 prints the timestamp it parsed as ISO 8601; v1 prints the wire's epoch seconds.
      const expiresInMs = (typeof c.Expiration === 'number' ? c.Expiration * 1000 : Date.parse(c.Expiration)) - Date.now();
      assert.ok(expiresInMs > 55 * 60_000 && expiresInMs <= 61 * 60_000, c.Expiration);
      const keys = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken };
      const [who, lex] = await Promise.all([
        aws(['sts', 'get-caller-identity'], keys),
        aws(
          [
            'lexv2-runtime',
            'recognize-text',
            '--bot-id',
            sandbox.botId,
            '--bot-alias-id',
            'TSTALIASID',
            '--locale-id',
            'en_US',
            '--session-id',
            IdentityId,
            '--text',
            text,
          ],
          keys,
        ),
      ]);
      return { IdentityId, who, lex };
    };

    it('gives a guest credentials for the unauthenticated role, and Lex answers them', async () => {
      const { IdentityId, who, lex } = await chat([], 'hello');
      ids.guest = IdentityId;
      assert.equal(who.Arn, 'arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolUnauth_Role/CognitoIdentityCredentials');
      assert.equal(lex.sessionId, IdentityId);
      assert.equal(lex.sessionState.intent.name, 'Greeting');
      assert.match(lex.messages[0].content, /^Hello! I can take a coffee order/);
      assert.equal(lex.messages[0].contentType, 'PlainText');
    });

    it('gives the signed-in user (Logins with the ID token) credentials for the authenticated role, and Lex answers them', async () => {
      assert.ok(idToken, 'the user signed in');
      const logins = ['--logins', `${provider()}=${idToken}`];
      const { IdentityId, who, lex } = await chat(logins, 'I would like a coffee');
      assert.notEqual(IdentityId, ids.guest);
      assert.equal(who.Arn, 'arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolAuth_Role/CognitoIdentityCredentials');
      assert.equal(lex.sessionId, IdentityId);
      assert.equal(lex.sessionState.intent.name, 'OrderCoffee');
      assert.deepEqual(lex.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'Drink' });
      assert.equal(lex.interpretations[0].intent.name, 'OrderCoffee');
      // The same user's login maps to the same identity every time.
      assert.equal((await aws(['cognito-identity', 'get-id', '--identity-pool-id', ids.identityPool, ...logins])).IdentityId, IdentityId);
    });

    it('answers a Lex V2 runtime error as application/json, as restJson1 services do', async () => {
      // Lex V2 runtime is a restJson1 service ("protocol": "rest-json" in
      // botocore/data/lexv2-runtime/2020-08-07/service-2.json); AWS sends its errors as
      // application/json, like its answers.
      let stderr = '';
      try {
        await run(
          AWS,
          [
            'lexv2-runtime',
            'recognize-text',
            '--bot-id',
            'NOSUCHBOT0',
            '--bot-alias-id',
            'TSTALIASID',
            '--locale-id',
            'en_US',
            '--session-id',
            's1',
            '--text',
            'hi',
            '--endpoint-url',
            sandbox.endpoint,
            '--debug',
          ],
          clientEnv(),
        );
        assert.fail('recognize-text on a bot that does not exist succeeded');
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        stderr = (error as { stderr?: string }).stderr ?? '';
      }
      assert.match(stderr, /An error occurred \(ResourceNotFoundException\) when calling the RecognizeText operation/);
      const contentTypes = [...stderr.matchAll(/Response headers: \{.*?'content-type': '([^']+)'/g)].map((m) => m[1]);
      assert.ok(contentTypes.length > 0, 'the CLI logged the response headers');
      assert.deepEqual([...new Set(contentTypes)], ['application/json']);
    });
  });

  describe('boto3', () => {
    before(async () => {
      await requireTool(PYTHON, ['-c', 'import boto3, botocore; print(boto3.__version__, botocore.__version__)'], 'boto3 (python3 with python3-boto3)');
    });

    it('walks the same chain: user pool, chatapp, sign-in, identity pool, roles, guest and signed-in credentials, Lex', async () => {
      const args = JSON.stringify({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        accessKeyId: sandbox.accessKeyId,
        secretAccessKey: sandbox.secretAccessKey,
        botId: sandbox.botId,
      });
      let out: Run;
      try {
        out = await run(PYTHON, ['-c', BOTO3_CHAIN, args], clientEnv());
      } catch (error) {
        assert.fail(`the boto3 chain failed:\n${(error as { stderr?: string }).stderr}`);
      }
      const r = JSON.parse(out.stdout);
      assert.match(r.userPoolId, /^us-east-1_[A-Za-z0-9]{9}$/);
      // botocore parsed the timestamps as datetimes and the trust documents as dicts.
      assert.equal(r.creationDateType, 'datetime');
      assert.deepEqual(r.trustDocumentTypes, ['dict', 'dict']);
      assert.equal(r.clientHasSecret, false);
      assert.deepEqual([r.userConfirmed, r.expiresIn, r.tokenType], [false, 3600, 'Bearer']);
      assert.match(r.identityPoolId, /^us-east-1:[0-9a-f-]{36}$/);
      assert.deepEqual(r.guest, {
        identityId: r.guest.identityId,
        expirationType: 'datetime',
        arn: 'arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolPyUnauth_Role/CognitoIdentityCredentials',
        sessionId: r.guest.identityId,
        intent: 'Greeting',
        message: 'Hello! I can take a coffee order or tell you when we are open.',
      });
      assert.deepEqual(r.user, {
        identityId: r.user.identityId,
        expirationType: 'datetime',
        arn: 'arn:aws:sts::000000000000:assumed-role/Cognito_BotPoolPyAuth_Role/CognitoIdentityCredentials',
        sessionId: r.user.identityId,
        intent: 'OrderCoffee',
        message: 'What would you like? We have latte, cappuccino, espresso, americano and flat white.',
      });
      assert.notEqual(r.user.identityId, r.guest.identityId);
      assert.equal(r.idTokenSub, r.userSub);
    });
  });
});

/** The chain in boto3; argv[1] is JSON with the endpoint, keys and bot id. Prints one JSON object. */
const BOTO3_CHAIN = String.raw`
import base64, json, sys
import boto3, botocore
args = json.loads(sys.argv[1])
ep, region = args['endpoint'], args['region']
admin = dict(region_name=region, endpoint_url=ep, aws_access_key_id=args['accessKeyId'], aws_secret_access_key=args['secretAccessKey'])
idp = boto3.client('cognito-idp', **admin)
ci = boto3.client('cognito-identity', **admin)
iam = boto3.client('iam', **admin)
out = {'boto3': boto3.__version__, 'botocore': botocore.__version__}
pool = idp.create_user_pool(PoolName='BotUsersPy', UsernameAttributes=['email'], AutoVerifiedAttributes=['email'],
    Schema=[{'Name': 'email', 'Required': True, 'Mutable': True}, {'Name': 'name', 'Required': True, 'Mutable': True}])['UserPool']
out['userPoolId'] = pool['Id']
out['creationDateType'] = type(pool['CreationDate']).__name__
client = idp.create_user_pool_client(UserPoolId=pool['Id'], ClientName='chatapp', GenerateSecret=False,
    ExplicitAuthFlows=['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])['UserPoolClient']
out['clientHasSecret'] = 'ClientSecret' in client
email, password = 'bea@example.com', 'Passw0rd!py'
up = idp.sign_up(ClientId=client['ClientId'], Username=email, Password=password,
    UserAttributes=[{'Name': 'email', 'Value': email}, {'Name': 'name', 'Value': 'Bea'}])
out['userSub'], out['userConfirmed'] = up['UserSub'], up['UserConfirmed']
idp.admin_confirm_sign_up(UserPoolId=pool['Id'], Username=email)
auth = idp.initiate_auth(ClientId=client['ClientId'], AuthFlow='USER_PASSWORD_AUTH',
    AuthParameters={'USERNAME': email, 'PASSWORD': password})['AuthenticationResult']
id_token = auth['IdToken']
payload = id_token.split('.')[1]
out['idTokenSub'] = json.loads(base64.urlsafe_b64decode(payload + '=' * (-len(payload) % 4)))['sub']
out['expiresIn'], out['tokenType'] = auth['ExpiresIn'], auth['TokenType']
provider = 'cognito-idp.%s.amazonaws.com/%s' % (region, pool['Id'])
ip = ci.create_identity_pool(IdentityPoolName='BotPoolPy', AllowUnauthenticatedIdentities=True,
    CognitoIdentityProviders=[{'ProviderName': provider, 'ClientId': client['ClientId'], 'ServerSideTokenCheck': False}])
out['identityPoolId'] = ip['IdentityPoolId']
def trust(amr):
    return json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow',
        'Principal': {'Federated': 'cognito-identity.amazonaws.com'}, 'Action': 'sts:AssumeRoleWithWebIdentity',
        'Condition': {'StringEquals': {'cognito-identity.amazonaws.com:aud': ip['IdentityPoolId']},
                      'ForAnyValue:StringLike': {'cognito-identity.amazonaws.com:amr': amr}}}]})
roles = {}
out['trustDocumentTypes'] = []
for amr, name in (('unauthenticated', 'Cognito_BotPoolPyUnauth_Role'), ('authenticated', 'Cognito_BotPoolPyAuth_Role')):
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(amr))['Role']
    out['trustDocumentTypes'].append(type(role['AssumeRolePolicyDocument']).__name__)
    iam.attach_role_policy(RoleName=name, PolicyArn='arn:aws:iam::aws:policy/AmazonLexRunBotsOnly')
    roles[amr] = role['Arn']
ci.set_identity_pool_roles(IdentityPoolId=ip['IdentityPoolId'], Roles=roles)
def chat(logins, text):
    kw = {'Logins': logins} if logins else {}
    identity_id = ci.get_id(IdentityPoolId=ip['IdentityPoolId'], **kw)['IdentityId']
    c = ci.get_credentials_for_identity(IdentityId=identity_id, **kw)['Credentials']
    temp = dict(region_name=region, endpoint_url=ep, aws_access_key_id=c['AccessKeyId'],
        aws_secret_access_key=c['SecretKey'], aws_session_token=c['SessionToken'])
    who = boto3.client('sts', **temp).get_caller_identity()
    answer = boto3.client('lexv2-runtime', **temp).recognize_text(botId=args['botId'], botAliasId='TSTALIASID',
        localeId='en_US', sessionId=identity_id, text=text)
    return {'identityId': identity_id, 'expirationType': type(c['Expiration']).__name__, 'arn': who['Arn'],
        'sessionId': answer['sessionId'], 'intent': answer['sessionState']['intent']['name'],
        'message': answer['messages'][0]['content']}
out['guest'] = chat(None, 'hello')
out['user'] = chat({provider: id_token}, 'I would like a coffee')
print(json.dumps(out))
`;
