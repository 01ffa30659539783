import { renderBenchmarksPage } from './site/benchmarks-page.js';
import { renderGuidesPage } from './guides/guides-page.js';
import { renderHome } from './home/home-page.js';
import { renderLivePage } from './live/live-page.js';
import { renderPlayground } from './playground/playground-page.js';
import { renderQuestions } from './questions/questions-page.js';
import { NAV, parseRoute } from './site/routes.js';

/** Draws a page into `root`; may return what to do when the visitor leaves it. */
type Render = (root: HTMLElement, rest: string) => Leave | Promise<Leave>;
type Leave = void | (() => void);

const pages: Record<string, Render> = {
  home: renderHome,
  playground: renderPlayground,
  live: renderLivePage,
  questions: renderQuestions,
  benchmarks: renderBenchmarksPage,
  guides: renderGuidesPage,
};

function renderNav(nav: HTMLElement): void {
  nav.replaceChildren(
    ...NAV.map((entry) => {
      const a = document.createElement('a');
      a.href = entry.href;
      a.textContent = entry.label;
      a.dataset['testid'] = `nav-${entry.id}`;
      a.dataset['page'] = entry.id;
      return a;
    }),
  );
}

let leave: Leave;

async function show(): Promise<void> {
  const root = pageElement('page');
  const route = parseRoute(location.hash);
  const known = Object.hasOwn(pages, route.page);
  const render = (known ? pages[route.page] : undefined) ?? renderHome;
  leave?.();
  leave = undefined;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#site-nav a')) {
    link.classList.toggle('current', link.dataset['page'] === route.page);
  }
  root.replaceChildren();
  root.dataset['page'] = known ? route.page : 'home';
  document.title = 'Framewise: TimeDistributed done properly for TensorFlow.js';
  window.scrollTo(0, 0);
  leave = await render(root, route.rest);
}

/** An element the page's HTML always has. */
function pageElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id} element`);
  return element;
}

renderNav(pageElement('site-nav'));
window.addEventListener('hashchange', () => void show());
void show();
