/** Where the repository's files are browsed, for links to code and examples. */
export const REPOSITORY_URL = 'https://github.com/framewise/framewise';

/** The anchor id a heading gets: GitHub's rule (lower case, punctuation dropped, spaces → -). */
export function headingId(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/gu, '-');
}

function resolvePath(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/') + (relative.endsWith('/') ? '/' : '');
}

/**
 * A link of a Markdown file of the repository (`from`, e.g. `docs/guides/summary.md`) as a
 * site URL: other guides and anchors become hash routes (`#/guides/backends/probing`), the
 * README the home page, docs/benchmarks.md the benchmarks page, any other file of the
 * repository its page on GitHub. Absolute URLs stay as they are.
 */
export function rewriteHref(href: string, from: string): string {
  if (/^[a-z][a-z0-9+.-]*:/iu.test(href) || href.startsWith('//')) return href;
  const [path = '', anchor] = href.split('#', 2);
  const here = from.replace(/^docs\/guides\//u, '').replace(/\.md$/u, '');
  const suffix = anchor ? `/${anchor}` : '';
  if (path === '') {
    return from.startsWith('docs/guides/') ? `#/guides/${here}${suffix}` : `#/${suffix}`;
  }
  const target = resolvePath(from, path);
  const guide = /^docs\/guides\/([^/]+)\.md$/u.exec(target);
  if (guide) return `#/guides/${guide[1]}${suffix}`;
  if (target === 'README.md') return '#/';
  if (target === 'docs/benchmarks.md') return '#/benchmarks';
  const kind = target.endsWith('/') ? 'tree' : 'blob';
  return `${REPOSITORY_URL}/${kind}/main/${target}${anchor ? `#${anchor}` : ''}`;
}
