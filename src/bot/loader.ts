import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import type {
  BotDefinition,
  IntentDefinition,
  LexMessage,
  LoadProblem,
  LocaleDefinition,
  MessageGroup,
  NextStep,
  PromptSpecification,
  SlotDefinition,
  SlotTypeDefinition,
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
  return {
    dialogAction: action && text(action.type) ? { type: text(action.type)!, slotToElicit: text(action.slotToElicit) } : undefined,
    intent: intent ? { name: text(intent.name), slots: obj(intent.slots) } : undefined,
    sessionAttributes: obj(step.sessionAttributes) as Record<string, string> | undefined,
  };
}

function responseGroups(raw: unknown): MessageGroup[] | undefined {
  const response = obj(raw);
  return response ? messageGroups(response) : undefined;
}

function isActive(setting: Json | undefined): boolean {
  return setting !== undefined && setting.active !== false && setting.isActive !== false;
}

function loadSlot(reader: Reader, file: string): SlotDefinition | undefined {
  const raw = reader.json(file);
  if (!raw) return undefined;
  const name = text(raw.name);
  if (!name) {
    reader.problem(file, 'name', 'is missing; the slot is skipped');
    return undefined;
  }
  // valueElicitationSetting in exports, slotValueElicitationSetting in some docs.
  const elicitation = obj(raw.valueElicitationSetting ?? raw.slotValueElicitationSetting) ?? {};
  const capture = obj(elicitation.slotCaptureSetting);
  for (const field of ['captureConditional', 'failureConditional'] as const) {
    if (isActive(obj(capture?.[field])))
      reader.problem(file, `valueElicitationSetting.slotCaptureSetting.${field}`, 'conditional branches are not supported; the default next step is used');
  }
  if (obj(capture?.codeHook) && isActive(obj(capture?.codeHook))) {
    reader.problem(file, 'valueElicitationSetting.slotCaptureSetting.codeHook', 'a capture code hook is not supported; it is skipped');
  }
  return {
    name,
    slotTypeName: text(raw.slotTypeName) ?? 'AMAZON.FreeFormInput',
    required: text(elicitation.slotConstraint) === 'Required',
    prompt: prompt(elicitation.promptSpecification),
    sampleUtterances: arr(elicitation.sampleUtterances)
      .map((u) => text(obj(u)?.utterance))
      .filter((u): u is string => !!u),
    captureResponse: responseGroups(capture?.captureResponse),
    captureNextStep: nextStep(capture?.captureNextStep),
    failureResponse: responseGroups(capture?.failureResponse),
    failureNextStep: nextStep(capture?.failureNextStep),
  };
}

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
  for (const field of ['kendraConfiguration', 'qnAIntentConfiguration', 'bedrockAgentIntentConfiguration', 'qInConnectIntentConfiguration']) {
    if (raw[field] !== null && raw[field] !== undefined) reader.problem(file, field, 'is not supported offline; the intent loads without it');
  }
  for (const field of ['inputContexts', 'outputContexts']) {
    if (arr(raw[field]).length > 0) reader.problem(file, field, 'contexts are not supported offline; the intent matches without them');
  }
  const confirmation = obj(raw.intentConfirmationSetting);
  const closing = obj(raw.intentClosingSetting);
  const confirmationPrompt = isActive(confirmation) ? prompt(confirmation?.promptSpecification) : undefined;
  return {
    name: text(raw.name) ?? name,
    parentIntentSignature: text(raw.parentIntentSignature),
    sampleUtterances: arr(raw.sampleUtterances)
      .map((u) => text(obj(u)?.utterance))
      .filter((u): u is string => !!u),
    slots,
    initialResponse: responseGroups(obj(raw.initialResponseSetting)?.initialResponse),
    confirmation: confirmationPrompt ? { prompt: confirmationPrompt, declinationResponse: responseGroups(confirmation?.declinationResponse) } : undefined,
    closingResponse: isActive(closing) ? responseGroups(closing?.closingResponse) : undefined,
    dialogCodeHook: obj(raw.dialogCodeHook)?.enabled === true,
    fulfillmentCodeHook: obj(raw.fulfillmentCodeHook)?.enabled === true,
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
    regexPattern: text(obj(selection?.regexFilter)?.pattern),
  };
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
