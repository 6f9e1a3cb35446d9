import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

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
