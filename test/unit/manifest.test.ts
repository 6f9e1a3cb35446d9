import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { englishManifest, manifestStrings, rawManifest } from '../support/manifest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest: any = rawManifest();

/** Every string of the manifest with its JSON path ("contributes.commands.3.title"). */
function strings(value: unknown, at = ''): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

// The fields VS Code and the Marketplace show people, by path pattern.
const USER_FACING = [
  /^(displayName|description)$/,
  /^capabilities\.untrustedWorkspaces\.description$/,
  /^contributes\.viewsContainers\.\w+\.\d+\.title$/,
  /^contributes\.views\.\w+\.\d+\.(name|contextualTitle)$/,
  /^contributes\.viewsWelcome\.\d+\.contents$/,
  /^contributes\.commands\.\d+\.(title|shortTitle|category)$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(description|markdownDescription|patternErrorMessage|deprecationMessage|markdownDeprecationMessage)$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(enumDescriptions|markdownEnumDescriptions)\.\d+$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(items|additionalProperties)\.(description|markdownDescription|patternErrorMessage)$/,
  /^contributes\.walkthroughs\.\d+\.(title|description)$/,
  /^contributes\.walkthroughs\.\d+\.steps\.\d+\.(title|description|media\.altText)$/,
];

describe('manifest: localisable', () => {
  const english = manifestStrings();

  it('every user-facing string is a %key% of package.nls.json, not English written in package.json', () => {
    const shown = strings(manifest).filter(({ at }) => USER_FACING.some((pattern) => pattern.test(at)));
    assert.ok(shown.length > 50, `only ${shown.length} user-facing strings found: are the patterns right?`);
    assert.deepEqual(
      shown.filter(({ text }) => !/^%[\w.-]+%$/.test(text)).map(({ at }) => at),
      [],
    );
  });

  it('every %key% has its English in package.nls.json, and every entry there is used', () => {
    const used = new Set(strings(manifest).flatMap(({ text }) => [...text.matchAll(/^%([\w.-]+)%$/g)].map((m) => m[1])));
    assert.deepEqual(
      [...used].filter((key) => typeof english[key] !== 'string' || english[key].trim() === ''),
      [],
    );
    assert.deepEqual(
      Object.keys(english).filter((key) => !used.has(key)),
      [],
    );
  });

  it('.vscodeignore keeps package.nls.json in the .vsix (vsce lists what it packs), or VS Code shows the %keys%', async function () {
    this.timeout(30_000);
    const packed = await listFiles({ cwd: path.resolve(__dirname, '..', '..', '..'), packageManager: PackageManager.None });
    assert.ok(packed.includes('package.nls.json'), packed.join(', '));
  });

  it('shows the commands by their English titles, under one category', () => {
    const commands: { command: string; title: string; category?: string }[] = englishManifest().contributes.commands;
    const byId = new Map(commands.map((c) => [c.command, c]));
    assert.equal(byId.get('cognitoBot.startSandbox')?.title, 'Start Local Sandbox');
    assert.deepEqual(new Set(commands.map((c) => c.category)), new Set(['Cognito Bot']));
  });
});

describe('manifest: Marketplace metadata', () => {
  it('names the repository, where to report bugs and the home page, all on the one repository', () => {
    const repository: string = manifest.repository.url;
    assert.match(repository, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    assert.equal(manifest.bugs.url, `${repository}/issues`);
    assert.equal(manifest.homepage, `${repository}#readme`);
  });

  it('has a gallery banner whose theme suits its colour', () => {
    const { color, theme } = manifest.galleryBanner;
    assert.match(color, /^#[0-9a-fA-F]{6}$/);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255);
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    assert.equal(
      theme,
      luminance < 0.5 ? 'dark' : 'light',
      `a ${luminance < 0.5 ? 'dark' : 'light'} banner needs the ${luminance < 0.5 ? 'dark' : 'light'} theme`,
    );
  });

  it('has keywords the Marketplace takes: at most 30, lower case, each once', () => {
    const keywords: string[] = manifest.keywords;
    assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords`);
    assert.deepEqual(
      keywords.filter((k) => k !== k.toLowerCase()),
      [],
    );
    assert.equal(new Set(keywords).size, keywords.length);
    for (const word of ['cognito', 'lex', 'aws']) assert.ok(keywords.includes(word), word);
  });
});
