/** A text file as read from disk, with what it takes to write it back byte for byte. */
export interface TextFile {
  readonly text: string;
  readonly bom: boolean;
  /** The file's line break (its first one; '\n' when it has none). The text keeps its own, even when mixed. */
  readonly eol: '\n' | '\r\n';
}

const BOM = [0xef, 0xbb, 0xbf];
/** How much of a file is searched for a NUL byte, as git and VS Code do, to call it binary. */
export const BINARY_SNIFF_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** Whether the bytes look binary: a NUL byte in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Decodes a file's bytes (UTF-8, with or without BOM); undefined for binary: NUL in the first 8 KB, or invalid UTF-8. */
export function decodeText(bytes: Uint8Array): TextFile | undefined {
  if (looksBinary(bytes)) return undefined;
  const bom = hasBom(bytes);
  let text: string;
  try {
    text = utf8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return undefined;
  }
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  return { text, bom, eol };
}

/** The bytes of a text file: round-trips exactly when the text is unchanged. */
export function encodeText(file: TextFile): Uint8Array {
  const body = encoder.encode(file.text);
  if (!file.bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set(BOM, 0);
  bytes.set(body, 3);
  return bytes;
}
