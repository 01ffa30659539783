/**
 * The training-step rows: one sgd step (forward in training mode, backward,
 * update) of a one-layer model `timeDistributed(inner)` on `[batch, time, ...rest]`
 * with a mean-squared-error loss, Framewise against tfjs-layers' TimeDistributed.
 */
import type { RowKind } from '@framewise/bench';

export interface TrainRowSpec {
  /** Stable id, used by `--rows` (every training id starts with `train-`). */
  id: string;
  label: string;
  kind: RowKind;
  batch: number;
  time: number;
  /** One step without the batch: `[features]` or `[height, width, channels]`. */
  rest: number[];
  /** Dense units or Conv2D filters. */
  units: number;
  /** At most this many timed tfjs-layers steps (its per-step loop runs forward and backward). */
  tfjsLayersMaxReps?: number;
}

/** sgd's learning rate on every side of every row. */
export const LEARNING_RATE = 0.01;

/** The training rows, in table order: the forward rows' shapes, so the two tables read together. */
export const TRAIN_ROWS: readonly TrainRowSpec[] = [
  {
    id: 'train-dense-32x12-8to10',
    label: 'train step: Dense b32 t12 8→10',
    kind: 'dense',
    batch: 32,
    time: 12,
    rest: [8],
    units: 10,
  },
  {
    id: 'train-dense-8x1000-64to64',
    label: 'train step: Dense b8 t1000 64→64',
    kind: 'dense',
    batch: 8,
    time: 1000,
    rest: [64],
    units: 64,
    tfjsLayersMaxReps: 5,
  },
  {
    // Smaller than the forward Conv2D rows: the pure-JS cpu backend's Conv2D gradients took
    // 24 s per step at b8 t12 32×32×3→32 on the 2-core machine of docs/benchmarks.md.
    id: 'train-conv2d-4x8-16x16x3to8',
    label: 'train step: Conv2D 3×3 b4 t8 16×16×3→8',
    kind: 'conv2d',
    batch: 4,
    time: 8,
    rest: [16, 16, 3],
    units: 8,
  },
];

/**
 * Training rows whose id contains one of the comma-separated filters that name training rows
 * (`train`, `train-dense` ...); all when there is no filter. Filters for the forward rows
 * (`dense`, `conv2d-2x64`) leave the training rows out, as they did before these rows existed.
 */
export function selectTrainRows(filter: string | undefined): TrainRowSpec[] {
  if (filter === undefined || filter.trim() === '') return TRAIN_ROWS.slice();
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.startsWith('train'));
  return TRAIN_ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}

/** `[batch, time, ...rest]`. */
export function trainInputShape(row: TrainRowSpec): number[] {
  return [row.batch, row.time, ...row.rest];
}
