// A small helper for building DOM with text only: attributes and children, never HTML strings.
type Attributes = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | number | null | undefined | false;

/** Creates an element; `true` sets an empty attribute, `false`/undefined leave it out; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element | DocumentFragment, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A button from @vscode-elements; `secondary` for the less prominent ones. */
export function button(label: string, onClick: () => void, attributes: Attributes = {}): HTMLElementTagNameMap['vscode-button'] {
  const element = h('vscode-button', attributes, label);
  element.addEventListener('click', () => {
    if (!element.disabled) onClick();
  });
  return element;
}
