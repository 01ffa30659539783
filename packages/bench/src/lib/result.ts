/** The record of one row on one backend, as written to the JSON. */
import { entry } from '@framewise/core';
import type { MemoryResult } from './memory.js';
import type { RowSpec } from './rows.js';
import type { VariantName } from './setup.js';
import { evaluateTargets, type Medians, type TargetCheck } from './targets.js';
import type { Stats } from './timing.js';

export interface RowResult {
  /** The backend's label (`wasm`, `cpu`, `webgpu`, `auto→webgpu`, `webgpu, queue`). */
  backend: string;
  /** The tfjs engine it ran on. */
  engine: string;
  id: string;
  label: string;
  inputShape: number[];
  units: number;
  /** Medians in ms: a = apply, a′ = predict, b = floor, c = tfjsLayers. */
  medianMs?: Medians & { chunked?: number };
  stats?: Partial<Record<VariantName | 'floorAgain' | 'chunked', Stats>>;
  /** c/a is absent when tfjs-layers was not timed (see `tfjsLayersSkipped`). */
  ratios?: { applyOverFloor: number; predictOverFloor: number; tfjsLayersOverApply?: number };
  /** Why tfjs-layers (c) was left out of this row on this backend. */
  tfjsLayersSkipped?: string;
  /**
   * median − median(floor), in µs per call. `noise` is the floor timed a second
   * time as its own variant (an A/A control): how far two timings of identical
   * work land apart in this run.
   */
  overheadUs?: { apply: number; predict: number; noise: number };
  /** max |variant − floor| over the output, checked before timing. */
  maxAbsDiff?: Record<string, number>;
  targets?: TargetCheck[];
  memory?: MemoryResult;
  /** Tensors left in the engine after the row was set up, run and disposed. */
  leakedTensors?: number;
  /** Why the row was not run on this backend (a note, not a failure). */
  skipped?: string;
  error?: string;
}

/** Medians, ratios, overheads and targets from the timing stats. */
export function summarise(
  row: RowSpec,
  engine: string,
  timed: Map<string, Stats>,
): Pick<RowResult, 'medianMs' | 'stats' | 'ratios' | 'overheadUs' | 'targets'> {
  const median = (name: string): number => entry(timed, name, 'timing').medianMs;
  const medianMs: Medians & { chunked?: number } = {
    apply: median('apply'),
    predict: median('predict'),
    floor: median('floor'),
  };
  if (timed.has('tfjsLayers')) medianMs.tfjsLayers = median('tfjsLayers');
  if (timed.has('chunked')) medianMs.chunked = median('chunked');
  return {
    medianMs,
    stats: Object.fromEntries(timed),
    ratios: {
      applyOverFloor: medianMs.apply / medianMs.floor,
      predictOverFloor: medianMs.predict / medianMs.floor,
      ...(medianMs.tfjsLayers !== undefined
        ? { tfjsLayersOverApply: medianMs.tfjsLayers / medianMs.apply }
        : {}),
    },
    overheadUs: {
      apply: (medianMs.apply - medianMs.floor) * 1000,
      predict: (medianMs.predict - medianMs.floor) * 1000,
      noise: (median('floorAgain') - medianMs.floor) * 1000,
    },
    targets: evaluateTargets(row.id, engine, medianMs),
  };
}
