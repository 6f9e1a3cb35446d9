// Bundles the extension with esbuild: the extension host bundle (node, cjs, `vscode` external),
// lazily required chunks for heavy parts, and the browser bundle (and its CSS) for webviews.
//   node scripts/build.mjs [--watch] [--production]
// `buildSandbox()` builds only what the command line sandbox runs (scripts/sandbox.mjs).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Modules built as files of their own in dist/: an import of one from another bundle stays a
 * require() of that file. The lazy ones are evaluated only when the code that needs them runs
 * (the AWS SDK is large; activation must stay light). `errors.js` is shared, so every bundle
 * has the one copy of the error classes and `instanceof` holds across chunks.
 * This is the one list of chunks: .vscodeignore takes every dist/*.js.
 */
const chunks = {
  'src/aws/errors.ts': 'errors.js',
  'src/aws/sdk.ts': 'sdk.js',
  'src/sandbox/index.ts': 'sandbox.js',
  'src/inject/commands/index.ts': 'inject.js',
  'src/pools/commands/index.ts': 'pools.js',
  'src/chat/panel/index.ts': 'chat.js',
  'src/doctor/commands/index.ts': 'doctor.js',
  'src/convtests/commands/index.ts': 'convtests.js',
  'src/export/commands/index.ts': 'export.js',
  'src/pools/nodes.ts': 'explorer.js',
};
const chunkByPath = new Map(Object.entries(chunks).map(([src, out]) => [path.join(root, src), out]));

/** @type {esbuild.Plugin} */
const chunkPlugin = {
  name: 'chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      for (const candidate of [resolved, `${resolved}.ts`, path.join(resolved, 'index.ts')]) {
        const chunk = chunkByPath.get(candidate);
        if (chunk && !build.initialOptions.entryPoints.includes(candidate)) {
          return { path: `./${chunk}`, external: true };
        }
      }
      return undefined;
    });
  },
};

/** Fails the build when the activation bundle would evaluate the AWS SDK at load time. */
const keepActivationLight = {
  name: 'keep-activation-light',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) return;
      const heavy = Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/@aws-sdk/') || input.includes('node_modules/@smithy/'));
      if (heavy.length > 0) {
        result.errors.push({
          text: `dist/extension.js must not bundle the AWS SDK (load it through src/aws/sdk.ts): ${heavy.slice(0, 3).join(', ')}`,
        });
      }
    });
  },
};

const ALLOWED_LICENSES = /^(MIT|Apache-2\.0|ISC|BSD-2-Clause|BSD-3-Clause|0BSD)$/;

/**
 * Every npm package that ends up in a bundle must be MIT, Apache-2.0, BSD or ISC. Production
 * builds check that and write their licenses to dist/THIRD_PARTY_NOTICES.txt (Apache-2.0
 * asks that its text travel with the code).
 */
function writeNotices(metafiles) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.set(match[1], path.join(root, match[1]));
    }
  }
  const problems = [];
  const sections = [];
  for (const dir of [...packages.values()].sort()) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
    if (!license || !ALLOWED_LICENSES.test(license)) problems.push(`${manifest.name}@${manifest.version}: ${license ?? 'no license'}`);
    const licenseFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|notice)(\.|$)/i.test(f));
    const text = licenseFile ? fs.readFileSync(path.join(dir, licenseFile), 'utf8').trim() : `${license} (no license file in the package)`;
    sections.push(`${manifest.name}@${manifest.version} (${license})\n\n${text}`);
  }
  if (problems.length > 0) {
    throw new Error(`Bundled packages with a license the .vsix cannot carry:\n  ${problems.join('\n  ')}`);
  }
  fs.writeFileSync(
    path.join(root, 'dist', 'THIRD_PARTY_NOTICES.txt'),
    `Cognito Bot Workbench bundles the following packages.\n\n${sections.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`,
  );
  console.log(`  dist/THIRD_PARTY_NOTICES.txt: ${sections.length} packages, all MIT/Apache-2.0/BSD/ISC`);
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  metafile: true,
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // Lazy chunks load with require(), which the extension host hooks, not with import().
  supported: { 'dynamic-import': false },
  // The SDK's ESM builds tree-shake; prefer them over its CJS builds.
  mainFields: ['module', 'main'],
  plugins: [chunkPlugin],
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: [path.join(root, 'src/extension.ts')],
    outfile: path.join(root, 'dist/extension.js'),
    plugins: [chunkPlugin, keepActivationLight],
  },
  ...Object.entries(chunks).map(([src, out]) => ({
    ...nodeCommon,
    entryPoints: [path.join(root, src)],
    outfile: path.join(root, 'dist', out),
  })),
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // The CSS the page's code imports becomes dist/webview.css beside it.
    entryPoints: [path.join(root, 'src/webview/main.ts')],
    outfile: path.join(root, 'dist/webview.js'),
  },
];

/**
 * Builds dist/sandbox.js and the chunks it requires, leaving the rest of dist/ as it is (for
 * `npm run sandbox`, which needs nothing else).
 */
export async function buildSandbox() {
  const done = new Set();
  const pending = ['sandbox.js'];
  while (pending.length > 0) {
    const out = pending.shift();
    if (done.has(out)) continue;
    done.add(out);
    const options = builds.find((build) => build.outfile === path.join(root, 'dist', out));
    const result = await esbuild.build({ ...options, logLevel: 'warning' });
    for (const output of Object.values(result.metafile.outputs)) {
      for (const imported of output.imports) if (imported.external && imported.path.startsWith('./')) pending.push(imported.path.slice(2));
    }
  }
}

async function main() {
  if (!watch) fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });

  if (watch) {
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[watch] build started; edits rebuild dist/ (reload the VS Code window to pick them up)');
  } else {
    const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      process.exitCode = 1;
    } else if (production) {
      writeNotices(results.map((result) => result.value.metafile));
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
