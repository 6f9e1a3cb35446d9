import { ID_FORMATS, type IdKind, looksLike } from '../aws/ids';

/**
 * Resources opened by id ("Add User Pool by Id…"), kept per connection: people whose IAM
 * permissions leave out the List* calls still know their ids, and the explorer shows these
 * under their group whatever the List call says.
 */
export type PinKind = 'userPool' | 'identityPool' | 'bot';

export interface Pin {
  readonly kind: PinKind;
  readonly id: string;
  /** Its name when it was pinned: shown if it cannot be read any more (deleted, denied). */
  readonly name: string;
}

/** The id each kind is pinned by, as the other commands' args name it. */
export const PIN_ID: Readonly<Record<PinKind, IdKind>> = { userPool: 'userPoolId', identityPool: 'identityPoolId', bot: 'botId' };

/** What each kind is called in messages and rows. */
export const PIN_LABEL: Readonly<Record<PinKind, string>> = { userPool: 'user pool', identityPool: 'identity pool', bot: 'Lex bot' };

/** Why text is not an id of this kind, as the input box says it while it is typed; undefined when it is. */
export function pinIdProblem(kind: PinKind, text: string): string | undefined {
  const { label, expected } = ID_FORMATS[PIN_ID[kind]];
  return looksLike(PIN_ID[kind], text.trim()) ? undefined : `${label[0].toUpperCase()}${label.slice(1)}s are ${expected}.`;
}

/** Where pins are kept: VS Code's globalState (a Memento) fits, and so does a Map in a unit test. */
export interface PinState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

function isPin(value: unknown): value is Pin {
  const pin = value as Partial<Pin> | undefined;
  return (
    typeof pin === 'object' &&
    pin !== null &&
    typeof pin.kind === 'string' &&
    Object.hasOwn(PIN_ID, pin.kind) &&
    typeof pin.id === 'string' &&
    looksLike(PIN_ID[pin.kind], pin.id) &&
    typeof pin.name === 'string'
  );
}

/**
 * The pins of each connection, one state key per connection key. Every call reads the state
 * afresh (no copy in memory), so what shows is what a reloaded window reads too; one key per
 * connection, so two windows pinning on different connections do not overwrite each other.
 */
export class PinStore {
  constructor(private readonly state: PinState) {}

  /** The connection's pins, oldest first; of one kind when given. Malformed entries are skipped. */
  list(connectionKey: string, kind?: PinKind): Pin[] {
    const stored = this.state.get<unknown>(stateKey(connectionKey));
    const pins = Array.isArray(stored) ? stored.filter(isPin) : [];
    return kind ? pins.filter((pin) => pin.kind === kind) : pins;
  }

  has(connectionKey: string, kind: PinKind, id: string): boolean {
    return this.list(connectionKey).some((pin) => pin.kind === kind && pin.id === id);
  }

  /** Pins it; one already pinned keeps its place and takes the new name. Resolves true when it was not pinned before. */
  async add(connectionKey: string, pin: Pin): Promise<boolean> {
    const pins = this.list(connectionKey);
    const at = pins.findIndex((p) => p.kind === pin.kind && p.id === pin.id);
    const entry = { kind: pin.kind, id: pin.id, name: pin.name };
    if (at >= 0) pins[at] = entry;
    else pins.push(entry);
    await this.state.update(stateKey(connectionKey), pins);
    return at < 0;
  }

  /** Resolves true when it was pinned. */
  async remove(connectionKey: string, kind: PinKind, id: string): Promise<boolean> {
    const pins = this.list(connectionKey);
    const left = pins.filter((pin) => !(pin.kind === kind && pin.id === id));
    if (left.length === pins.length) return false;
    // An empty list leaves no key behind.
    await this.state.update(stateKey(connectionKey), left.length > 0 ? left : undefined);
    return true;
  }
}

function stateKey(connectionKey: string): string {
  return `cognitoBot.pins/${connectionKey}`;
}
