import { InvalidArgumentsError } from '../aws/errors';

/** What Cognito and IAM accept as names, checked before anything is sent. */
const USER_POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
const IDENTITY_POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
const CLIENT_NAME = /^[\w\s+=,.@-]{1,128}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function userPoolNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name.length === 0) return 'Give the user pool a name without leading or trailing spaces.';
  return USER_POOL_NAME.test(name) ? undefined : 'A user pool name is 1 to 128 letters, digits, spaces and + = , . @ - _';
}

/** The base name, or the first of base2, base3, … not taken: a default that will not be refused. */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export function identityPoolNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name.length === 0) return 'Give the identity pool a name without leading or trailing spaces.';
  return IDENTITY_POOL_NAME.test(name) ? undefined : 'An identity pool name is 1 to 128 letters, digits, spaces and + = , . @ - _';
}

export function clientNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name.length === 0) return 'Give the app client a name without leading or trailing spaces.';
  return CLIENT_NAME.test(name) ? undefined : 'An app client name is 1 to 128 letters, digits, spaces and + = , . @ - _';
}

export function roleNameProblem(name: string): string | undefined {
  return ROLE_NAME.test(name) ? undefined : 'An IAM role name is 1 to 64 letters, digits and + = , . @ - _ (no spaces).';
}

/** The role names the Cognito console used to suggest: Cognito_<pool>Auth_Role / Cognito_<pool>Unauth_Role. */
export function defaultRoleNames(identityPoolName: string): { auth: string; unauth: string } {
  const base = identityPoolName.replace(/[^\w+=,.@-]/g, '').slice(0, 64 - 'Cognito_Unauth_Role'.length) || 'IdentityPool';
  return { auth: `Cognito_${base}Auth_Role`, unauth: `Cognito_${base}Unauth_Role` };
}

/** Throws InvalidArgumentsError with the problem, if there is one. */
export function check(problem: string | undefined, field: string): void {
  if (problem) throw new InvalidArgumentsError(`${field}: ${problem}`);
}

export function stringArg(args: Record<string, unknown>, field: string): string {
  const value = args[field];
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentsError(`Give "${field}" as a non-empty string.`);
  return value;
}

export function optionalStringArg(args: Record<string, unknown>, field: string): string | undefined {
  const value = args[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidArgumentsError(`"${field}" must be a string.`);
  return value;
}

export function stringListArg(args: Record<string, unknown>, field: string, allowed: readonly string[]): string[] | undefined {
  const value = args[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !allowed.includes(item))) {
    throw new InvalidArgumentsError(`"${field}" must be a list of: ${allowed.join(', ')}.`);
  }
  return [...new Set(value as string[])];
}
