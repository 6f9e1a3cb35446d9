// Runs one plain-Node test layer with mocha and writes its counts for scripts/test.mjs.
//   node scripts/run-mocha.mjs <layer> <dir> <suffix> <summary.json>
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

const [layer, dir, suffix, summaryFile] = process.argv.slice(2);
// Tests run on the machine's Node 20; the extension runs on VS Code's Node 22 or newer, where
// the SDK does not print its Node 20 end-of-support notice. Keep that notice out of test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => path.resolve(dir, f))
  : [];
const mocha = new Mocha({ ui: 'bdd', timeout: layer === 'e2e' ? 180_000 : 20_000, reporter: 'spec', color: process.stdout.isTTY });
if (process.env.CBW_TEST_GREP) mocha.grep(process.env.CBW_TEST_GREP);
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
  fs.writeFileSync(summaryFile, JSON.stringify({ layer, passed: passes, failed: failures, skipped: pending }));
  process.exitCode = failures > 0 ? 1 : 0;
});
