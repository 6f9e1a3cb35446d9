// A strict reader of the XML awsQuery services answer with (elements, attributes, text,
// entities; no mixed content): anything else is reported, since AWS's answers have none of it.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  /** The decoded text of an element without children. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`unknown XML entity ${whole}`);
    return value;
  });
}

/** Parses one XML document; throws on anything not well-formed. */
export function parseXml(source: string): XmlElement {
  const body = source.replace(/^\s*<\?xml[^>]*\?>/, '');
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let index = 0;
  let text = '';
  while (index < body.length) {
    const lt = body.indexOf('<', index);
    if (lt < 0) {
      text += body.slice(index);
      break;
    }
    text += body.slice(index, lt);
    tag.lastIndex = lt;
    const match = tag.exec(body);
    if (!match) throw new Error(`malformed XML at ${lt}: ${body.slice(lt, lt + 40)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    index = lt + whole.length;
    const parent = stack[stack.length - 1];
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      if (open.children.length > 0 && text.trim() !== '') throw new Error(`<${name}> mixes text and elements`);
      if (open.children.length === 0) open.text = decode(text);
      text = '';
      continue;
    }
    if (parent && text.trim() !== '') throw new Error(`<${parent.name}> mixes text and elements`);
    text = '';
    const attributes: Record<string, string> = {};
    for (const [, key, quoted] of attributeText.matchAll(/([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)) attributes[key] = decode(quoted.slice(1, -1));
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (parent) parent.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new Error('no XML element');
  if (text.trim() !== '') throw new Error('text outside the root element');
  return root;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
