import type { RowResult } from '@framewise/bench';
import { el } from '../site/dom.js';
import { engineLabel, type EngineRequest } from '../playground/backend.js';
import { activateBackend } from './activate-backend.js';
import { chartRows } from './chart-data.js';
import { layoutChart } from './chart-layout.js';
import { drawChart, SERIES_LABEL } from './chart-svg.js';
import { committedResults } from './committed-results.js';
import {
  MIN_SAMPLE_MS,
  pagePlan,
  rowOptions,
  selectedRows,
  type Thoroughness,
} from './page-rows.js';
import { resultsTable } from './results-table.js';
import { runBenchmark, type Progress } from './run-benchmark.js';
import { reloadWithWasmThreads, requestedWasmThreads } from '../site/wasm-threads.js';
import './benchmarks.css';

function select(id: string, options: [string, string][]): HTMLSelectElement {
  return el(
    'select',
    { id, 'data-testid': id },
    options.map(([value, label]) => el('option', { value }, [label])),
  );
}

function legend(): HTMLElement {
  return el(
    'p',
    { class: 'bench-legend' },
    (['framewise', 'tfjsLayers'] as const).map((series) =>
      el('span', {}, [
        el('span', { class: `bench-swatch bench-bar-${series}` }),
        SERIES_LABEL[series],
      ]),
    ),
  );
}

/**
 * The Benchmarks page: Framewise's TimeDistributed against tfjs-layers' in the
 * visitor's browser, with the suite of `npm run bench` (@framewise/bench), on wasm
 * or WebGPU, with progress, a Stop button, a chart of the medians and the
 * committed results of docs/benchmarks.md below.
 */
export function mountBenchmarks(root: HTMLElement): void {
  const backend = select('bench-backend', [
    ['wasm', 'wasm (XNNPACK, through the cpu adapter)'],
    ['webgpu', 'gpu' in navigator ? 'WebGPU' : 'WebGPU (not in this browser: wasm runs instead)'],
    ['webgl', 'WebGL (tfjs-backend-webgl)'],
  ]);
  const plan = select('bench-plan', [
    ['quick', 'quick: about 150 ms of calls per variant'],
    ['full', 'full: about 1.5 s per variant, as npm run bench'],
  ]);
  // wasm's threads: tfjs' default (half the logical cores) or one, fixed once per page.
  const threads = select('bench-threads', [
    [
      '',
      'the engine’s default (half the cores; more than one only on cross-origin isolated pages)',
    ],
    ['1', 'one'],
  ]);
  threads.value = String(requestedWasmThreads() ?? '');
  threads.addEventListener('change', () => {
    reloadWithWasmThreads(threads.value === '' ? undefined : Number(threads.value));
  });
  const boxes = rowOptions().map((o) => {
    const box = el('input', {
      type: 'checkbox',
      value: o.row.id,
      'data-testid': `bench-row-${o.row.id}`,
    });
    box.checked = o.checked;
    return el('label', { class: 'bench-row-option' }, [
      box,
      ` ${o.row.label}`,
      o.hint ? el('small', {}, [` (${o.hint})`]) : null,
    ]);
  });
  const run = el('button', { id: 'bench-run', 'data-testid': 'bench-run', type: 'button' }, [
    'Run',
  ]);
  const stop = el('button', { id: 'bench-stop', 'data-testid': 'bench-stop', type: 'button' }, [
    'Stop',
  ]);
  stop.disabled = true;
  const progress = el('progress', {
    id: 'bench-progress',
    'data-testid': 'bench-progress',
    max: '1',
  });
  progress.value = 0;
  const progressText = el(
    'span',
    { id: 'bench-progress-text', 'data-testid': 'bench-progress-text' },
    ['Not run yet.'],
  );
  const status = el('p', {
    id: 'bench-status',
    'data-testid': 'bench-status',
    class: 'bench-status',
  });
  const chart = el('figure', {
    id: 'bench-chart',
    'data-testid': 'bench-chart',
    class: 'bench-chart',
  });
  const table = el('div', { class: 'bench-table-wrap' });

  root.append(
    el('p', { class: 'bench-intro' }, [
      'Framewise’s ',
      el('code', {}, ['timeDistributed(layer).apply(x)']),
      ' (a) against tfjs-layers’ ',
      el('code', {}, ['tf.layers.timeDistributed']),
      ' (c), in this browser, with the code of ',
      el('code', {}, ['npm run bench']),
      ': each row first checks that every variant gives the same output (within 1e-4), then warms ' +
        'them up and times all their calls in one shuffled order. The chart shows the medians on a ' +
        'log scale; c/a is how many times slower tfjs-layers is. The table adds a′ (the same layer ' +
        'through model.predict) and b, the floor: the raw fused op once on the input reshaped to ' +
        '[batch·time, …]. Browsers round the clock (to 0.1 ms, unless the page is cross-origin ' +
        `isolated), so calls shorter than ${MIN_SAMPLE_MS} ms are timed in batches of calls.`,
    ]),
    el('fieldset', { class: 'bench-controls' }, [
      el('legend', {}, ['Run the benchmark']),
      el('label', {}, ['Backend ', backend]),
      el('label', {}, ['Timing ', plan]),
      el('label', {}, ['wasm threads ', threads]),
      el('div', { class: 'bench-rows' }, boxes),
      el('div', { class: 'bench-actions' }, [run, stop, progress, progressText]),
    ]),
    status,
    chart,
    table,
    committedResults(),
  );

  let stopRequested = false;
  const showProgress = (p: Progress): void => {
    progress.max = Math.max(1, p.total);
    progress.value = p.done;
    progressText.textContent = p.current
      ? `Row ${p.done + 1} of ${p.total}: ${p.current}${stopRequested ? ' (stopping after this row)' : ''}`
      : `Done: ${p.total} row${p.total === 1 ? '' : 's'}.`;
  };
  const show = (results: readonly RowResult[], label: string): void => {
    const width = Math.min(960, Math.max(520, chart.clientWidth || 760));
    chart.replaceChildren(
      drawChart(layoutChart(chartRows(results), width), `Medians on ${label}, log scale`),
      legend(),
    );
    table.replaceChildren(resultsTable(results, label));
  };

  stop.addEventListener('click', () => {
    stopRequested = true;
    stop.disabled = true;
    progressText.textContent += ' (stopping after this row)';
  });
  run.addEventListener('click', () => {
    const ids = new Set(
      Array.from(
        root.querySelectorAll<HTMLInputElement>('.bench-rows input:checked'),
        (b) => b.value,
      ),
    );
    const rows = selectedRows(ids);
    if (rows.length === 0) {
      status.textContent = 'Tick at least one row.';
      return;
    }
    stopRequested = false;
    run.disabled = true;
    stop.disabled = false;
    status.classList.remove('bench-failed');
    status.textContent = 'Starting the backend…';
    root.dataset['state'] = 'running';
    void (async () => {
      try {
        const active = await activateBackend(backend.value as EngineRequest);
        const label = active.info.label;
        const said = (verb: string): string =>
          (active.fallback
            ? `WebGPU is not available here (${active.fallback}); ${verb.toLowerCase()} on wasm instead. `
            : '') +
          `${verb} on ${engineLabel(label)}, through Framewise's '${active.info.adapter}' adapter: ${active.info.reason}` +
          (active.info.engineClass === 'software-gpu'
            ? '. This WebGPU adapter is a software rasterizer running on the CPU: the Conv2D rows ' +
              'take many seconds per call, and the large rows are skipped.'
            : '');
        const running = active.info.wasmThreads;
        const count =
          running === undefined ? '' : ` (${running} thread${running === 1 ? '' : 's'})`;
        status.textContent = said('Running') + count;
        status.dataset['backend'] = label;
        if (running !== undefined) status.dataset['threads'] = String(running);
        const live: RowResult[] = [];
        const outcome = await runBenchmark({
          rows,
          backend: active.info,
          plan: pagePlan(plan.value as Thoroughness),
          onProgress: showProgress,
          onResult: (r) => {
            live.push(r);
            show(live, label);
          },
          stopRequested: () => stopRequested,
        });
        if (outcome.stopped)
          progressText.textContent = `Stopped after ${outcome.results.length} of ${rows.length} rows.`;
        status.textContent = said('Ran') + count;
        root.dataset['state'] = outcome.stopped ? 'stopped' : 'done';
      } catch (error) {
        status.classList.add('bench-failed');
        status.textContent = `The benchmark failed: ${error instanceof Error ? error.message : String(error)}`;
        root.dataset['state'] = 'failed';
      } finally {
        run.disabled = false;
        stop.disabled = true;
      }
    })();
  });
}
