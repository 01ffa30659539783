import markdown from 'virtual:framewise/benchmarks';
import { renderMarkdown } from '../guides/render-markdown.js';
import { el } from '../site/dom.js';

/**
 * Links of the file to its own headings: the site's link rewriting knows
 * anchors of the guides only, so these become `#/benchmarks/<id>` and scroll
 * to the heading on this page.
 */
function keepAnchorsOnThisPage(body: HTMLElement): void {
  for (const a of Array.from(body.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'))) {
    const id = decodeURIComponent((a.getAttribute('href') ?? '').replace(/^#\/*/u, ''));
    const heading = body.querySelector(`[id="${CSS.escape(id)}"]`);
    if (!heading) continue;
    a.setAttribute('href', `#/benchmarks/${encodeURIComponent(id)}`);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      heading.scrollIntoView();
    });
  }
}

/**
 * docs/benchmarks.md as it is committed (bundled at build time), rendered like
 * the guides: the methodology and the results of `npm run bench` on the
 * project's machines, to read next to this browser's numbers.
 */
export function committedResults(): HTMLElement {
  const body = el('div', { class: 'bench-committed-body markdown' });
  // The repository's own file, so its HTML is trusted (as for the guides). Its `# Benchmarks`
  // title is the page's own heading already.
  body.innerHTML = renderMarkdown(markdown.replace(/^# .*\n/u, ''), 'docs/benchmarks.md');
  keepAnchorsOnThisPage(body);
  return el('section', { id: 'bench-committed', 'data-testid': 'bench-committed' }, [
    el('h2', {}, ['Committed results']),
    el('p', {}, [
      'The numbers measured with ',
      el('code', {}, ['npm run bench']),
      ' and committed in ',
      el('code', {}, ['docs/benchmarks.md']),
      ' (wasm, the pure-JS cpu backend, SwiftShader and an H100):',
    ]),
    body,
  ]);
}
