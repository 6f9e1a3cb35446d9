import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { BoundedMemo } from '../aws/boundedMemo';

// The bot's text is untrusted (a code hook can answer anything). It is rendered as Markdown
// with raw HTML off (so HTML in it shows as text), then the result is sanitised against an
// allowlist anyway: a bug in either layer alone lets nothing through.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
// Images in a message would load from anywhere: show their alt text instead.
markdown.renderer.rules.image = (tokens, index) => markdown.utils.escapeHtml(tokens[index].content);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Everything else goes, with its content for script-like tags.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'svg', 'math', 'iframe', 'object', 'template'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

// Bots repeat themselves (prompts, confirmations, fallbacks): keep the last few renderings.
// The text is untrusted, so both the count and each text's length are bounded.
const CACHE_ENTRIES = 256; // a conversation's recurring messages fit many times over
const CACHE_MAX_CHARS = 4096; // longer texts are rarely repeated; rendered each time, never kept
const cache = new BoundedMemo<string, string>(CACHE_ENTRIES);

/** The bot's text as Markdown, rendered to HTML safe to put in the page. */
export function renderMarkdown(text: string): string {
  return text.length <= CACHE_MAX_CHARS ? cache.get(text, () => renderUncached(text)) : renderUncached(text);
}

/** The same, without the cache (for tests and measurements). */
export function renderUncached(text: string): string {
  return sanitizeHtml(markdown.render(text), SANITIZE).trim();
}

/**
 * HTML a bot sends as such (appContext.altMessages.html), kept to the same allowlist as rendered
 * Markdown: here the sanitiser is the only layer in the host, and the page's CSP the one after it.
 */
export function sanitizeBotHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}
