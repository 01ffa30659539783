/** One entry of the navigation: a hash route the page renders, or a static folder (the API). */
export interface NavEntry {
  /** Stable id, used in `data-testid="nav-<id>"`. */
  id: string;
  label: string;
  href: string;
}

/** The navigation, in order. The API reference is TypeDoc's own static pages under `api/`. */
export const NAV: readonly NavEntry[] = [
  { id: 'home', label: 'Home', href: '#/' },
  { id: 'playground', label: 'Playground', href: '#/playground' },
  { id: 'live', label: 'Live', href: '#/live' },
  { id: 'questions', label: 'Why 90 and 896?', href: '#/questions' },
  { id: 'benchmarks', label: 'Benchmarks', href: '#/benchmarks' },
  { id: 'guides', label: 'Guides', href: '#/guides' },
  { id: 'api', label: 'API reference', href: 'api/index.html' },
];

/** A parsed hash route: the page id and what follows it (`#/guides/summary` → guides, summary). */
export interface Route {
  page: string;
  /** The path after the page, plus `?query` when the route has one (`#/playground?layer=Dense`). */
  rest: string;
}

/** Reads `location.hash`; an empty hash is the home page. */
export function parseRoute(hash: string): Route {
  const [path = '', query] = hash.replace(/^#\/?/u, '').split('?', 2);
  const parts = path.split('/');
  const page = decodeURIComponent(parts[0] ?? '') || 'home';
  const rest = parts.slice(1).map(decodeURIComponent).join('/');
  return { page, rest: query === undefined ? rest : `${rest}?${query}` };
}
