/** The benchmark cases: one inner layer over `[batch, time, ...rest]`. */

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
}

/** The rows of the issue, in table order. */
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
];

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
