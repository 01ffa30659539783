/** The benchmark cases: one inner layer over `[batch, time, ...rest]`. */
import type { EngineClass } from './backend-info.js';

/** Which inner layer a row wraps. */
export type RowKind = 'dense' | 'conv2d';

export interface RowSpec {
  /** Stable id, used by `--rows` and in the JSON. */
  id: string;
  /** Human label for the table. */
  label: string;
  kind: RowKind;
  batch: number;
  time: number;
  /** Shape of one step without the batch axis: `[features]` or `[height, width, channels]`. */
  rest: number[];
  /** Dense units or Conv2D filters. */
  units: number;
  /** Measure the peak memory of the `chunkSize` path on this row. */
  chunkSize?: number;
  /**
   * The engines this row runs on by default (all when absent). Elsewhere it is
   * skipped with a note unless `--include-slow` is given.
   */
  runsOn?: readonly EngineClass[];
  /** Why the row is limited to `runsOn`, for the note. */
  slowNote?: string;
  /**
   * At most this many timed calls of tfjs-layers (its per-step loop is slow at
   * long times); with a cap, it also gets one warm-up call instead of two (the
   * agreement check has run it once already).
   */
  tfjsLayersMaxReps?: number;
  /**
   * The engines tfjs-layers (c) runs on in this row by default (all where the
   * row runs when absent); elsewhere c is left out with `tfjsLayersSlowNote`
   * unless `--include-slow` is given.
   */
  tfjsLayersRunsOn?: readonly EngineClass[];
  tfjsLayersSlowNote?: string;
}

/** The large rows: meant for wasm (XNNPACK), native TensorFlow and GPUs. */
const LARGE: readonly EngineClass[] = ['wasm', 'native', 'gpu'];

/** The suite's rows, in table order. */
export const ROWS: readonly RowSpec[] = [
  {
    id: 'dense-32x12-8to10',
    label: 'Dense b32 t12 8→10',
    kind: 'dense',
    batch: 32,
    time: 12,
    rest: [8],
    units: 10,
  },
  {
    id: 'dense-8x1000-64to64',
    label: 'Dense b8 t1000 64→64',
    kind: 'dense',
    batch: 8,
    time: 1000,
    rest: [64],
    units: 64,
    chunkSize: 100,
  },
  {
    id: 'conv2d-8x12-32x32x3to32',
    label: 'Conv2D 3×3 b8 t12 32×32×3→32',
    kind: 'conv2d',
    batch: 8,
    time: 12,
    rest: [32, 32, 3],
    units: 32,
  },
  {
    id: 'conv2d-2x64-32x32x3to32',
    label: 'Conv2D 3×3 b2 t64 32×32×3→32',
    kind: 'conv2d',
    batch: 2,
    time: 64,
    rest: [32, 32, 3],
    units: 32,
  },
  {
    id: 'dense-8x4096-512to512',
    label: 'Dense b8 t4096 512→512',
    kind: 'dense',
    batch: 8,
    time: 4096,
    rest: [512],
    units: 512,
    runsOn: LARGE,
    slowNote: '8.6 G multiply-adds per call',
    tfjsLayersMaxReps: 3,
    tfjsLayersRunsOn: ['native', 'gpu'],
    tfjsLayersSlowNote:
      'its per-step loop took about 140 s per call on wasm on the 2-core machine of docs/benchmarks.md',
  },
  {
    id: 'dense-32x1000-256to256',
    label: 'Dense b32 t1000 256→256',
    kind: 'dense',
    batch: 32,
    time: 1000,
    rest: [256],
    units: 256,
    runsOn: LARGE,
    slowNote: '2.1 G multiply-adds per call',
    tfjsLayersMaxReps: 3,
  },
  {
    id: 'conv2d-8x64-64x64x16to32',
    label: 'Conv2D 3×3 b8 t64 64×64×16→32',
    kind: 'conv2d',
    batch: 8,
    time: 64,
    rest: [64, 64, 16],
    units: 32,
    runsOn: LARGE,
    slowNote: '9.7 G multiply-adds per call',
    tfjsLayersMaxReps: 3,
  },
  {
    id: 'conv2d-4x256-32x32x16to32',
    label: 'Conv2D 3×3 b4 t256 32×32×16→32',
    kind: 'conv2d',
    batch: 4,
    time: 256,
    rest: [32, 32, 16],
    units: 32,
    runsOn: LARGE,
    slowNote: '4.8 G multiply-adds per call',
    tfjsLayersMaxReps: 3,
  },
];

/** Why tfjs-layers (c) is left out of a row on an engine (undefined when it runs). */
export function tfjsLayersSkipReason(
  row: RowSpec,
  engine: EngineClass,
  includeSlow: boolean,
): string | undefined {
  if (includeSlow || !row.tfjsLayersRunsOn || row.tfjsLayersRunsOn.includes(engine)) {
    return undefined;
  }
  return (
    `tfjs-layers not timed on ${engine}${row.tfjsLayersSlowNote ? `: ${row.tfjsLayersSlowNote}` : ''} ` +
    `(--include-slow times it anyway)`
  );
}

/**
 * Why a row does not run on an engine by default (undefined when it does):
 * the large rows take seconds to minutes per call on the pure-JS cpu backend
 * and on software WebGPU.
 */
export function skipReason(
  row: RowSpec,
  engine: EngineClass,
  includeSlow: boolean,
): string | undefined {
  if (includeSlow || !row.runsOn || row.runsOn.includes(engine)) return undefined;
  const where = engine === 'software-gpu' ? 'a software WebGPU adapter' : `the ${engine} backend`;
  return (
    `skipped: too slow on ${where}${row.slowNote ? ` (${row.slowNote})` : ''}; ` +
    `this row runs on ${row.runsOn.join(', ')} (--include-slow runs it anyway)`
  );
}

/** Rows whose id contains one of the comma-separated filters (all rows when there is none). */
export function selectRows(filter: string | undefined): RowSpec[] {
  if (filter === undefined || filter.trim() === '') return ROWS.slice();
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  return ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}

/** Input shape of a row: `[batch, time, ...rest]`. */
export function inputShape(row: RowSpec): number[] {
  return [row.batch, row.time, ...row.rest];
}
