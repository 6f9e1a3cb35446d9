import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes a bot export (path -> JSON, or raw text) into a temp folder and returns it. */
export function writeExport(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-bot-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

export const plain = (value: string) => ({ message: { plainTextMessage: { value } } });
