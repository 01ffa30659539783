import * as tf from '@tensorflow/tfjs-core';
import { at } from './checked.js';

/** Runs a model's graph on some inputs (and their masks); gives its outputs. */
export type GraphRun = (inputs: tf.Tensor[], masks?: (tf.Tensor | null)[]) => tf.Tensor[];

/**
 * `predict`'s `batchSize`: runs the graph on consecutive slices of at most
 * `batchSize` samples and joins each output along the batch axis, so that
 * peak memory follows the slice, not the whole input. With no `batchSize`, or
 * one that covers every sample, the graph runs once. Call inside `tf.tidy`.
 */
export function predictInBatches(
  run: GraphRun,
  inputs: tf.Tensor[],
  masks: (tf.Tensor | null)[] | undefined,
  batchSize: number | undefined,
  outputCount: number,
): tf.Tensor[] {
  const n = at(inputs, 0, 'model input').shape[0] ?? 1;
  if (batchSize === undefined || batchSize >= n) return run(inputs, masks);
  const parts: tf.Tensor[][] = [];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const cut = (t: tf.Tensor): tf.Tensor => tf.slice(t, start, size);
    parts.push(
      run(
        inputs.map(cut),
        masks?.map((m) => (m ? cut(m) : null)),
      ),
    );
  }
  return Array.from({ length: outputCount }, (_, i) =>
    tf.concat(
      parts.map((p) => at(p, i, 'output of a batch')),
      0,
    ),
  );
}
