import * as tf from '@tensorflow/tfjs-core';
import { at } from '../checked.js';
import { ConfigError, ShapeError } from '../errors.js';
import type { Model } from '../model.js';
import { formatShape, shapesCompatible } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';

/** Model inputs or targets: one tensor, one per input/output in order, or a map by layer name. */
export type TensorData = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>;

/** Inputs, targets and optional sample weights with one batch axis of `size` samples. */
export interface Dataset {
  readonly xs: tf.Tensor[];
  readonly ys: tf.Tensor[];
  readonly sampleWeight: tf.Tensor | null;
  readonly size: number;
}

function toList(
  data: TensorData,
  ends: SymbolicTensor[],
  what: 'x' | 'y',
  where: string,
): tf.Tensor[] {
  const names = ends.map((t) => t.sourceLayer.name);
  let list: unknown[];
  if (data instanceof tf.Tensor) list = [data];
  else if (Array.isArray(data)) list = data;
  else if (data !== null && typeof data === 'object') {
    const missing = names.filter((n) => !Object.hasOwn(data, n));
    if (missing.length > 0) {
      throw new ConfigError(
        `${what}: no tensor for ${missing.join(', ')}; the model's ${what === 'x' ? 'inputs' : 'outputs'} are ${names.join(', ')}`,
        where,
      );
    }
    list = names.map((n) => data[n]);
  } else {
    throw new ShapeError(
      `${what} must be a tf.Tensor, a list or a map of them, received ${String(data)}`,
      where,
    );
  }
  if (list.length !== ends.length) {
    throw new ShapeError(
      `${what}: the model has ${ends.length} ${what === 'x' ? 'input' : 'output'}(s) (${names.join(', ')}), received ${list.length} tensor(s)`,
      where,
    );
  }
  list.forEach((t, i) => {
    if (!(t instanceof tf.Tensor)) {
      throw new ShapeError(`${what}[${i}] must be a tf.Tensor, received ${String(t)}`, where);
    }
  });
  return list as tf.Tensor[];
}

/**
 * Checks inputs, targets and sample weights against the model and one another
 * (counts, batch sizes, input shapes) without allocating anything.
 */
export function toDataset(
  model: Model,
  x: TensorData,
  y: TensorData,
  sampleWeight: tf.Tensor | undefined | null,
): Dataset {
  const where = model.name;
  const xs = toList(x, model.inputs, 'x', where);
  const ys = toList(y, model.outputs, 'y', where);
  xs.forEach((t, i) => {
    const input = at(model.inputs, i, 'model input');
    const expected = input.shape;
    if (!shapesCompatible(t.shape, expected)) {
      throw new ShapeError(
        `x[${i}] (${input.sourceLayer.name}): expected shape ${formatShape(expected)}, received ${formatShape(t.shape)}`,
        where,
      );
    }
  });
  const size = at(at(xs, 0, 'x').shape, 0, 'batch size of x[0]');
  const all: [string, tf.Tensor][] = [
    ...xs.map((t, i): [string, tf.Tensor] => [`x[${i}]`, t]),
    ...ys.map((t, i): [string, tf.Tensor] => [`y[${i}]`, t]),
  ];
  if (sampleWeight !== undefined && sampleWeight !== null) {
    if (!(sampleWeight instanceof tf.Tensor) || sampleWeight.rank < 1) {
      throw new ShapeError(
        `sampleWeight must be a tf.Tensor [batch] or [batch, time], received ${String(sampleWeight)}`,
        where,
      );
    }
    all.push(['sampleWeight', sampleWeight]);
  }
  const bad = all.filter(([, t]) => t.rank === 0 || t.shape[0] !== size);
  if (bad.length > 0) {
    throw new ShapeError(
      `every tensor needs the same number of samples on axis 0; ` +
        all.map(([n, t]) => `${n}: ${t.rank === 0 ? 'a scalar' : t.shape[0]}`).join(', '),
      where,
    );
  }
  return { xs, ys, sampleWeight: sampleWeight ?? null, size };
}

/** Rows `[start, start + count)` of every tensor (new tensors). */
export function sliceDataset(d: Dataset, start: number, count: number): Dataset {
  const cut = (t: tf.Tensor): tf.Tensor => tf.slice(t, start, count);
  return {
    xs: d.xs.map(cut),
    ys: d.ys.map(cut),
    sampleWeight: d.sampleWeight === null ? null : cut(d.sampleWeight),
    size: count,
  };
}

/** The rows at `indices` of every tensor (new tensors). */
export function gatherDataset(d: Dataset, indices: Int32Array): Dataset {
  const all = [...d.xs, ...d.ys, ...(d.sampleWeight ? [d.sampleWeight] : [])];
  const picked = tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    return all.map((t) => tf.gather(t, idx));
  });
  return {
    xs: picked.slice(0, d.xs.length),
    ys: picked.slice(d.xs.length, d.xs.length + d.ys.length),
    sampleWeight: picked[d.xs.length + d.ys.length] ?? null,
    size: indices.length,
  };
}

/** Frees the tensors of a dataset made by `sliceDataset`/`gatherDataset`. */
export function disposeDataset(d: Dataset): void {
  tf.dispose([...d.xs, ...d.ys, ...(d.sampleWeight ? [d.sampleWeight] : [])]);
}

/**
 * Keras' `validationSplit`: the last `fraction` of the samples, taken before
 * any shuffling, becomes the validation set.
 */
export function splitValidation(
  d: Dataset,
  fraction: number,
  where?: string,
): { train: Dataset; validation: Dataset } {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) {
    throw new ConfigError(
      `validationSplit must be a number in (0, 1), received ${String(fraction)}`,
      where,
    );
  }
  const at = Math.floor(d.size * (1 - fraction));
  if (at < 1 || at >= d.size) {
    throw new ConfigError(
      `validationSplit ${fraction} of ${d.size} samples leaves ${at} for training and ${d.size - at} for validation; both need at least one`,
      where,
    );
  }
  return { train: sliceDataset(d, 0, at), validation: sliceDataset(d, at, d.size - at) };
}

/** `0 .. n-1` in an order drawn from `random` (Fisher–Yates). */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = at(out, i, 'index');
    out[i] = at(out, j, 'index');
    out[j] = t;
  }
  return out;
}

/** Checks a batch size option (positive integer); undefined gives Keras' 32. */
export function checkBatchSize(batchSize: number | undefined, where?: string): number {
  const b = batchSize ?? 32;
  if (!(Number.isInteger(b) && b > 0)) {
    throw new ConfigError(
      `batchSize must be a positive integer, received ${String(batchSize)}`,
      where,
    );
  }
  return b;
}
