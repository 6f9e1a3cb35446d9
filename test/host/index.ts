// The host test module: VS Code (code-server's smoke-test driver, or @vscode/test-electron)
// loads it in the extension host and awaits run(). It runs every *.test.js beside it with
// mocha and prints one machine-readable summary line for the launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// Markers the launchers (scripts/test-host.mjs, scripts/test-electron.mjs) look for.
export const BEGIN_MARKER = 'CBW_TEST_BEGIN';
export const SUMMARY_PREFIX = 'CBW_TEST_SUMMARY ';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.CBW_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  console.log(BEGIN_MARKER);
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
  });
  console.log(`${SUMMARY_PREFIX}${JSON.stringify({ layer: 'host', passed: stats.passes, failed: stats.failures, skipped: stats.pending })}`);
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} host test(s) failed.`);
  }
}
