import type { RowResult } from '@framewise/bench';
import { el } from '../site/dom.js';
import { formatMs, formatRatio } from './chart-data.js';

const HEADINGS = [
  'row',
  'a apply ms',
  'a′ predict ms',
  'b floor ms',
  'c tfjs-layers ms',
  'a/b',
  'c/a',
  'max |Δ|',
  'samples a/c',
  'note',
];

function maxDiff(r: RowResult): string {
  const diffs = Object.values(r.maxAbsDiff ?? {});
  return diffs.length ? Math.max(...diffs).toExponential(1) : '—';
}

function reps(r: RowResult): string {
  const a = r.stats?.apply?.reps;
  const c = r.stats?.tfjsLayers?.reps;
  return a === undefined ? '—' : `${a}/${c ?? '—'}`;
}

/**
 * The run's records in the columns of docs/benchmarks.md: the medians of a, a′,
 * b and c, the ratios, the agreement checked before timing, and the calls timed.
 */
export function resultsTable(results: readonly RowResult[], backend: string): HTMLTableElement {
  const rows = results.map((r) => {
    const m = r.medianMs;
    const note = r.error ?? r.skipped ?? r.tfjsLayersSkipped ?? '';
    return el('tr', { 'data-row': r.id, class: r.error ? 'bench-error' : '' }, [
      el('th', { scope: 'row' }, [r.label]),
      el('td', {}, [formatMs(m?.apply)]),
      el('td', {}, [formatMs(m?.predict)]),
      el('td', {}, [formatMs(m?.floor)]),
      el('td', {}, [formatMs(m?.tfjsLayers)]),
      el('td', {}, [formatRatio(r.ratios?.applyOverFloor)]),
      el('td', { 'data-ratio': String(r.ratios?.tfjsLayersOverApply ?? '') }, [
        formatRatio(r.ratios?.tfjsLayersOverApply),
      ]),
      el('td', {}, [maxDiff(r)]),
      el('td', {}, [reps(r)]),
      el('td', { class: 'bench-note' }, [note]),
    ]);
  });
  return el(
    'table',
    { id: 'bench-results', 'data-testid': 'bench-results', 'data-backend': backend },
    [
      el('caption', {}, [`This run, on ${backend}: medians in ms`]),
      el('thead', {}, [
        el(
          'tr',
          {},
          HEADINGS.map((h) => el('th', { scope: 'col' }, [h])),
        ),
      ]),
      el('tbody', {}, rows),
    ],
  );
}
