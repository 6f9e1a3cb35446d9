import { userPoolArn } from '../../../aws/arns';
import { SANDBOX_ACCOUNT_ID } from '../../../aws/sandboxAccount';
import { AUTH_FLOWS, LEGACY_AUTH_FLOWS } from '../../../aws/services/cognitoIdp';
import { pageOf } from '../../paging';
import type { UserPoolClientRecord, UserPoolRecord } from '../../state';
import { requirable, schemaFrom, schemaOf } from './attributes';
import { ALNUM, type Body, clientOf, defined, invalid, type Operation, poolOf, random, seconds, str } from './common';

// User pools and their app clients: what Create* keeps, what Describe* answers, with Cognito's defaults.

/** CreateUserPool members kept as given and returned by DescribeUserPool. */
const POOL_SETTINGS = [
  'DeletionProtection',
  'LambdaConfig',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'MfaConfiguration',
  'UserAttributeUpdateSettings',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'UsernameConfiguration',
  'AccountRecoverySetting',
];

/** Create/UpdateUserPoolClient members kept as given and returned by DescribeUserPoolClient. */
const CLIENT_SETTINGS = [
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
];

const pick = (body: Body, names: readonly string[]) => defined(Object.fromEntries(names.map((name) => [name, body[name]])));
const object = (value: unknown): Body => (typeof value === 'object' && value !== null ? (value as Body) : {});

/** The attributes whose change waits for verification (UserAttributeUpdateSettings); none unless set. */
export function verifiedBeforeUpdate(pool: UserPoolRecord): string[] {
  const settings = object(pool.settings?.UserAttributeUpdateSettings);
  return (settings.AttributesRequireVerificationBeforeUpdate as string[] | undefined) ?? [];
}

/** A pool as DescribeUserPool answers: what it was given, and for the rest what Cognito returns for a new pool. */
export function poolView(pool: UserPoolRecord): Body {
  const settings = pool.settings ?? {};
  return defined({
    Id: pool.Id,
    Name: pool.Name,
    Policies: { PasswordPolicy: pool.PasswordPolicy },
    DeletionProtection: settings.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: settings.LambdaConfig ?? {},
    LastModifiedDate: pool.LastModifiedDate,
    CreationDate: pool.CreationDate,
    SchemaAttributes: schemaOf(pool),
    AutoVerifiedAttributes: pool.AutoVerifiedAttributes.length > 0 ? pool.AutoVerifiedAttributes : undefined,
    AliasAttributes: pool.AliasAttributes.length > 0 ? pool.AliasAttributes : undefined,
    UsernameAttributes: pool.UsernameAttributes.length > 0 ? pool.UsernameAttributes : undefined,
    SmsVerificationMessage: settings.SmsVerificationMessage,
    EmailVerificationMessage: settings.EmailVerificationMessage,
    EmailVerificationSubject: settings.EmailVerificationSubject,
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', ...object(settings.VerificationMessageTemplate) },
    SmsAuthenticationMessage: settings.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: verifiedBeforeUpdate(pool) },
    MfaConfiguration: settings.MfaConfiguration ?? 'OFF',
    DeviceConfiguration: settings.DeviceConfiguration,
    EstimatedNumberOfUsers: Object.keys(pool.users).length,
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ...object(settings.EmailConfiguration) },
    SmsConfiguration: settings.SmsConfiguration,
    UserPoolTags: settings.UserPoolTags,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...object(settings.AdminCreateUserConfig) },
    UserPoolAddOns: settings.UserPoolAddOns,
    UsernameConfiguration: settings.UsernameConfiguration,
    Arn: pool.Arn,
    AccountRecoverySetting: settings.AccountRecoverySetting,
  });
}

const ALL_FLOWS = [...Object.keys(LEGACY_AUTH_FLOWS), ...AUTH_FLOWS];

/** A client's ExplicitAuthFlows as Create/UpdateUserPoolClient take them: ALLOW_ names or legacy ones, as given. */
function authFlowsOf(body: Body): string[] {
  const flows = (body.ExplicitAuthFlows as string[] | undefined) ?? [];
  for (const flow of flows)
    if (!ALL_FLOWS.includes(flow))
      throw invalid(
        `1 validation error detected: Value '[${flows.join(', ')}]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ALL_FLOWS.join(', ')}]]`,
      );
  return flows;
}

function clientSettings(body: Body): Body {
  const settings = pick(body, CLIENT_SETTINGS);
  const session = settings.AuthSessionValidity;
  if (session !== undefined && (typeof session !== 'number' || session < 3 || session > 15))
    throw invalid(
      `1 validation error detected: Value '${String(session)}' at 'authSessionValidity' failed to satisfy constraint: Member must have value between 3 and 15`,
    );
  return settings;
}

/** A client as Describe/Create/UpdateUserPoolClient answer: what it was given, and Cognito's defaults for the rest. */
export function clientView(client: UserPoolClientRecord): Body {
  const settings = client.settings ?? {};
  return defined({
    UserPoolId: client.UserPoolId,
    ClientName: client.ClientName,
    ClientId: client.ClientId,
    ClientSecret: client.ClientSecret,
    LastModifiedDate: client.LastModifiedDate,
    CreationDate: client.CreationDate,
    RefreshTokenValidity: client.RefreshTokenValidity,
    ...settings,
    ExplicitAuthFlows: client.ExplicitAuthFlows.length > 0 ? client.ExplicitAuthFlows : undefined,
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: client.PreventUserExistenceErrors,
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: settings.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: settings.AuthSessionValidity ?? 3,
  });
}

function checkName(name: string, member: string): void {
  if (!/^[\w\s+=,.@-]{1,128}$/.test(name))
    throw invalid(
      `1 validation error detected: Value '${name}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
    );
}

export const poolOperations: Record<string, Operation> = {
  CreateUserPool: (body, store, region) => {
    const name = str(body, 'PoolName')!;
    checkName(name, 'poolName');
    const usernameAttributes = (body.UsernameAttributes as string[] | undefined) ?? [];
    const aliasAttributes = (body.AliasAttributes as string[] | undefined) ?? [];
    if (usernameAttributes.length > 0 && aliasAttributes.length > 0)
      throw invalid('Only one of the parameters, AliasAttributes or UsernameAttributes, can be set in a User Pool.');
    for (const attribute of usernameAttributes) if (!['email', 'phone_number'].includes(attribute)) throw invalid(`Invalid username attribute: ${attribute}`);
    const schema = schemaFrom(body.Schema);
    const required = schema.filter((a) => a.Required && a.Name !== 'sub').map((a) => a.Name);
    for (const attribute of required) if (!requirable(attribute)) throw invalid(`Required custom attributes are not supported currently: ${attribute}`);
    const policy = (object(body.Policies).PasswordPolicy ?? {}) as Partial<UserPoolRecord['PasswordPolicy']>;
    const id = `${region}_${random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 9)}`;
    const now = seconds();
    const pool: UserPoolRecord = {
      Id: id,
      Name: name,
      Arn: userPoolArn(region, SANDBOX_ACCOUNT_ID, id),
      CreationDate: now,
      LastModifiedDate: now,
      UsernameAttributes: usernameAttributes,
      AliasAttributes: aliasAttributes,
      AutoVerifiedAttributes: (body.AutoVerifiedAttributes as string[] | undefined) ?? [],
      schema,
      settings: pick(body, POOL_SETTINGS),
      PasswordPolicy: {
        MinimumLength: policy.MinimumLength ?? 8,
        RequireUppercase: policy.RequireUppercase ?? true,
        RequireLowercase: policy.RequireLowercase ?? true,
        RequireNumbers: policy.RequireNumbers ?? true,
        RequireSymbols: policy.RequireSymbols ?? true,
        TemporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays ?? 7,
      },
      clients: {},
      users: {},
    };
    store.update((state) => {
      state.cognitoIdp.pools[id] = pool;
    });
    return { UserPool: poolView(pool) };
  },

  DescribeUserPool: (body, store) => ({ UserPool: poolView(poolOf(store, str(body, 'UserPoolId'))) }),

  ListUserPools: (body, store) => {
    const max = body.MaxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 60)
      throw invalid(
        `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60`,
      );
    const pools = Object.values(store.state.cognitoIdp.pools).sort((a, b) => a.CreationDate - b.CreationDate || a.Id.localeCompare(b.Id));
    const page = pageOf(pools, body.NextToken, max, { code: 'InvalidParameterException', tokenName: 'NextToken' });
    return {
      UserPools: page.items.map((p) => ({
        Id: p.Id,
        Name: p.Name,
        LambdaConfig: p.settings?.LambdaConfig ?? {},
        LastModifiedDate: p.LastModifiedDate,
        CreationDate: p.CreationDate,
      })),
      NextToken: page.next,
    };
  },

  DeleteUserPool: (body, store) => {
    const pool = poolOf(store, str(body, 'UserPoolId'));
    if (pool.settings?.DeletionProtection === 'ACTIVE')
      throw invalid('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');
    store.update((state) => {
      delete state.cognitoIdp.pools[pool.Id];
      for (const [token, entry] of Object.entries(state.cognitoIdp.refreshTokens)) if (entry.poolId === pool.Id) delete state.cognitoIdp.refreshTokens[token];
    });
    return {};
  },

  CreateUserPoolClient: (body, store) => {
    const pool = poolOf(store, str(body, 'UserPoolId'));
    const name = str(body, 'ClientName')!;
    checkName(name, 'clientName');
    const flows = authFlowsOf(body);
    const settings = clientSettings(body);
    const now = seconds();
    const client: UserPoolClientRecord = {
      ClientId: random(ALNUM, 26),
      ClientName: name,
      UserPoolId: pool.Id,
      ...(body.GenerateSecret === true ? { ClientSecret: random(ALNUM, 51) } : {}),
      ExplicitAuthFlows: flows,
      PreventUserExistenceErrors: body.PreventUserExistenceErrors === 'ENABLED' ? 'ENABLED' : 'LEGACY',
      RefreshTokenValidity: typeof body.RefreshTokenValidity === 'number' ? body.RefreshTokenValidity : 30,
      CreationDate: now,
      LastModifiedDate: now,
      settings,
    };
    store.update((state) => {
      state.cognitoIdp.pools[pool.Id].clients[client.ClientId] = client;
    });
    return { UserPoolClient: clientView(client) };
  },

  // Settings not sent go back to their defaults, as in Cognito.
  UpdateUserPoolClient: (body, store) => {
    const { pool, client } = clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId'));
    const flows = authFlowsOf(body);
    const settings = clientSettings(body);
    if (typeof body.ClientName === 'string') checkName(body.ClientName, 'clientName');
    const updated = store.update((state) => {
      const record = state.cognitoIdp.pools[pool.Id].clients[client.ClientId];
      if (typeof body.ClientName === 'string') record.ClientName = body.ClientName;
      record.ExplicitAuthFlows = flows;
      record.PreventUserExistenceErrors = body.PreventUserExistenceErrors === 'ENABLED' ? 'ENABLED' : 'LEGACY';
      record.RefreshTokenValidity = typeof body.RefreshTokenValidity === 'number' ? body.RefreshTokenValidity : 30;
      record.settings = settings;
      record.LastModifiedDate = seconds();
      return { ...record };
    });
    return { UserPoolClient: clientView(updated) };
  },

  DescribeUserPoolClient: (body, store) => ({ UserPoolClient: clientView(clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId')).client) }),

  ListUserPoolClients: (body, store) => {
    const pool = poolOf(store, str(body, 'UserPoolId'));
    return { UserPoolClients: Object.values(pool.clients).map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })) };
  },

  DeleteUserPoolClient: (body, store) => {
    const { pool, client } = clientOf(store, str(body, 'ClientId'), str(body, 'UserPoolId'));
    store.update((state) => {
      delete state.cognitoIdp.pools[pool.Id].clients[client.ClientId];
    });
    return {};
  },
};
