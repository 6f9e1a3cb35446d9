import * as vscode from 'vscode';
import { InvalidArgumentsError } from '../../aws/errors';
import { isRegion, looksLike } from '../../aws/ids';
import { isArgsObject } from '../../ui/registerCommand';
import type { RunSummary, RunTarget } from '../testing/runTests';
import { botArg, type ConvTestsDeps, exists, uriArg } from './shared';

function targetArg(value: unknown): RunTarget {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null)
    throw new InvalidArgumentsError('"target" must be { botId, botAliasId, localeId, identityPoolId?, region? }.');
  const target = value as Record<string, unknown>;
  const { identityPoolId, region } = target;
  if (identityPoolId !== undefined && (typeof identityPoolId !== 'string' || !looksLike('identityPoolId', identityPoolId)))
    throw new InvalidArgumentsError(`"target.identityPoolId" must be an identity pool id like us-east-1:0f1e…`);
  if (region !== undefined && (typeof region !== 'string' || !isRegion(region)))
    throw new InvalidArgumentsError('"target.region" must be a Region name like us-east-1.');
  return {
    bot: target.botId !== undefined || target.botAliasId !== undefined || target.localeId !== undefined ? botArg(target, 'target') : undefined,
    identityPoolId: identityPoolId as string | undefined,
    region: region as string | undefined,
  };
}

/**
 * `cognitoBot.runConversationTests`: runs conversation tests (every *.lextest.yaml, or `files`)
 * against a target, reporting in the Test Explorer too. Args `{ files?: string[], target?: {
 * botId, botAliasId, localeId, identityPoolId?, region? } }` → `{ passed, failed, results, coverage }`.
 */
export async function runConversationTests(deps: ConvTestsDeps, args?: unknown): Promise<RunSummary> {
  const input = isArgsObject(args) ? args : {};
  const files = input.files;
  if (files !== undefined && (!Array.isArray(files) || files.length === 0)) throw new InvalidArgumentsError('"files" must be a list of test file paths.');
  const target = targetArg(input.target);
  const uris = files ? (files as unknown[]).map((file, i) => uriArg(file, `files[${i}]`)) : undefined;
  for (const uri of uris ?? []) {
    if (!(await exists(uri))) throw new InvalidArgumentsError(`There is no test file ${uri.fsPath}.`);
  }
  const include = uris ? await Promise.all(uris.map((uri) => deps.tree.itemFor(uri))) : undefined;
  const cancel = new vscode.CancellationTokenSource();
  try {
    return await deps.runner.run(new vscode.TestRunRequest(include), cancel.token, target);
  } finally {
    cancel.dispose();
  }
}
