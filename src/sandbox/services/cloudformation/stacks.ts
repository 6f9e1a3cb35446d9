import { randomUUID } from 'node:crypto';
import { dnsSuffixOf, partitionOf } from '../../../aws/arns';
import { SANDBOX_ACCOUNT_ID } from '../../../aws/sandboxAccount';
import { ServiceError } from '../../request';
import type { SandboxState, StackRecord, StackResourceRecord } from '../../state';
import type { JsonStore } from '../../store';
import { creationOrder, evaluateCondition, referencedResources, type ResolveContext, resolveValue } from './intrinsics';
import { GETATT_ATTRIBUTES, RESOURCE_HANDLERS, type Services, unsupportedType } from './resources';
import type { Template } from './template';

// A stack's life: the plan checked before anything is made (parameters, references, order),
// then its resources created in order, rolled back in reverse when one fails, deleted in reverse.
// It all happens within the request; statuses and events read as CloudFormation's do.

type Store = JsonStore<SandboxState>;

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

export interface GivenParameter {
  readonly ParameterKey: string;
  readonly ParameterValue?: string;
  readonly UsePreviousValue?: boolean;
}

/** What a stack will be made of: checked up front, as CloudFormation refuses a bad template before it starts. */
export interface Plan {
  readonly template: Template;
  /** Parameter values, a CommaDelimitedList as a list. */
  readonly values: Record<string, unknown>;
  /** As given (the change set keeps them to execute with). */
  readonly given: { ParameterKey: string; ParameterValue: string }[];
  /** As DescribeStacks shows them (NoEcho as ****). */
  readonly shown: { ParameterKey: string; ParameterValue: string }[];
  readonly conditions: Record<string, boolean>;
  /** Resources whose condition holds, in creation order. */
  readonly order: string[];
  readonly capabilities: string[];
}

function validation(message: string): ServiceError {
  return new ServiceError('ValidationError', message);
}

export function pseudoParameters(region: string, stackId: string, stackName: string): Record<string, unknown> {
  return {
    'AWS::Region': region,
    'AWS::AccountId': SANDBOX_ACCOUNT_ID,
    'AWS::StackName': stackName,
    'AWS::StackId': stackId,
    'AWS::Partition': partitionOf(region),
    'AWS::URLSuffix': dnsSuffixOf(region),
    'AWS::NotificationARNs': [],
  };
}

function parameterValues(template: Template, given: readonly GivenParameter[], previous: StackRecord['Parameters']): Pick<Plan, 'values' | 'shown' | 'given'> {
  const declared = template.Parameters;
  const unknown = given.filter((p) => !(p.ParameterKey in declared)).map((p) => p.ParameterKey);
  if (unknown.length > 0) throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const values: Record<string, unknown> = {};
  const shown: Plan['shown'] = [];
  const texts: Plan['given'] = [];
  const missing: string[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    const entry = given.find((p) => p.ParameterKey === name);
    const raw = entry?.UsePreviousValue ? previous.find((p) => p.ParameterKey === name)?.ParameterValue : (entry?.ParameterValue ?? declaration.Default);
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    const text = Array.isArray(raw) ? raw.join(',') : String(raw);
    const allowed = declaration.AllowedValues?.map(String);
    if (allowed && !allowed.includes(text)) throw validation(`Parameter '${name}' must be one of AllowedValues`);
    if (declaration.AllowedPattern && !new RegExp(`^(?:${declaration.AllowedPattern})$`).test(text))
      throw validation(`Parameter '${name}' must match pattern ${declaration.AllowedPattern}`);
    switch (declaration.Type) {
      case 'String':
        values[name] = text;
        break;
      case 'Number':
        if (text.trim() === '' || Number.isNaN(Number(text))) throw validation(`Parameter '${name}' must be a number.`);
        values[name] = text;
        break;
      case 'CommaDelimitedList':
      case 'List<String>':
        values[name] = text.split(',').map((item) => item.trim());
        break;
      default:
        throw validation(
          `Parameter '${name}' has type ${declaration.Type}, which the sandbox does not support; it supports String, Number, CommaDelimitedList.`,
        );
    }
    const noEcho = declaration.NoEcho === true || declaration.NoEcho === 'true';
    shown.push({ ParameterKey: name, ParameterValue: noEcho ? '****' : text });
    texts.push({ ParameterKey: name, ParameterValue: text });
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`);
  return { values, shown, given: texts };
}

/** Every Ref and Fn::GetAtt names something the template has (CloudFormation checks before it starts). */
function checkReferences(template: Template, values: Record<string, unknown>): void {
  const unresolved = new Set<string>();
  const known = (name: string) => name in template.Resources || name in values || name.startsWith('AWS::');
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, argument] = entries[0];
      if (key === 'Ref' && typeof argument === 'string' && !known(argument)) unresolved.add(argument);
      if (key === 'Fn::GetAtt') {
        const [resource, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/s) : (argument as unknown[]);
        const declared = template.Resources[String(resource)];
        if (!declared) unresolved.add(String(resource));
        else {
          const attributes = GETATT_ATTRIBUTES[declared.Type];
          if (attributes && typeof attribute === 'string' && !attributes.includes(attribute))
            throw validation(`Template error: resource ${String(resource)} does not support attribute type ${attribute} in Fn::GetAtt`);
        }
      }
    }
    entries.forEach(([, member]) => walk(member));
  };
  walk(template.Resources);
  walk(template.Outputs);
  if (unresolved.size > 0)
    throw validation(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`);
}

/** Checks a template with its parameters and orders its resources; throws what CloudFormation answers. */
export function planStack(
  template: Template,
  given: readonly GivenParameter[],
  pseudo: Record<string, unknown>,
  previous: StackRecord['Parameters'] = [],
): Plan {
  const { values, shown, given: texts } = parameterValues(template, given, previous);
  checkReferences(template, values);
  const conditions: Record<string, boolean> = {};
  const context: ResolveContext = {
    ref: (name) => {
      if (name in values) return values[name];
      if (name in pseudo) return pseudo[name];
      throw validation(`Template error: Conditions can only refer to parameters, not to ${name}`);
    },
    getAtt: () => {
      throw validation('Template error: Conditions cannot use Fn::GetAtt');
    },
    condition: (name) => {
      if (!(name in conditions)) {
        if (!(name in template.Conditions)) throw validation(`Template format error: Unresolved condition dependency ${name}`);
        const value = evaluateCondition(template.Conditions[name], context);
        if (value === undefined) throw validation(`Template error: condition ${name} is not a condition function`);
        conditions[name] = value;
      }
      return conditions[name];
    },
  };
  for (const name of Object.keys(template.Conditions)) context.condition(name);
  const active = Object.entries(template.Resources).filter(([, resource]) => resource.Condition === undefined || context.condition(resource.Condition));
  const names = new Set(active.map(([name]) => name));
  const dependencies = new Map<string, Set<string>>();
  for (const [name, resource] of active) {
    const dependsOn = resource.DependsOn === undefined ? [] : typeof resource.DependsOn === 'string' ? [resource.DependsOn] : resource.DependsOn;
    for (const target of dependsOn)
      if (!(target in template.Resources))
        throw validation(`Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template`);
    dependencies.set(name, new Set([...referencedResources(resource.Properties ?? {}, names), ...dependsOn.filter((d) => names.has(d))]));
  }
  const order = creationOrder(dependencies);
  const capabilities = new Set<string>();
  for (const [, resource] of active) {
    const capability = RESOURCE_HANDLERS[resource.Type]?.capability?.(resource.Properties ?? {});
    if (capability) capabilities.add(capability);
  }
  // Named IAM resources need CAPABILITY_NAMED_IAM, which covers CAPABILITY_IAM.
  const needed = capabilities.has('CAPABILITY_NAMED_IAM') ? ['CAPABILITY_NAMED_IAM'] : [...capabilities];
  // A transform expands the template: CloudFormation asks for that to be acknowledged too.
  if (template.Transforms.length > 0) needed.push('CAPABILITY_AUTO_EXPAND');
  return { template, values, shown, given: texts, conditions, order, capabilities: needed };
}

/** Refuses a stack whose IAM resources were not acknowledged, as CloudFormation does. */
export function checkCapabilities(plan: Plan, given: readonly string[]): void {
  const missing = plan.capabilities.filter((c) => !given.includes(c) && !(c === 'CAPABILITY_IAM' && given.includes('CAPABILITY_NAMED_IAM')));
  if (missing.length > 0) throw new ServiceError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
}

export type ServicesFor = (stackName: string) => Services;

function now(): string {
  return new Date().toISOString();
}

/** Records an event; a stack event sets the stack's status, a resource event the resource's. */
function record(
  store: Store,
  stackId: string,
  resource: Pick<StackResourceRecord, 'LogicalResourceId' | 'ResourceType'> & { PhysicalResourceId?: string },
  status: string,
  reason?: string,
): void {
  store.update((state) => {
    const stack = state.cloudFormation.stacks[stackId];
    const timestamp = now();
    stack.events.push({
      EventId: randomUUID(),
      LogicalResourceId: resource.LogicalResourceId,
      PhysicalResourceId: resource.PhysicalResourceId ?? '',
      ResourceType: resource.ResourceType,
      Timestamp: timestamp,
      ResourceStatus: status,
      ResourceStatusReason: reason,
    });
    if (resource.ResourceType === STACK_TYPE) {
      stack.StackStatus = status;
      stack.StackStatusReason = reason;
      return;
    }
    const existing = stack.resources.find((r) => r.LogicalResourceId === resource.LogicalResourceId);
    if (existing)
      Object.assign(existing, {
        ResourceStatus: status,
        ResourceStatusReason: reason,
        Timestamp: timestamp,
        PhysicalResourceId: resource.PhysicalResourceId ?? existing.PhysicalResourceId,
      });
  });
}

function stackResource(stack: StackRecord): { LogicalResourceId: string; ResourceType: string; PhysicalResourceId: string } {
  return { LogicalResourceId: stack.StackName, ResourceType: STACK_TYPE, PhysicalResourceId: stack.StackId };
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the plan's resources in order; on a failure, deletes what it made in reverse (unless rollback is disabled). */
export function createResources(store: Store, stackId: string, plan: Plan, servicesFor: ServicesFor): void {
  const stack = () => store.state.cloudFormation.stacks[stackId];
  const services = servicesFor(stack().StackName);
  const pseudo = pseudoParameters(services.region, stackId, stack().StackName);
  record(store, stackId, stackResource(stack()), 'CREATE_IN_PROGRESS', 'User Initiated');
  const context: ResolveContext = {
    ref: (name) => {
      if (name in plan.values) return plan.values[name];
      if (name in pseudo) return pseudo[name];
      const made = stack().resources.find((r) => r.LogicalResourceId === name);
      if (made?.PhysicalResourceId) return made.PhysicalResourceId;
      throw validation(`Template error: ${name} is not created yet`);
    },
    getAtt: (name, attribute) => {
      const value = stack().resources.find((r) => r.LogicalResourceId === name)?.attributes[attribute];
      if (value === undefined) throw validation(`Template error: resource ${name} does not support attribute type ${attribute} in Fn::GetAtt`);
      return value;
    },
    condition: (name) => plan.conditions[name] ?? false,
  };
  let failed: string | undefined;
  for (const logicalId of plan.order) {
    const declaration = plan.template.Resources[logicalId];
    const resource = { LogicalResourceId: logicalId, ResourceType: declaration.Type };
    const handler = RESOURCE_HANDLERS[declaration.Type];
    store.update((state) => {
      state.cloudFormation.stacks[stackId].resources.push({
        ...resource,
        ResourceStatus: 'CREATE_IN_PROGRESS',
        Timestamp: now(),
        attributes: {},
        properties: {},
      });
    });
    record(store, stackId, resource, 'CREATE_IN_PROGRESS');
    try {
      if (!handler) throw new Error(unsupportedType(declaration.Type));
      const properties = resolveValue(declaration.Properties ?? {}, context) as Record<string, unknown>;
      store.update((state) => {
        state.cloudFormation.stacks[stackId].resources.find((r) => r.LogicalResourceId === logicalId)!.properties = properties;
      });
      const created = handler.create(properties, servicesFor(stack().StackName), logicalId);
      store.update((state) => {
        state.cloudFormation.stacks[stackId].resources.find((r) => r.LogicalResourceId === logicalId)!.attributes = created.attributes;
      });
      record(store, stackId, { ...resource, PhysicalResourceId: created.physicalId }, 'CREATE_COMPLETE');
    } catch (error) {
      record(store, stackId, resource, 'CREATE_FAILED', reasonOf(error));
      failed = logicalId;
      break;
    }
  }
  if (!failed) {
    try {
      const outputs = Object.entries(plan.template.Outputs)
        .filter(([, output]) => output.Condition === undefined || plan.conditions[output.Condition])
        .map(([key, output]) => ({
          OutputKey: key,
          OutputValue: stringOf(resolveValue(output.Value, context)),
          Description: output.Description,
          ExportName: output.Export ? stringOf(resolveValue(output.Export.Name, context)) : undefined,
        }));
      store.update((state) => {
        state.cloudFormation.stacks[stackId].Outputs = outputs;
      });
      record(store, stackId, stackResource(stack()), 'CREATE_COMPLETE');
      return;
    } catch (error) {
      record(store, stackId, stackResource(stack()), 'CREATE_FAILED', `Outputs: ${reasonOf(error)}`);
      failed = 'Outputs';
    }
  }
  const reason = `The following resource(s) failed to create: [${failed}]. `;
  if (stack().DisableRollback) {
    record(store, stackId, stackResource(stack()), 'CREATE_FAILED', reason);
    return;
  }
  record(store, stackId, stackResource(stack()), 'ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`);
  const clean = deleteResources(store, stackId, servicesFor);
  record(
    store,
    stackId,
    stackResource(stack()),
    clean ? 'ROLLBACK_COMPLETE' : 'ROLLBACK_FAILED',
    clean ? undefined : 'The following resource(s) failed to delete: see the events.',
  );
}

function stringOf(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Deletes what a stack made, newest first; true when all of it went. */
export function deleteResources(store: Store, stackId: string, servicesFor: ServicesFor): boolean {
  const stack = store.state.cloudFormation.stacks[stackId];
  let clean = true;
  for (const resource of [...stack.resources].reverse()) {
    if (resource.ResourceStatus === 'DELETE_COMPLETE') continue;
    const handler = RESOURCE_HANDLERS[resource.ResourceType];
    // Nothing was made for a resource that never got a physical id.
    if (!resource.PhysicalResourceId || !handler) {
      record(store, stackId, resource, 'DELETE_COMPLETE');
      continue;
    }
    record(store, stackId, resource, 'DELETE_IN_PROGRESS');
    try {
      handler.delete(resource.PhysicalResourceId, resource.properties, servicesFor(stack.StackName));
      record(store, stackId, resource, 'DELETE_COMPLETE');
    } catch (error) {
      record(store, stackId, resource, 'DELETE_FAILED', reasonOf(error));
      clean = false;
    }
  }
  return clean;
}

/** DeleteStack: everything in reverse order, then the stack is DELETE_COMPLETE (listed, no longer found by name). */
export function deleteStack(store: Store, stackId: string, servicesFor: ServicesFor): void {
  const stack = store.state.cloudFormation.stacks[stackId];
  record(store, stackId, stackResource(stack), 'DELETE_IN_PROGRESS', 'User Initiated');
  const clean = deleteResources(store, stackId, servicesFor);
  if (!clean) {
    record(store, stackId, stackResource(stack), 'DELETE_FAILED', 'The following resource(s) failed to delete: see the events.');
    return;
  }
  store.update((state) => {
    state.cloudFormation.stacks[stackId].DeletionTime = now();
  });
  record(store, stackId, stackResource(stack), 'DELETE_COMPLETE');
}
