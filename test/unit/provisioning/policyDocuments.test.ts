import * as assert from 'node:assert/strict';
import { CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ClientFactory } from '../../../src/aws/clientFactory';
import { type Connection, connectionKey } from '../../../src/aws/connection';
import type { AwsContext } from '../../../src/aws/context';
import { PolicyDocumentError, ReadOnlyPolicyError } from '../../../src/aws/errors';
import { connectionAuthority, connectionKeyFromAuthority, policyPath, refFromPath } from '../../../src/pools/policyPaths';
import { readPolicy, writePolicy } from '../../../src/provisioning/policyDocuments';
import type { PolicyRef } from '../../../src/provisioning/policyRefs';
import { cognitoTrustPolicy } from '../../../src/policies/trust';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';
import { awsContextFor } from '../support';

const LEX_RUN_BOTS_ONLY = 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly';
const POOL_ID = 'us-east-1:0b7e3f4c-55a1-4c1e-9d0f-1b2c3d4e5f60';
const ROLE = 'Cognito_NotesUnauth_Role';
const trust: PolicyRef = { kind: 'trust', roleName: ROLE };
const inline: PolicyRef = { kind: 'inline', roleName: ROLE, policyName: 'NotesUploads' };
const managed: PolicyRef = { kind: 'managed', policyArn: LEX_RUN_BOTS_ONLY };
const s3Policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::notes/private/${cognito-identity.amazonaws.com:sub}/*'] }],
};

async function documentError(promise: Promise<unknown>): Promise<PolicyDocumentError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PolicyDocumentError, `expected a PolicyDocumentError, got ${String(error)}`);
    return error;
  }
  assert.fail('the write was expected to be refused');
}

describe('policy documents: provisioning/policyDocuments and pools/policyPaths', () => {
  describe('against the sandbox', () => {
    let sandbox: RunningSandbox;
    let ctx: AwsContext;
    let iam: IAMClient;
    let requests = 0;

    before(async () => {
      sandbox = await startSandboxServer({ onRequest: () => requests++ });
      const connection: Connection = { kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1' };
      const factory = new ClientFactory({ userAgent: 'test', requestTimeoutMs: 5000, maxAttempts: 1 });
      ctx = await awsContextFor(factory, connection);
      iam = new IAMClient(sandboxClientConfig(sandbox.endpoint));
      await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: JSON.stringify(cognitoTrustPolicy(POOL_ID, 'unauthenticated')) }));
      await iam.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'NotesUploads', PolicyDocument: JSON.stringify(s3Policy) }));
    });
    after(() => sandbox.close());

    const storedInline = async () =>
      JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: ROLE, PolicyName: 'NotesUploads' }))).PolicyDocument!));
    const storedTrust = async () => JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role!.AssumeRolePolicyDocument!));

    it("reads a trust policy decoded from IAM's URL-encoding and pretty-printed", async () => {
      const document = await readPolicy(ctx, trust);
      assert.deepEqual([document.kind, document.readonly], ['trust', false]);
      assert.equal(document.text, `${JSON.stringify(cognitoTrustPolicy(POOL_ID, 'unauthenticated'), null, 2)}\n`);
    });

    it('reads an inline policy, writable', async () => {
      const document = await readPolicy(ctx, inline);
      assert.deepEqual([document.kind, document.readonly], ['identity', false]);
      assert.equal(document.text, `${JSON.stringify(s3Policy, null, 2)}\n`);
    });

    it("reads a managed policy's default version, read-only", async () => {
      const document = await readPolicy(ctx, managed);
      assert.deepEqual([document.kind, document.readonly], ['identity', true]);
      const policy = JSON.parse(document.text);
      assert.ok(policy.Statement[0].Action.includes('lex:RecognizeText'), document.text);
      assert.match(document.text, /^\{\n {2}"Version": "2012-10-17",\n/);
    });

    it('says which document is missing', async () => {
      await assert.rejects(
        readPolicy(ctx, { kind: 'inline', roleName: ROLE, policyName: 'Nope' }),
        /Could not find inline policy Nope of role Cognito_NotesUnauth_Role: .*cannot be found/,
      );
    });

    it('writes an inline policy and reads it back', async () => {
      const changed = { ...s3Policy, Statement: [{ ...s3Policy.Statement[0], Action: ['s3:GetObject', 's3:PutObject'] }] };
      await writePolicy(ctx, inline, JSON.stringify(changed, null, 4));
      assert.deepEqual(await storedInline(), changed);
      assert.equal((await readPolicy(ctx, inline)).text, `${JSON.stringify(changed, null, 2)}\n`);
    });

    it('writes a trust policy and reads it back', async () => {
      const authenticated = cognitoTrustPolicy(POOL_ID, 'authenticated');
      await writePolicy(ctx, trust, JSON.stringify(authenticated, null, 2));
      assert.deepEqual(await storedTrust(), authenticated);
      assert.equal((await readPolicy(ctx, trust)).text, `${JSON.stringify(authenticated, null, 2)}\n`);
    });

    it('refuses bad JSON locally, with the line and column, and sends nothing', async () => {
      const before = await storedInline();
      const sent = requests;
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}';
      const error = await documentError(writePolicy(ctx, inline, text));
      assert.match(error.reason, /^This policy contains invalid Json: Expected a comma or closing brace$/);
      assert.deepEqual(error.position, { line: 4, column: 25 });
      assert.match(error.message, /\(line 4, column 25\)$/);
      assert.equal(requests, sent, 'a request reached IAM');
      assert.deepEqual(await storedInline(), before);
    });

    it('refuses a statement without Effect locally, pointing at that statement, and sends nothing', async () => {
      const before = await storedInline();
      const sent = requests;
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [s3Policy.Statement[0], { Action: 's3:ListBucket', Resource: '*' }] }, null, 2);
      const error = await documentError(writePolicy(ctx, inline, text));
      assert.equal(error.reason, 'Missing required field Effect');
      const lines = text.split('\n');
      assert.equal(lines[error.position!.line - 1].slice(error.position!.column - 1), '{', 'points at the second statement');
      assert.equal(error.position!.line, lines.lastIndexOf('    {') + 1);
      assert.deepEqual(error.range?.end, { line: error.position!.line, column: error.position!.column + 1 }, 'the brace alone');
      assert.equal(requests, sent, 'a request reached IAM');
      assert.deepEqual(await storedInline(), before);
    });

    it("refuses a trust policy with an identity policy's Resource, at the key", async () => {
      const text = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' } }, null, 2);
      const error = await documentError(writePolicy(ctx, trust, text));
      assert.equal(error.reason, 'Has prohibited field Resource');
      assert.deepEqual(error.position, { line: 7, column: 5 });
    });

    it('maps what IAM refuses after the local check (a trust policy over its size quota) to a PolicyDocumentError', async () => {
      const before = await storedTrust();
      const principals = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::000000000000:role/some-long-role-name-number-${i}`);
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] });
      const sent = requests;
      const error = await documentError(writePolicy(ctx, trust, text));
      assert.equal(error.reason, 'Cannot exceed quota for ACLSizePerRole: 2048.');
      assert.ok(requests > sent, 'IAM was asked');
      assert.deepEqual(await storedTrust(), before);
    });

    it('refuses to write a managed policy, suggesting an inline one', async () => {
      const sent = requests;
      await assert.rejects(writePolicy(ctx, managed, (await readPolicy(ctx, managed)).text), (error: Error) => {
        assert.ok(error instanceof ReadOnlyPolicyError);
        assert.match(error.message, /managed policy AmazonLexRunBotsOnly is read-only.*create an inline policy on the role instead/);
        return true;
      });
      assert.equal(requests, sent + 2, 'only the read reached IAM');
    });
  });

  describe('locations', () => {
    it('lays documents out by role, inline policy and managed ARN, and back', () => {
      const refs: PolicyRef[] = [trust, inline, managed, { kind: 'managed', policyArn: 'arn:aws-cn:iam::123456789012:policy/service-role/Team.Policy' }];
      const paths = refs.map(policyPath);
      assert.deepEqual(paths, [
        '/roles/Cognito_NotesUnauth_Role/trust-policy.json',
        '/roles/Cognito_NotesUnauth_Role/inline/NotesUploads.json',
        '/managed/aws/aws/AmazonLexRunBotsOnly.json',
        '/managed/aws-cn/123456789012/service-role/Team.Policy.json',
      ]);
      assert.deepEqual(paths.map(refFromPath), refs);
      assert.equal(refFromPath('/roles/Cognito_NotesUnauth_Role'), undefined);
      assert.throws(() => policyPath({ kind: 'trust', roleName: '../etc' }), /is not an IAM role name/);
      assert.throws(() => policyPath({ kind: 'inline', roleName: 'R' } as unknown as PolicyRef), /undefined is not an IAM policy name/);
      assert.throws(() => policyPath({ kind: 'managed', policyArn: 'arn:aws:s3:::bucket' }), /is not a managed policy ARN/);
    });

    it('turns a connection key into a lower-case authority and back', () => {
      for (const key of [
        connectionKey({ kind: 'sandbox', endpoint: 'http://127.0.0.1:4599', region: 'us-east-1' }),
        connectionKey({ kind: 'profile', profile: 'Dev_Team@corp', region: 'eu-west-1' }),
      ]) {
        const authority = connectionAuthority(key);
        assert.match(authority, /^[a-z0-9._-]+$/);
        assert.equal(connectionKeyFromAuthority(authority), key);
      }
      assert.equal(connectionAuthority('sandbox:http://127.0.0.1:4599@us-east-1'), 'sandbox_3ahttp_3a_2f_2f127.0.0.1_3a4599_40us-east-1');
    });
  });
});
