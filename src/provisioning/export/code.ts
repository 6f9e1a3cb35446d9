/**
 * Writing values as source code (TypeScript and HCL object literals): a value is JSON, with
 * `Code` where an expression of the target language goes instead.
 */
export class Code {
  constructor(readonly text: string) {}
}

export interface LiteralStyle {
  /** How a string is written. */
  readonly string: (text: string) => string;
  /** How a key is written (quoted when it is not a plain name). */
  readonly key: (key: string) => string;
  /** Between a key and its value: `: ` (TypeScript) or ` = ` (HCL). */
  readonly assign: string;
  /** After each entry of an object: `,` (TypeScript) or nothing (HCL, one per line). */
  readonly entryEnd: string;
}

export function literal(value: unknown, style: LiteralStyle, indent = ''): string {
  const inner = `${indent}  `;
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return style.string(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${literal(item, style, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${style.key(k)}${style.assign}${literal(v, style, inner)}${style.entryEnd}`).join('\n')}\n${indent}}`;
}
