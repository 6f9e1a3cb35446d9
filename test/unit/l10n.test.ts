import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import * as ts from 'typescript';

// The code's user-facing strings go through vscode.l10n.t, and l10n/bundle.l10n.json (English,
// what a translation starts from) is what @vscode/l10n-dev extracts from them.
const REPO = path.resolve(__dirname, '..', '..', '..');
const BUNDLE = path.join(REPO, 'l10n', 'bundle.l10n.json');
/** The folders that show things through VS Code; the plain folders cannot import it. */
const LOCALISED = ['pools', 'inject', 'chat', 'doctor', 'convtests', 'connection', 'ui', 'export'];

/** Calls whose string arguments (from `from` on) a person reads. */
const MESSAGE_ARGS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    showInformationMessage: 0,
    showWarningMessage: 0,
    showErrorMessage: 0,
    // The project's own wrappers around them.
    sayDone: 1,
    confirmModal: 0,
    withAws: 1,
    createWithRollback: 2,
    pickIdentityPool: 1,
    pickNamedIdentityPool: 1,
    pickUserPool: 1,
    pickUserPoolClient: 1,
    pickRole: 1,
  }),
);
/** Calls whose options object's text properties a person reads. */
const OPTION_CALLS = new Set(['showQuickPick', 'showInputBox', 'withProgress', 'showOpenDialog', 'showSaveDialog', 'quickPick', 'inputBox']);
const TEXT_OPTIONS = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'detail', 'openLabel', 'saveLabel']);

/** A string written out in the code rather than localised: a literal, a template, or either inside ?: or +. */
function isBareText(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isBareText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isConditionalExpression(node)) return isBareText(node.whenTrue) || isBareText(node.whenFalse);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isBareText(node.left) || isBareText(node.right);
  return false;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `vscode.l10n.t` or `l10n.t`, as @vscode/l10n-dev finds them. */
function isL10nCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** What the extractor can read: a string literal, or `{ message: <literal>, … }`. */
function isExtractable(call: ts.CallExpression): boolean {
  const [first] = call.arguments;
  if (!first) return false;
  if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) return true;
  if (!ts.isObjectLiteralExpression(first)) return false;
  const message = first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'message');
  return (
    message !== undefined &&
    ts.isPropertyAssignment(message) &&
    (ts.isStringLiteral(message.initializer) || ts.isNoSubstitutionTemplateLiteral(message.initializer))
  );
}

/** "file:line: what" for each user-facing string of `source` not given through vscode.l10n.t. */
export function unlocalisedStrings(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string) =>
    problems.push(`${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}: ${node.getText().slice(0, 80)}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (isL10nCall(node) && !isExtractable(node)) report(node, 'vscode.l10n.t needs a string literal (or { message: literal }) that l10n-dev can extract');
      const from = name === undefined ? undefined : MESSAGE_ARGS.get(name);
      if (from !== undefined) {
        for (const arg of node.arguments.slice(from)) if (isBareText(arg)) report(arg, `${name} shows a bare string`);
      }
      if (name !== undefined && (OPTION_CALLS.has(name) || from !== undefined)) {
        for (const arg of node.arguments) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          for (const property of arg.properties) {
            if (ts.isPropertyAssignment(property) && TEXT_OPTIONS.has(property.name.getText()) && isBareText(property.initializer))
              report(property.initializer, `${name}'s ${property.name.getText()} is a bare string`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

function sourcesOf(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(folder, name));
}

describe('localisation (vscode.l10n)', function () {
  this.timeout(180_000);

  describe('the check for strings shown without vscode.l10n.t', () => {
    it('finds a message, a button, a progress title and picker options written out in the code', () => {
      const problems = unlocalisedStrings(
        'wrong.ts',
        [
          "void vscode.window.showInformationMessage('Done.');",
          "void vscode.window.showWarningMessage(vscode.l10n.t('Sure?'), { modal: true, detail: `It goes ${away}.` }, 'Delete');",
          "void vscode.window.withProgress({ location, title: ok ? 'Working…' : vscode.l10n.t('Waiting…') }, run);",
          "void vscode.window.showQuickPick(items, { title: vscode.l10n.t('Pick'), placeHolder: 'Which one?' });",
          "void vscode.window.showInputBox({ prompt: 'Name ' + kind });",
          'void vscode.l10n.t(`Put ${n} ids`);',
        ].join('\n'),
      );
      assert.deepEqual(
        problems.map((p) => p.replace(/: .*?: .*$/, '').replace(/^wrong\.ts:/, '')),
        ['1', '2', '2', '3', '4', '5', '6'],
        problems.join('\n'),
      );
    });

    it('passes strings given through vscode.l10n.t, and variables', () => {
      const problems = unlocalisedStrings(
        'right.ts',
        [
          "const DELETE = vscode.l10n.t('Delete');",
          "void vscode.window.showWarningMessage(vscode.l10n.t('Delete {0}?', name), { modal: true, detail }, DELETE);",
          "void vscode.window.withProgress({ location, title: vscode.l10n.t({ message: 'Reading {0}…', args: [id], comment: ['an id'] }) }, run);",
          'void vscode.window.showErrorMessage(message, ...buttons);',
        ].join('\n'),
      );
      assert.deepEqual(problems, []);
    });
  });

  it('every message, button, progress title and picker option of the feature and shared folders goes through vscode.l10n.t', () => {
    const files = [...LOCALISED.flatMap((folder) => sourcesOf(path.join(REPO, 'src', folder))), path.join(REPO, 'src', 'extension.ts')];
    const problems = files.flatMap((file) => unlocalisedStrings(path.relative(REPO, file), fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, [], `Give these to the user through vscode.l10n.t(...), then run \`npm run l10n:export\`:\n${problems.join('\n')}`);
  });

  it('l10n/bundle.l10n.json is what `npm run l10n:export` writes from the code now', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-l10n-'));
    try {
      const cli = path.join(path.dirname(require.resolve('@vscode/l10n-dev/package.json')), 'dist', 'cli.js');
      const result = spawnSync(process.execPath, [cli, 'export', '--outDir', out, 'src'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const exported = fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8');
      const committed = fs.readFileSync(BUNDLE, 'utf8');
      const [now, before] = [JSON.parse(exported) as Record<string, unknown>, JSON.parse(committed) as Record<string, unknown>];
      const added = Object.keys(now).filter((key) => !(key in before));
      const gone = Object.keys(before).filter((key) => !(key in now));
      assert.ok(
        exported === committed,
        `l10n/bundle.l10n.json is out of date: run \`npm run l10n:export\` and commit it.\nNew strings: ${JSON.stringify(added)}\nStrings no longer in the code: ${JSON.stringify(gone)}`,
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('the .vsix carries l10n/bundle.l10n.json (the .vscodeignore allowlist names it)', async () => {
    const files = await listFiles({ cwd: REPO, packageManager: PackageManager.None });
    assert.ok(files.includes('l10n/bundle.l10n.json'), files.join('\n'));
  });
});
