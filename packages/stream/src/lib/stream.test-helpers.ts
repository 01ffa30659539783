import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@framewise/core';
import { streamModel, type StreamOptions } from './stream-model.js';

/** Seeded frames `[batch, time, ...frame]` in [-1, 1). */
export function frames(shape: number[], seed = 7): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Largest absolute difference between two tensors. */
export function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Infinity);
}

/**
 * Pushes `x` in chunks of `chunk` steps and returns, for each step t, the
 * largest difference between the stream's output and `reference(t)`.
 */
export function streamDiffs(
  model: Model,
  x: tf.Tensor,
  reference: (t: number) => tf.Tensor,
  options: StreamOptions = {},
  chunk = 1,
): number[] {
  const stream = streamModel(model, options);
  const time = x.shape[1] as number;
  const diffs: number[] = [];
  for (let start = 0; start < time; start += chunk) {
    const n = Math.min(chunk, time - start);
    const part = tf.slice(x, [0, start], [-1, n]);
    const out = stream.push(chunk === 1 ? tf.squeeze(part, [1]) : part) as tf.Tensor;
    for (let s = 0; s < n; s++) {
      const step = tf.squeeze(tf.slice(out, [0, s], [-1, 1]), [1]);
      const ref = reference(start + s);
      diffs.push(maxDiff(step, ref));
      tf.dispose([step, ref]);
    }
    tf.dispose([part, out]);
  }
  stream.dispose();
  return diffs;
}

/** `predict` on steps 0..t; for a sequence output, its step t. */
export function predictPrefix(model: Model, x: tf.Tensor, sequenceOutput: boolean) {
  return (t: number): tf.Tensor =>
    tf.tidy(() => {
      const y = model.predict(tf.slice(x, [0, 0], [-1, t + 1])) as tf.Tensor;
      return sequenceOutput ? tf.squeeze(tf.slice(y, [0, t], [-1, 1]), [1]) : y;
    });
}
