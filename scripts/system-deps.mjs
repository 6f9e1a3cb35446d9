// What a fresh Debian machine lacks for `npm start` and `npm test`, each with the reason it is
// needed, which is printed with the install (or with the command to run, when not root).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from './browser.mjs';

const NEEDED = [
  { pkg: 'chromium', why: 'the browser the tests drive', present: () => fs.existsSync(CHROMIUM_PATH) },
  {
    pkg: 'libkrb5-dev',
    why: "code-server's kerberos module compiles against it",
    present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h'),
  },
  { pkg: 'ripgrep', why: "the id search's tests compare their results with Debian's rg", present: () => fs.existsSync('/usr/bin/rg') },
  {
    pkg: 'python3-botocore',
    why: "the sandbox's conformance tests read AWS's service models from it",
    present: () => spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0,
  },
  {
    pkg: 'awscli',
    why: "the sandbox's tests walk the tutorials with the AWS CLI and read its example outputs",
    present: () => fs.existsSync('/usr/bin/aws'),
  },
  {
    pkg: 'python3-boto3',
    why: "the sandbox's tests walk the tutorials with boto3",
    present: () => spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0,
  },
];

/** What the unit layer needs (the sandbox's tests against AWS's own models and clients; the chat page in a browser). */
export const UNIT_PACKAGES = ['python3-botocore', 'awscli', 'python3-boto3', 'chromium'];

/** Installs missing Debian packages when running as root; otherwise says what to run. */
export function ensureSystemDeps(packages = NEEDED.map((dep) => dep.pkg)) {
  const lacking = NEEDED.filter((dep) => packages.includes(dep.pkg) && !dep.present());
  if (lacking.length === 0) return;
  const missing = lacking.map((dep) => dep.pkg);
  const reasons = lacking.map((dep) => `${dep.pkg}: ${dep.why}`).join('; ');
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages (${reasons}). Install them with: sudo sh -c '${command}'`);
  }
  console.error(`Installing Debian packages, once (${reasons}): ${command}`);
  const result = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`"${command}" failed with exit code ${result.status}`);
}
