/** One row on the active backend: set up, check agreement, time, dispose, count leaks. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from './backend-info.js';
import { checkAgreement } from './check.js';
import { finishOf } from './finish.js';
import { chunkedRun, measureChunkMemory } from './memory.js';
import { summarise, type RowResult } from './result.js';
import { inputShape, skipReason, tfjsLayersSkipReason, type RowSpec } from './rows.js';
import { setupRow, type RowSetup } from './setup.js';
import { timeVariants, type Timed, type TimingPlan } from './timing.js';

/** A row's record before it runs: what it is and where. */
export function rowRecord(row: RowSpec, backend: BackendInfo): RowResult {
  return {
    backend: backend.label,
    engine: backend.engine,
    id: row.id,
    label: row.label,
    inputShape: inputShape(row),
    units: row.units,
  };
}

/**
 * Runs one row on the active backend. Never throws: an error lands in the
 * record's `error`. The backend must have been activated before (the layers
 * are built on it here).
 */
export async function runRow(
  row: RowSpec,
  backend: BackendInfo,
  plan: TimingPlan,
  includeSlow = false,
): Promise<RowResult> {
  const result = rowRecord(row, backend);
  const tensorsBefore = tf.memory().numTensors;
  const noTfjsLayers = tfjsLayersSkipReason(row, backend.engineClass, includeSlow);
  if (noTfjsLayers) result.tfjsLayersSkipped = noTfjsLayers;
  let setup: RowSetup | undefined;
  try {
    setup = setupRow(row, noTfjsLayers === undefined);
    const v = setup.variants;
    const candidates: Record<string, () => tf.Tensor> = {
      apply: v.apply.run,
      predict: v.predict.run,
    };
    if (v.tfjsLayers) candidates['tfjsLayers'] = v.tfjsLayers.run;
    result.maxAbsDiff = await checkAgreement(
      `${backend.label} ${row.label}`,
      v.floor.run,
      candidates,
    );
    // floorAgain: the floor once more, as an A/A control of the timing's noise.
    const timed: Timed[] = [
      v.apply,
      v.predict,
      v.floor,
      ...(v.tfjsLayers ? [v.tfjsLayers] : []),
      { name: 'floorAgain', run: v.floor.run },
    ];
    if (row.chunkSize !== undefined) {
      result.memory = await measureChunkMemory(setup, row.chunkSize);
      result.maxAbsDiff['chunked'] = result.memory.maxAbsDiff;
      timed.push({ name: 'chunked', run: chunkedRun(setup, row.chunkSize) });
    }
    const stats = await timeVariants(timed, plan, finishOf(backend.completion));
    Object.assign(result, summarise(row, backend.engine, stats));
  } catch (e) {
    result.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    setup?.dispose();
  }
  result.leakedTensors = tf.memory().numTensors - tensorsBefore;
  if (result.leakedTensors !== 0 && result.error === undefined) {
    result.error = `${result.leakedTensors} tensor(s) left in the engine after the row was disposed`;
  }
  return result;
}

/**
 * Every row on the active backend, skipping (with a note) the rows it is too
 * slow for. `onRow` sees each record as soon as it exists.
 */
export async function runRows(
  rows: readonly RowSpec[],
  backend: BackendInfo,
  plan: TimingPlan,
  options: {
    includeSlow: boolean;
    onRow: (r: RowResult, seconds: number) => void;
    /** Return a reason to stop before a row (a deadline); the row is recorded as skipped. */
    stopBefore?: (row: RowSpec) => string | undefined;
  },
): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (const row of rows) {
    const t0 = performance.now();
    const skipped =
      skipReason(row, backend.engineClass, options.includeSlow) ?? options.stopBefore?.(row);
    const r = skipped
      ? { ...rowRecord(row, backend), skipped }
      : await runRow(row, backend, plan, options.includeSlow);
    results.push(r);
    options.onRow(r, (performance.now() - t0) / 1000);
  }
  return results;
}
