import { createHmac, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { pageOf } from '../../paging';
import { ServiceError } from '../../request';
import { makeVerifier } from '../../srp';
import type { UserPoolClientRecord, UserPoolRecord, UserRecord } from '../../state';
import {
  attributeList,
  attributesFrom,
  checkAttributes,
  checkRequired,
  codeDelivery,
  EMAIL,
  newCode,
  refuseClientVerifiedFlags,
  requiredOf,
  schemaOf,
  verificationTarget,
} from './attributes';
import { ALNUM, type Body, clientOf, findUser, invalid, type Operation, poolOf, random, seconds, type Send, storedUser, str, userOf } from './common';
import { verifiedBeforeUpdate } from './pools';
import { forgetUserTokens, revokeOrigins, revokeUser, userOfAccessToken } from './tokens';

// Users: sign-up and confirmation, what an administrator does to them, and what a signed-in user
// does to themself with an access token. Codes go to `send` (the sandbox's log), never elsewhere.

/** How long codes live: sign-up and attribute codes a day, password reset codes an hour (Cognito's developer guide). */
const CODE_MINUTES = { verify: 24 * 60, password: 60 };

const codeMismatch = () => new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.');
const codeExpired = () => new ServiceError('ExpiredCodeException', 'Invalid code provided, please request a code again.');

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  const [salt, hash] = user.passwordHash.split(':');
  const given = scryptSync(password, Buffer.from(salt, 'hex'), 32);
  return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}

export function checkPassword(pool: UserPoolRecord, password: string): void {
  const policy = pool.PasswordPolicy;
  const fail = (why: string) => new ServiceError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) throw fail('Password must have symbol characters');
}

export function setPassword(pool: UserPoolRecord, user: UserRecord, password: string): void {
  user.passwordHash = hashPassword(password);
  user.srp = makeVerifier(pool.Id.split('_')[1], user.Username, password);
  user.modified = seconds();
}

export function secretHashCheck(client: UserPoolClientRecord, username: string, secretHash: unknown): void {
  if (!client.ClientSecret) return;
  if (typeof secretHash !== 'string')
    throw new ServiceError('NotAuthorizedException', `Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  const expected = createHmac('sha256', client.ClientSecret)
    .update(username + client.ClientId)
    .digest('base64');
  if (expected !== secretHash) throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${client.ClientId}`);
}

function createUser(pool: UserPoolRecord, username: string, attributes: Record<string, string>, password: string, status: UserRecord['status']): UserRecord {
  const usesEmail = pool.UsernameAttributes.includes('email');
  if (usesEmail && !EMAIL.test(username)) throw invalid('Username should be an email.');
  if (findUser(pool, username)) {
    throw new ServiceError('UsernameExistsException', usesEmail ? 'An account with the given email already exists.' : 'User already exists');
  }
  const sub = randomUUID();
  const user: UserRecord = {
    // A pool that signs in with email names its users by their sub; the email is an attribute.
    Username: usesEmail ? sub : username,
    attributes: { sub, ...attributes, ...(usesEmail ? { email: attributes.email ?? username } : {}) },
    status,
    enabled: true,
    created: seconds(),
    modified: seconds(),
    passwordHash: '',
    srp: { salt: '', verifier: '' },
  };
  setPassword(pool, user, password);
  pool.users[user.Username] = user;
  return user;
}

/** A user as ListUsers and AdminCreateUser show one (UserType). */
function userView(user: UserRecord, only?: readonly string[]): Body {
  return {
    Username: user.Username,
    Attributes: attributeList(user, only),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** A new user's attributes, checked: the schema, required ones, and (pools signing in with email) the email. */
function newUserAttributes(pool: UserPoolRecord, username: string, list: unknown): Record<string, string> {
  const attributes = attributesFrom(list);
  if (pool.UsernameAttributes.includes('email')) {
    if (!EMAIL.test(username)) throw invalid('Username should be an email.');
    attributes.email ??= username;
  }
  checkAttributes(pool, attributes, true);
  checkRequired(pool, attributes);
  return attributes;
}

/**
 * Attribute changes, as Cognito makes them: a changed email or phone number is unverified (unless
 * the same call verifies it), and where the pool keeps the old value until the new one is verified
 * (UserAttributeUpdateSettings), the new value waits. Returns the attributes to send a code for.
 */
function changeAttributes(pool: UserPoolRecord, user: UserRecord, changes: Record<string, string>): Array<'email' | 'phone_number'> {
  const toVerify: Array<'email' | 'phone_number'> = [];
  const waits = verifiedBeforeUpdate(pool);
  for (const [name, value] of Object.entries(changes)) {
    if ((name === 'email' || name === 'phone_number') && value !== user.attributes[name]) {
      // One sign-in name per user: another user's email (or phone number) cannot become this one's.
      const signsInWith = [...pool.UsernameAttributes, ...pool.AliasAttributes].includes(name);
      const holder = signsInWith && findUser(pool, value);
      if (holder && holder.Username !== user.Username)
        throw new ServiceError('AliasExistsException', `An account with the given ${name === 'email' ? 'email' : 'phone_number'} already exists.`);
      // A code sent to the old value does not verify the new one.
      if (user.codes?.[name]) delete user.codes[name];
      const verified = changes[`${name}_verified`] === 'true';
      if (!verified && pool.AutoVerifiedAttributes.includes(name)) toVerify.push(name);
      if (!verified && waits.includes(name) && user.attributes[`${name}_verified`] === 'true') {
        user.pendingAttributes = { ...user.pendingAttributes, [name]: value };
        continue;
      }
      if (!verified) user.attributes[`${name}_verified`] = 'false';
    }
    user.attributes[name] = value;
  }
  user.modified = seconds();
  return toVerify;
}

const deliveryName = (attribute: string) => (attribute === 'email' ? 'email address' : 'phone number');

export function userOperations(send: Send): Record<string, Operation> {
  /** Makes a code for an attribute of a stored user (for the new value when one waits), "sends" it and says where it went. */
  const sendAttributeCode = (pool: UserPoolRecord, stored: UserRecord, attribute: 'email' | 'phone_number'): Body => {
    const code = newCode(CODE_MINUTES.verify);
    const destination = stored.pendingAttributes?.[attribute] ?? stored.attributes[attribute];
    stored.codes = { ...stored.codes, [attribute]: code };
    send(`Verification code for the ${deliveryName(attribute)} ${destination} of user ${stored.Username} in user pool ${pool.Id}: ${code.code}`);
    return codeDelivery(attribute, destination);
  };

  return {
    SignUp: (body, st) => {
      const { pool, client } = clientOf(st, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      const password = str(body, 'Password')!;
      secretHashCheck(client, username, body.SecretHash);
      refuseClientVerifiedFlags(attributesFrom(body.UserAttributes));
      const attributes = newUserAttributes(pool, username, body.UserAttributes);
      checkPassword(pool, password);
      const code = newCode(CODE_MINUTES.verify);
      const user = st.update((state) => {
        const created = createUser(state.cognitoIdp.pools[pool.Id], username, attributes, password, 'UNCONFIRMED');
        const target = verificationTarget(pool, created);
        if (target) {
          created.confirmationCode = code.code;
          created.confirmationAttribute = target;
          // Cognito marks the address the code goes to as not yet verified (email_verified "false").
          created.attributes[`${target}_verified`] ??= 'false';
        }
        return created;
      });
      const target = user.confirmationAttribute as 'email' | 'phone_number' | undefined;
      // The sandbox sends no mail: the code goes to its log, where the person testing can read it.
      if (target) send(`Confirmation code for ${user.attributes[target]} in user pool ${pool.Id}: ${code.code}`);
      return {
        UserConfirmed: false,
        ...(target ? { CodeDeliveryDetails: codeDelivery(target, user.attributes[target]) } : {}),
        UserSub: user.attributes.sub,
      };
    },

    ConfirmSignUp: (body, st) => {
      const { pool, client } = clientOf(st, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      const given = str(body, 'ConfirmationCode')!;
      secretHashCheck(client, username, body.SecretHash);
      const user = findUser(pool, username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      if (user.status === 'CONFIRMED') throw new ServiceError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      if (!user.confirmationCode || given !== user.confirmationCode) throw codeMismatch();
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        stored.status = 'CONFIRMED';
        // The code reached that attribute: it is verified.
        if (stored.confirmationAttribute) stored.attributes[`${stored.confirmationAttribute}_verified`] = 'true';
        stored.confirmationCode = undefined;
        stored.confirmationAttribute = undefined;
        stored.modified = seconds();
      });
      return {};
    },

    ResendConfirmationCode: (body, st) => {
      const { pool, client } = clientOf(st, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      secretHashCheck(client, username, body.SecretHash);
      const user = findUser(pool, username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      if (user.status === 'CONFIRMED') throw invalid('User is already confirmed.');
      const target = verificationTarget(pool, user);
      if (!target) throw invalid('Auto verification not turned on.');
      const code = newCode(CODE_MINUTES.verify);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        stored.confirmationCode = code.code;
        stored.confirmationAttribute = target;
      });
      send(`Confirmation code for ${user.attributes[target]} in user pool ${pool.Id}: ${code.code}`);
      return { CodeDeliveryDetails: codeDelivery(target, user.attributes[target]) };
    },

    AdminConfirmSignUp: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      if (user.status !== 'UNCONFIRMED') throw new ServiceError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
      // Confirms the account only: no attribute is verified by it.
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        stored.status = 'CONFIRMED';
        stored.confirmationCode = undefined;
        stored.confirmationAttribute = undefined;
        stored.modified = seconds();
      });
      return {};
    },

    AdminCreateUser: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const username = str(body, 'Username')!;
      const action = str(body, 'MessageAction', false);
      if (action !== undefined && action !== 'RESEND' && action !== 'SUPPRESS')
        throw invalid(
          `1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`,
        );
      const given = str(body, 'TemporaryPassword', false);
      const temporary = given ?? `Tmp-${random(ALNUM, 10)}A1!`;
      checkPassword(pool, temporary);
      let user: UserRecord;
      if (action === 'RESEND') {
        const existing = userOf(pool, username);
        if (existing.status !== 'FORCE_CHANGE_PASSWORD')
          throw new ServiceError('UnsupportedUserStateException', `Resend not possible. ${existing.Username} status is not FORCE_CHANGE_PASSWORD.`);
        user = existing;
      } else {
        const attributes = newUserAttributes(pool, username, body.UserAttributes);
        user = { Username: username, attributes } as UserRecord;
        if (findUser(pool, username)) throw new ServiceError('UsernameExistsException', 'User account already exists');
      }
      // The invitation goes by the mediums asked for; a medium asked for needs its attribute (AWS:
      // "No email provided but desired delivery medium was Email"). Asked for none, the sandbox
      // writes to what the user has.
      const asked = body.DesiredDeliveryMediums as string[] | undefined;
      if (action !== 'SUPPRESS')
        for (const medium of asked ?? []) {
          if (medium === 'EMAIL' && !user.attributes.email) throw invalid('No email provided but desired delivery medium was Email');
          if (medium === 'SMS' && !user.attributes.phone_number) throw invalid('No phone_number provided but desired delivery medium was SMS');
        }
      const to = (asked ?? ['EMAIL', 'SMS']).map((m) => (m === 'EMAIL' ? 'email' : 'phone_number')).filter((a) => user.attributes[a]);
      user = st.update((state) => {
        const statePool = state.cognitoIdp.pools[pool.Id];
        if (action === 'RESEND') {
          const stored = storedUser(state, pool, user);
          setPassword(pool, stored, temporary);
          return stored;
        }
        return createUser(statePool, username, user.attributes, temporary, 'FORCE_CHANGE_PASSWORD');
      });
      if (action !== 'SUPPRESS')
        for (const attribute of to) send(`Temporary password for ${username} (sent to ${user.attributes[attribute]}) in user pool ${pool.Id}: ${temporary}`);
      return { User: userView(user) };
    },

    AdminGetUser: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      return {
        Username: user.Username,
        UserAttributes: attributeList(user),
        UserCreateDate: user.created,
        UserLastModifiedDate: user.modified,
        Enabled: user.enabled,
        UserStatus: user.status,
      };
    },

    AdminSetUserPassword: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      const password = str(body, 'Password')!;
      checkPassword(pool, password);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        setPassword(pool, stored, password);
        stored.status = body.Permanent === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
      });
      return {};
    },

    AdminDeleteUser: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      st.update((state) => {
        revokeUser(state, pool.Id, user.Username);
        forgetUserTokens(state, pool.Id, user.Username);
        delete state.cognitoIdp.pools[pool.Id].users[user.Username];
      });
      return {};
    },

    AdminDisableUser: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      // Cognito revokes the user's tokens as it disables them.
      st.update((state) => {
        storedUser(state, pool, user).enabled = false;
        revokeUser(state, pool.Id, user.Username);
      });
      return {};
    },

    AdminEnableUser: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      st.update((state) => {
        storedUser(state, pool, user).enabled = true;
      });
      return {};
    },

    AdminUpdateUserAttributes: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      if (body.UserAttributes === undefined)
        throw invalid("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
      const changes = attributesFrom(body.UserAttributes);
      checkAttributes(pool, changes, false);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        for (const attribute of changeAttributes(pool, stored, changes)) sendAttributeCode(pool, stored, attribute);
      });
      return {};
    },

    AdminDeleteUserAttributes: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const user = userOf(pool, str(body, 'Username')!);
      const names = body.UserAttributeNames;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))
        throw invalid("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
      const schema = schemaOf(pool);
      const required = requiredOf(pool);
      const problems = (names as string[]).flatMap((name) => {
        const attribute = schema.find((a) => a.Name === name);
        if (!attribute) return [`${name}: Attribute does not exist in the schema.`];
        if (name === 'sub' || !attribute.Mutable) return [`${name}: Attribute cannot be updated. (changing an immutable attribute)`];
        if (required.includes(name)) return [`${name}: The attribute ${name} is required`];
        return [];
      });
      if (problems.length > 0) throw invalid(`Attributes did not conform to the schema: ${problems.join(', ')}`);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        for (const name of names as string[]) delete stored.attributes[name];
        stored.modified = seconds();
      });
      return {};
    },

    ListUsers: (body, st) => {
      const pool = poolOf(st, str(body, 'UserPoolId'));
      const filter = str(body, 'Filter', false);
      const match = filter ? /^\s*([\w:]+)\s*(=|\^=)\s*"([^"]*)"\s*$/.exec(filter) : null;
      if (filter && !match) throw invalid('Error while parsing filter.');
      const limit = body.Limit ?? 60;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 60)
        throw invalid(
          `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
        );
      const only = body.AttributesToGet as string[] | undefined;
      const users = Object.values(pool.users).filter((user) => {
        if (!match) return true;
        const value =
          match[1] === 'username'
            ? user.Username
            : match[1] === 'status'
              ? user.enabled
                ? 'Enabled'
                : 'Disabled'
              : match[1] === 'cognito:user_status'
                ? user.status
                : user.attributes[match[1]];
        return value !== undefined && (match[2] === '=' ? value === match[3] : value.startsWith(match[3]));
      });
      const page = pageOf(users, body.PaginationToken, limit || 60, { code: 'InvalidParameterException', tokenName: 'PaginationToken' });
      return { Users: page.items.map((user) => userView(user, only)), PaginationToken: page.next };
    },

    // What a signed-in app does with its access token (no AWS credentials).

    GetUser: (body, st) => {
      const { user } = userOfAccessToken(st, body.AccessToken);
      return { Username: user.Username, UserAttributes: attributeList(user) };
    },

    UpdateUserAttributes: (body, st) => {
      const { pool, user } = userOfAccessToken(st, body.AccessToken);
      if (body.UserAttributes === undefined)
        throw invalid("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
      const changes = attributesFrom(body.UserAttributes);
      // A user cannot verify their own email or phone number by saying so.
      refuseClientVerifiedFlags(changes);
      checkAttributes(pool, changes, false);
      const sent: Body[] = [];
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        for (const attribute of changeAttributes(pool, stored, changes)) sent.push(sendAttributeCode(pool, stored, attribute));
      });
      return sent.length > 0 ? { CodeDeliveryDetailsList: sent } : {};
    },

    GetUserAttributeVerificationCode: (body, st) => {
      const { pool, user } = userOfAccessToken(st, body.AccessToken);
      const name = str(body, 'AttributeName')!;
      if (name !== 'email' && name !== 'phone_number') throw invalid(`Invalid attribute name: ${name} cannot be verified.`);
      if (!user.attributes[name] && !user.pendingAttributes?.[name]) throw invalid(`User has no attribute ${name}.`);
      let delivery: Body = {};
      st.update((state) => {
        delivery = sendAttributeCode(pool, storedUser(state, pool, user), name);
      });
      return { CodeDeliveryDetails: delivery };
    },

    VerifyUserAttribute: (body, st) => {
      const { pool, user } = userOfAccessToken(st, body.AccessToken);
      const name = str(body, 'AttributeName')!;
      const given = str(body, 'Code')!;
      if (name !== 'email' && name !== 'phone_number') throw invalid(`Invalid attribute name: ${name} cannot be verified.`);
      const code = user.codes?.[name];
      if (!code || code.code !== given) throw codeMismatch();
      if (code.expires < Date.now()) throw codeExpired();
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        const pending = stored.pendingAttributes?.[name];
        if (pending !== undefined) {
          stored.attributes[name] = pending;
          delete stored.pendingAttributes![name];
        }
        stored.attributes[`${name}_verified`] = 'true';
        delete stored.codes![name];
        stored.modified = seconds();
      });
      return {};
    },

    ChangePassword: (body, st) => {
      const { pool, user } = userOfAccessToken(st, body.AccessToken);
      const previous = str(body, 'PreviousPassword')!;
      const proposed = str(body, 'ProposedPassword')!;
      if (!passwordMatches(user, previous)) throw new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
      checkPassword(pool, proposed);
      st.update((state) => setPassword(pool, storedUser(state, pool, user), proposed));
      return {};
    },

    ForgotPassword: (body, st) => {
      const { pool, client } = clientOf(st, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      secretHashCheck(client, username, body.SecretHash);
      const user = findUser(pool, username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
      // A code goes only to a verified email or phone number.
      const target = (['email', 'phone_number'] as const).find((a) => user.attributes[a] && user.attributes[`${a}_verified`] === 'true');
      if (!target) throw invalid('Cannot reset password for the user as there is no registered/verified email or phone_number');
      const code = newCode(CODE_MINUTES.password);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        stored.codes = { ...stored.codes, password: code };
      });
      send(`Password reset code for ${user.attributes[target]} in user pool ${pool.Id}: ${code.code}`);
      return { CodeDeliveryDetails: codeDelivery(target, user.attributes[target]) };
    },

    ConfirmForgotPassword: (body, st) => {
      const { pool, client } = clientOf(st, str(body, 'ClientId'));
      const username = str(body, 'Username')!;
      const given = str(body, 'ConfirmationCode')!;
      const password = str(body, 'Password')!;
      secretHashCheck(client, username, body.SecretHash);
      const user = findUser(pool, username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      const code = user.codes?.password;
      if (!code || code.code !== given) throw codeMismatch();
      if (code.expires < Date.now()) throw codeExpired();
      checkPassword(pool, password);
      st.update((state) => {
        const stored = storedUser(state, pool, user);
        setPassword(pool, stored, password);
        delete stored.codes!.password;
        if (stored.status === 'RESET_REQUIRED' || stored.status === 'FORCE_CHANGE_PASSWORD') stored.status = 'CONFIRMED';
      });
      return {};
    },

    GlobalSignOut: (body, st) => {
      const { pool, user, originJti } = userOfAccessToken(st, body.AccessToken);
      st.update((state) => revokeUser(state, pool.Id, user.Username, originJti));
      return {};
    },

    RevokeToken: (body, st) => {
      const token = str(body, 'Token')!;
      const clientId = str(body, 'ClientId')!;
      const unauthorized = () => new ServiceError('UnauthorizedException', 'Invalid client id or secret.');
      const found = Object.values(st.state.cognitoIdp.pools).find((pool) => pool.clients[clientId]);
      const client = found?.clients[clientId];
      if (!client) throw unauthorized();
      if (client.ClientSecret && body.ClientSecret !== client.ClientSecret) throw unauthorized();
      if (client.settings?.EnableTokenRevocation === false)
        throw new ServiceError('UnsupportedOperationException', 'Token revocation is not enabled for this client.');
      if (token.split('.').length === 3) throw new ServiceError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
      // A token Cognito does not know revokes nothing, and is no error (as OAuth's token revocation, RFC 7009).
      const entry = st.state.cognitoIdp.refreshTokens[token];
      if (!entry) return {};
      if (entry.clientId !== clientId) throw unauthorized();
      // Revoking a refresh token revokes the access tokens issued from it (same origin_jti).
      st.update((state) => {
        if (entry.originJti) revokeOrigins(state, [entry.originJti]);
        else delete state.cognitoIdp.refreshTokens[token];
      });
      return {};
    },
  };
}
