// `npm run bench:activation`: activation time of the packaged extension inside a real
// extension host, as a ratio to an empty extension activated in the same host in the same
// run (medians over several hosts), plus the .vsix size.
//   node scripts/bench-activation.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, repoRoot } from './code-server.mjs';
import { ensureSystemDeps } from './system-deps.mjs';
import { runInHost } from './test-host.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const TARGET_RATIO = 3;
const VSIX = path.join(repoRoot, 'dist-vsix', 'cognito-bot-workbench.vsix');
const BENCH_PREFIX = 'CBW_BENCH ';

if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first`);
ensureSystemDeps();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-bench-'));
const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

/** An extension that does nothing, packaged and installed exactly like ours. */
function packageEmptyExtension(name, activationEvents) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name,
      publisher: 'cbw-bench',
      version: '1.0.0',
      license: 'MIT',
      engines: { vscode: '^1.100.0' },
      main: './extension.js',
      activationEvents,
    }),
  );
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function activate() {};\nexports.deactivate = function deactivate() {};\n');
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\nA benchmark baseline.\n`);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const out = path.join(work, `${name}.vsix`);
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging ${name} failed:\n${result.stdout}${result.stderr}`);
  return out;
}

// The harness: a development extension whose tests module does the measuring.
const harness = path.join(work, 'harness');
fs.mkdirSync(harness, { recursive: true });
fs.writeFileSync(
  path.join(harness, 'package.json'),
  JSON.stringify({ name: 'bench-harness', publisher: 'cbw-bench', version: '1.0.0', engines: { vscode: '^1.100.0' } }),
);

/**
 * Ours activates on onStartupFinished, before the harness could time it: the installed copy's
 * manifest leaves the activation to the harness. The code activate() runs is the packaged one.
 */
function waitForTheHarness(extensionsDir) {
  const installed = fs.readdirSync(extensionsDir).find((name) => name.startsWith('cognito-bot-workbench.cognito-bot-workbench-'));
  if (!installed) throw new Error(`the packaged extension is not in ${extensionsDir}`);
  const manifestPath = path.join(extensionsDir, installed, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.activationEvents = manifest.activationEvents.filter((event) => event !== 'onStartupFinished');
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
}

const baselines = [packageEmptyExtension('empty-baseline', []), packageEmptyExtension('warm-up', [])];
const stateFile = path.join(work, 'run-index');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const { exitCode, lines } = await runInHost({
      testsPath: path.join(repoRoot, 'out', 'test', 'bench', 'activation.js'),
      extensionDevelopmentPath: harness,
      env: { CBW_BENCH_STATE: stateFile },
      echo: false,
      timeoutMs: 120_000,
      beforeStart: (dirs) => {
        for (const vsix of [VSIX, ...baselines]) installVsix(vsix, dirs, { quiet: true });
        waitForTheHarness(dirs.extensionsDir);
      },
    });
    const line = lines.find((l) => l.startsWith(BENCH_PREFIX));
    if (exitCode !== 0 || !line)
      throw new Error(
        `run ${i + 1} failed (exit ${exitCode}):\n${lines
          .filter((l) => !l.startsWith('['))
          .slice(-20)
          .join('\n')}`,
      );
    const sample = JSON.parse(line.slice(BENCH_PREFIX.length));
    samples.push(sample);
    console.log(`run ${i + 1}/${RUNS}: ours ${sample.ours.toFixed(2)} ms, empty ${sample.empty.toFixed(2)} ms (${sample.order.join(' then ')})`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const ours = median(samples.map((s) => s.ours));
const empty = median(samples.map((s) => s.empty));
const ratio = ours / empty;
const perHostRatio = median(samples.map((s) => s.ours / s.empty));
const vsixKb = fs.statSync(VSIX).size / 1024;
const activationBundleKb = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size / 1024;
console.log('');
console.log(`activation (median of ${RUNS} hosts): ours ${ours.toFixed(2)} ms, empty extension ${empty.toFixed(2)} ms`);
console.log(`activation ratio: ${ratio.toFixed(2)}x the empty extension (target <= ${TARGET_RATIO}x) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`);
console.log(`  (median of the per-host ratios: ${perHostRatio.toFixed(2)}x)`);
console.log(`.vsix size: ${vsixKb.toFixed(1)} KB (target < 2048 KB); activation bundle dist/extension.js: ${activationBundleKb.toFixed(1)} KB`);
