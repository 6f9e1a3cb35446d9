import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { englishManifest } from '../support/manifest';

// The walkthrough (package.json contributes.walkthroughs) is only a manifest entry: VS Code
// says nothing when a step names a command that does not exist, links nowhere or points at a
// missing picture. These tests read the manifest as VS Code reads it.
const REPO = path.resolve(__dirname, '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: unknown; markdown?: string; altText?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}

const manifest = englishManifest();
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const walkthroughs: Walkthrough[] = manifest.contributes.walkthroughs ?? [];

/** `[Label](command:id)`, `(command:toSide:id)` and `(command:id?args)`, as the walkthrough page reads them. */
function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:(?:toSide:)?([^)?\s]+)/g)].map((m) => m[1]);
}

function completionCommands(step: Step): string[] {
  return (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
}

/** Every `setContext` key the extension's code sets. */
function contextKeysSet(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/'setContext',\s*'([^']+)'/g)) keys.add(m[1]);
    }
  };
  walk(path.join(REPO, 'src'));
  return keys;
}

// Theme colours that have a value in the light, dark and both high-contrast themes (VS Code's
// colour registry); a colour without one (say `contrastBorder` outside high contrast) would
// leave a shape uncoloured. The walkthrough page inlines the SVG into a webview that defines
// them as `--vscode-*` variables.
const THEME_COLOURS = new Set([
  'foreground',
  'descriptionForeground',
  'editorWidget-background',
  'editorWidget-border',
  'button-background',
  'button-foreground',
  'focusBorder',
  'textLink-foreground',
  'charts-blue',
  'charts-green',
  'charts-red',
  'charts-yellow',
  'charts-purple',
]);

describe('the walkthrough', () => {
  it('has one walkthrough with a title, a description and steps with ids, titles and descriptions', () => {
    assert.equal(walkthroughs.length, 1, 'one walkthrough (the UX guidelines: no more unless necessary)');
    const [walkthrough] = walkthroughs;
    assert.equal(walkthrough.id, 'tutorials');
    assert.ok(walkthrough.title && walkthrough.description);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['connect', 'webAccess', 'injectIds', 'chat', 'checkSetup', 'conversationTest'],
    );
    for (const step of walkthrough.steps) assert.ok(step.title && step.description, step.id);
  });

  it("completes each step on commands the extension contributes, among them the command of the step's own button", () => {
    for (const step of walkthroughs[0].steps) {
      const commands = completionCommands(step);
      assert.ok(commands.length > 0, `${step.id} completes on no command`);
      for (const command of commands) assert.ok(contributed.has(command), `${step.id} completes on ${command}, which the extension does not contribute`);
      // Without a link that completes it, the step would only complete some other way.
      assert.ok(
        commandLinks(step.description).some((link) => commands.includes(link)),
        `${step.id}: none of its links (${commandLinks(step.description)}) completes it`,
      );
    }
  });

  it('completes a step on a context key only if the extension sets that key', () => {
    const keys = contextKeysSet();
    const events = walkthroughs[0].steps.flatMap((s) => (s.completionEvents ?? []).map((e) => ({ step: s.id, event: e })));
    const known = /^(onCommand|onContext):/;
    for (const { step, event } of events) assert.match(event, known, `${step}: ${event}`);
    const onContext = events.filter((e) => e.event.startsWith('onContext:'));
    assert.ok(onContext.length > 0);
    for (const { step, event } of onContext) {
      const key = event.slice('onContext:'.length);
      assert.ok(keys.has(key), `${step} completes on ${key}, which the extension never sets`);
    }
  });

  it('links only to commands the extension contributes', () => {
    const links = walkthroughs[0].steps.flatMap((s) => commandLinks(s.description).map((command) => ({ step: s.id, command })));
    assert.ok(links.length >= walkthroughs[0].steps.length);
    for (const { step, command } of links) assert.ok(contributed.has(command), `${step} links to ${command}, which the extension does not contribute`);
  });

  describe('pictures', () => {
    for (const step of walkthroughs[0]?.steps ?? []) {
      it(`${step.id}: an SVG that exists, with alt text, coloured only by theme colours every theme defines`, () => {
        assert.ok(step.media.svg, `${step.id} has no svg media`);
        assert.ok(step.media.altText, `${step.id} has no altText`);
        const file = path.join(REPO, step.media.svg);
        assert.ok(fs.existsSync(file), `${step.media.svg} is missing`);
        const svg = fs.readFileSync(file, 'utf8');
        assert.match(svg, /^<svg [^>]*viewBox="/);
        // The page's webview allows styles with its nonce only: a <style> or style="" is dropped.
        assert.doesNotMatch(svg, /<style|\sstyle=/);
        // No external pictures either (its CSP allows data: images only), and no scripts.
        assert.doesNotMatch(svg, /<image|<script|href="http/);
        const colours = [...svg.matchAll(/\s(fill|stroke|stop-color|color)="([^"]*)"/g)].map((m) => m[2]);
        assert.ok(colours.length > 0);
        for (const colour of colours) {
          if (colour === 'none' || colour.startsWith('url(#')) continue;
          const variable = /^var\(--vscode-([\w-]+)\)$/.exec(colour);
          assert.ok(variable, `${step.media.svg}: "${colour}" is not a theme colour`);
          assert.ok(THEME_COLOURS.has(variable[1]), `${step.media.svg}: --vscode-${variable[1]} is not defined in every theme`);
        }
        assert.doesNotMatch(svg, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i, 'a hard-coded colour');
      });
    }
  });

  it('.vscodeignore keeps every picture in the .vsix (vsce lists what it packs)', async function () {
    this.timeout(30_000);
    const packed = new Set(await listFiles({ cwd: REPO, packageManager: PackageManager.None }));
    for (const step of walkthroughs[0].steps) assert.ok(packed.has(step.media.svg ?? ''), `${step.media.svg} is left out of the .vsix`);
  });
});
