import * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, ShapeError, type Shape } from '@framewise/core';

/**
 * Where attention runs in inputs of one rank: over `attention` axes (jointly),
 * separately for every index of the `batch` axes. Axes count in the input
 * (`[batch, ...inner, features]`), so they lie in `1 .. rank - 2`.
 */
export interface AxesLayout {
  rank: number;
  attention: number[];
  batch: number[];
}

/** Keras 2's default: every inner axis (all but batch and features) is an attention axis. */
export function axesLayout(rank: number, axes: number[] | null, layerName: string): AxesLayout {
  const inner = Array.from({ length: rank - 2 }, (_, i) => i + 1);
  const attention = axes === null ? inner : [...new Set(axes)].sort((a, b) => a - b);
  const bad = attention.find((a) => !inner.includes(a));
  if (bad !== undefined || attention.length === 0) {
    throw new ShapeError(
      `attentionAxes ${JSON.stringify(axes)} must name inner axes of the rank-${rank} inputs ` +
        `(between 1 and ${rank - 2}; not the batch or the features)`,
      layerName,
    );
  }
  return { rank, attention, batch: inner.filter((a) => !attention.includes(a)) };
}

const product = (sizes: number[]): number => sizes.reduce((a, b) => a * b, 1);

/** Sizes of `axes` in `shape`. */
export function sizesAt(shape: readonly (number | null)[], axes: number[]): (number | null)[] {
  return axes.map((a) => shape[a] ?? null);
}

/** Checks that query, value and key share rank, batch sizes and that key and value share attention sizes. */
export function checkAxes(
  layout: AxesLayout,
  [query, value, key]: [Shape, Shape, Shape],
  layerName: string,
): void {
  const named: [string, Shape][] = [
    ['value', value],
    ['key', key],
  ];
  for (const [name, s] of named) {
    if (s.length !== layout.rank) {
      throw new ShapeError(
        `query and ${name} must have the same rank, received query ${formatShape(query)} and ${name} ${formatShape(s)}`,
        layerName,
      );
    }
  }
  const differ = (a: Shape, b: Shape, axes: number[]): boolean =>
    axes.some((i) => {
      const [x, y] = [a[i] ?? null, b[i] ?? null];
      return x !== null && y !== null && x !== y;
    });
  if (differ(query, value, layout.batch) || differ(query, key, layout.batch)) {
    throw new ShapeError(
      `axes ${JSON.stringify(layout.batch)} (not attended over) must have the same sizes in query, value and key, ` +
        `received ${formatShape(query)}, ${formatShape(value)}, ${formatShape(key)}`,
      layerName,
    );
  }
  if (differ(value, key, layout.attention)) {
    throw new ShapeError(
      `key and value must have the same number of steps, received value ${formatShape(value)} and key ${formatShape(key)}`,
      layerName,
    );
  }
}

/**
 * A projected input `[batch, ...inner, heads, size]` as `[batch, P, heads, T, size]`:
 * `P` indexes the batch axes, `T` the attention axes (flattened jointly).
 */
export function toHeads(x: tf.Tensor, layout: AxesLayout): tf.Tensor {
  const r = layout.rank;
  const perm = [0, ...layout.batch, r - 1, ...layout.attention, r];
  const s = x.shape;
  return tf.reshape(tf.transpose(x, perm), [
    at(s, 0, 'batch'),
    product(layout.batch.map((a) => at(s, a, 'axis size'))),
    at(s, r - 1, 'heads'),
    product(layout.attention.map((a) => at(s, a, 'axis size'))),
    at(s, r, 'head size'),
  ]);
}

/** The inverse of `toHeads` for the query's layout: `[batch, P, heads, T, size]` back to `[batch, ...inner, heads, size]`. */
export function fromHeads(x: tf.Tensor, queryShape: number[], layout: AxesLayout): tf.Tensor {
  const r = layout.rank;
  const perm = [0, ...layout.batch, r - 1, ...layout.attention, r];
  const grouped = [
    at(queryShape, 0, 'batch'),
    ...layout.batch.map((a) => at(queryShape, a, 'axis size')),
    at(x.shape, 2, 'heads'),
    ...layout.attention.map((a) => at(queryShape, a, 'axis size')),
    at(x.shape, 4, 'head size'),
  ];
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return tf.transpose(tf.reshape(x, grouped), inverse);
}

/** The scores' shape as Keras 2 gives them: `[batch, ...batch axes, heads, ...query attention axes, ...key attention axes]`. */
export function kerasScoresShape<T extends number | null>(
  query: readonly T[],
  key: readonly T[],
  heads: number,
  layout: AxesLayout,
): (T | number)[] {
  return [
    at(query, 0, 'batch'),
    ...layout.batch.map((a) => at(query, a, 'axis size')),
    heads,
    ...layout.attention.map((a) => at(query, a, 'axis size')),
    ...layout.attention.map((a) => at(key, a, 'axis size')),
  ];
}

/**
 * A mask in Keras 2's layout (Keras inserts axes before the attention axes
 * until it has the scores' rank), broadcast to the scores and flattened as
 * `toHeads` flattens them: `[batch, P, heads, Tq, Tk]`.
 */
export function flatMask(
  mask: tf.Tensor,
  kerasShape: number[],
  flatShape: number[],
  layout: AxesLayout,
): tf.Tensor {
  let m = tf.cast(mask, 'float32');
  while (m.rank < kerasShape.length) m = tf.expandDims(m, m.rank - 2 * layout.attention.length);
  return tf.reshape(tf.broadcastTo(m, kerasShape), flatShape);
}
