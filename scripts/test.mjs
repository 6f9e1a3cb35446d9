// `npm test`: unit tests (plain Node), host tests (inside a real VS Code extension host) and
// e2e tests (Playwright driving the workbench with the packaged extension installed), then
// one line with the totals of every layer.
//   node scripts/test.mjs [unit] [host] [e2e]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';
import { hostAwsEnvironment } from './host-aws-env.mjs';
import { ensureSystemDeps, UNIT_PACKAGES } from './system-deps.mjs';
import { runInHost, summaryFrom } from './test-host.mjs';

const ALL = ['unit', 'host', 'e2e'];
const layers = process.argv.slice(2).filter((a) => ALL.includes(a));
const selected = layers.length > 0 ? layers : ALL;
const resultsDir = path.join(repoRoot, 'out', 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

function runMochaLayer(layer, dir, suffix) {
  const summaryFile = path.join(resultsDir, `${layer}.json`);
  fs.rmSync(summaryFile, { force: true });
  spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'run-mocha.mjs'), layer, dir, suffix, summaryFile], {
    stdio: 'inherit',
    cwd: repoRoot,
  });
  if (!fs.existsSync(summaryFile)) throw new Error(`the ${layer} runner ended without a summary`);
  return JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
}

async function runHostLayer() {
  const aws = await hostAwsEnvironment();
  let outcome;
  try {
    outcome = await runInHost({ testsPath: path.join(repoRoot, 'out', 'test', 'host', 'index.js'), env: aws.env });
  } finally {
    await aws.dispose();
  }
  const { exitCode, lines, serverOutput } = outcome;
  fs.writeFileSync(path.join(resultsDir, 'host.log'), `${lines.join('\n')}\n\n--- code-server ---\n${serverOutput}`);
  const summary = summaryFrom(lines);
  if (!summary) throw new Error(`the host suite ended (exit ${exitCode}) without a summary; see out/test-results/host.log`);
  if (exitCode !== 0 && summary.failed === 0) throw new Error(`the host suite exited with ${exitCode}; see out/test-results/host.log`);
  return summary;
}

function packageVsix() {
  const result = spawnSync('npm', ['run', '--silent', 'package'], { stdio: 'inherit', cwd: repoRoot });
  if (result.status !== 0) throw new Error('npm run package failed');
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const layer of selected) {
  console.log(`\n=== ${layer} tests ===`);
  try {
    ensureSystemDeps(layer === 'unit' ? UNIT_PACKAGES : undefined);
    let summary;
    if (layer === 'unit') summary = runMochaLayer('unit', path.join(repoRoot, 'out', 'test', 'unit'), '.test.js');
    if (layer === 'host') summary = await runHostLayer();
    if (layer === 'e2e') {
      packageVsix();
      summary = runMochaLayer('e2e', path.join(repoRoot, 'test', 'e2e'), '.test.mjs');
    }
    totals.passed += summary.passed;
    totals.failed += summary.failed;
    totals.skipped += summary.skipped;
  } catch (error) {
    // A layer that cannot run counts as a failure, never as nothing.
    console.error(`The ${layer} layer could not run: ${error.message}`);
    totals.failed += 1;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
