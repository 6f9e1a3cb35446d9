import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../../aws/sandboxAccount';
import { authorize, type Caller } from '../../auth';
import { queryParameters, queryResult } from '../../protocols/awsQuery';
import { type SandboxRequest, type SandboxResponse, ServiceError } from '../../request';
import type { ChangeSetRecord, SandboxState, StackRecord } from '../../state';
import type { JsonStore } from '../../store';
import type { CognitoIdp } from '../cognitoIdp';
import { runCognitoIdentityOperation } from '../cognitoIdentity';
import { runIamAction } from '../iam';
import { parseTemplate, type Template } from './template';
import { checkCapabilities, createResources, deleteStack, type GivenParameter, planStack, pseudoParameters, type ServicesFor } from './stacks';

// CloudFormation over awsQuery: stacks and the change sets `aws cloudformation deploy` uses,
// run by the engine in stacks.ts within the request.

export const CLOUDFORMATION_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

type Store = JsonStore<SandboxState>;
type Params = URLSearchParams;
type Result = Record<string, unknown>;

interface Context {
  readonly store: Store;
  readonly region: string;
  readonly servicesFor: ServicesFor;
}

function validation(message: string): ServiceError {
  return new ServiceError('ValidationError', message);
}

function required(params: Params, name: string): string {
  const value = params.get(name);
  if (!value)
    throw validation(
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

function memberList(params: Params, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

function givenParameters(params: Params): GivenParameter[] {
  const given: GivenParameter[] = [];
  for (let i = 1; params.has(`Parameters.member.${i}.ParameterKey`); i++) {
    const prefix = `Parameters.member.${i}`;
    given.push({
      ParameterKey: params.get(`${prefix}.ParameterKey`)!,
      ParameterValue: params.get(`${prefix}.ParameterValue`) ?? undefined,
      UsePreviousValue: params.get(`${prefix}.UsePreviousValue`) === 'true',
    });
  }
  return given;
}

function templateBody(params: Params): string {
  if (params.get('TemplateURL')) throw validation('The sandbox takes templates as TemplateBody, not TemplateURL (it has no S3).');
  return required(params, 'TemplateBody');
}

/** A live stack by name or id; a deleted one only by id, as CloudFormation finds them. */
function findStack(store: Store, nameOrId: string): StackRecord | undefined {
  const stacks = Object.values(store.state.cloudFormation.stacks);
  return nameOrId.startsWith('arn:')
    ? stacks.find((s) => s.StackId === nameOrId)
    : stacks.find((s) => s.StackName === nameOrId && s.StackStatus !== 'DELETE_COMPLETE');
}

function stackOf(store: Store, nameOrId: string): StackRecord {
  const stack = findStack(store, nameOrId);
  if (!stack) throw validation(`Stack with id ${nameOrId} does not exist`);
  return stack;
}

function stackView(stack: StackRecord): Result {
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    Description: stack.Description,
    Parameters: stack.Parameters,
    CreationTime: stack.CreationTime,
    DeletionTime: stack.DeletionTime,
    LastUpdatedTime: stack.LastUpdatedTime,
    StackStatus: stack.StackStatus,
    StackStatusReason: stack.StackStatusReason,
    DisableRollback: stack.DisableRollback,
    Capabilities: stack.Capabilities,
    Outputs: stack.Outputs,
    Tags: [],
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

function newStack(context: Context, name: string, params: Params, status: string): StackRecord {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name))
    throw validation(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  if (findStack(context.store, name)) throw new ServiceError('AlreadyExistsException', `Stack [${name}] already exists`);
  return {
    StackId: `arn:aws:cloudformation:${context.region}:${SANDBOX_ACCOUNT_ID}:stack/${name}/${randomUUID()}`,
    StackName: name,
    CreationTime: new Date().toISOString(),
    StackStatus: status,
    DisableRollback: params.get('DisableRollback') === 'true' || params.get('OnFailure') === 'DO_NOTHING',
    Capabilities: memberList(params, 'Capabilities'),
    Parameters: [],
    Outputs: [],
    templateBody: '',
    resources: [],
    events: [],
    changeSets: {},
  };
}

function changeSetOf(store: Store, params: Params): { stack: StackRecord; changeSet: ChangeSetRecord } {
  const name = required(params, 'ChangeSetName');
  const stacks = Object.values(store.state.cloudFormation.stacks);
  const stackName = params.get('StackName');
  for (const stack of name.startsWith('arn:') ? stacks : stacks.filter((s) => s.StackName === stackName || s.StackId === stackName)) {
    const changeSet = Object.values(stack.changeSets).find((c) => c.ChangeSetId === name || c.ChangeSetName === name);
    if (changeSet) return { stack, changeSet };
  }
  throw new ServiceError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
}

function declaredParameters(template: Template) {
  return Object.entries(template.Parameters).map(([key, p]) => ({
    ParameterKey: key,
    DefaultValue: p.Default === undefined ? undefined : String(p.Default),
    ParameterType: p.Type,
    NoEcho: p.NoEcho === true || p.NoEcho === 'true',
    Description: p.Description,
    ParameterConstraints: p.AllowedValues ? { AllowedValues: p.AllowedValues.map(String) } : {},
  }));
}

/** The capabilities a template's IAM resources need (judged with its defaults), and why. */
function capabilitiesOf(template: Template, region: string): Result {
  let capabilities: string[] = [];
  try {
    capabilities = planStack(template, [], pseudoParameters(region, '', 'validate')).capabilities;
  } catch {
    // Missing parameter values do not make a template invalid.
  }
  if (capabilities.length === 0) return {};
  const iamResources = Object.entries(template.Resources)
    .filter(([, r]) => r.Type.startsWith('AWS::IAM::'))
    .map(([name]) => name);
  return { Capabilities: capabilities, CapabilitiesReason: `The following resource(s) require capabilities: [${iamResources.join(', ')}]` };
}

const OPERATIONS: Record<string, (params: Params, context: Context) => Result> = {
  ValidateTemplate(params, { region }) {
    const template = parseTemplate(templateBody(params));
    return {
      Parameters: declaredParameters(template).map(({ ParameterType: _type, ParameterConstraints: _constraints, ...p }) => p),
      Description: template.Description,
      ...capabilitiesOf(template, region),
    };
  },

  // `aws cloudformation deploy` asks it of an existing stack's new template, for its parameters.
  GetTemplateSummary(params, { store, region }) {
    const stackName = params.get('StackName');
    const template = parseTemplate(stackName ? stackOf(store, stackName).templateBody : templateBody(params));
    return {
      Parameters: declaredParameters(template),
      Description: template.Description,
      ...capabilitiesOf(template, region),
      ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
      Version: '2010-09-09',
      DeclaredTransforms: [...template.Transforms],
    };
  },

  CreateStack(params, context) {
    const { store } = context;
    const body = templateBody(params);
    const template = parseTemplate(body);
    const stack = newStack(context, required(params, 'StackName'), params, 'CREATE_IN_PROGRESS');
    const plan = planStack(template, givenParameters(params), pseudoParameters(context.region, stack.StackId, stack.StackName));
    checkCapabilities(plan, stack.Capabilities);
    store.update((state) => {
      state.cloudFormation.stacks[stack.StackId] = { ...stack, Description: template.Description, Parameters: plan.shown, templateBody: body };
    });
    createResources(store, stack.StackId, plan, context.servicesFor);
    return { StackId: stack.StackId };
  },

  DescribeStacks(params, { store }) {
    const name = params.get('StackName');
    const stacks = name ? [stackOf(store, name)] : Object.values(store.state.cloudFormation.stacks).filter((s) => s.StackStatus !== 'DELETE_COMPLETE');
    return { Stacks: stacks.map(stackView) };
  },

  ListStacks(params, { store }) {
    const filter = memberList(params, 'StackStatusFilter');
    const stacks = Object.values(store.state.cloudFormation.stacks).filter((s) => filter.length === 0 || filter.includes(s.StackStatus));
    return {
      StackSummaries: stacks.map((s) => ({
        StackId: s.StackId,
        StackName: s.StackName,
        TemplateDescription: s.Description,
        CreationTime: s.CreationTime,
        LastUpdatedTime: s.LastUpdatedTime,
        DeletionTime: s.DeletionTime,
        StackStatus: s.StackStatus,
        StackStatusReason: s.StackStatusReason,
      })),
    };
  },

  DescribeStackEvents(params, { store }) {
    const stack = stackOf(store, required(params, 'StackName'));
    return { StackEvents: [...stack.events].reverse().map((event) => ({ StackId: stack.StackId, StackName: stack.StackName, ...event })) };
  },

  DescribeStackResources(params, { store }) {
    const stack = stackOf(store, required(params, 'StackName'));
    const logical = params.get('LogicalResourceId');
    return {
      StackResources: stack.resources
        .filter((r) => !logical || r.LogicalResourceId === logical)
        .map(({ attributes: _a, properties: _p, ...resource }) => ({ StackId: stack.StackId, StackName: stack.StackName, ...resource })),
    };
  },

  DescribeStackResource(params, { store }) {
    const stack = stackOf(store, required(params, 'StackName'));
    const logical = required(params, 'LogicalResourceId');
    const resource = stack.resources.find((r) => r.LogicalResourceId === logical);
    if (!resource) throw validation(`Resource ${logical} does not exist for stack ${stack.StackName}`);
    const { attributes: _a, properties: _p, Timestamp, ...rest } = resource;
    return { StackResourceDetail: { StackId: stack.StackId, StackName: stack.StackName, ...rest, LastUpdatedTimestamp: Timestamp } };
  },

  GetTemplate(params, { store }) {
    return { TemplateBody: stackOf(store, required(params, 'StackName')).templateBody, StagesAvailable: ['Original', 'Processed'] };
  },

  DeleteStack(params, context) {
    // Deleting a stack that does not exist succeeds, as in CloudFormation.
    const stack = findStack(context.store, required(params, 'StackName'));
    if (stack && stack.StackStatus !== 'DELETE_COMPLETE') deleteStack(context.store, stack.StackId, context.servicesFor);
    return {};
  },

  CreateChangeSet(params, context) {
    const { store } = context;
    const name = required(params, 'ChangeSetName');
    const stackName = required(params, 'StackName');
    const type = params.get('ChangeSetType') ?? 'UPDATE';
    if (type !== 'CREATE' && type !== 'UPDATE') throw validation(`ChangeSetType ${type} is not supported by the sandbox; use CREATE or UPDATE.`);
    const body = templateBody(params);
    const template = parseTemplate(body);
    const existing = findStack(store, stackName);
    // A stack created only to review a change set (REVIEW_IN_PROGRESS) may be created again.
    if (type === 'CREATE' && existing && existing.StackStatus !== 'REVIEW_IN_PROGRESS')
      throw new ServiceError('AlreadyExistsException', `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`);
    if (type === 'UPDATE' && (!existing || existing.StackStatus === 'REVIEW_IN_PROGRESS')) throw validation(`Stack [${stackName}] does not exist`);
    const stack = existing ?? newStack(context, stackName, params, 'REVIEW_IN_PROGRESS');
    const plan = planStack(template, givenParameters(params), pseudoParameters(context.region, stack.StackId, stack.StackName), existing?.Parameters);
    const capabilities = memberList(params, 'Capabilities');
    checkCapabilities(plan, capabilities);
    const changeSet: ChangeSetRecord = {
      ChangeSetId: `arn:aws:cloudformation:${context.region}:${SANDBOX_ACCOUNT_ID}:changeSet/${name}/${randomUUID()}`,
      ChangeSetName: name,
      ChangeSetType: type,
      CreationTime: new Date().toISOString(),
      Description: params.get('Description') ?? undefined,
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      templateBody: body,
      Parameters: plan.shown,
      given: plan.given,
      Capabilities: capabilities,
      Changes: plan.order.map((logicalId) => ({ Action: 'Add', LogicalResourceId: logicalId, ResourceType: template.Resources[logicalId].Type })),
    };
    if (type === 'UPDATE') {
      const unchanged = existing!.templateBody === body && JSON.stringify(existing!.Parameters) === JSON.stringify(plan.shown);
      Object.assign(changeSet, {
        Status: 'FAILED',
        ExecutionStatus: 'UNAVAILABLE',
        Changes: [],
        StatusReason: unchanged
          ? "The submitted information didn't contain changes. Submit different information to create a change set."
          : 'The sandbox does not update stacks: delete the stack and deploy it again.',
      });
    }
    store.update((state) => {
      const stored = state.cloudFormation.stacks[stack.StackId] ?? { ...stack, Description: template.Description };
      stored.changeSets[changeSet.ChangeSetId] = changeSet;
      state.cloudFormation.stacks[stack.StackId] = stored;
      if (!existing)
        stored.events.push({
          EventId: randomUUID(),
          LogicalResourceId: stackName,
          PhysicalResourceId: stack.StackId,
          ResourceType: 'AWS::CloudFormation::Stack',
          Timestamp: changeSet.CreationTime,
          ResourceStatus: 'REVIEW_IN_PROGRESS',
          ResourceStatusReason: 'User Initiated',
        });
    });
    return { Id: changeSet.ChangeSetId, StackId: stack.StackId };
  },

  DescribeChangeSet(params, { store }) {
    const { stack, changeSet } = changeSetOf(store, params);
    const { templateBody: _body, ChangeSetType: _type, given: _given, Changes, ...view } = changeSet;
    return {
      ...view,
      StackId: stack.StackId,
      StackName: stack.StackName,
      Changes: Changes.map((change) => ({ Type: 'Resource', ResourceChange: { ...change, Scope: [], Details: [] } })),
      NotificationARNs: [],
      RollbackConfiguration: {},
      Tags: [],
    };
  },

  ListChangeSets(params, { store }) {
    const stack = stackOf(store, required(params, 'StackName'));
    return {
      Summaries: Object.values(stack.changeSets).map((c) => ({
        StackId: stack.StackId,
        StackName: stack.StackName,
        ChangeSetId: c.ChangeSetId,
        ChangeSetName: c.ChangeSetName,
        ExecutionStatus: c.ExecutionStatus,
        Status: c.Status,
        StatusReason: c.StatusReason,
        CreationTime: c.CreationTime,
        Description: c.Description,
      })),
    };
  },

  ExecuteChangeSet(params, context) {
    const { store } = context;
    const { stack, changeSet } = changeSetOf(store, params);
    if (changeSet.ExecutionStatus !== 'AVAILABLE')
      throw new ServiceError(
        'InvalidChangeSetStatus',
        `ChangeSet [${changeSet.ChangeSetId}] cannot be executed in its current status of [${changeSet.Status}]`,
      );
    const template = parseTemplate(changeSet.templateBody);
    const plan = planStack(template, changeSet.given, pseudoParameters(context.region, stack.StackId, stack.StackName));
    store.update((state) => {
      const stored = state.cloudFormation.stacks[stack.StackId];
      stored.changeSets[changeSet.ChangeSetId].ExecutionStatus = 'EXECUTE_COMPLETE';
      Object.assign(stored, {
        templateBody: changeSet.templateBody,
        Parameters: plan.shown,
        Capabilities: changeSet.Capabilities,
        DisableRollback: params.get('DisableRollback') === 'true',
        CreationTime: new Date().toISOString(),
      });
    });
    createResources(store, stack.StackId, plan, context.servicesFor);
    return {};
  },

  DeleteChangeSet(params, { store }) {
    const { stack, changeSet } = changeSetOf(store, params);
    store.update((state) => {
      delete state.cloudFormation.stacks[stack.StackId].changeSets[changeSet.ChangeSetId];
    });
    return {};
  },
};

/** CloudFormation over awsQuery (signing name "cloudformation"). */
export function handleCloudFormation(request: SandboxRequest, store: Store, caller: Caller, userPools: CognitoIdp, now: () => Date): SandboxResponse {
  const params = queryParameters(request);
  const action = params.get('Action') ?? '';
  const operation = OPERATIONS[action];
  if (!operation) throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version 2010-05-15`);
  // Its resources are made by the other services as the administrator: only an administrator may run stacks.
  authorize(caller, `cloudformation:${action}`, `arn:aws:cloudformation:${request.signing?.region ?? 'us-east-1'}:${SANDBOX_ACCOUNT_ID}:stack/*`, store);
  const region = request.signing?.region ?? 'us-east-1';
  const servicesFor: ServicesFor = (stackName) => ({
    iam: (name, input) => runIamAction(name, input, store),
    cognitoIdentity: (name, body) => runCognitoIdentityOperation(name, body, store, region, now()) as Record<string, unknown>,
    cognitoIdp: (name, body) => userPools.run(name, body, store, region) as Record<string, unknown>,
    get state() {
      return store.state;
    },
    region,
    stackName,
  });
  return queryResult(action, CLOUDFORMATION_NAMESPACE, operation(params, { store, region, servicesFor }), request.requestId, action !== 'DeleteStack');
}
