import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Writes files under root, by relative path, making their folders: a string or bytes as they
 * are, any other value as JSON.
 */
export function writeTree(root: string, files: Record<string, unknown>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content));
  }
}

/** Writes files (as writeTree does) under a new temporary folder named with prefix, and returns it. */
export function makeTree(files: Record<string, unknown>, prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  writeTree(root, files);
  return root;
}
