import type { PolicyStatement } from '../../policies/document';
import { COGNITO_IDENTITY } from '../../policies/trust';
import { Code, literal, type LiteralStyle } from './code';
import type { SetupModel, UserPoolModel } from './model';
import { OUTPUT_CONFIG_KEYS } from './model';
import { awsManagedPolicyName, botAliasesNamed, exportedProvider, isPoolAudience, mapJson, NAMES, type Piece, portableArn } from './portable';

const TS: LiteralStyle = {
  string: (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`,
  key: (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : TS.string(key)),
  assign: ': ',
  entryEnd: ',',
};

/** The stack's own partition, region and account, as aws-cdk-lib names them. */
const PSEUDO = { partition: 'Aws.PARTITION', region: 'Aws.REGION', account: 'Aws.ACCOUNT_ID' } as const;

/** Pieces as a template literal; the text's own `${…}` (IAM policy variables) escaped so they stay literal. */
function template(pieces: readonly Piece[]): Code {
  const text = pieces
    .map((piece) => (typeof piece === 'string' ? piece.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${') : `\${${PSEUDO[piece.pseudo]}}`))
    .join('');
  return new Code(`\`${text}\``);
}

function portable(document: unknown, model: SetupModel): unknown {
  return mapJson(document, (text) => {
    const pieces = portableArn(text, model);
    return pieces ? template(pieces) : text;
  });
}

const variable = (logicalId: string) => logicalId[0].toLowerCase() + logicalId.slice(1);

/** Cognito's standard attribute names, as aws-cdk-lib's StandardAttributes calls them. */
const CDK_ATTRIBUTES: Readonly<Record<string, string>> = {
  address: 'address',
  birthdate: 'birthdate',
  email: 'email',
  family_name: 'familyName',
  gender: 'gender',
  given_name: 'givenName',
  locale: 'locale',
  middle_name: 'middleName',
  name: 'fullname',
  nickname: 'nickname',
  phone_number: 'phoneNumber',
  picture: 'profilePicture',
  preferred_username: 'preferredUsername',
  profile: 'profilePage',
  zoneinfo: 'timezone',
  updated_at: 'lastUpdateTime',
  website: 'website',
};

/** ALLOW_ flows as aws-cdk-lib's AuthFlow names them (it adds ALLOW_REFRESH_TOKEN_AUTH itself). */
const CDK_AUTH_FLOWS: Readonly<Record<string, string>> = {
  ALLOW_USER_SRP_AUTH: 'userSrp',
  ALLOW_USER_PASSWORD_AUTH: 'userPassword',
  ALLOW_ADMIN_USER_PASSWORD_AUTH: 'adminUserPassword',
  ALLOW_CUSTOM_AUTH: 'custom',
  ALLOW_USER_AUTH: 'user',
};

function userPoolProps(pool: UserPoolModel, nameParameter: string): Record<string, unknown> {
  const signIn = [...pool.usernameAttributes, ...pool.aliasAttributes];
  return {
    userPoolName: new Code(`${nameParameter}.valueAsString`),
    signInAliases: {
      username: pool.usernameAttributes.length === 0 || undefined,
      email: signIn.includes('email') || undefined,
      phone: signIn.includes('phone_number') || undefined,
      preferredUsername: signIn.includes('preferred_username') || undefined,
    },
    // Said outright: aws-cdk-lib would otherwise verify what users sign in with.
    autoVerify: { email: pool.autoVerifiedAttributes.includes('email'), phone: pool.autoVerifiedAttributes.includes('phone_number') },
    signInCaseSensitive: pool.usernameCaseSensitive,
    standardAttributes:
      pool.requiredAttributes.length > 0
        ? Object.fromEntries(pool.requiredAttributes.filter((a) => CDK_ATTRIBUTES[a]).map((a) => [CDK_ATTRIBUTES[a], { required: true, mutable: true }]))
        : undefined,
    passwordPolicy: pool.passwordPolicy && {
      minLength: pool.passwordPolicy.minimumLength,
      requireLowercase: pool.passwordPolicy.requireLowercase,
      requireUppercase: pool.passwordPolicy.requireUppercase,
      requireDigits: pool.passwordPolicy.requireNumbers,
      requireSymbols: pool.passwordPolicy.requireSymbols,
      tempPasswordValidity:
        pool.passwordPolicy.temporaryPasswordValidityDays !== undefined
          ? new Code(`Duration.days(${pool.passwordPolicy.temporaryPasswordValidityDays})`)
          : undefined,
    },
  };
}

/**
 * A trust policy of one statement letting Cognito identities assume the role (what the
 * console, this extension and the CDK's own IdentityPool write) is a FederatedPrincipal; any
 * other shape is kept as it is, by overriding the role's document.
 */
function federatedTrust(statements: readonly PolicyStatement[]): PolicyStatement | undefined {
  if (statements.length !== 1) return undefined;
  const [only] = statements;
  const principal = only.Principal;
  const federated = principal && principal !== '*' && Object.keys(principal).length === 1 ? principal.Federated : undefined;
  const action = [only.Action ?? []].flat();
  return only.Effect === 'Allow' && federated === COGNITO_IDENTITY && action.length === 1 && !only.NotAction && !only.Resource ? only : undefined;
}

/**
 * The setup as an AWS CDK stack in TypeScript (aws-cdk-lib v2): user pools and clients as the
 * aws-cognito L2 constructs, roles as aws-iam Roles, the identity pool and its role
 * attachment as CfnIdentityPool / CfnIdentityPoolRoleAttachment. The L2 IdentityPool (in
 * aws-cognito-identitypool) takes its roles when it is made, while these roles' trust must
 * name the pool: the L1 pool breaks that circle, as the CloudFormation export does.
 */
export function writeCdk(model: SetupModel, className = 'CognitoBotSetupStack'): string {
  const lines: string[] = [];
  const add = (line = '') => lines.push(line ? `    ${line}` : '');
  const expression = (value: unknown) => literal(value, TS, '    ');
  const parameter = (id: string, value: string, description: string) => {
    const name = `${variable(id)}`;
    add(`const ${name} = new CfnParameter(this, ${TS.string(id)}, { type: 'String', default: ${TS.string(value)}, description: ${TS.string(description)} });`);
    return name;
  };
  const output = (id: string, value: string, description: string, keys: string) => {
    add(`// Goes into: ${keys}`);
    add(`new CfnOutput(this, ${TS.string(id)}, { value: ${value}, description: ${TS.string(description)} });`);
  };
  let needsDuration = false;

  model.userPools.forEach((pool, p) => {
    const logical = NAMES.userPool(p);
    const nameParameter = parameter(`${logical}Name`, pool.name, 'The user pool name');
    const props = userPoolProps(pool, nameParameter);
    needsDuration ||= pool.passwordPolicy?.temporaryPasswordValidityDays !== undefined;
    add(`const ${variable(logical)} = new cognito.UserPool(this, ${TS.string(logical)}, ${expression(props)});`);
    output(`${logical}Id`, `${variable(logical)}.userPoolId`, `The user pool's id (${pool.name} today)`, OUTPUT_CONFIG_KEYS.userPoolId);
    pool.clients.forEach((client, c) => {
      const clientLogical = NAMES.client(p, c);
      const clientName = parameter(`${clientLogical}Name`, client.name, 'The app client name');
      const flows = Object.fromEntries(client.authFlows.filter((f) => CDK_AUTH_FLOWS[f]).map((f) => [CDK_AUTH_FLOWS[f], true]));
      add(`// A browser cannot keep a secret: the client is public, and it signs in without OAuth redirects.`);
      add(
        `const ${variable(clientLogical)} = ${variable(logical)}.addClient(${TS.string(clientLogical)}, ${expression({
          userPoolClientName: new Code(`${clientName}.valueAsString`),
          generateSecret: false,
          disableOAuth: true,
          authFlows: flows,
        })});`,
      );
      output(`${clientLogical}Id`, `${variable(clientLogical)}.userPoolClientId`, `The app client's id (${client.name} today)`, OUTPUT_CONFIG_KEYS.clientId);
    });
    add();
  });

  const pool = model.identityPool;
  const poolName = parameter('IdentityPoolName', pool.name, 'The identity pool name');
  const providers = pool.providers.map((provider) => {
    const exported = exportedProvider(model, provider);
    return {
      providerName: exported ? new Code(`${variable(NAMES.userPool(exported.pool))}.userPoolProviderName`) : provider.providerName,
      clientId: exported ? new Code(`${variable(NAMES.client(exported.pool, exported.client))}.userPoolClientId`) : provider.clientId,
      serverSideTokenCheck: provider.serverSideTokenCheck,
    };
  });
  add(
    `const identityPool = new CfnIdentityPool(this, ${TS.string(NAMES.identityPool)}, ${expression({
      identityPoolName: new Code(`${poolName}.valueAsString`),
      allowUnauthenticatedIdentities: pool.allowUnauthenticated,
      allowClassicFlow: pool.allowClassicFlow || undefined,
      cognitoIdentityProviders: providers.length > 0 ? providers : undefined,
    })});`,
  );
  output('IdentityPoolId', 'identityPool.ref', `The identity pool's id (${pool.name} today)`, OUTPUT_CONFIG_KEYS.identityPoolId);
  for (const provider of pool.providers.filter((p) => !exportedProvider(model, p)))
    output(
      `UserPoolId${provider.userPoolId.replace(/[^A-Za-z0-9]/g, '')}`,
      TS.string(provider.userPoolId),
      'A user pool this stack does not create (export with the user pool to include it)',
      OUTPUT_CONFIG_KEYS.userPoolId,
    );
  add();

  let managedCount = 0;
  for (const role of model.roles) {
    const logical = NAMES.role(role.kind);
    const roleName = parameter(`${logical}Name`, role.name, `The ${role.kind} role's name`);
    const trust = mapJson(role.trustPolicy, (text, key) => (key && isPoolAudience(key, text, model) ? new Code('identityPool.ref') : text)) as {
      Statement?: PolicyStatement[];
    };
    const federated = federatedTrust(trust.Statement ?? []);
    const managed = role.managedPolicyArns.map((arn) => {
      const name = awsManagedPolicyName(arn);
      if (name) return new Code(`iam.ManagedPolicy.fromAwsManagedPolicyName(${TS.string(name)})`);
      managedCount += 1;
      return new Code(`iam.ManagedPolicy.fromManagedPolicyArn(this, 'ManagedPolicy${managedCount}', ${literal(portable(arn, model), TS)})`);
    });
    const inline = Object.fromEntries(
      role.inlinePolicies.map((p) => [p.name, new Code(`iam.PolicyDocument.fromJson(${literal(portable(p.document, model), TS, '        ')})`)]),
    );
    const assumedBy = federated
      ? new Code(
          `new iam.FederatedPrincipal(${TS.string(COGNITO_IDENTITY)}, ${literal(federated.Condition ?? {}, TS, '      ')}, 'sts:AssumeRoleWithWebIdentity')`,
        )
      : new Code(`new iam.FederatedPrincipal(${TS.string(COGNITO_IDENTITY)})`);
    add(
      `const ${variable(logical)} = new iam.Role(this, ${TS.string(logical)}, ${expression({
        roleName: new Code(`${roleName}.valueAsString`),
        path: role.path !== '/' ? role.path : undefined,
        description: role.description,
        assumedBy,
        managedPolicies: managed.length > 0 ? managed : undefined,
        inlinePolicies: role.inlinePolicies.length > 0 ? inline : undefined,
      })});`,
    );
    if (!federated) {
      add(`// The trust policy as it is: not one statement for Cognito identities, which is all FederatedPrincipal says.`);
      add(`(${variable(logical)}.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument', ${expression(trust)});`);
    }
    add();
  }
  if (model.roles.length > 0) {
    const roles = Object.fromEntries(model.roles.map((role) => [role.kind, new Code(`${variable(NAMES.role(role.kind))}.roleArn`)]));
    add(`new CfnIdentityPoolRoleAttachment(this, ${TS.string(NAMES.roleAttachment)}, ${expression({ identityPoolId: new Code('identityPool.ref'), roles })});`);
  }
  output('Region', 'Aws.REGION', 'The region the stack is in', OUTPUT_CONFIG_KEYS.region);
  botAliasesNamed(model).forEach(({ botId, botAliasId }, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    output(`BotId${suffix}`, TS.string(botId), 'The bot a role may talk to (not created here)', OUTPUT_CONFIG_KEYS.botId);
    output(`BotAliasId${suffix}`, TS.string(botAliasId), 'Its alias', OUTPUT_CONFIG_KEYS.botAliasId);
  });

  const core = ['Aws', 'CfnOutput', 'CfnParameter', ...(needsDuration ? ['Duration'] : []), 'Stack', 'type StackProps'];
  return [
    `// Identity pool ${pool.name}${model.userPools.length > 0 ? ', its user pool' : ''} and roles, exported by Cognito Bot Workbench from ${model.region}.`,
    `// An AWS CDK v2 stack: put it in a CDK app (e.g. lib/ of \`cdk init app --language typescript\`) and create it there:`,
    `//   new ${className}(app, '${className}');`,
    `// then \`cdk deploy\`. Names are parameters with today's names as defaults (--parameters NAME=VALUE to change them).`,
    `import { ${core.join(', ')} } from 'aws-cdk-lib';`,
    ...(model.userPools.length > 0 ? [`import * as cognito from 'aws-cdk-lib/aws-cognito';`] : []),
    `import { CfnIdentityPool, CfnIdentityPoolRoleAttachment } from 'aws-cdk-lib/aws-cognito';`,
    `import * as iam from 'aws-cdk-lib/aws-iam';`,
    `import type { Construct } from 'constructs';`,
    '',
    `export class ${className} extends Stack {`,
    `  constructor(scope: Construct, id: string, props?: StackProps) {`,
    `    super(scope, id, props);`,
    '',
    ...lines,
    `  }`,
    `}`,
    '',
  ].join('\n');
}
