import { el } from './dom.js';

type BenchmarksModule = { mountBenchmarks?: (root: HTMLElement) => void };

// The benchmarks page lives in src/benchmarks (its own module, written apart from the shell):
// whichever file there exports mountBenchmarks is mounted; index.ts is tried first.
const modules = import.meta.glob<BenchmarksModule>([
  '../benchmarks/*.ts',
  '!../benchmarks/*.spec.ts',
]);

async function findMount(): Promise<((root: HTMLElement) => void) | undefined> {
  const paths = Object.keys(modules).sort(
    (a, b) => Number(b.endsWith('/index.ts')) - Number(a.endsWith('/index.ts')),
  );
  for (const path of paths) {
    const mount = (await modules[path]!()).mountBenchmarks;
    if (mount) return mount;
  }
  return undefined;
}

/** `#/benchmarks`: Framewise against tfjs-layers in this browser, and the committed results. */
export async function renderBenchmarksPage(root: HTMLElement): Promise<void> {
  const host = el('div', { id: 'benchmarks-root', 'data-testid': 'benchmarks-root' });
  root.append(el('h1', {}, ['Benchmarks']), host);
  const mount = await findMount();
  if (mount) mount(host);
  else host.append(el('p', {}, ['The in-browser benchmark is on its way.']));
}
