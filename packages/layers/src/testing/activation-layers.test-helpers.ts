import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Layer, LayerPlugin } from '@framewise/core';
import { referenceConfigKeys } from './basic-layers.test-helpers.js';
import { maxAbsDiff, referenceApply } from './reference.test-helpers.js';

// Helpers for the specs of the advanced activation and noise layers (ReLU, PReLU, Softmax ...).

/** Values spread over both signs and past the usual kinks (0, ±1, 6): N(0, 3²), seeded. */
export function spread(shape: number[], seed = 1): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), 3));
}

/** Our layer and tfjs-layers' on the same input (and weights) agree within `tolerance`. */
export function expectMatchesReference(
  ours: Layer,
  reference: tfl.layers.Layer,
  x: tf.Tensor,
  tolerance = 1e-6,
): void {
  const mine = ours.apply(x);
  const theirs = referenceApply(reference, x, ours);
  expect(maxAbsDiff(mine, theirs)).toBeLessThanOrEqual(tolerance);
  tf.dispose([mine, theirs]);
}

/**
 * The config survives JSON through the plugin (same config, same outputs on `x`),
 * equals `expected` (name, trainable and dtype added), and, given tfjs-layers' twin,
 * has the keys tfjs-layers writes.
 */
export function expectConfigRoundTrip<O>(
  layer: Layer,
  plugin: LayerPlugin<O>,
  expected: Record<string, unknown>,
  x: tf.Tensor,
  reference?: tfl.layers.Layer,
): void {
  const config = layer.getConfig();
  expect(config).toEqual({ name: layer.name, trainable: true, dtype: 'float32', ...expected });
  const copy = plugin.fromConfig(JSON.parse(JSON.stringify(config)) as Record<string, unknown>);
  expect(copy.getConfig()).toEqual(config);
  const a = layer.apply(x);
  copy.apply(x).dispose(); // builds the copy's weights
  copy.setWeights(layer.getWeights());
  const b = copy.apply(x);
  expect(maxAbsDiff(a, b)).toBe(0);
  tf.dispose([a, b]);
  if (reference) expect(Object.keys(config).sort()).toEqual(referenceConfigKeys(reference));
}

/** The values of `f` at each of `xs`, read back. */
export function valuesOf(layer: Layer, xs: number[]): number[] {
  return tf.tidy(() => Array.from(layer.apply(tf.tensor2d([xs])).dataSync()));
}

/** Mean and standard deviation of a tensor's values. */
export function moments(t: tf.Tensor): { mean: number; std: number } {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(t);
    return { mean: mean.dataSync()[0] ?? NaN, std: Math.sqrt(variance.dataSync()[0] ?? NaN) };
  });
}

/**
 * Runs `timeDistributed(make(), options)` in training on `x` (`[batch, time, ...]`) and
 * returns, per sample, whether step 0 and step 1 drew the same noise (compared through
 * `noiseOf(y)`, e.g. `y − x` or `y / x`).
 */
export function sameNoiseAcrossSteps(
  td: Layer,
  x: tf.Tensor,
  noiseOf: (y: tf.Tensor) => tf.Tensor,
): boolean {
  return tf.tidy(() => {
    const noise = noiseOf(td.apply(x, { training: true }));
    const [first, second] = tf.split(tf.slice(noise, [0, 0], [-1, 2]), 2, 1) as [
      tf.Tensor,
      tf.Tensor,
    ];
    return tf.max(tf.abs(tf.sub(first, second))).dataSync()[0] === 0;
  });
}
