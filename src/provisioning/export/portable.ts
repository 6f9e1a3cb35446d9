import { MANAGED_POLICY_ARN, partitionOf } from '../../aws/arns';
import type { PolicyDocument } from '../../policies/document';
import { AUD } from '../../policies/trust';
import type { SetupModel } from './model';

/**
 * What the three writers share: how a value read from one account and region is written so
 * that it deploys in another. Each writer spells the pieces in its own syntax.
 */

/** A pseudo parameter of the deploying stack: its partition, region or account. */
export type Pseudo = 'partition' | 'region' | 'account';

/** A string as literal text and pseudo parameters, in order. */
export type Piece = string | { readonly pseudo: Pseudo };

/**
 * An ARN of the account and region it was read in, as pieces naming the deploying stack's own
 * partition, region and account instead; undefined for anything else (kept as it is).
 */
export function portableArn(value: string, model: Pick<SetupModel, 'region' | 'account'>): Piece[] | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, , region, account] = parts;
  const swaps: (Pseudo | undefined)[] = [
    undefined,
    partition === partitionOf(model.region) ? 'partition' : undefined,
    undefined,
    region === model.region ? 'region' : undefined,
    account === model.account ? 'account' : undefined,
  ];
  if (!swaps.some(Boolean)) return undefined;
  const pieces: Piece[] = [];
  const push = (piece: Piece) => {
    const last = pieces[pieces.length - 1];
    if (typeof piece === 'string' && typeof last === 'string') pieces[pieces.length - 1] = last + piece;
    else pieces.push(piece);
  };
  parts.slice(0, 5).forEach((part, i) => {
    const swap = swaps[i];
    push(swap ? { pseudo: swap } : part);
    push(':');
  });
  push(parts.slice(5).join(':'));
  return pieces;
}

/** An AWS managed policy's name (arn:PARTITION:iam::aws:policy/NAME), or undefined for an account's own. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const match = MANAGED_POLICY_ARN.exec(arn);
  return match && match[2] === 'aws' ? match[3] : undefined;
}

/** Whether a trust policy condition holds the role to the exported pool (aud = its id): written as a reference to the pool. */
export function isPoolAudience(key: string, value: unknown, model: SetupModel): boolean {
  return key.toLowerCase() === AUD && value === model.identityPool.id;
}

/** A copy of a JSON value with each string (key or value) passed through `leaf`. */
export function mapJson(value: unknown, leaf: (text: string, key: string | undefined) => unknown, key?: string): unknown {
  if (typeof value === 'string') return leaf(value, key);
  if (Array.isArray(value)) return value.map((item) => mapJson(item, leaf, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapJson(v, leaf, k)]));
  return value;
}

/** The bot aliases the roles' inline policies name (arn:…:lex:REGION:ACCOUNT:bot-alias/BOT/ALIAS): the page needs their ids. */
export function botAliasesNamed(model: SetupModel): { botId: string; botAliasId: string }[] {
  const found = new Map<string, { botId: string; botAliasId: string }>();
  const visit = (document: PolicyDocument) =>
    mapJson(document, (text) => {
      const match = /^arn:[\w-]+:lex:[^:]*:[^:]*:bot-alias\/([A-Z0-9]{10})\/([A-Z0-9]{10})$/.exec(text);
      if (match) found.set(`${match[1]}/${match[2]}`, { botId: match[1], botAliasId: match[2] });
      return text;
    });
  for (const role of model.roles) for (const policy of role.inlinePolicies) visit(policy.document);
  return [...found.values()];
}

/** Names of the things a writer declares, the same in each format (so the outputs read alike). */
export const NAMES = {
  identityPool: 'IdentityPool',
  roleAttachment: 'IdentityPoolRoles',
  role: (kind: 'authenticated' | 'unauthenticated') => (kind === 'authenticated' ? 'AuthenticatedRole' : 'UnauthenticatedRole'),
  userPool: (index: number) => `UserPool${index === 0 ? '' : index + 1}`,
  client: (poolIndex: number, clientIndex: number) => `${NAMES.userPool(poolIndex)}Client${clientIndex === 0 ? '' : clientIndex + 1}`,
} as const;

/** The user pool and client a provider names, when the export includes them. */
export function exportedProvider(model: SetupModel, provider: { userPoolId: string; clientId: string }): { pool: number; client: number } | undefined {
  const pool = model.userPools.findIndex((p) => p.id === provider.userPoolId);
  if (pool < 0) return undefined;
  const client = model.userPools[pool].clients.findIndex((c) => c.id === provider.clientId);
  return client < 0 ? undefined : { pool, client };
}
