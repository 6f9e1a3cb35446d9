// `npm run bench:inject`: the id injection's workspace scan on a generated tree of 20,000 files
// (mostly small source files, some of 100 KB and more, a few binaries, a node_modules folder,
// nested folders, a few placeholders and stale ids), beside Debian's ripgrep searching the same
// fixed strings on the same tree. Runs alternate; each time is the median of 5.
//   node scripts/bench-inject.mjs [--tree DIR]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './code-server.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const require = createRequire(import.meta.url);
const { scanWorkspace } = require(path.join(repoRoot, 'out', 'src', 'inject', 'workspace.js'));
const { findVsCodeRipgrep } = require(path.join(repoRoot, 'out', 'src', 'inject', 'ripgrep.js'));
const { searchStrings } = require(path.join(repoRoot, 'out', 'src', 'inject', 'scan.js'));
// The same ids and code-server location the engine's tests use.
const { VALUES, CODE_SERVER_APP_ROOT } = require(path.join(repoRoot, 'out', 'test', 'unit', 'inject', 'support.js'));

const FILES = 20_000;
const RUNS = 5;
const TARGET = 1.5;
const DEBIAN_RG = '/usr/bin/rg';
// ---- the tree ----

/** A small deterministic generator, so that every run scans the same tree. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = (
  'const let function return import export default from async await if else for while switch case break new this class extends ' +
  'render props state value items index length map filter reduce push slice join string number boolean object array promise fetch ' +
  'response request headers body status error message result data config options user session token login logout button input form ' +
  'table row column style color width height margin padding border display flex grid container header footer section article'
).split(' ');

function sourceText(next, bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const words = Array.from({ length: 4 + Math.floor(next() * 10) }, () => WORDS[Math.floor(next() * WORDS.length)]);
    const line = `${'  '.repeat(Math.floor(next() * 4))}${words.join(' ')};`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const PLANTED = [
  ['src/config.js', "export const config = {\n  region: 'YOUR_REGION',\n  userPoolId: 'YOUR_USER_POOL_ID',\n  clientId: 'YOUR_APP_CLIENT_ID',\n};\n"],
  ['webchat/settings.js', "window.chatConfig = { cognito: { userPoolId: 'userpoolId', clientId: 'ClientId' } };\n"],
  ['.env', 'VITE_USER_POOL_ID=us-west-2_OldPool123\nVITE_IDENTITY_POOL_ID=YOUR_IDENTITY_POOL_ID\n'],
  [
    'public/lex-web-ui-loader-config.json',
    '{\n  "cognito": { "poolId": "us-east-1:YOUR_IDENTITY_POOL_ID" },\n  "lex": { "v2BotId": "YOUR_BOT_ID", "v2BotAliasId": "YOUR_BOT_ALIAS_ID", "v2BotLocaleId": "en_US" }\n}\n',
  ],
  ['docs/setup.md', '# Setup\n\nReplace `YOUR_USER_POOL_ID` and `YOUR_APP_CLIENT_ID` with the ids from the console.\n'],
  ['deploy/values.yaml', 'cognito:\n  user_pool_id: YOUR_USER_POOL_ID\n  region: YOUR_REGION\n'],
];

function writeTree(dir) {
  const next = random(6);
  const write = (rel, content) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };
  let count = 0;
  for (const [rel, content] of PLANTED) {
    write(rel, content);
    count++;
  }
  const extensions = ['js', 'ts', 'tsx', 'json', 'md', 'css', 'html', 'yaml'];
  let big = 0;
  let binaries = 0;
  let inNodeModules = 0;
  while (count < FILES) {
    const n = count++;
    const inModules = n % 10 === 0; // a tenth of the files under node_modules
    const depth = 1 + Math.floor(next() * 4);
    const parts = Array.from({ length: depth }, (_, i) => `d${i}_${Math.floor(next() * 6)}`);
    const base = inModules ? ['node_modules', `pkg${n % 40}`, ...parts.slice(1)] : ['src', ...parts];
    if (n % 1000 === 7) {
      binaries++;
      const bytes = Buffer.alloc(20_000 + Math.floor(next() * 50_000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
      bytes.write('\x89PNG\r\n\x1a\n\0\0', 0, 'latin1');
      write(path.join(...base, `image${n}.png`), bytes);
      continue;
    }
    const ext = extensions[n % extensions.length];
    const size = n % 100 === 3 ? (big++, 100_000 + Math.floor(next() * 200_000)) : 200 + Math.floor(next() * 4000);
    let text = sourceText(next, size);
    if (n % 500 === 11) text += 'const params = { ClientId: clientId, UserPoolId: poolId };\n'; // keys with no id: read, not changed
    if (inModules) inNodeModules++;
    write(path.join(...base, `file${n}.${ext}`), text);
  }
  return { big, binaries, inNodeModules };
}

// ---- timing ----

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeRg(tree, strings) {
  const args = ['--files-with-matches', '-F', ...strings.flatMap((s) => ['-e', s]), tree];
  const started = performance.now();
  const result = spawnSync(DEBIAN_RG, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`rg failed (${result.status}): ${result.stderr}`);
  return { ms, files: result.stdout.split('\n').filter(Boolean).length };
}

async function timeScan(tree, ripgrepPath) {
  const started = performance.now();
  const result = await scanWorkspace({ roots: [tree], exclude: [], useGitignore: true, maxFileBytes: 1 << 20, ripgrepPath }, VALUES);
  const ms = performance.now() - started;
  if (ripgrepPath && !result.usedRipgrep) throw new Error(`the scan did not use ripgrep: ${result.ripgrepProblem}`);
  return { ms, result };
}

// `--tree DIR` only writes the tree (to profile against), and keeps it.
const treeOnly = process.argv.indexOf('--tree');
if (treeOnly !== -1) {
  console.log(writeTree(fs.mkdirSync(process.argv[treeOnly + 1], { recursive: true }) ?? process.argv[treeOnly + 1]));
  process.exit(0);
}

ensureSystemDeps(['ripgrep']);
const vscodeRg = findVsCodeRipgrep(CODE_SERVER_APP_ROOT);
const scanRg = vscodeRg ?? DEBIAN_RG;
const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-bench-inject-'));
try {
  const made = writeTree(tree);
  const strings = searchStrings(VALUES);
  const times = { rg: [], scan: [], scanDebian: [], walk: [] };
  let scanned;
  let walked;
  let rgFiles = 0;
  // One warm-up of each (the page cache), then alternating runs.
  timeRg(tree, strings);
  await timeScan(tree, scanRg);
  await timeScan(tree, DEBIAN_RG);
  await timeScan(tree, undefined);
  for (let run = 0; run < RUNS; run++) {
    const rg = timeRg(tree, strings);
    times.rg.push(rg.ms);
    rgFiles = rg.files;
    const scan = await timeScan(tree, scanRg);
    times.scan.push(scan.ms);
    scanned = scan.result;
    times.scanDebian.push((await timeScan(tree, DEBIAN_RG)).ms);
    const walk = await timeScan(tree, undefined);
    times.walk.push(walk.ms);
    walked = walk.result;
  }
  const same = JSON.stringify(scanned.files) === JSON.stringify(walked.files);
  const rg = median(times.rg);
  const scan = median(times.scan);
  const walk = median(times.walk);
  const replacements = scanned.files.reduce((n, f) => n + f.replacements.length, 0);
  console.log(
    `tree: ${FILES} files (${made.inNodeModules} in node_modules, ${made.big} of 100 KB or more, ${made.binaries} binaries), ` +
      `${strings.length} search strings; ${os.cpus().length} CPUs`,
  );
  console.log(
    `ripgrep for the scan: ${vscodeRg ? `VS Code's (${path.relative(repoRoot, vscodeRg)})` : `${DEBIAN_RG} (VS Code's not found under .vscode-test)`}`,
  );
  console.log(
    `plan: ${replacements} replacements in ${scanned.files.length} files; rg listed ${rgFiles} files; ripgrep scan and Node walk give the same plan: ${same ? 'yes' : 'NO'}`,
  );
  console.log(`rg (${DEBIAN_RG} --files-with-matches -F): median ${rg.toFixed(1)} ms`);
  const verdict = scan / rg <= TARGET ? 'OK' : 'OVER TARGET';
  console.log(
    `scanWorkspace with ripgrep (the extension's scan): median ${scan.toFixed(1)} ms = ${(scan / rg).toFixed(2)}x rg (target <= ${TARGET}x) ${verdict}`,
  );
  const debian = median(times.scanDebian);
  console.log(`scanWorkspace with ${DEBIAN_RG} instead (same binary as the baseline): median ${debian.toFixed(1)} ms = ${(debian / rg).toFixed(2)}x rg`);
  console.log(`scanWorkspace with the Node walk (fallback): median ${walk.toFixed(1)} ms = ${(walk / rg).toFixed(2)}x rg (no target)`);
  if (!same) process.exitCode = 1;
} finally {
  fs.rmSync(tree, { recursive: true, force: true });
}
