import { STANDARD_ATTRIBUTE_SCHEMA } from '../../aws/services/cognitoIdp';
import { Code, literal, type LiteralStyle } from './code';
import type { SetupModel } from './model';
import { OUTPUT_CONFIG_KEYS } from './model';
import { botAliasesNamed, exportedProvider, isPoolAudience, mapJson, NAMES, type Piece, portableArn } from './portable';

/**
 * An HCL string: `${` and `%{` start interpolation and directives in HCL, so IAM's own
 * `${cognito-identity.amazonaws.com:sub}` is written `$${…}` to stay literal.
 */
function hclString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replaceAll('${', () => '$${')
    .replaceAll('%{', '%%{')}"`;
}

const HCL: LiteralStyle = {
  string: hclString,
  // Keys of an HCL object that are not identifiers (condition keys with `:` and `.`) are quoted.
  key: (key) => (/^[A-Za-z_][\w-]*$/.test(key) ? key : hclString(key)),
  assign: ' = ',
  entryEnd: '',
};

/** The deploying account's partition, region and account, from the provider's data sources. */
const PSEUDO = {
  partition: 'data.aws_partition.current.partition',
  region: 'data.aws_region.current.name',
  account: 'data.aws_caller_identity.current.account_id',
} as const;

function interpolated(pieces: readonly Piece[]): Code {
  const body = pieces.map((piece) => (typeof piece === 'string' ? hclString(piece).slice(1, -1) : `\${${PSEUDO[piece.pseudo]}}`)).join('');
  return new Code(`"${body}"`);
}

function portable(document: unknown, model: SetupModel): unknown {
  return mapJson(document, (text) => {
    const pieces = portableArn(text, model);
    return pieces ? interpolated(pieces) : text;
  });
}

/** Terraform names (resource labels, variables) are snake_case. */
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The setup as Terraform (HCL, hashicorp/aws provider): names as variables with today's
 * names as defaults, policies through jsonencode, the ids a web page needs as outputs.
 */
export function writeTerraform(model: SetupModel): string {
  const blocks: string[] = [];
  const block = (header: string, body: Record<string, unknown>, nested: string[] = []) => {
    const attributes = Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `  ${k} = ${literal(v, HCL, '  ')}`);
    blocks.push(`${header} {\n${[...attributes, ...nested].join('\n')}\n}\n`);
  };
  const nestedBlock = (name: string, body: Record<string, unknown>, depth = 1, children: string[] = []): string => {
    const pad = '  '.repeat(depth);
    const attributes = Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pad}  ${k} = ${literal(v, HCL, `${pad}  `)}`);
    return `\n${pad}${name} {\n${[...attributes, ...children].join('\n')}\n${pad}}`;
  };
  const variable = (id: string, value: string, description: string) => {
    const name = snake(id);
    block(`variable "${name}"`, { description, type: new Code('string'), default: value });
    return new Code(`var.${name}`);
  };
  const output = (id: string, value: unknown, description: string, keys: string) => {
    blocks.push(`# Goes into: ${keys}`);
    block(`output "${snake(id)}"`, { description, value });
  };

  blocks.push(
    `# Identity pool ${model.identityPool.name}${model.userPools.length > 0 ? ', its user pool' : ''} and roles, exported by Cognito Bot Workbench from ${model.region}.`,
    `# Deploy: terraform init && terraform apply (names are variables with today's names as defaults: -var NAME=VALUE).\n`,
  );
  block('terraform', {}, [nestedBlock('required_providers', { aws: { source: 'hashicorp/aws', version: '>= 5.0' } })]);
  blocks.push('data "aws_partition" "current" {}\ndata "aws_region" "current" {}\ndata "aws_caller_identity" "current" {}\n');

  model.userPools.forEach((pool, p) => {
    const label = snake(NAMES.userPool(p));
    const name = variable(`${NAMES.userPool(p)}Name`, pool.name, 'The user pool name');
    // Standard attributes keep their own types and constraints; Terraform wants them said.
    const schema = pool.requiredAttributes.map((attribute) => {
      const standard = STANDARD_ATTRIBUTE_SCHEMA.find((a) => a.name === attribute);
      const type = standard?.type ?? 'String';
      const constraints =
        type === 'String'
          ? [nestedBlock('string_attribute_constraints', { min_length: standard?.minLength ?? '0', max_length: standard?.maxLength ?? '2048' }, 2)]
          : [];
      return nestedBlock('schema', { name: attribute, attribute_data_type: type, required: true, mutable: true }, 1, constraints);
    });
    const password = pool.passwordPolicy;
    block(
      `resource "aws_cognito_user_pool" "${label}"`,
      {
        name,
        username_attributes: pool.usernameAttributes.length > 0 ? [...pool.usernameAttributes] : undefined,
        alias_attributes: pool.aliasAttributes.length > 0 ? [...pool.aliasAttributes] : undefined,
        auto_verified_attributes: pool.autoVerifiedAttributes.length > 0 ? [...pool.autoVerifiedAttributes] : undefined,
      },
      [
        nestedBlock('username_configuration', { case_sensitive: pool.usernameCaseSensitive }),
        ...(password
          ? [
              nestedBlock('password_policy', {
                minimum_length: password.minimumLength,
                require_lowercase: password.requireLowercase,
                require_uppercase: password.requireUppercase,
                require_numbers: password.requireNumbers,
                require_symbols: password.requireSymbols,
                temporary_password_validity_days: password.temporaryPasswordValidityDays,
              }),
            ]
          : []),
        ...schema,
      ],
    );
    output(`${NAMES.userPool(p)}Id`, new Code(`aws_cognito_user_pool.${label}.id`), `The user pool's id (${pool.name} today)`, OUTPUT_CONFIG_KEYS.userPoolId);
    pool.clients.forEach((client, c) => {
      const clientLabel = snake(NAMES.client(p, c));
      const clientName = variable(`${NAMES.client(p, c)}Name`, client.name, 'The app client name');
      blocks.push('# A browser cannot keep a secret: the client is public.');
      block(`resource "aws_cognito_user_pool_client" "${clientLabel}"`, {
        name: clientName,
        user_pool_id: new Code(`aws_cognito_user_pool.${label}.id`),
        generate_secret: false,
        explicit_auth_flows: [...client.authFlows],
      });
      output(
        `${NAMES.client(p, c)}Id`,
        new Code(`aws_cognito_user_pool_client.${clientLabel}.id`),
        `The app client's id (${client.name} today)`,
        OUTPUT_CONFIG_KEYS.clientId,
      );
    });
  });

  const pool = model.identityPool;
  const poolLabel = snake(NAMES.identityPool);
  const poolName = variable('IdentityPoolName', pool.name, 'The identity pool name');
  block(
    `resource "aws_cognito_identity_pool" "${poolLabel}"`,
    {
      identity_pool_name: poolName,
      allow_unauthenticated_identities: pool.allowUnauthenticated,
      allow_classic_flow: pool.allowClassicFlow || undefined,
    },
    pool.providers.map((provider) => {
      const exported = exportedProvider(model, provider);
      return nestedBlock('cognito_identity_providers', {
        // A user pool's endpoint attribute is its provider name (cognito-idp.REGION.amazonaws.com/ID).
        provider_name: exported ? new Code(`aws_cognito_user_pool.${snake(NAMES.userPool(exported.pool))}.endpoint`) : provider.providerName,
        client_id: exported ? new Code(`aws_cognito_user_pool_client.${snake(NAMES.client(exported.pool, exported.client))}.id`) : provider.clientId,
        server_side_token_check: provider.serverSideTokenCheck,
      });
    }),
  );
  output(
    'IdentityPoolId',
    new Code(`aws_cognito_identity_pool.${poolLabel}.id`),
    `The identity pool's id (${pool.name} today)`,
    OUTPUT_CONFIG_KEYS.identityPoolId,
  );
  for (const provider of pool.providers.filter((p) => !exportedProvider(model, p)))
    output(
      `UserPoolId${provider.userPoolId.replace(/[^A-Za-z0-9]/g, '')}`,
      provider.userPoolId,
      'A user pool this configuration does not create (export with the user pool to include it)',
      OUTPUT_CONFIG_KEYS.userPoolId,
    );

  for (const role of model.roles) {
    const label = snake(NAMES.role(role.kind));
    const name = variable(`${NAMES.role(role.kind)}Name`, role.name, `The ${role.kind} role's name`);
    const trust = mapJson(role.trustPolicy, (text, key) =>
      key && isPoolAudience(key, text, model) ? new Code(`aws_cognito_identity_pool.${poolLabel}.id`) : text,
    );
    block(`resource "aws_iam_role" "${label}"`, {
      name,
      path: role.path !== '/' ? role.path : undefined,
      description: role.description,
      assume_role_policy: new Code(`jsonencode(${literal(trust, HCL, '  ')})`),
    });
    role.managedPolicyArns.forEach((arn, i) => {
      block(`resource "aws_iam_role_policy_attachment" "${label}_${i + 1}"`, {
        role: new Code(`aws_iam_role.${label}.name`),
        policy_arn: portable(arn, model),
      });
    });
    role.inlinePolicies.forEach((policy, i) => {
      block(`resource "aws_iam_role_policy" "${label}_${i + 1}"`, {
        name: policy.name,
        role: new Code(`aws_iam_role.${label}.id`),
        policy: new Code(`jsonencode(${literal(portable(policy.document, model), HCL, '  ')})`),
      });
    });
  }
  if (model.roles.length > 0)
    block(`resource "aws_cognito_identity_pool_roles_attachment" "${snake(NAMES.roleAttachment)}"`, {
      identity_pool_id: new Code(`aws_cognito_identity_pool.${poolLabel}.id`),
      roles: Object.fromEntries(model.roles.map((role) => [role.kind, new Code(`aws_iam_role.${snake(NAMES.role(role.kind))}.arn`)])),
    });

  output('Region', new Code(PSEUDO.region), 'The region the resources are in', OUTPUT_CONFIG_KEYS.region);
  botAliasesNamed(model).forEach(({ botId, botAliasId }, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    output(`BotId${suffix}`, botId, 'The bot a role may talk to (not created here)', OUTPUT_CONFIG_KEYS.botId);
    output(`BotAliasId${suffix}`, botAliasId, 'Its alias', OUTPUT_CONFIG_KEYS.botAliasId);
  });
  return blocks.join('\n');
}
