// tfjs-layers' LSTM and GRU initialise their recurrent kernels with chained tensor methods
// (`rMat.flatten()`), which only the umbrella package registers; it shares the one tfjs-core.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Layer } from '@framewise/core';

/**
 * Runs a tfjs-layers recurrent layer on `x` with a Framewise layer's weights.
 * tfjs' RNN layers build in `apply` only (a direct `build` then `apply` makes
 * the weights twice), so the first call builds and the second computes.
 * `kwargs` are tfjs' (`mask`, `initialState`).
 */
export function referenceRecurrent(
  ref: tfl.layers.Layer,
  x: tf.Tensor,
  weightsFrom: Layer,
  kwargs: Record<string, unknown> = {},
): tf.Tensor[] {
  // Fresh kwargs per call: tfjs' Bidirectional overwrites their initialState.
  tf.dispose(ref.apply(x, { ...kwargs }) as tf.Tensor | tf.Tensor[]);
  ref.setWeights(weightsFrom.getWeights());
  const y = ref.apply(x, { ...kwargs }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(y) ? y : [y];
}

/** A tensor list from one tensor or several. */
export function asList(y: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(y) ? y : [y];
}

/** A `[batch, time]` bool mask with some steps off in every sample (the first step of sample 0 too). */
export function sampleMask(batch: number, time: number): tf.Tensor2D {
  const values = Array.from({ length: batch * time }, (_, i) => {
    const b = Math.floor(i / time);
    const t = i % time;
    return !(t === (b * 2 + 1) % time || (b === 0 && t === 0) || (b === 1 && t === time - 1));
  });
  return tf.tensor2d(values, [batch, time], 'bool');
}

/** tfjs-layers' camelCase config keys, in Keras' snake_case. */
export function snakeKeys(config: object): string[] {
  return Object.keys(config)
    .map((k) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .sort();
}
