// Runs a test module inside a real VS Code extension host: code-server on loopback, opened
// in headless Chromium with the smoke-test driver's payload (extensionDevelopmentPath,
// extensionTestsPath). The workbench reports the module's console output and its result
// through two functions the page exposes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { repoRoot, startCodeServer, stateDirs } from './code-server.mjs';

export const BEGIN_MARKER = 'CBW_TEST_BEGIN';
export const SUMMARY_PREFIX = 'CBW_TEST_SUMMARY ';
const NOISE = /^\s*\[[A-Za-z]+\]|^\s+at |https?:\/\/127\.0\.0\.1:\d+\/stable-/;

/** The summary line a test module printed, as { passed, failed, skipped }, or undefined. */
export function summaryFrom(lines) {
  const line = lines.findLast((l) => l.startsWith(SUMMARY_PREFIX));
  return line ? JSON.parse(line.slice(SUMMARY_PREFIX.length)) : undefined;
}

/**
 * @returns {Promise<{ exitCode: number, lines: string[] }>}
 */
export async function runInHost({ testsPath, extensionDevelopmentPath = repoRoot, workspace, env = {}, timeoutMs = 10 * 60_000, echo = true, beforeStart }) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-host-'));
  workspace ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-workspace-'));
  // e.g. install extensions into the fresh extensions folder before the server scans it
  if (beforeStart) await beforeStart(stateDirs(stateDir));
  const server = await startCodeServer({ workspace, stateDir, env });
  const browser = await launchBrowser();
  const lines = [];
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    let inSuite = false;
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        lines.push(line);
        if (line.startsWith(BEGIN_MARKER)) inSuite = true;
        // The workbench logs here too (gallery, auth, chat noise); echo only the suite's output.
        if (echo && inSuite && !NOISE.test(line) && !line.startsWith(BEGIN_MARKER) && !line.startsWith(SUMMARY_PREFIX)) console.log(line);
        if (line.startsWith(SUMMARY_PREFIX)) inSuite = false;
      }
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      lines.push(`The extension host did not finish within ${timeoutMs / 1000}s.`);
      return { exitCode: 1, lines, serverOutput: server.output.join('') };
    }
    return { exitCode: result, lines, serverOutput: server.output.join('') };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}
