import { el } from '../site/dom.js';
import { guides } from './guide-sources.js';
import { renderMarkdown } from './render-markdown.js';

function guideList(current?: string): HTMLElement {
  return el(
    'ol',
    { class: 'guide-list', 'data-testid': 'guide-list' },
    guides.map((g) =>
      el('li', {}, [
        el(
          'a',
          {
            href: `#/guides/${g.slug}`,
            'data-testid': `guide-link-${g.slug}`,
            class: g.slug === current ? 'current' : '',
          },
          [g.title],
        ),
      ]),
    ),
  );
}

/**
 * `#/guides`: the list of docs/guides; `#/guides/<slug>[/<heading-id>]`: one guide, rendered
 * from its Markdown, scrolled to the heading when there is one.
 */
export function renderGuidesPage(root: HTMLElement, rest: string): void {
  const [slug, anchor] = rest.split('/', 2);
  const guide = guides.find((g) => g.slug === slug);
  if (!guide) {
    root.append(
      el('h1', {}, ['Guides']),
      el('p', {}, [
        'How Framewise works and how to extend it, from the Markdown files in docs/guides. ',
        'The API reference documents every export.',
      ]),
      guideList(),
    );
    return;
  }
  const article = el('article', { class: 'guide markdown', 'data-testid': 'guide' });
  article.innerHTML = renderMarkdown(guide.markdown, `docs/guides/${guide.slug}.md`);
  root.append(
    el('div', { class: 'guide-layout' }, [
      el('aside', { class: 'guide-aside' }, [el('h2', {}, ['Guides']), guideList(guide.slug)]),
      article,
    ]),
  );
  document.title = `${guide.title} · Framewise`;
  if (anchor) document.getElementById(anchor)?.scrollIntoView();
}
