import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { isPolicyRef, type PolicyRef } from '../../provisioning/policyRefs';
import type { PolicyFileSystem } from '../policyDocuments';

const EXPECTED =
  'Expected a policy document: { kind: "trust", roleName }, { kind: "inline", roleName, policyName } or { kind: "managed", policyArn }, or a tree node carrying one as "policyRef".';

function policyRefFrom(args: unknown): PolicyRef {
  if (isPolicyRef(args)) return args;
  const carried = typeof args === 'object' && args !== null ? (args as { policyRef?: unknown }).policyRef : undefined;
  if (isPolicyRef(carried)) return carried;
  // A tree node is circular; only a plain value is worth echoing.
  let got: string;
  try {
    got = JSON.stringify(args) ?? String(args);
  } catch {
    got = 'an object without a policy';
  }
  throw new InvalidArgumentsError(`${EXPECTED} Got ${got}.`);
}

/**
 * `cognitoBot.openPolicy`: opens a trust, inline or managed policy document of the current
 * connection as a JSON editor; saving it puts the document back into IAM (managed ones are
 * read-only). Args: a PolicyRef, or a tree node with `policyRef`. Returns the document's URI.
 */
export async function openPolicy(files: Pick<PolicyFileSystem, 'uriFor'>, args: unknown): Promise<{ uri: string }> {
  const uri = await files.uriFor(policyRefFrom(args));
  let document = await vscode.workspace.openTextDocument(uri);
  // Files ending in .json open as JSON unless the user associated them otherwise.
  if (document.languageId !== 'json') document = await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document);
  return { uri: document.uri.toString() };
}
