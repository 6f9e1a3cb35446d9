import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import type { ExplorerNode } from '../nodes';

/** `cognitoBot.copyId` / `cognitoBot.copyArn`: from a tree node, or `{ value }`; returns what was copied. */
export async function copyFromNode(kind: 'id' | 'arn', args?: unknown): Promise<string> {
  const node = args as (Partial<ExplorerNode> & { value?: unknown }) | undefined;
  const value = typeof node?.value === 'string' ? node.value : kind === 'id' ? node?.copyId : node?.copyArn;
  if (!value) throw new InvalidArgumentsError(`This item has no ${kind === 'id' ? 'id' : 'ARN'} to copy.`);
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', value), 3000);
  return value;
}
