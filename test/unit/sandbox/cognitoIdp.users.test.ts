import * as assert from 'node:assert/strict';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type RunningSandbox, startSandboxServer } from '../../../src/sandbox';
import { sandboxClientConfig } from '../../support/sandboxClients';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const valueOf = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;
const PASSWORD = 'Corr3ct-Horse!';
const NEW_PASSWORD = 'N3w-Horse-Battery!';

/**
 * The user pool calls real apps make beyond sign-up and sign-in, through the real SDK client:
 * what AWS's API reference and the AWS CLI's examples say each answers, and its errors.
 */
describe('sandbox: Cognito user pools, users and their attributes', () => {
  let sandbox: RunningSandbox;
  let messages: string[];
  const idp = () => new CognitoIdentityProviderClient(sandboxClientConfig(sandbox.endpoint));
  /** A client with keys the sandbox does not know: what a public web page has (no AWS credentials). */
  const page = () =>
    new CognitoIdentityProviderClient(sandboxClientConfig(sandbox.endpoint, { credentials: { accessKeyId: 'ANYBODY', secretAccessKey: 'x' } }));
  const lastCode = () => /: (\d{6})$/.exec(messages.at(-1) ?? '')?.[1];

  beforeEach(async () => {
    messages = [];
    sandbox = await startSandboxServer({ onMessage: (m) => messages.push(m) });
  });
  afterEach(() => sandbox.close());

  async function pool(extra: Partial<CreateUserPoolCommandInput> = {}) {
    const { UserPool } = await idp().send(
      new CreateUserPoolCommand({
        PoolName: 'WebChatPool',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
          { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
        ],
        ...extra,
      }),
    );
    const { UserPoolClient } = await idp().send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool!.Id,
        ClientName: 'chatapp',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
  }

  async function signUp(clientId: string, email: string) {
    await page().send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'Ana' }] }));
    return lastCode()!;
  }

  async function signIn(clientId: string, email: string, password = PASSWORD) {
    const { AuthenticationResult } = await page().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    return AuthenticationResult!;
  }

  /** email_verified as ListUsers, AdminGetUser, GetUser and the ID token show it, in that order. */
  async function emailVerifiedEverywhere(poolId: string, clientId: string, email: string) {
    const listed = (await idp().send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email = "${email}"` }))).Users?.[0]?.Attributes;
    const got = (await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }))).UserAttributes;
    const tokens = await signIn(clientId, email);
    const own = (await page().send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).UserAttributes;
    return [valueOf(listed, 'email_verified'), valueOf(got, 'email_verified'), valueOf(own, 'email_verified'), claimsOf(tokens.IdToken!).email_verified];
  }

  it("describes a new pool with AWS's defaults, its schema (sub, standard and custom attributes) and what it was given", async () => {
    const { poolId } = await pool({ UserPoolTags: { team: 'chat' }, EmailVerificationSubject: 'Your code' });
    const { UserPool } = await idp().send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    const schema = UserPool!.SchemaAttributes!;
    assert.deepEqual(schema[0], {
      Name: 'sub',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: true,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
    });
    const byName = Object.fromEntries(schema.map((a) => [a.Name, a]));
    assert.deepEqual(byName.email_verified, {
      Name: 'email_verified',
      AttributeDataType: 'Boolean',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
    });
    assert.deepEqual(byName.updated_at.NumberAttributeConstraints, { MinValue: '0' });
    assert.equal(byName.updated_at.AttributeDataType, 'Number');
    assert.deepEqual(byName.name.StringAttributeConstraints, { MinLength: '0', MaxLength: '2048' });
    assert.deepEqual(byName.birthdate.StringAttributeConstraints, { MinLength: '10', MaxLength: '10' });
    assert.deepEqual(
      schema.filter((a) => a.Required).map((a) => a.Name),
      ['sub', 'name', 'email'],
    );
    assert.equal(
      schema.every((a) => a.DeveloperOnlyAttribute === false),
      true,
    );
    assert.deepEqual([byName['custom:tenant'].AttributeDataType, byName['custom:tenant'].Mutable], ['String', false]);
    assert.deepEqual(byName['custom:age'].NumberAttributeConstraints, { MinValue: '0', MaxValue: '150' });
    assert.equal(schema.length, 1 + 19 + 2);

    assert.deepEqual(UserPool!.LambdaConfig, {});
    assert.deepEqual(UserPool!.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    assert.deepEqual(UserPool!.VerificationMessageTemplate, { DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    assert.deepEqual(UserPool!.EmailConfiguration, { EmailSendingAccount: 'COGNITO_DEFAULT' });
    assert.deepEqual(UserPool!.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: [] });
    assert.equal(UserPool!.MfaConfiguration, 'OFF');
    assert.equal(UserPool!.DeletionProtection, 'INACTIVE');
    assert.equal(UserPool!.EstimatedNumberOfUsers, 0);
    // Absent unless set: Cognito then uses its legacy recovery and case-sensitive usernames.
    assert.equal(UserPool!.AccountRecoverySetting, undefined);
    assert.equal(UserPool!.UsernameConfiguration, undefined);
    // What it was given, kept.
    assert.deepEqual(UserPool!.UserPoolTags, { team: 'chat' });
    assert.equal(UserPool!.EmailVerificationSubject, 'Your code');
    assert.deepEqual(UserPool!.AutoVerifiedAttributes, ['email']);
  });

  it("describes an app client with AWS's defaults, keeps what it was given, and resets what an update leaves out", async () => {
    const { poolId } = await pool();
    const { UserPoolClient: created } = await idp().send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', TokenValidityUnits: { AccessToken: 'minutes' }, AccessTokenValidity: 30 }),
    );
    const { UserPoolClient: client } = await idp().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created!.ClientId }));
    assert.deepEqual(
      [client!.AllowedOAuthFlowsUserPoolClient, client!.EnableTokenRevocation, client!.EnablePropagateAdditionalUserContextData, client!.AuthSessionValidity],
      [false, true, false, 3],
    );
    assert.deepEqual([client!.RefreshTokenValidity, client!.AccessTokenValidity, client!.PreventUserExistenceErrors], [30, 30, 'LEGACY']);
    assert.deepEqual(client!.TokenValidityUnits, { AccessToken: 'minutes' });
    assert.ok(client!.CreationDate instanceof Date && client!.LastModifiedDate instanceof Date);
    assert.equal('ClientSecret' in client!, false, 'a public client has no ClientSecret member at all');
    const { UserPoolClient: updated } = await idp().send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created!.ClientId, AuthSessionValidity: 10, EnableTokenRevocation: false }),
    );
    assert.deepEqual([updated!.AuthSessionValidity, updated!.EnableTokenRevocation, updated!.TokenValidityUnits], [10, false, undefined]);
    await assert.rejects(idp().send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created!.ClientId, AuthSessionValidity: 60 })), {
      name: 'InvalidParameterException',
    });
  });

  it('checks attribute values against the schema: names, types and immutability', async () => {
    const { poolId } = await pool();
    const create = (attributes: AttributeType[]) =>
      idp().send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'bo@example.com',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'name', Value: 'Bo' }, ...attributes],
        }),
      );
    await assert.rejects(create([{ Name: 'favorite_flavor', Value: 'x' }]), {
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.',
    });
    await assert.rejects(create([{ Name: 'custom:age', Value: 'old' }]), {
      name: 'InvalidParameterException',
      message: /custom:age: Number must be a valid number/,
    });
    await assert.rejects(create([{ Name: 'custom:age', Value: '200' }]), {
      name: 'InvalidParameterException',
      message: /custom:age: Number must be less than/,
    });
    await assert.rejects(create([{ Name: 'updated_at', Value: 'yesterday' }]), { name: 'InvalidParameterException', message: /updated_at: Number/ });
    await assert.rejects(create([{ Name: 'email_verified', Value: 'yes' }]), {
      name: 'InvalidParameterException',
      message: /email_verified: Value must be either true or false/,
    });
    await create([
      { Name: 'custom:tenant', Value: 'acme' },
      { Name: 'custom:age', Value: '42' },
    ]);
    await assert.rejects(
      idp().send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'bo@example.com', UserAttributes: [{ Name: 'custom:tenant', Value: 'other' }] }),
      ),
      { name: 'InvalidParameterException', message: /custom:tenant: Attribute cannot be updated/ },
    );
    await idp().send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'bo@example.com', UserAttributes: [{ Name: 'custom:age', Value: '43' }] }),
    );
    const { UserAttributes } = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bo@example.com' }));
    assert.deepEqual([valueOf(UserAttributes, 'custom:tenant'), valueOf(UserAttributes, 'custom:age')], ['acme', '43']);
    assert.equal(UserAttributes![0].Name, 'sub');
  });

  it('verifies an email only by a code delivered to it or an admin saying so, and shows the same everywhere', async () => {
    const { poolId, clientId } = await pool();
    // Confirmed with the code mailed to the address: verified.
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    assert.deepEqual(await emailVerifiedEverywhere(poolId, clientId, 'ana@example.com'), ['true', 'true', 'true', true]);
    // Confirmed by an admin: the account, not the address, which sign-up marked as not yet verified.
    await signUp(clientId, 'bo@example.com');
    await idp().send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'bo@example.com' }));
    assert.deepEqual(await emailVerifiedEverywhere(poolId, clientId, 'bo@example.com'), ['false', 'false', 'false', false]);
    await idp().send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'bo@example.com', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }),
    );
    assert.deepEqual(await emailVerifiedEverywhere(poolId, clientId, 'bo@example.com'), ['true', 'true', 'true', true]);
    // A pool that verifies nothing automatically sends no code at sign-up.
    const { UserPool } = await idp().send(new CreateUserPoolCommand({ PoolName: 'Quiet', UsernameAttributes: ['email'] }));
    const { UserPoolClient } = await idp().send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'quiet' }));
    messages = [];
    const quiet = await page().send(new SignUpCommand({ ClientId: UserPoolClient!.ClientId, Username: 'cy@example.com', Password: PASSWORD }));
    assert.deepEqual([quiet.UserConfirmed, quiet.CodeDeliveryDetails, messages], [false, undefined, []]);
  });

  it('creates a user as an admin: a temporary password by message (or not, SUPPRESS; again, RESEND), then NEW_PASSWORD_REQUIRED', async () => {
    const { poolId, clientId } = await pool();
    const create = (extra: object = {}) =>
      idp().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'bo@example.com', UserAttributes: [{ Name: 'name', Value: 'Bo' }], ...extra }));
    const { User } = await create({ DesiredDeliveryMediums: ['EMAIL'] });
    assert.equal(User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(valueOf(User?.Attributes, 'email_verified'), undefined, 'an address given by an admin is not verified');
    const temporary = /: (\S+)$/.exec(messages.at(-1) ?? '')?.[1];
    assert.ok(temporary, `the temporary password goes to the sandbox's messages: ${messages.join(' | ')}`);
    const first = await page().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bo@example.com', PASSWORD: temporary } }),
    );
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    await assert.rejects(create(), { name: 'UsernameExistsException' });
    messages = [];
    await create({ MessageAction: 'RESEND' });
    const resent = /: (\S+)$/.exec(messages.at(-1) ?? '')?.[1];
    assert.ok(resent && resent !== temporary, 'RESEND sends a new temporary password');
    await assert.rejects(idp().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'nobody@example.com', MessageAction: 'RESEND' })), {
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    messages = [];
    await idp().send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'cy@example.com',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'name', Value: 'Cy' }],
      }),
    );
    assert.deepEqual(messages, [], 'SUPPRESS sends nothing');
    await assert.rejects(
      idp().send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'di@example.com',
          DesiredDeliveryMediums: ['SMS'],
          UserAttributes: [{ Name: 'name', Value: 'Di' }],
        }),
      ),
      { name: 'InvalidParameterException', message: 'No phone_number provided but desired delivery medium was SMS' },
    );
  });

  it('gets, disables, enables and deletes a user, and deletes attributes, as an admin', async () => {
    const { poolId, clientId } = await pool();
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const got = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    assert.deepEqual([got.Enabled, got.UserStatus, valueOf(got.UserAttributes, 'name')], [true, 'CONFIRMED', 'Ana']);
    assert.match(got.Username!, /^[0-9a-f-]{36}$/, 'a pool signing in with email names users by their sub');
    const tokens = await signIn(clientId, 'ana@example.com');

    await idp().send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    await assert.rejects(signIn(clientId, 'ana@example.com'), { name: 'NotAuthorizedException', message: 'User is disabled.' });
    await assert.rejects(page().send(new GetUserCommand({ AccessToken: tokens.AccessToken })), { name: 'NotAuthorizedException' });
    await idp().send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    await signIn(clientId, 'ana@example.com');

    await assert.rejects(idp().send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'ana@example.com', UserAttributeNames: ['name'] })), {
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: name: The attribute name is required',
    });
    await idp().send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'ana@example.com', UserAttributes: [{ Name: 'nickname', Value: 'An' }] }),
    );
    await idp().send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'ana@example.com', UserAttributeNames: ['nickname'] }));
    const after = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    assert.equal(valueOf(after.UserAttributes, 'nickname'), undefined);

    await idp().send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' }));
    await assert.rejects(idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' })), {
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await assert.rejects(idp().send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'ana@example.com' })), { name: 'UserNotFoundException' });
    await assert.rejects(
      page().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
      {
        name: 'NotAuthorizedException',
      },
    );
  });

  it('lets a signed-in user (access token, no AWS credentials) read and change their attributes; a new email waits for its code', async () => {
    const { clientId } = await pool();
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const { AccessToken, IdToken } = await signIn(clientId, 'ana@example.com');
    const me = await page().send(new GetUserCommand({ AccessToken }));
    assert.deepEqual([valueOf(me.UserAttributes, 'email'), valueOf(me.UserAttributes, 'sub')], ['ana@example.com', claimsOf(IdToken!).sub]);

    const changed = await page().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'ana@example.org' }] }));
    assert.deepEqual(changed.CodeDeliveryDetailsList, [{ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    const unverified = await page().send(new GetUserCommand({ AccessToken }));
    assert.deepEqual([valueOf(unverified.UserAttributes, 'email'), valueOf(unverified.UserAttributes, 'email_verified')], ['ana@example.org', 'false']);
    await assert.rejects(page().send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '000000' })), {
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await page().send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    assert.match(messages.at(-1) ?? '', /ana@example\.org/);
    await page().send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: lastCode() }));
    const verified = await page().send(new GetUserCommand({ AccessToken }));
    assert.equal(valueOf(verified.UserAttributes, 'email_verified'), 'true');
    await assert.rejects(page().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] })), {
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    // A code for one address does not verify another; only email and phone numbers are verified.
    await page().send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const forOrg = lastCode();
    await page().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'ana@example.net' }] }));
    await assert.rejects(page().send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: forOrg })), { name: 'CodeMismatchException' });
    await assert.rejects(page().send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'password', Code: forOrg })), {
      name: 'InvalidParameterException',
    });
    // Another user's address cannot become hers: email is the pool's sign-in name.
    const other = await signUp(clientId, 'bo@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bo@example.com', ConfirmationCode: other }));
    await assert.rejects(page().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'bo@example.com' }] })), {
      name: 'AliasExistsException',
    });
    // Nor can an app sign a user up as verified.
    await assert.rejects(
      page().send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'cy@example.com',
          Password: PASSWORD,
          UserAttributes: [
            { Name: 'name', Value: 'Cy' },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      ),
      { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' },
    );
    await assert.rejects(page().send(new GetUserCommand({ AccessToken: IdToken })), { name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    await assert.rejects(page().send(new GetUserCommand({ AccessToken: `${AccessToken!.slice(0, -4)}AAAA` })), {
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });

  it('keeps the old email in use until the new one is verified, where UserAttributeUpdateSettings says so', async () => {
    const { clientId } = await pool({ UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const { AccessToken } = await signIn(clientId, 'ana@example.com');
    await page().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'ana@example.org' }] }));
    const waiting = await page().send(new GetUserCommand({ AccessToken }));
    assert.deepEqual([valueOf(waiting.UserAttributes, 'email'), valueOf(waiting.UserAttributes, 'email_verified')], ['ana@example.com', 'true']);
    assert.match(messages.at(-1) ?? '', /ana@example\.org/, 'the code goes to the new address');
    await page().send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: lastCode() }));
    const moved = await page().send(new GetUserCommand({ AccessToken }));
    assert.deepEqual([valueOf(moved.UserAttributes, 'email'), valueOf(moved.UserAttributes, 'email_verified')], ['ana@example.org', 'true']);
  });

  it('resets a forgotten password with a code sent to the verified email; resends a sign-up code', async () => {
    const { poolId, clientId } = await pool();
    const first = await signUp(clientId, 'ana@example.com');
    const resent = await page().send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ana@example.com' }));
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    const second = lastCode()!;
    if (first !== second)
      await assert.rejects(page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: first })), {
        name: 'CodeMismatchException',
      });
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: second }));
    await assert.rejects(page().send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ana@example.com' })), {
      name: 'InvalidParameterException',
    });

    const forgot = await page().send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ana@example.com' }));
    assert.deepEqual(forgot.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = lastCode()!;
    const confirm = (ConfirmationCode: string, Password: string) =>
      page().send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode, Password }));
    await assert.rejects(confirm(code === '000000' ? '111111' : '000000', NEW_PASSWORD), { name: 'CodeMismatchException' });
    await assert.rejects(confirm(code, 'short'), { name: 'InvalidPasswordException' });
    await confirm(code, NEW_PASSWORD);
    await assert.rejects(signIn(clientId, 'ana@example.com'), { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await signIn(clientId, 'ana@example.com', NEW_PASSWORD);

    await assert.rejects(page().send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody@example.com' })), {
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
    // An address nobody verified gets no reset code.
    await signUp(clientId, 'bo@example.com');
    await idp().send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'bo@example.com' }));
    await assert.rejects(page().send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'bo@example.com' })), {
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
  });

  it('changes a password with the access token and the old password', async () => {
    const { clientId } = await pool();
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const { AccessToken } = await signIn(clientId, 'ana@example.com');
    await assert.rejects(page().send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wr0ng-password!', ProposedPassword: NEW_PASSWORD })), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await page().send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }));
    await signIn(clientId, 'ana@example.com', NEW_PASSWORD);
  });

  it('signs a user out everywhere (GlobalSignOut): their access and refresh tokens stop working, a new sign-in works', async () => {
    const { clientId } = await pool();
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const here = await signIn(clientId, 'ana@example.com');
    const there = await signIn(clientId, 'ana@example.com');
    await page().send(new GlobalSignOutCommand({ AccessToken: here.AccessToken }));
    for (const tokens of [here, there]) {
      await assert.rejects(page().send(new GetUserCommand({ AccessToken: tokens.AccessToken })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
      await assert.rejects(
        page().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
        { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
      );
    }
    const again = await signIn(clientId, 'ana@example.com');
    await page().send(new GetUserCommand({ AccessToken: again.AccessToken }));
    // Revoked for good: not only while its access tokens could still be alive (an hour).
    const realNow = Date.now;
    Date.now = () => realNow() + 2 * 3600_000;
    try {
      // Another user's sign-out, when the first's revocations of access tokens have lapsed.
      const zedCode = await signUp(clientId, 'zed@example.com');
      await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'zed@example.com', ConfirmationCode: zedCode }));
      await page().send(new GlobalSignOutCommand({ AccessToken: (await signIn(clientId, 'zed@example.com')).AccessToken }));
      await assert.rejects(
        page().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: here.RefreshToken! } })),
        { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
      );
    } finally {
      Date.now = realNow;
    }
  });

  it('revokes one refresh token and the access tokens issued from it (RevokeToken), not other sign-ins', async () => {
    const { clientId } = await pool();
    const code = await signUp(clientId, 'ana@example.com');
    await page().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana@example.com', ConfirmationCode: code }));
    const revoked = await signIn(clientId, 'ana@example.com');
    const kept = await signIn(clientId, 'ana@example.com');
    const refreshed = await page().send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: revoked.RefreshToken! } }),
    );
    await assert.rejects(page().send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.AccessToken })), { name: 'UnsupportedTokenTypeException' });
    await page().send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.RefreshToken }));
    for (const accessToken of [revoked.AccessToken, refreshed.AuthenticationResult!.AccessToken])
      await assert.rejects(page().send(new GetUserCommand({ AccessToken: accessToken })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    await assert.rejects(
      page().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: revoked.RefreshToken! } })),
      { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
    );
    await page().send(new GetUserCommand({ AccessToken: kept.AccessToken }));
    await assert.rejects(page().send(new RevokeTokenCommand({ ClientId: 'nosuchclient0000000000000', Token: kept.RefreshToken })), {
      name: 'UnauthorizedException',
    });
  });
});
