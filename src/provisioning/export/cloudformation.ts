import { STANDARD_ATTRIBUTE_SCHEMA } from '../../aws/services/cognitoIdp';
import { Document, isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { SetupModel } from './model';
import { OUTPUT_CONFIG_KEYS } from './model';
import { botAliasesNamed, exportedProvider, isPoolAudience, mapJson, NAMES, type Piece, portableArn } from './portable';

/** The stack's pseudo parameters, as Fn::Sub names them. */
const PSEUDO = { partition: 'AWS::Partition', region: 'AWS::Region', account: 'AWS::AccountId' } as const;

/**
 * A string with pseudo parameters as Fn::Sub. Its own `${…}` (an IAM policy variable such as
 * `${cognito-identity.amazonaws.com:sub}`) is written `${!…}`, which Fn::Sub turns back into `${…}`.
 */
function sub(pieces: readonly Piece[]): { 'Fn::Sub': string } {
  return {
    'Fn::Sub': pieces.map((piece) => (typeof piece === 'string' ? piece.replaceAll('${', '${!') : `\${${PSEUDO[piece.pseudo]}}`)).join(''),
  };
}

/** A policy document with ARNs of the source account as Fn::Sub; IAM's own `${…}` variables stay as they are outside Fn::Sub. */
function policy(document: unknown, model: SetupModel): unknown {
  return mapJson(document, (text) => {
    const pieces = portableArn(text, model);
    return pieces ? sub(pieces) : text;
  });
}

/** A trust policy whose aud condition names the exported pool as `Ref` to it. */
function trustPolicy(document: unknown, model: SetupModel): unknown {
  return mapJson(document, (text, key) => (key && isPoolAudience(key, text, model) ? { Ref: NAMES.identityPool } : text));
}

interface Output {
  readonly Description: string;
  readonly Value: unknown;
  /** Which config keys take it (a comment above it). */
  readonly keys: string;
}

/**
 * The setup as a CloudFormation template in YAML: long-form intrinsics only (`Ref`,
 * `Fn::GetAtt`, `Fn::Sub`), so any YAML or JSON tool reads it; names as parameters with
 * today's names as defaults; the ids a web page needs as outputs.
 */
export function writeCloudFormation(model: SetupModel): string {
  const parameters: Record<string, unknown> = {};
  const resources: Record<string, unknown> = {};
  const outputs: Record<string, Output> = {};
  const parameter = (name: string, value: string, description: string) => {
    parameters[name] = { Type: 'String', Default: value, Description: description };
    return { Ref: name };
  };

  model.userPools.forEach((pool, p) => {
    const logical = NAMES.userPool(p);
    resources[logical] = {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        UserPoolName: parameter(`${logical}Name`, pool.name, 'The user pool name'),
        ...(pool.usernameAttributes.length > 0 && { UsernameAttributes: [...pool.usernameAttributes] }),
        ...(pool.aliasAttributes.length > 0 && { AliasAttributes: [...pool.aliasAttributes] }),
        ...(pool.autoVerifiedAttributes.length > 0 && { AutoVerifiedAttributes: [...pool.autoVerifiedAttributes] }),
        UsernameConfiguration: { CaseSensitive: pool.usernameCaseSensitive },
        ...(pool.requiredAttributes.length > 0 && {
          Schema: pool.requiredAttributes.map((Name) => ({
            Name,
            // As the Lex web UI's template writes it; a standard attribute keeps its own type.
            AttributeDataType: STANDARD_ATTRIBUTE_SCHEMA.find((a) => a.name === Name)?.type ?? 'String',
            Required: true,
            Mutable: true,
          })),
        }),
        ...(pool.passwordPolicy && {
          Policies: {
            PasswordPolicy: {
              MinimumLength: pool.passwordPolicy.minimumLength,
              RequireLowercase: pool.passwordPolicy.requireLowercase,
              RequireUppercase: pool.passwordPolicy.requireUppercase,
              RequireNumbers: pool.passwordPolicy.requireNumbers,
              RequireSymbols: pool.passwordPolicy.requireSymbols,
              ...(pool.passwordPolicy.temporaryPasswordValidityDays !== undefined && {
                TemporaryPasswordValidityDays: pool.passwordPolicy.temporaryPasswordValidityDays,
              }),
            },
          },
        }),
      },
    };
    outputs[`${logical}Id`] = { Description: `The user pool's id (${pool.name} today)`, Value: { Ref: logical }, keys: OUTPUT_CONFIG_KEYS.userPoolId };
    pool.clients.forEach((client, c) => {
      const clientLogical = NAMES.client(p, c);
      resources[clientLogical] = {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          ClientName: parameter(`${clientLogical}Name`, client.name, 'The app client name'),
          UserPoolId: { Ref: logical },
          // A browser cannot keep a secret: the client is public.
          GenerateSecret: false,
          ExplicitAuthFlows: [...client.authFlows],
        },
      };
      outputs[`${clientLogical}Id`] = {
        Description: `The app client's id (${client.name} today)`,
        Value: { Ref: clientLogical },
        keys: OUTPUT_CONFIG_KEYS.clientId,
      };
    });
  });

  const pool = model.identityPool;
  resources[NAMES.identityPool] = {
    Type: 'AWS::Cognito::IdentityPool',
    Properties: {
      IdentityPoolName: parameter('IdentityPoolName', pool.name, 'The identity pool name'),
      AllowUnauthenticatedIdentities: pool.allowUnauthenticated,
      ...(pool.allowClassicFlow && { AllowClassicFlow: true }),
      ...(pool.providers.length > 0 && {
        CognitoIdentityProviders: pool.providers.map((provider) => {
          const exported = exportedProvider(model, provider);
          return {
            ProviderName: exported ? { 'Fn::GetAtt': [NAMES.userPool(exported.pool), 'ProviderName'] } : provider.providerName,
            ClientId: exported ? { Ref: NAMES.client(exported.pool, exported.client) } : provider.clientId,
            ServerSideTokenCheck: provider.serverSideTokenCheck,
          };
        }),
      }),
    },
  };
  outputs.IdentityPoolId = {
    Description: `The identity pool's id (${pool.name} today)`,
    Value: { Ref: NAMES.identityPool },
    keys: OUTPUT_CONFIG_KEYS.identityPoolId,
  };
  for (const provider of pool.providers.filter((p) => !exportedProvider(model, p))) {
    // Not exported: the page keeps using the live user pool.
    outputs[`UserPoolId${provider.userPoolId.replace(/[^A-Za-z0-9]/g, '')}`] = {
      Description: `A user pool this template does not create (export with the user pool to include it)`,
      Value: provider.userPoolId,
      keys: OUTPUT_CONFIG_KEYS.userPoolId,
    };
  }

  const roleRefs: Record<string, unknown> = {};
  for (const role of model.roles) {
    const logical = NAMES.role(role.kind);
    resources[logical] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: parameter(`${logical}Name`, role.name, `The ${role.kind} role's name`),
        ...(role.path !== '/' && { Path: role.path }),
        ...(role.description && { Description: role.description }),
        AssumeRolePolicyDocument: trustPolicy(role.trustPolicy, model),
        ...(role.managedPolicyArns.length > 0 && { ManagedPolicyArns: role.managedPolicyArns.map((arn) => policy(arn, model)) }),
        ...(role.inlinePolicies.length > 0 && {
          Policies: role.inlinePolicies.map((p) => ({ PolicyName: p.name, PolicyDocument: policy(p.document, model) })),
        }),
      },
    };
    roleRefs[role.kind] = { 'Fn::GetAtt': [logical, 'Arn'] };
  }
  if (model.roles.length > 0)
    resources[NAMES.roleAttachment] = {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: { IdentityPoolId: { Ref: NAMES.identityPool }, Roles: roleRefs },
    };

  outputs.Region = { Description: 'The region the stack is in', Value: { Ref: 'AWS::Region' }, keys: OUTPUT_CONFIG_KEYS.region };
  botAliasesNamed(model).forEach(({ botId, botAliasId }, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    outputs[`BotId${suffix}`] = { Description: 'The bot a role may talk to (not created here)', Value: botId, keys: OUTPUT_CONFIG_KEYS.botId };
    outputs[`BotAliasId${suffix}`] = { Description: 'Its alias', Value: botAliasId, keys: OUTPUT_CONFIG_KEYS.botAliasId };
  });

  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Identity pool ${pool.name}${model.userPools.length > 0 ? ', its user pool' : ''} and roles, exported by Cognito Bot Workbench from ${model.region}`,
    Parameters: parameters,
    Resources: resources,
    Outputs: Object.fromEntries(Object.entries(outputs).map(([name, { Description, Value }]) => [name, { Description, Value }])),
  };
  // YAML 1.1 rules for quoting: tools that read 1.1 (PyYAML in cfn-lint, older parsers) would take 2012-10-17 for a date.
  const document = new Document(template, { version: '1.1' });
  // Comments name the config keys each output goes into.
  const outputsNode = document.get('Outputs', true);
  if (isMap(outputsNode))
    for (const item of outputsNode.items as Pair<Scalar, unknown>[]) {
      if (isScalar(item.key)) item.key.commentBefore = ` Goes into: ${outputs[String(item.key.value)].keys}`;
    }
  document.commentBefore = ` Deploy: aws cloudformation deploy --template-file FILE --stack-name NAME --capabilities CAPABILITY_NAMED_IAM`;
  return document.toString({ lineWidth: 0 });
}
