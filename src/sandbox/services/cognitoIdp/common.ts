import { randomInt } from 'node:crypto';
import { stringMember } from '../../protocols/json';
import { ServiceError } from '../../request';
import type { SandboxState, UserPoolClientRecord, UserPoolRecord, UserRecord } from '../../state';
import type { JsonStore } from '../../store';

// What every part of the user pools service uses: lookups by id, the errors Cognito answers them with.

export type Body = Record<string, unknown>;
export type Store = JsonStore<SandboxState>;
/** One operation: its request body in, its response body out. */
export type Operation = (body: Body, store: Store, region: string) => unknown;
/** Where the sandbox "sends" codes and temporary passwords: its log, for the person testing to read. */
export type Send = (message: string) => void;

export const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const seconds = () => Math.floor(Date.now() / 1000);
export const random = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
export const invalid = (message: string) => new ServiceError('InvalidParameterException', message);
export const userNotFound = (message = 'User does not exist.') => new ServiceError('UserNotFoundException', message);

export function str(body: Body, name: string, required = true): string | undefined {
  return stringMember(body, name, 'InvalidParameterException', required);
}

/** Only the members that have a value: Cognito leaves unset members out of its answers. */
export function defined(members: Body): Body {
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined));
}

export function poolOf(store: Store, id: string | undefined): UserPoolRecord {
  const pool = id ? store.state.cognitoIdp.pools[id] : undefined;
  if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${id} does not exist.`);
  return pool;
}

export function clientOf(store: Store, clientId: string | undefined, poolId?: string): { pool: UserPoolRecord; client: UserPoolClientRecord } {
  for (const pool of Object.values(store.state.cognitoIdp.pools)) {
    const client = clientId ? pool.clients[clientId] : undefined;
    if (client && (!poolId || pool.Id === poolId)) return { pool, client };
  }
  throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}

/** Finds a user by username, or by email when the pool signs in with email. */
export function findUser(pool: UserPoolRecord, name: string): UserRecord | undefined {
  if (pool.users[name]) return pool.users[name];
  const aliases = [...pool.UsernameAttributes, ...pool.AliasAttributes];
  return Object.values(pool.users).find((user) => aliases.some((attribute) => user.attributes[attribute]?.toLowerCase() === name.toLowerCase()));
}

/** The user an admin operation names: UserNotFoundException when there is none. */
export function userOf(pool: UserPoolRecord, name: string): UserRecord {
  const user = findUser(pool, name);
  if (!user) throw userNotFound();
  return user;
}

/** The stored user, to change inside store.update. */
export function storedUser(state: SandboxState, pool: UserPoolRecord, user: UserRecord): UserRecord {
  return state.cognitoIdp.pools[pool.Id].users[user.Username];
}
