/** The record of one row on one backend, as written to the JSON. */
import type { BackendName } from './args.js';
import type { MemoryResult } from './memory.js';
import type { RowSpec } from './rows.js';
import type { VariantName } from './setup.js';
import { evaluateTargets, type Medians, type TargetCheck } from './targets.js';
import type { Stats } from './timing.js';

export interface RowResult {
  backend: BackendName;
  id: string;
  label: string;
  inputShape: number[];
  units: number;
  /** Medians in ms: a = apply, a′ = predict, b = floor, c = tfjsLayers. */
  medianMs?: Medians & { chunked?: number };
  stats?: Partial<Record<VariantName | 'floorAgain' | 'chunked', Stats>>;
  ratios?: { applyOverFloor: number; predictOverFloor: number; tfjsLayersOverApply: number };
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
  error?: string;
}

/** Medians, ratios, overheads and targets from the timing stats. */
export function summarise(
  row: RowSpec,
  backend: BackendName,
  timed: Map<string, Stats>,
): Pick<RowResult, 'medianMs' | 'stats' | 'ratios' | 'overheadUs' | 'targets'> {
  const median = (name: string): number => timed.get(name)!.medianMs;
  const medianMs: Medians & { chunked?: number } = {
    apply: median('apply'),
    predict: median('predict'),
    floor: median('floor'),
    tfjsLayers: median('tfjsLayers'),
  };
  if (timed.has('chunked')) medianMs.chunked = median('chunked');
  return {
    medianMs,
    stats: Object.fromEntries(timed),
    ratios: {
      applyOverFloor: medianMs.apply / medianMs.floor,
      predictOverFloor: medianMs.predict / medianMs.floor,
      tfjsLayersOverApply: medianMs.tfjsLayers / medianMs.apply,
    },
    overheadUs: {
      apply: (medianMs.apply - medianMs.floor) * 1000,
      predict: (medianMs.predict - medianMs.floor) * 1000,
      noise: (median('floorAgain') - medianMs.floor) * 1000,
    },
    targets: evaluateTargets(row.id, backend, medianMs),
  };
}
