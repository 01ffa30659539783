import { Marked, type Tokens } from 'marked';
import { headingId, rewriteHref } from './rewrite-links.js';

/**
 * HTML of a Markdown file of the repository (`from` is its path, for its relative links):
 * GitHub-flavoured Markdown, headings with GitHub's anchor ids, links rewritten to site URLs.
 * The files are the repository's own docs, so their HTML is trusted.
 */
export function renderMarkdown(markdown: string, from: string): string {
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'link' || token.type === 'image') {
        (token as Tokens.Link).href = rewriteHref((token as Tokens.Link).href, from);
      }
    },
    renderer: {
      heading({ tokens, depth, text }) {
        const id = headingId(text.replace(/[`*_]/gu, ''));
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
