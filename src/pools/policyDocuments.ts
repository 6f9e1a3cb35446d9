import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../ui/log';

/** Policy documents as JSON editors (a virtual file system) and cognitoBot.openPolicy. */
export function registerPolicyDocuments(_context: vscode.ExtensionContext, _connections: ConnectionManager, _log: Log, _onChanged: () => void): void {
  // Being written (issue 5): the FileSystemProvider and the openPolicy command.
}
