import { makeTree } from '../../support/files';

/** Writes a bot export (path -> JSON, or raw text) into a temp folder and returns it. */
export function writeExport(files: Record<string, unknown>): string {
  return makeTree(files, 'cbw-bot-');
}

export const plain = (value: string) => ({ message: { plainTextMessage: { value } } });
