/**
 * The parts of the suite that also run in a browser (no Node built-ins at load
 * time): the rows, one row's run (agreement check, interleaved timing, medians
 * and ratios) and the timing plans. The demo site's Benchmarks page imports
 * this as `@framewise/bench/browser`, so the page and `npm run bench` measure
 * the same way.
 */
export {
  ROWS,
  inputShape,
  skipReason,
  tfjsLayersSkipReason,
  type RowKind,
  type RowSpec,
} from './rows.js';
export { rowRecord, runRow } from './run-row.js';
export { stats, timingPlan, type Stats, type TimingPlan } from './timing.js';
export type { RowResult } from './result.js';
export type { BackendInfo, Completion, EngineClass } from './backend.js';
