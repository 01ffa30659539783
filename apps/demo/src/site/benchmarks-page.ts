import { el } from './dom.js';

/** `#/benchmarks`: Framewise against tfjs-layers in this browser, and the committed results. */
export async function renderBenchmarksPage(root: HTMLElement): Promise<void> {
  const host = el('div', { id: 'benchmarks-root', 'data-testid': 'benchmarks-root' });
  root.append(el('h1', {}, ['Benchmarks']), host);
  // Loaded with the page: the bench suite and tfjs-layers are large and only this page needs them.
  const { mountBenchmarks } = await import('../benchmarks/index.js');
  mountBenchmarks(host);
}
