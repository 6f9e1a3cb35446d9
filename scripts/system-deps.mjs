// What a fresh Debian machine lacks for the tests: Chromium (the browser Playwright drives)
// and libkrb5-dev (code-server's `kerberos` module compiles against it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from './browser.mjs';

const NEEDED = [
  { pkg: 'chromium', present: () => fs.existsSync(CHROMIUM_PATH) },
  { pkg: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h') },
  { pkg: 'ripgrep', present: () => fs.existsSync('/usr/bin/rg') },
];

/** Installs missing Debian packages when running as root; otherwise says what to run. */
export function ensureSystemDeps(packages = NEEDED.map((dep) => dep.pkg)) {
  const missing = NEEDED.filter((dep) => packages.includes(dep.pkg) && !dep.present()).map((dep) => dep.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo sh -c '${command}'`);
  }
  console.error(`Installing ${missing.join(', ')} (${command})…`);
  const result = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`"${command}" failed with exit code ${result.status}`);
}
