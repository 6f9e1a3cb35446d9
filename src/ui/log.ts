import * as vscode from 'vscode';
import { redactSecrets } from '../aws/redact';

/** The extension's log: a LogOutputChannel, with every line passed through redaction. */
export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
}

export const LOG_NAME = 'Cognito Bot';

export function createLog(context: vscode.ExtensionContext): Log {
  const channel = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  context.subscriptions.push(channel);
  return logTo(channel);
}

export function logTo(channel: vscode.LogOutputChannel): Log {
  return {
    trace: (message) => channel.trace(redactSecrets(message)),
    debug: (message) => channel.debug(redactSecrets(message)),
    info: (message) => channel.info(redactSecrets(message)),
    warn: (message) => channel.warn(redactSecrets(message)),
    error: (message) => channel.error(redactSecrets(message instanceof Error ? describeError(message) : message)),
    show: () => channel.show(true),
  };
}

/** An error with its causes, for the log: name, message and the first stack frames. */
export function describeError(error: Error): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const frames = (current.stack ?? '').split('\n').slice(1, 6).join('\n');
    lines.push(`${depth === 0 ? '' : 'Caused by: '}${current.name}: ${current.message}${frames ? `\n${frames}` : ''}`);
    current = current.cause;
  }
  return lines.join('\n');
}
