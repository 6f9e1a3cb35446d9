// Bundles the extension with esbuild: the extension host bundle (node, cjs, `vscode` external),
// lazily required chunks for heavy parts, and the browser bundle for webviews.
//   node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Modules loaded on first use, not at activation. Each becomes its own file in dist/, and an
 * import of it from another bundle stays a require() of that file, evaluated only when the
 * code that needs it runs (the AWS SDK is large; activation must stay light).
 */
const lazyChunks = {
  'src/aws/sdk.ts': 'sdk.js',
  'src/sandbox/index.ts': 'sandbox.js',
};
const lazyByPath = new Map(Object.entries(lazyChunks).map(([src, out]) => [path.join(root, src), out]));

/** @type {esbuild.Plugin} */
const lazyChunkPlugin = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      for (const candidate of [resolved, `${resolved}.ts`, path.join(resolved, 'index.ts')]) {
        const chunk = lazyByPath.get(candidate);
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

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: production ? 'linked' : 'none',
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
  plugins: [lazyChunkPlugin],
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: [path.join(root, 'src/extension.ts')],
    outfile: path.join(root, 'dist/extension.js'),
    metafile: true,
    plugins: [lazyChunkPlugin, keepActivationLight],
  },
  ...Object.entries(lazyChunks).map(([src, out]) => ({
    ...nodeCommon,
    entryPoints: [path.join(root, src)],
    outfile: path.join(root, 'dist', out),
  })),
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: [path.join(root, 'src/webview/main.ts')],
    outfile: path.join(root, 'dist/webview.js'),
  },
];

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
  }
}
