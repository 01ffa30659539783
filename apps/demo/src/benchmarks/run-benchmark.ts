import {
  rowRecord,
  runRow,
  skipReason,
  type BackendInfo,
  type RowResult,
  type RowSpec,
  type TimingPlan,
} from '@framewise/bench';

/** Where a run stands, for the progress indicator. */
export interface Progress {
  done: number;
  total: number;
  /** The row being timed now (absent once the run is over). */
  current?: string;
}

export interface RunOptions {
  rows: readonly RowSpec[];
  backend: BackendInfo;
  plan: TimingPlan;
  onProgress(progress: Progress): void;
  onResult(result: RowResult): void;
  /** Checked before each row: a row is timed as a whole, so Stop takes effect between rows. */
  stopRequested(): boolean;
}

/** Lets the browser paint the progress and handle a click on Stop before the next row. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Runs the rows one by one with the suite's own `runRow` (agreement check,
 * interleaved timing, medians and ratios), skipping with the suite's note the
 * rows too slow for this engine. Returns the records and whether Stop ended it.
 */
export async function runBenchmark(
  options: RunOptions,
): Promise<{ results: RowResult[]; stopped: boolean }> {
  const { rows, backend, plan } = options;
  const results: RowResult[] = [];
  for (const [i, row] of rows.entries()) {
    options.onProgress({ done: i, total: rows.length, current: row.label });
    await nextFrame();
    if (options.stopRequested()) return { results, stopped: true };
    const skipped = skipReason(row, backend.engineClass, false);
    const result = skipped
      ? { ...rowRecord(row, backend), skipped }
      : await runRow(row, backend, plan);
    results.push(result);
    options.onResult(result);
  }
  options.onProgress({ done: rows.length, total: rows.length });
  return { results, stopped: false };
}
