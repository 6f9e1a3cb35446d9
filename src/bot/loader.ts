import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { ConditionSyntaxError, parseCondition } from './conditions';
import type {
  BotDefinition,
  Conditional,
  ConditionalBranch,
  DialogCodeHookStep,
  IntentDefinition,
  LexMessage,
  LoadProblem,
  LocaleDefinition,
  MessageGroup,
  NextStep,
  PromptSpecification,
  SlotDefinition,
  SlotTypeDefinition,
  Step,
} from './model';

type Json = Record<string, unknown>;

export interface LoadedBot {
  bot: BotDefinition;
  problems: LoadProblem[];
}

/** The files of an export, by their path inside it (always with "/"). */
function readSource(source: string): Map<string, string> {
  const files = new Map<string, string>();
  const stat = fs.statSync(source);
  if (stat.isDirectory()) {
    for (const relative of fs.readdirSync(source, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(source, relative);
      if (relative.endsWith('.json') && fs.statSync(full).isFile()) files.set(relative.split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
    return files;
  }
  const entries = unzipSync(fs.readFileSync(source));
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('.json')) files.set(name, Buffer.from(data).toString('utf8'));
  }
  return files;
}

class Reader {
  readonly problems: LoadProblem[] = [];

  constructor(private readonly files: Map<string, string>) {}

  json(file: string): Json | undefined {
    const text = this.files.get(file);
    if (text === undefined) return undefined;
    try {
      const value = JSON.parse(text.replace(/^\uFEFF/, ''));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
      this.problem(file, '(file)', 'is not a JSON object');
    } catch (error) {
      this.problem(file, '(file)', `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }

  problem(file: string, field: string, message: string): void {
    this.problems.push({ file, field, message });
  }

  /** Paths of the form prefix + NAME + suffix, with their NAME. */
  children(prefix: string, suffix: string): Array<{ name: string; file: string }> {
    const found: Array<{ name: string; file: string }> = [];
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix) || !file.endsWith(suffix)) continue;
      const name = file.slice(prefix.length, file.length - suffix.length);
      if (name && !name.includes('/')) found.push({ name, file });
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }
}

const obj = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function message(raw: unknown): LexMessage | undefined {
  const m = obj(raw);
  if (!m) return undefined;
  const plain = text(obj(m.plainTextMessage)?.value);
  if (plain !== undefined) return { contentType: 'PlainText', content: plain };
  const ssml = text(obj(m.ssmlMessage)?.value);
  if (ssml !== undefined) return { contentType: 'SSML', content: ssml };
  const custom = text(obj(m.customPayload)?.value);
  if (custom !== undefined) return { contentType: 'CustomPayload', content: custom };
  const card = obj(m.imageResponseCard);
  if (card) {
    return {
      contentType: 'ImageResponseCard',
      imageResponseCard: {
        title: text(card.title) ?? '',
        subtitle: text(card.subtitle),
        imageUrl: text(card.imageUrl),
        buttons: arr(card.buttons).map((b) => ({ text: text(obj(b)?.text) ?? '', value: text(obj(b)?.value) ?? '' })),
      },
    };
  }
  return undefined;
}

/** The docs spell the list messageGroupsList, messageGroupList or messageGroups: accept each. */
function messageGroups(container: unknown): MessageGroup[] | undefined {
  const c = obj(container);
  if (!c) return undefined;
  const list = c.messageGroupsList ?? c.messageGroupList ?? c.messageGroups;
  if (!Array.isArray(list)) return undefined;
  const groups: MessageGroup[] = [];
  for (const raw of list) {
    const group = obj(raw);
    const first = message(group?.message);
    if (first)
      groups.push({
        message: first,
        variations: arr(group?.variations)
          .map(message)
          .filter((m): m is LexMessage => m !== undefined),
      });
  }
  return groups;
}

function prompt(raw: unknown): PromptSpecification | undefined {
  const spec = obj(raw);
  const groups = messageGroups(spec);
  if (!spec || !groups) return undefined;
  return { messageGroups: groups, maxRetries: typeof spec.maxRetries === 'number' ? spec.maxRetries : 2 };
}

function nextStep(raw: unknown): NextStep | undefined {
  const step = obj(raw);
  if (!step) return undefined;
  const action = obj(step.dialogAction);
  const intent = obj(step.intent);
  const slots: Record<string, string | string[]> = {};
  for (const [name, override] of Object.entries(obj(intent?.slots) ?? {})) {
    const list = arr(obj(override)?.values)
      .map((v) => text(obj(obj(v)?.value)?.interpretedValue))
      .filter((v): v is string => v !== undefined);
    const single = text(obj(obj(override)?.value)?.interpretedValue);
    if (text(obj(override)?.shape) === 'List' || list.length > 0) slots[name] = list.length > 0 ? list : single !== undefined ? [single] : [];
    else if (single !== undefined) slots[name] = single;
  }
  const attributes = Object.entries(obj(step.sessionAttributes) ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return {
    dialogAction:
      action && text(action.type)
        ? {
            type: text(action.type)!,
            ...(text(action.slotToElicit) ? { slotToElicit: text(action.slotToElicit) } : {}),
            ...(action.suppressNextMessage === true ? { suppressNextMessage: true } : {}),
          }
        : undefined,
    intent:
      intent && (text(intent.name) || Object.keys(slots).length > 0)
        ? { name: text(intent.name), slots: Object.keys(slots).length > 0 ? slots : undefined }
        : undefined,
    sessionAttributes: attributes.length > 0 ? Object.fromEntries(attributes) : undefined,
  };
}

function responseGroups(raw: unknown): MessageGroup[] | undefined {
  const response = obj(raw);
  return response ? messageGroups(response) : undefined;
}

function isActive(setting: Json | undefined): boolean {
  return setting !== undefined && setting.active !== false && setting.isActive !== false;
}

/** A conditional block; a condition Lex's language cannot read is reported, and its branch is never taken. */
function conditional(reader: Reader, file: string, field: string, raw: unknown): Conditional | undefined {
  const block = obj(raw);
  if (!block) return undefined;
  const branches: ConditionalBranch[] = [];
  for (const [index, rawBranch] of arr(block.conditionalBranches).entries()) {
    const branch = obj(rawBranch);
    const condition = text(obj(branch?.condition)?.expressionString) ?? '';
    const name = text(branch?.name) ?? `#${index + 1}`;
    try {
      parseCondition(condition);
    } catch (error) {
      const reason = error instanceof ConditionSyntaxError ? error.message : String(error);
      reader.problem(
        file,
        `${field}.conditionalBranches[${index}]`,
        `branch ${name}: the condition "${condition}" cannot be read (${reason}); the branch is never taken`,
      );
    }
    branches.push({ name, condition, response: responseGroups(branch?.response), nextStep: nextStep(branch?.nextStep) });
  }
  const fallback = obj(block.defaultBranch);
  return {
    active: isActive(block),
    branches,
    defaultBranch: { response: responseGroups(fallback?.response), nextStep: nextStep(fallback?.nextStep) },
  };
}

/** A step: its response, next step and conditional, read from fields named by the prefix (e.g. capture: captureResponse, captureNextStep, captureConditional). */
function step(reader: Reader, file: string, field: string, container: Json | undefined, prefix: string, codeHook?: DialogCodeHookStep): Step {
  const name = (suffix: string) => (prefix ? `${prefix}${suffix}` : suffix.charAt(0).toLowerCase() + suffix.slice(1));
  return {
    response: responseGroups(container?.[name('Response')]),
    nextStep: nextStep(container?.[name('NextStep')]),
    conditional: conditional(reader, file, `${field}.${name('Conditional')}`, container?.[name('Conditional')]),
    codeHook,
  };
}

function dialogCodeHookStep(reader: Reader, file: string, field: string, raw: unknown): DialogCodeHookStep | undefined {
  const hook = obj(raw);
  if (!hook) return undefined;
  const after = obj(hook.postCodeHookSpecification);
  const where = `${field}.postCodeHookSpecification`;
  return {
    active: isActive(hook),
    invoke: hook.enableCodeHookInvocation !== false,
    invocationLabel: text(hook.invocationLabel),
    success: step(reader, file, where, after, 'success'),
    failure: step(reader, file, where, after, 'failure'),
    timeout: step(reader, file, where, after, 'timeout'),
  };
}

/** An elicitation code hook is on unless the export turns it off. */
const elicitationHookOn = (container: Json | undefined) => obj(container?.elicitationCodeHook)?.enableCodeHookInvocation !== false;

function loadSlot(reader: Reader, file: string): SlotDefinition | undefined {
  const raw = reader.json(file);
  if (!raw) return undefined;
  const name = text(raw.name);
  if (!name) {
    reader.problem(file, 'name', 'is missing; the slot is skipped');
    return undefined;
  }
  // valueElicitationSetting in exports, slotValueElicitationSetting in some docs.
  const elicitationField = raw.valueElicitationSetting ? 'valueElicitationSetting' : 'slotValueElicitationSetting';
  const elicitation = obj(raw.valueElicitationSetting ?? raw.slotValueElicitationSetting) ?? {};
  const capture = obj(elicitation.slotCaptureSetting);
  const captureField = `${elicitationField}.slotCaptureSetting`;
  const slotTypeName = text(raw.slotTypeName) ?? 'AMAZON.FreeFormInput';
  const multipleValues = obj(raw.multipleValuesSetting)?.allowMultipleValues === true;
  if (arr(obj(elicitation.defaultValueSpecification)?.defaultValueList).length > 0)
    reader.problem(file, `${elicitationField}.defaultValueSpecification`, 'default values are not used offline; the slot is elicited when empty');
  if (isActive(obj(elicitation.waitAndContinueSpecification)))
    reader.problem(file, `${elicitationField}.waitAndContinueSpecification`, 'wait and continue is not run offline; the slot is elicited as usual');
  if (text(obj(elicitation.slotResolutionSetting)?.slotResolutionStrategy) === 'EnhancedFallback')
    reader.problem(
      file,
      `${elicitationField}.slotResolutionSetting`,
      'assisted slot resolution asks an Amazon Bedrock model, which cannot run offline; the slot is resolved from its values and synonyms only',
    );
  if (multipleValues && slotTypeName.startsWith('AMAZON.'))
    reader.problem(
      file,
      'multipleValuesSetting.allowMultipleValues',
      `Lex takes multiple values only in custom slot types, not ${slotTypeName}; the slot holds one value`,
    );
  return {
    name,
    slotTypeName,
    required: text(elicitation.slotConstraint) === 'Required',
    prompt: prompt(elicitation.promptSpecification),
    sampleUtterances: arr(elicitation.sampleUtterances)
      .map((u) => text(obj(u)?.utterance))
      .filter((u): u is string => !!u),
    multipleValues: multipleValues && !slotTypeName.startsWith('AMAZON.'),
    captured: step(reader, file, captureField, capture, 'capture', dialogCodeHookStep(reader, file, `${captureField}.codeHook`, capture?.codeHook)),
    failed: step(reader, file, captureField, capture, 'failure'),
    elicitationCodeHook: elicitationHookOn(capture),
  };
}

/** Built-in intents that need an AWS service the sandbox does not have: what each does in Lex, and what happens here instead. */
const UNRUNNABLE_INTENTS: Record<string, { field: string; does: string }> = {
  'AMAZON.QnAIntent': { field: 'qnAIntentConfiguration', does: 'answers questions from a knowledge base through Amazon Bedrock' },
  'AMAZON.KendraSearchIntent': { field: 'kendraConfiguration', does: 'answers questions by searching an Amazon Kendra index' },
  'AMAZON.BedrockAgentIntent': { field: 'bedrockAgentIntentConfiguration', does: 'hands the conversation to an Amazon Bedrock agent' },
  'AMAZON.QinConnectIntent': { field: 'qInConnectIntentConfiguration', does: 'answers through Amazon Q in Connect' },
};

function loadIntent(reader: Reader, localeDir: string, name: string, file: string): IntentDefinition | undefined {
  const raw = reader.json(file);
  if (!raw) return undefined;
  const intentDir = `${localeDir}Intents/${name}/`;
  const slots = reader
    .children(`${intentDir}Slots/`, '/Slot.json')
    .map((child) => loadSlot(reader, child.file))
    .filter((slot): slot is SlotDefinition => slot !== undefined);
  const priorities = arr(raw.slotPriorities)
    .map((p) => ({ priority: Number(obj(p)?.priority), slotName: text(obj(p)?.slotName) }))
    .filter((p) => p.slotName)
    .sort((a, b) => a.priority - b.priority)
    .map((p) => p.slotName!);
  slots.sort((a, b) => (priorities.indexOf(a.name) + 1 || Infinity) - (priorities.indexOf(b.name) + 1 || Infinity));
  const intentName = text(raw.name) ?? name;
  const signature = text(raw.parentIntentSignature);
  const unrunnable = signature ? UNRUNNABLE_INTENTS[signature] : undefined;
  if (unrunnable) {
    reader.problem(
      file,
      'parentIntentSignature',
      `${signature} ${unrunnable.does}, which cannot run offline: ${intentName} is never recognised here, and what would reach it goes to the fallback intent`,
    );
  } else {
    for (const { field } of Object.values(UNRUNNABLE_INTENTS)) {
      if (raw[field] !== null && raw[field] !== undefined)
        reader.problem(file, field, 'needs an AWS service that cannot run offline; the intent runs without it');
    }
  }
  const confirmation = obj(raw.intentConfirmationSetting);
  const closing = obj(raw.intentClosingSetting);
  const initial = obj(raw.initialResponseSetting);
  const fulfillment = obj(raw.fulfillmentCodeHook);
  const afterFulfillment = obj(fulfillment?.postFulfillmentStatusSpecification);
  const confirmationPrompt = isActive(confirmation) ? prompt(confirmation?.promptSpecification) : undefined;
  const confirmationHook = dialogCodeHookStep(reader, file, 'intentConfirmationSetting.codeHook', confirmation?.codeHook);
  const fulfillmentField = 'fulfillmentCodeHook.postFulfillmentStatusSpecification';
  return {
    name: intentName,
    parentIntentSignature: signature,
    sampleUtterances: unrunnable
      ? []
      : arr(raw.sampleUtterances)
          .map((u) => text(obj(u)?.utterance))
          .filter((u): u is string => !!u),
    slots,
    initial: {
      response: responseGroups(initial?.initialResponse),
      nextStep: nextStep(initial?.nextStep),
      conditional: conditional(reader, file, 'initialResponseSetting.conditional', initial?.conditional),
      codeHook: dialogCodeHookStep(reader, file, 'initialResponseSetting.codeHook', initial?.codeHook),
    },
    confirmation: confirmationPrompt
      ? {
          prompt: confirmationPrompt,
          confirmed: step(reader, file, 'intentConfirmationSetting', confirmation, 'confirmation', confirmationHook),
          declined: step(reader, file, 'intentConfirmationSetting', confirmation, 'declination', confirmationHook),
          failed: step(reader, file, 'intentConfirmationSetting', confirmation, 'failure', confirmationHook),
          elicitationCodeHook: elicitationHookOn(confirmation),
        }
      : undefined,
    fulfillment: {
      codeHook: fulfillment?.enabled === true && isActive(fulfillment),
      succeeded: step(reader, file, fulfillmentField, afterFulfillment, 'success'),
      failed: step(reader, file, fulfillmentField, afterFulfillment, 'failure'),
      timedOut: step(reader, file, fulfillmentField, afterFulfillment, 'timeout'),
    },
    closing: isActive(closing)
      ? {
          response: responseGroups(closing?.closingResponse),
          nextStep: nextStep(closing?.nextStep),
          conditional: conditional(reader, file, 'intentClosingSetting.conditional', closing?.conditional),
        }
      : undefined,
    dialogCodeHook: obj(raw.dialogCodeHook)?.enabled === true,
    inputContexts: arr(raw.inputContexts)
      .map((c) => text(obj(c)?.name))
      .filter((c): c is string => !!c),
    outputContexts: arr(raw.outputContexts).flatMap((c) => {
      const context = obj(c);
      const contextName = text(context?.name);
      if (!contextName) return [];
      const seconds = Number(context?.timeToLiveInSeconds);
      const turns = Number(context?.turnsToLive);
      return [{ name: contextName, timeToLiveInSeconds: seconds > 0 ? seconds : 86400, turnsToLive: turns > 0 ? turns : 20 }];
    }),
  };
}

function loadSlotType(reader: Reader, file: string): SlotTypeDefinition | undefined {
  const raw = reader.json(file);
  if (!raw || !text(raw.name)) return undefined;
  const selection = obj(raw.valueSelectionSetting);
  const strategy = text(selection?.resolutionStrategy);
  return {
    name: text(raw.name)!,
    parentSlotTypeSignature: text(raw.parentSlotTypeSignature),
    values: arr(raw.slotTypeValues)
      .map((v) => ({
        value: text(obj(obj(v)?.sampleValue)?.value) ?? '',
        synonyms: arr(obj(v)?.synonyms)
          .map((s) => text(obj(s)?.value))
          .filter((s): s is string => !!s),
      }))
      .filter((v) => v.value),
    resolutionStrategy: strategy === 'TOP_RESOLUTION' ? 'TOP_RESOLUTION' : 'ORIGINAL_VALUE',
    regexPattern: checkedRegex(reader, file, text(obj(selection?.regexFilter)?.pattern)),
  };
}

/**
 * The operators Lex refuses in a slot type's regexFilter (SlotValueRegexFilter): infinite
 * repeaters (*, +, {x,}) and the wild card (.), outside character classes and escapes.
 */
export function refusedRegexOperators(pattern: string): string[] {
  const refused = new Set<string>();
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+' || c === '.') refused.add(c);
    else if (c === '{' && /^\{\d+,\}/.test(pattern.slice(i))) refused.add('{x,}');
  }
  return [...refused];
}

/** A pattern Lex would not save is reported, and kept out: the type then matches by its values alone. */
function checkedRegex(reader: Reader, file: string, pattern: string | undefined): string | undefined {
  if (!pattern) return undefined;
  const refused = refusedRegexOperators(pattern);
  if (refused.length === 0) return pattern;
  reader.problem(
    file,
    'valueSelectionSetting.regexFilter.pattern',
    `uses ${refused.join(', ')}, which Lex does not accept (no infinite repeaters, no wild card); the pattern is not used`,
  );
  return undefined;
}

/**
 * Loads an exported Lex V2 bot from a .zip or an unzipped folder: every locale, intent, slot
 * and slot type. What cannot be read or is not supported is reported with its file and field,
 * and the rest still loads.
 */
export function loadBot(source: string): LoadedBot {
  const reader = new Reader(readSource(source));
  const manifest = reader.json('Manifest.json');
  const format = text(obj(manifest?.metaData)?.fileFormat);
  if (!manifest) reader.problem('Manifest.json', '(file)', 'is missing; reading the export anyway');
  else if (format && format !== 'LexJson') reader.problem('Manifest.json', 'metaData.fileFormat', `is ${format}; only LexJson is supported`);

  const botFile = [...reader.children('', '/Bot.json').map((c) => c.file), ...(reader.json('Bot.json') ? ['Bot.json'] : [])][0];
  if (!botFile) throw new Error(`${source} has no Bot.json: it is not an exported Lex V2 bot (LexJson format).`);
  const root = botFile.slice(0, -'Bot.json'.length);
  const rawBot = reader.json(botFile) ?? {};
  const locales: LocaleDefinition[] = reader.children(`${root}BotLocales/`, '/BotLocale.json').map(({ name: localeId, file }) => {
    const rawLocale = reader.json(file) ?? {};
    const localeDir = `${root}BotLocales/${localeId}/`;
    const intents = reader
      .children(`${localeDir}Intents/`, '/Intent.json')
      .map((child) => loadIntent(reader, localeDir, child.name, child.file))
      .filter((intent): intent is IntentDefinition => intent !== undefined);
    const slotTypes = reader
      .children(`${localeDir}SlotTypes/`, '/SlotType.json')
      .map((child) => loadSlotType(reader, child.file))
      .filter((type): type is SlotTypeDefinition => type !== undefined);
    const runtime = obj(obj(rawLocale.generativeAISettings)?.runtimeSettings);
    for (const [setting, what] of [
      [
        'slotResolutionImprovement',
        'assisted slot resolution asks an Amazon Bedrock model, which cannot run offline; slots are resolved from their values and synonyms only',
      ],
      ['nluImprovement', 'assisted NLU asks an Amazon Bedrock model, which cannot run offline; intents are recognised from their sample utterances only'],
    ] as const) {
      if (obj(runtime?.[setting])?.enabled === true) reader.problem(file, `generativeAISettings.runtimeSettings.${setting}`, what);
    }
    const threshold = rawLocale.nluConfidenceThreshold;
    return {
      localeId: text(rawLocale.identifier) ?? localeId,
      name: text(rawLocale.name) ?? localeId,
      nluConfidenceThreshold: typeof threshold === 'number' ? threshold : 0.4,
      intents,
      slotTypes,
    };
  });
  if (locales.length === 0) reader.problem(`${root}BotLocales/`, '(folder)', 'has no locale: the bot cannot answer');
  const ttl = rawBot.idleSessionTTLInSeconds;
  return {
    bot: {
      name: text(rawBot.name) ?? path.basename(source).replace(/\.zip$/i, ''),
      description: text(rawBot.description),
      idleSessionTTLInSeconds: typeof ttl === 'number' ? ttl : 300,
      locales,
    },
    problems: reader.problems,
  };
}
