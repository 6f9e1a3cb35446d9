import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import * as vscode from 'vscode';
import { cognitoTrustPolicy } from '../../src/policies/trust';
import { sandboxBotId } from '../../src/sandbox/bots';
import type { CognitoBotApi } from '../../src/extension';
import { sandboxClientConfig } from '../support/sandboxClients';
import { acceptEveryStep, activeExtension, commandError, quickInput, run, runInteractive, settledWithin } from './support';

const BOT = { botId: sandboxBotId('CoffeeShop'), botAliasId: 'TSTALIASID', localeId: 'en_US' };

describe('pools and roles commands, against the sandbox in the extension host', () => {
  let api: CognitoBotApi;
  let stateDir: string;
  let endpoint: string;
  const admin = () => sandboxClientConfig(endpoint);

  /** Guest credentials from an identity pool, as a web page gets them, then one RecognizeText. */
  async function guestTalks(identityPoolId: string): Promise<string> {
    const identity = new CognitoIdentityClient(admin());
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const lex = new LexRuntimeV2Client(
      sandboxClientConfig(endpoint, {
        credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
      }),
    );
    try {
      const answer = await lex.send(new RecognizeTextCommand({ ...BOT, sessionId: IdentityId!, text: 'when are you open' }));
      return answer.messages?.[0]?.content ?? '';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    } finally {
      lex.destroy();
    }
  }

  before(async () => {
    api = (await activeExtension()).exports;
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-pools-'));
    ({ endpoint } = await run<{ endpoint: string }>('startSandbox', { stateDir }));
  });
  after(async () => {
    await run('stopSandbox', undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('createUserPool with args creates the tutorial pool and public client chatapp, and the tree shows them', async () => {
    const result = await run<{ userPoolId: string; clientId: string; region: string }>('createUserPool', { name: 'WebChatPool' });
    assert.equal(result.region, 'us-east-1');
    const idp = new CognitoIdentityProviderClient(admin());
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: result.userPoolId }));
    assert.deepEqual(UserPool?.UsernameAttributes, ['email']);
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: result.userPoolId, ClientId: result.clientId }));
    assert.deepEqual([UserPoolClient?.ClientName, UserPoolClient?.ClientSecret], ['chatapp', undefined]);

    const connection = (await api.explorerItems([]))![0].label;
    const pools = await api.explorerItems([connection, 'User pools']);
    const pool = pools?.find((p) => p.label === 'WebChatPool');
    assert.ok(pool, `the new pool is in the tree: ${JSON.stringify(pools)}`);
    assert.equal(pool.description, result.userPoolId);
    assert.match(pool.tooltip ?? '', /Sign-in: email[\s\S]*Required attributes: (email, name|name, email)/);
    assert.match(pool.contextValue ?? '', /\buserPool\b.*\bid\b.*\barn\b/);
    assert.equal(pool.copyArn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${result.userPoolId}`);
    const clients = await api.explorerItems([connection, 'User pools', 'WebChatPool']);
    assert.deepEqual(
      clients?.map((c) => [c.label, c.description]),
      [['chatapp', `${result.clientId} · public`]],
    );
  });

  it('hovering an id in code says what it is on the connection, or that it is not there', async () => {
    const { userPoolId: id } = await run<{ userPoolId: string }>('createUserPool', { name: 'HoverPool' });
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'hover.js');
    fs.writeFileSync(file, `const known = '${id}';\nconst gone = 'us-east-1_Nope12345';\n`);
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const hoverAt = async (line: number) => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 18));
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      };
      assert.match(await hoverAt(0), /Cognito Bot: user pool \*\*HoverPool\*\*, us-east-1 \(Sandbox 127\.0\.0\.1:\d+ · us-east-1\)/);
      assert.match(await hoverAt(1), /Cognito Bot: no user pool id `us-east-1_Nope12345` on Sandbox/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('says what to do for bad args, a name taken, and wrong ids; nothing is created', async () => {
    assert.match((await commandError('cognitoBot.createUserPool', { name: '' })).message, /Give "name"/);
    assert.match((await commandError('cognitoBot.createUserPool', { name: 'WebChatPool' })).message, /already exists.*Pick another name/);
    assert.match(
      (await commandError('cognitoBot.createIdentityPool', { name: 'X', allowUnauthenticated: true, userPoolId: 'us-east-1_Nope12345', clientId: 'nope' }))
        .message,
      /has no app client nope/,
    );
    assert.match(
      (await commandError('cognitoBot.attachRolePolicy', { roleName: 'NoSuchRole', managedPolicyArn: 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly' })).message,
      /no IAM role named NoSuchRole/,
    );
    assert.match(
      (await commandError('cognitoBot.deleteIdentityPool', { identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' })).message,
      /no identity pool .* deleted already/,
    );
    // The bot's ids are checked before the identity pool and roles are made.
    assert.match((await commandError('cognitoBot.setUpBotWebAccess', { name: 'Early', botId: 'not-a-bot', botAliasId: 'TSTALIASID' })).message, /bot ID/i);
    const connection = (await api.explorerItems([]))![0].label;
    assert.deepEqual(
      (await api.explorerItems([connection, 'Identity pools']))?.map((i) => i.label),
      ['No identity pools in this region yet'],
    );
  });

  it('guest credentials cannot call RecognizeText before the policy, and can after attachRolePolicy with the Lex template', async () => {
    const created = await run<{ identityPoolId: string; authRoleArn: string; unauthRoleArn: string }>('createIdentityPool', {
      name: 'GuestPool',
      allowUnauthenticated: true,
    });
    const iam = new IAMClient(admin());
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'Cognito_GuestPoolUnauth_Role' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)), cognitoTrustPolicy(created.identityPoolId, 'unauthenticated'));
    assert.match(await guestTalks(created.identityPoolId), /^AccessDeniedException: .*Cognito_GuestPoolUnauth_Role.* lex:RecognizeText/);

    const attached = await run<{ policyName: string }>('attachRolePolicy', {
      roleName: 'Cognito_GuestPoolUnauth_Role',
      template: 'lexBotAlias',
      params: { botId: BOT.botId, botAliasId: BOT.botAliasId },
    });
    assert.equal(attached.policyName, `LexRunBot-${BOT.botId}-${BOT.botAliasId}`);
    const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: 'Cognito_GuestPoolUnauth_Role', PolicyName: attached.policyName }));
    assert.deepEqual(
      JSON.parse(decodeURIComponent(PolicyDocument!)).Statement[0].Resource,
      `arn:aws:lex:us-east-1:000000000000:bot-alias/${BOT.botId}/${BOT.botAliasId}`,
    );
    assert.match(await guestTalks(created.identityPoolId), /open/);

    // A template field that breaks the rules is refused before anything is sent.
    assert.match(
      (
        await commandError('cognitoBot.attachRolePolicy', {
          roleName: 'Cognito_GuestPoolUnauth_Role',
          template: 's3PerIdentity',
          params: { bucket: 'My_Bucket' },
        })
      ).message,
      /bucket/i,
    );
    const { PolicyNames } = await iam.send(new ListRolePoliciesCommand({ RoleName: 'Cognito_GuestPoolUnauth_Role' }));
    assert.deepEqual(PolicyNames, [attached.policyName]);

    await run('detachRolePolicy', { roleName: 'Cognito_GuestPoolUnauth_Role', policyName: attached.policyName });
    assert.match(await guestTalks(created.identityPoolId), /^AccessDeniedException/);
  });

  it('setUpBotWebAccess runs the guest tutorial end to end: the page can talk to the bot', async () => {
    const result = await run<{ identityPoolId: string; unauthRoleArn: string; policy: string }>('setUpBotWebAccess', {
      name: 'BotPool',
      botId: BOT.botId,
      botAliasId: BOT.botAliasId,
      localeId: BOT.localeId,
    });
    assert.equal(result.policy, `LexRunBot-${BOT.botId}-${BOT.botAliasId}`);
    assert.match(await guestTalks(result.identityPoolId), /open/);
    const identity = new CognitoIdentityClient(admin());
    const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: result.identityPoolId }));
    assert.equal(pool.AllowUnauthenticatedIdentities, true);
    const { Roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: result.identityPoolId }));
    assert.equal(Roles?.unauthenticated, result.unauthRoleArn);

    // Without a bot, the tutorial's managed policy.
    const managed = await run<{ policy: string }>('setUpBotWebAccess', { name: 'AnyBotPool' });
    assert.equal(managed.policy, 'arn:aws:iam::aws:policy/AmazonLexRunBotsOnly');
    const { AttachedPolicies } = await new IAMClient(admin()).send(new ListAttachedRolePoliciesCommand({ RoleName: 'Cognito_AnyBotPoolAuth_Role' }));
    assert.deepEqual(
      AttachedPolicies?.map((p) => p.PolicyName),
      ['AmazonLexRunBotsOnly'],
    );
  });

  it('the tree shows an identity pool with providers and roles, and warns where a trust policy does not bind to it', async () => {
    const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: 'NotesUsers' });
    const created = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'NotesPool', allowUnauthenticated: false, attachLexRunBotsOnly: true });
    assert.deepEqual(await run('linkUserPool', { identityPoolId: created.identityPoolId, userPoolId: users.userPoolId, clientId: users.clientId }), {
      identityPoolId: created.identityPoolId,
      added: true,
    });
    assert.deepEqual(await run('setGuestAccess', { identityPoolId: created.identityPoolId, allowUnauthenticated: true }), {
      identityPoolId: created.identityPoolId,
      allowUnauthenticated: true,
    });

    const connection = (await api.explorerItems([]))![0].label;
    const pools = await api.explorerItems([connection, 'Identity pools']);
    const pool = pools?.find((p) => p.label === 'NotesPool');
    assert.equal(pool?.description, 'guest access on');
    assert.match(pool?.tooltip ?? '', new RegExp(`Login providers: NotesUsers / chatapp \\(${users.userPoolId} · ${users.clientId}\\)`));
    const children = await api.explorerItems([connection, 'Identity pools', 'NotesPool']);
    assert.deepEqual(
      children?.map((c) => [c.label, c.description]),
      [
        ['Providers', '1'],
        ['Cognito_NotesPoolAuth_Role', 'authenticated role'],
        ['Cognito_NotesPoolUnauth_Role', 'unauthenticated role'],
      ],
    );
    const [provider] = (await api.explorerItems([connection, 'Identity pools', 'NotesPool', 'Providers']))!;
    assert.deepEqual(
      [provider.label, provider.description, provider.copyId],
      ['NotesUsers / chatapp', `${users.userPoolId} · ${users.clientId}`, users.userPoolId],
    );
    assert.match(provider.tooltip ?? '', new RegExp(`^User pool NotesUsers \\(${users.userPoolId}\\)\nApp client chatapp \\(${users.clientId}\\)\n`));
    const policies = await api.explorerItems([connection, 'Identity pools', 'NotesPool', 'Cognito_NotesPoolAuth_Role', 'Managed policies']);
    assert.deepEqual(
      policies?.map((p) => p.label),
      ['AmazonLexRunBotsOnly'],
    );
    assert.notEqual(children?.[1].icon, 'warning');

    // Point the auth role's trust at another pool: the tree warns.
    await new IAMClient(admin()).send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'Cognito_NotesPoolAuth_Role',
        PolicyDocument: JSON.stringify(cognitoTrustPolicy('us-east-1:99999999-9999-9999-9999-999999999999', 'authenticated')),
      }),
    );
    await vscode.commands.executeCommand('cognitoBot.refresh');
    const after = await api.explorerItems([connection, 'Identity pools', 'NotesPool']);
    assert.equal(after?.[1].icon, 'warning');
    assert.match(after?.[1].tooltip ?? '', /does not let authenticated identities of this pool/);
  });

  it("an identity pool whose provider's user pool is gone still lists it, by id, saying so", async () => {
    const users = await run<{ userPoolId: string; clientId: string }>('createUserPool', { name: 'FleetingUsers' });
    await run('createIdentityPool', { name: 'OrphanPool', allowUnauthenticated: true, userPoolId: users.userPoolId, clientId: users.clientId });
    await run('deleteUserPool', { userPoolId: users.userPoolId });
    await vscode.commands.executeCommand('cognitoBot.refresh');
    const connection = (await api.explorerItems([]))![0].label;
    const pool = (await api.explorerItems([connection, 'Identity pools']))?.find((p) => p.label === 'OrphanPool');
    assert.match(pool?.tooltip ?? '', new RegExp(`Login providers: ${users.userPoolId} / ${users.clientId} \\(user pool not found\\)`));
    const providers = await api.explorerItems([connection, 'Identity pools', 'OrphanPool', 'Providers']);
    assert.deepEqual(
      providers?.map((p) => [p.label, p.description, p.icon, p.copyId]),
      [[`${users.userPoolId} / ${users.clientId}`, 'user pool not found', 'warning', users.userPoolId]],
    );
    assert.ok(providers?.[0].tooltip?.endsWith(`There is no user pool ${users.userPoolId} in us-east-1: it was deleted.`), providers?.[0].tooltip);
  });

  it('deleteIdentityPool removes the roles it created only when asked; deleteUserPool removes the pool', async () => {
    const kept = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'KeepRoles', allowUnauthenticated: true });
    const keptResult = await run<{ deletedRoles: string[]; keptRoles: string[] }>('deleteIdentityPool', { identityPoolId: kept.identityPoolId });
    assert.deepEqual([keptResult.deletedRoles, [...keptResult.keptRoles].sort()], [[], ['Cognito_KeepRolesAuth_Role', 'Cognito_KeepRolesUnauth_Role']]);
    const gone = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'DropRoles', allowUnauthenticated: true, attachLexRunBotsOnly: true });
    const goneResult = await run<{ deletedRoles: string[] }>('deleteIdentityPool', { identityPoolId: gone.identityPoolId, deleteRoles: true });
    assert.deepEqual([...goneResult.deletedRoles].sort(), ['Cognito_DropRolesAuth_Role', 'Cognito_DropRolesUnauth_Role']);
    await assert.rejects(new IAMClient(admin()).send(new GetRoleCommand({ RoleName: 'Cognito_DropRolesAuth_Role' })), { name: 'NoSuchEntityException' });

    const users = await run<{ userPoolId: string }>('createUserPool', { name: 'Doomed' });
    assert.deepEqual(await run('deleteUserPool', { userPoolId: users.userPoolId }), { userPoolId: users.userPoolId });
    const connection = (await api.explorerItems([]))![0].label;
    assert.ok(!(await api.explorerItems([connection, 'User pools']))?.some((p) => p.label === 'Doomed'));
  });

  it('Create User Pool from the palette offers WebChatPool as the name (the next free one if taken), and the defaults make the tutorial pool', async () => {
    const idp = new CognitoIdentityProviderClient(admin());
    // A name taken already is not offered (it would be refused at the end): the next free one is.
    const taken = new Set((await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Name));
    const offered = taken.has('WebChatPool') ? 'WebChatPool2' : 'WebChatPool';
    const wizard = runInteractive<{ userPoolId: string; clientId: string }>('createUserPool');
    const created = await acceptEveryStep(wizard);
    assert.ok(created, 'the wizard ended without creating a pool');
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: created.userPoolId }));
    assert.equal(UserPool?.Name, offered);
    assert.deepEqual(UserPool?.UsernameAttributes, ['email']);
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: created.userPoolId, ClientId: created.clientId }));
    assert.equal(UserPoolClient?.ClientName, 'chatapp');
  });

  it('Turn Guest Access On or Off asks which, offering the other state first; picking the current state changes nothing', async () => {
    const { identityPoolId } = await run<{ identityPoolId: string }>('createIdentityPool', { name: 'ChoicePool', allowUnauthenticated: true });
    const guestAccess = async () =>
      (await new CognitoIdentityClient(admin()).send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }))).AllowUnauthenticatedIdentities;
    // As from the pool's node in the tree (an object that is not plain args).
    const node = new (class IdentityPoolItem {
      constructor(readonly identityPoolId: string) {}
    })(identityPoolId);

    const asked = runInteractive<{ allowUnauthenticated: boolean }>('setGuestAccess', node);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(asked.settled(), false, 'it changed guest access without asking');
    assert.equal(await guestAccess(), true);
    await quickInput('Enter'); // the offered choice: Off
    assert.deepEqual(await settledWithin(asked, 10_000), { identityPoolId, allowUnauthenticated: false });
    assert.equal(await guestAccess(), false);

    const keep = runInteractive<{ allowUnauthenticated: boolean }>('setGuestAccess', node);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await quickInput('Down'); // from On (offered) to Off (as it is now)
    await quickInput('Enter');
    assert.deepEqual(await settledWithin(keep, 10_000), { identityPoolId, allowUnauthenticated: false });
    assert.equal(await guestAccess(), false);

    assert.deepEqual(await acceptEveryStep(runInteractive('setGuestAccess', node)), { identityPoolId, allowUnauthenticated: true });
    assert.equal(await guestAccess(), true);
  });

  it('pages long lists: 60 at a time with "Load more…", which loads the rest', async () => {
    const idp = new CognitoIdentityProviderClient(admin());
    for (let i = 0; i < 61; i++) await idp.send(new CreateUserPoolCommand({ PoolName: `Many${String(i).padStart(2, '0')}` }));
    const total = (await everyUserPool(idp)).length;
    assert.ok(total > 61);
    const connection = (await api.explorerItems([]))![0].label;
    const first = await api.explorerItems([connection, 'User pools']);
    assert.equal(first?.length, 61);
    assert.deepEqual([first?.at(-1)?.label, first?.at(-1)?.contextValue], ['Load more…', 'loadMore']);
    const all = await api.explorerItems([connection, 'User pools'], { loadAll: true });
    assert.equal(all?.length, total);
    assert.ok(!all?.some((item) => item.label === 'Load more…'));
    assert.equal(new Set(all?.map((item) => item.description)).size, total, 'no pool listed twice');
  });
});

async function everyUserPool(idp: CognitoIdentityProviderClient): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await idp.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    ids.push(...(page.UserPools ?? []).map((p) => p.Id!));
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}
