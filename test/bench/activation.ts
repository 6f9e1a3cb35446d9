// Runs inside a real extension host (loaded by scripts/bench-activation.mjs): activates the
// packaged extension and an empty baseline extension, installed the same way, and prints
// how long each activation took. The order alternates between runs, so neither always pays
// the host's first-activation costs.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export const BENCH_PREFIX = 'CBW_BENCH ';
const MEASURED = { ours: 'cognito-bot-workbench.cognito-bot-workbench', empty: 'cbw-bench.empty-baseline' };
const WARM_UP = 'cbw-bench.warm-up';

async function timeActivation(id: string): Promise<number> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`${id} is not installed`);
  if (extension.isActive) throw new Error(`${id} was already active: its activation cannot be measured`);
  const started = performance.now();
  await extension.activate();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const stateFile = process.env.CBW_BENCH_STATE;
  const runIndex = stateFile && fs.existsSync(stateFile) ? Number(fs.readFileSync(stateFile, 'utf8')) : 0;
  if (stateFile) fs.writeFileSync(stateFile, String(runIndex + 1));
  // Let the host finish its own startup (built-in extensions activating) before measuring.
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.CBW_BENCH_SETTLE_MS ?? 3000)));
  await timeActivation(WARM_UP);
  const order = runIndex % 2 === 0 ? (['empty', 'ours'] as const) : (['ours', 'empty'] as const);
  const result: Record<string, number> = {};
  for (const which of order) result[which] = await timeActivation(MEASURED[which]);
  console.log(`${BENCH_PREFIX}${JSON.stringify({ run: runIndex, order, ...result })}`);
}
