import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Layer } from '@framewise/core';

/** Largest absolute difference between two tensors of the same shape. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/**
 * tfjs-layers' own TimeDistributed around `inner`, built for `[null, ...stepShape]`
 * steps with an open or fixed time axis, holding the weights of a Framewise layer.
 */
export function referenceTimeDistributed(
  inner: tfl.layers.Layer,
  timeAndStepShape: (number | null)[],
  weightsFrom: Layer,
): tfl.LayersModel {
  const m = tfl.sequential({
    layers: [
      tfl.layers.timeDistributed({ layer: inner, inputShape: timeAndStepShape as number[] }),
    ],
  });
  m.setWeights(weightsFrom.getWeights());
  return m;
}

/** Runs a tfjs-layers layer alone on `x` with the weights of a Framewise layer. */
export function referenceApply(
  inner: tfl.layers.Layer,
  x: tf.Tensor,
  weightsFrom: Layer,
): tf.Tensor {
  inner.build(x.shape);
  inner.setWeights(weightsFrom.getWeights());
  return inner.apply(x) as tf.Tensor;
}
