import { ROWS, timingPlan, type RowSpec, type TimingPlan } from '@framewise/bench';

/**
 * The rows ticked by default: the suite's small rows without the time-1000 one,
 * whose tfjs-layers loop alone takes seconds per call on wasm. Together they
 * take a few seconds on wasm on a 2-core machine.
 */
export const DEFAULT_ROW_IDS: readonly string[] = [
  'dense-32x12-8to10',
  'conv2d-8x12-32x32x3to32',
  'conv2d-2x64-32x32x3to32',
];

/** How long the page times each variant of a row. */
export type Thoroughness = 'quick' | 'full';

/** What the page shows next to a row's checkbox: its label, and a warning when it is slow here. */
export interface RowOption {
  row: RowSpec;
  checked: boolean;
  /** Why the row is slow (the suite's `slowNote`), for rows not ticked by default. */
  hint?: string;
}

/** Every row of the suite, the default ones ticked. */
export function rowOptions(): RowOption[] {
  return ROWS.map((row) => {
    const option: RowOption = { row, checked: DEFAULT_ROW_IDS.includes(row.id) };
    if (row.slowNote) option.hint = row.slowNote;
    else if (row.id === 'dense-8x1000-64to64')
      option.hint = 'tfjs-layers takes about 1 s per call on wasm';
    return option;
  });
}

/**
 * Browsers coarsen \`performance.now()\` (100 µs in Chromium unless the page is
 * cross-origin isolated), so calls shorter than this are timed in batches that
 * last about this long (the suite's \`minSampleMs\`): a 100 µs step is then 2%.
 */
export const MIN_SAMPLE_MS = 5;

/**
 * The suite's timing plan for the page: \`quick\` is \`npm run bench -- --quick\`
 * (about 150 ms of calls per variant), \`full\` the suite's default (1.5 s),
 * both with batched samples for short calls.
 */
export function pagePlan(thoroughness: Thoroughness): TimingPlan {
  return { ...timingPlan(thoroughness === 'quick'), minSampleMs: MIN_SAMPLE_MS };
}

/** The rows to run, in the suite's order, from the ids the visitor ticked. */
export function selectedRows(ids: ReadonlySet<string>): RowSpec[] {
  return ROWS.filter((row) => ids.has(row.id));
}
