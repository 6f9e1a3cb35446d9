// Serves a web chat page folder (demo/webchat's kind) on loopback, its app.js bundled for the
// browser by esbuild on each request (so an edit shows on reload) with the sandbox's address
// as process.env.SANDBOX_ENDPOINT. Used by `npm start` and the webchat e2e test.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './code-server.mjs';

/**
 * Starts serving `folder` (index.html, config.js, app.js, …) on http://127.0.0.1:PORT.
 * @param {{ folder: string, sandboxEndpoint?: string, port?: number }} options
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function serveWebchat({ folder, sandboxEndpoint, port = 0 }) {
  const context = await esbuild.context({
    entryPoints: [path.join(folder, 'app.js')],
    outdir: path.join(folder, 'build'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    // The page's packages come from this repository's node_modules, wherever the folder is.
    nodePaths: [path.join(repoRoot, 'node_modules')],
    define: {
      'process.env.SANDBOX_ENDPOINT': JSON.stringify(sandboxEndpoint ?? ''),
      // amazon-cognito-identity-js reads Node's `global`.
      global: 'globalThis',
    },
    logLevel: 'warning',
    write: false,
  });
  // With servedir, the bundle is served from memory: nothing is written into the folder.
  const { port: actual } = await context.serve({ servedir: folder, host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${actual}/`,
    stop: () => context.dispose(),
  };
}
