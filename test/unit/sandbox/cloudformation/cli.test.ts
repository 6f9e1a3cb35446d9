import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningSandbox, startSandboxServer } from '../../../../src/sandbox';
import { FIXTURES } from '../../support';
import { sandboxAdminCredentials } from '../../../support/sandboxClients';

// `aws cloudformation deploy` (Debian's AWS CLI v2, which parses every answer with AWS's model
// and drives the change set through botocore's waiters) against the sandbox.
const AWS = process.env.CBW_AWS_CLI || (fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');

describe('sandbox CloudFormation with the AWS CLI', function () {
  this.timeout(90_000);
  let sandbox: RunningSandbox;
  let home: string;

  before(async () => {
    sandbox = await startSandboxServer();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cfn-cli-'));
    // Empty config and credentials files: the machine's own ~/.aws is never read.
    fs.writeFileSync(path.join(home, 'config'), '');
    fs.writeFileSync(path.join(home, 'credentials'), '');
  });
  after(async () => {
    await sandbox?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const aws = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const keys = sandboxAdminCredentials();
      const env = {
        PATH: process.env.PATH,
        HOME: home,
        LANG: 'C.UTF-8',
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: path.join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        AWS_PAGER: '',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      execFile(AWS, [...args, '--endpoint-url', sandbox.endpoint], { env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('deploys a template of the Lex web UI kind with parameter overrides, describes the stack, and a second deploy has no changes', async () => {
    const template = path.join(FIXTURES, 'cloudformation', 'bot-web-access.yaml');
    const deploy = ['cloudformation', 'deploy', '--template-file', template, '--stack-name', 'bot-web', '--capabilities', 'CAPABILITY_NAMED_IAM'];
    const first = await aws([...deploy, '--parameter-overrides', 'PoolName=CliPool', 'Stage=prod']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Successfully created\/updated stack - bot-web/);

    const described = await aws(['cloudformation', 'describe-stacks', '--stack-name', 'bot-web', '--output', 'json']);
    assert.equal(described.code, 0, described.stderr);
    const [stack] = JSON.parse(described.stdout).Stacks;
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs.map((o: { OutputKey: string; OutputValue: string }) => [o.OutputKey, o.OutputValue]));
    assert.equal(outputs.GuestRoleArn, 'arn:aws:iam::000000000000:role/CliPool_guest');
    assert.equal(outputs.ProdNote, 'production', 'Stage=prod made the condition true');
    assert.match(outputs.IdentityPoolId, /^us-east-1:/);

    const again = await aws([...deploy, '--parameter-overrides', 'PoolName=CliPool', 'Stage=prod']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout + again.stderr, /No changes to deploy/);

    const resources = await aws(['cloudformation', 'describe-stack-events', '--stack-name', 'bot-web', '--output', 'json']);
    assert.equal(resources.code, 0, resources.stderr);
    assert.equal(JSON.parse(resources.stdout).StackEvents[0].ResourceStatus, 'CREATE_COMPLETE');
  });

  it('reports a deploy that rolled back with a failing exit, and delete-stack removes it', async () => {
    const file = path.join(home, 'broken.yaml');
    fs.writeFileSync(file, 'Resources:\n  Hook:\n    Type: AWS::Lambda::Function\n    Properties: {}\n');
    const failed = await aws(['cloudformation', 'deploy', '--template-file', file, '--stack-name', 'broken']);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /ROLLBACK_COMPLETE|Failed to create\/update the stack/);
    const deleted = await aws(['cloudformation', 'delete-stack', '--stack-name', 'broken']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const gone = await aws(['cloudformation', 'describe-stacks', '--stack-name', 'broken']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /Stack with id broken does not exist/);
  });
});
