import { randomInt } from 'node:crypto';
import { STANDARD_ATTRIBUTE_SCHEMA, STANDARD_ATTRIBUTES } from '../../../aws/services/cognitoIdp';
import { ServiceError } from '../../request';
import type { CodeRecord, SchemaAttribute, UserPoolRecord, UserRecord } from '../../state';
import { type Body, invalid } from './common';

// A user pool's schema (what DescribeUserPool lists) and the user attributes checked against it.

export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

const SUB: SchemaAttribute = {
  Name: 'sub',
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: false,
  Required: true,
  StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
};

interface GivenAttribute {
  Name?: unknown;
  AttributeDataType?: unknown;
  DeveloperOnlyAttribute?: unknown;
  Mutable?: unknown;
  Required?: unknown;
  StringAttributeConstraints?: SchemaAttribute['StringAttributeConstraints'];
  NumberAttributeConstraints?: SchemaAttribute['NumberAttributeConstraints'];
}

/**
 * The schema of a new pool from CreateUserPool's Schema: sub, every standard attribute (Required
 * and Mutable as given, else optional and mutable), then the custom attributes, named custom:NAME.
 */
export function schemaFrom(given: unknown): SchemaAttribute[] {
  if (given !== undefined && !Array.isArray(given)) throw invalid('Schema must be a list.');
  const list = (given ?? []) as GivenAttribute[];
  for (const item of list) if (typeof item?.Name !== 'string' || item.Name === '') throw invalid('Each schema attribute needs a Name.');
  const byName = new Map(list.map((item) => [String(item.Name), item]));
  const standard = STANDARD_ATTRIBUTE_SCHEMA.map((attribute): SchemaAttribute => {
    const item = byName.get(attribute.name);
    return {
      Name: attribute.name,
      AttributeDataType: attribute.type,
      DeveloperOnlyAttribute: false,
      Mutable: typeof item?.Mutable === 'boolean' ? item.Mutable : true,
      Required: item?.Required === true,
      ...(attribute.type === 'String'
        ? { StringAttributeConstraints: { MinLength: attribute.minLength, MaxLength: attribute.maxLength, ...item?.StringAttributeConstraints } }
        : {}),
      ...(attribute.type === 'Number' ? { NumberAttributeConstraints: { MinValue: attribute.minValue, ...item?.NumberAttributeConstraints } } : {}),
    };
  });
  const custom = list
    .filter((item) => !STANDARD_ATTRIBUTE_SCHEMA.some((attribute) => attribute.name === item.Name))
    .map((item): SchemaAttribute => {
      const name = String(item.Name).replace(/^custom:/, '');
      if (item.Required === true) throw invalid(`Required custom attributes are not supported currently: ${name}`);
      const type = typeof item.AttributeDataType === 'string' ? item.AttributeDataType : 'String';
      if (!['String', 'Number', 'DateTime', 'Boolean'].includes(type)) throw invalid(`Invalid AttributeDataType ${type} for attribute ${name}.`);
      return {
        Name: `custom:${name}`,
        AttributeDataType: type,
        DeveloperOnlyAttribute: item.DeveloperOnlyAttribute === true,
        Mutable: typeof item.Mutable === 'boolean' ? item.Mutable : true,
        Required: false,
        ...(type === 'String' ? { StringAttributeConstraints: { MinLength: '0', MaxLength: '2048', ...item.StringAttributeConstraints } } : {}),
        ...(type === 'Number' ? { NumberAttributeConstraints: { ...item.NumberAttributeConstraints } } : {}),
      };
    });
  return [SUB, ...standard, ...custom];
}

/** A pool's schema; a pool stored before the sandbox kept schemas gets the standard one with its required attributes. */
export function schemaOf(pool: UserPoolRecord): SchemaAttribute[] {
  return pool.schema ?? schemaFrom((pool.requiredAttributes ?? []).map((Name) => ({ Name, Required: true })));
}

export function requiredOf(pool: UserPoolRecord): string[] {
  return schemaOf(pool)
    .filter((a) => a.Required && a.Name !== 'sub')
    .map((a) => a.Name);
}

/** Names a pool can require at sign-up. */
export function requirable(name: string): boolean {
  return STANDARD_ATTRIBUTES.includes(name);
}

/** UserAttributes as requests give them: a list of Name/Value pairs. */
export function attributesFrom(list: unknown): Record<string, string> {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw invalid('UserAttributes must be a list.');
  const attributes: Record<string, string> = {};
  for (const item of list as Array<{ Name?: unknown; Value?: unknown }>) {
    if (typeof item?.Name !== 'string' || typeof item.Value !== 'string') throw invalid('Each attribute needs a Name and a Value.');
    attributes[item.Name] = item.Value;
  }
  return attributes;
}

const schemaError = (problems: string[]) => invalid(`Attributes did not conform to the schema: ${problems.join(', ')}`);

/**
 * Checks attribute values against the pool's schema: known names, types (a Number a number, a
 * Boolean "true" or "false"), lengths, and, after creation (`creating` false), mutability.
 */
export function checkAttributes(pool: UserPoolRecord, attributes: Record<string, string>, creating: boolean): void {
  const schema = schemaOf(pool);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = schema.find((a) => a.Name === name);
    if (!attribute) {
      problems.push(`${name}: Attribute does not exist in the schema.`);
      continue;
    }
    if (name === 'sub' || (!creating && !attribute.Mutable)) {
      problems.push(`${name}: Attribute cannot be updated. (changing an immutable attribute)`);
      continue;
    }
    if (attribute.AttributeDataType === 'Boolean' && value !== 'true' && value !== 'false') problems.push(`${name}: Value must be either true or false`);
    if (attribute.AttributeDataType === 'Number') {
      const { MinValue, MaxValue } = attribute.NumberAttributeConstraints ?? {};
      if (!NUMBER.test(value)) problems.push(`${name}: Number must be a valid number`);
      else if (MinValue !== undefined && Number(value) < Number(MinValue)) problems.push(`${name}: Number must be greater than or equal to ${MinValue}`);
      else if (MaxValue !== undefined && Number(value) > Number(MaxValue)) problems.push(`${name}: Number must be less than or equal to ${MaxValue}`);
    }
    if (attribute.AttributeDataType === 'String' && value !== '') {
      const { MinLength, MaxLength } = attribute.StringAttributeConstraints ?? {};
      if (MaxLength !== undefined && value.length > Number(MaxLength)) problems.push(`${name}: String must be no longer than ${MaxLength} characters`);
      else if (MinLength !== undefined && value.length < Number(MinLength)) problems.push(`${name}: String must be no shorter than ${MinLength} characters`);
    }
  }
  if (problems.length > 0) throw schemaError(problems);
  if (attributes.email !== undefined && !EMAIL.test(attributes.email)) throw invalid('Invalid email address format.');
}

/** The required attributes a new user lacks, as Cognito reports them. */
/**
 * What an app (SignUp, UpdateUserAttributes, a NEW_PASSWORD_REQUIRED answer) may not write: the
 * verified flags, which only a delivered code or an administrator sets.
 */
export function refuseClientVerifiedFlags(attributes: Record<string, string>): void {
  if ('email_verified' in attributes || 'phone_number_verified' in attributes)
    throw new ServiceError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
}

export function checkRequired(pool: UserPoolRecord, attributes: Record<string, string>): void {
  const missing = requiredOf(pool).filter((name) => !attributes[name]);
  if (missing.length > 0) throw schemaError(missing.map((name) => `${name}: The attribute ${name} is required`));
}

/** A user's attributes as Cognito lists them (sub first); `only` names those asked for. */
export function attributeList(user: UserRecord, only?: readonly string[]): Array<{ Name: string; Value: string }> {
  return Object.entries({ sub: user.attributes.sub, ...user.attributes })
    .filter(([Name]) => !only || only.includes(Name))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** The ID token's claims for a user's attributes: the verified flags as booleans, updated_at a number, absent ones absent. */
export function attributeClaims(pool: UserPoolRecord, user: UserRecord): Body {
  const schema = schemaOf(pool);
  return Object.fromEntries(
    Object.entries(user.attributes).map(([name, value]) => {
      const type = schema.find((a) => a.Name === name)?.AttributeDataType;
      if (type === 'Boolean' && !name.startsWith('custom:')) return [name, value === 'true'];
      if (name === 'updated_at' && NUMBER.test(value)) return [name, Number(value)];
      return [name, value];
    }),
  );
}

/** How Cognito shows where a code went: a***@e*** for an email, +*******1234 for a phone number. */
export function codeDelivery(attribute: 'email' | 'phone_number', value: string): Body {
  return attribute === 'email'
    ? { Destination: `${value[0]}***@${value.split('@')[1]?.[0] ?? ''}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
}

/** Where a pool sends a user's verification code: an attribute it verifies automatically that the user has (email first). */
export function verificationTarget(pool: UserPoolRecord, user: UserRecord): 'email' | 'phone_number' | undefined {
  return (['email', 'phone_number'] as const).find((a) => pool.AutoVerifiedAttributes.includes(a) && user.attributes[a]);
}

export const newCode = (minutes: number): CodeRecord => ({ code: String(randomInt(100000, 1000000)), expires: Date.now() + minutes * 60_000 });
