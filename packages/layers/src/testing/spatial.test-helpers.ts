import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  timeDistributed,
  type Layer,
  type LayerPlugin,
  type Shape,
} from '@framewise/core';
import { maxAbsDiff, referenceTimeDistributed } from './reference.test-helpers.js';

// Checks shared by the convolution, pooling, padding and resampling specs.

const toSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Our output shapes equal tfjs-layers' for each input shape (`null` sizes included). */
export function expectSameOutputShapes(ours: Layer, ref: tfl.layers.Layer, shapes: Shape[]): void {
  for (const shape of shapes) {
    expect(ours.computeOutputShape(shape)).toEqual(ref.computeOutputShape(shape as number[]));
  }
}

/**
 * Our Keras config has tfjs-layers' keys (snake_cased) plus `dtype` and the
 * Keras-only keys named in `kerasOnly`, and nothing else.
 */
export function expectKerasKeys(ours: Layer, ref: tfl.layers.Layer, kerasOnly: string[]): void {
  const theirs = Object.keys(ref.getConfig()).map(toSnake);
  const expected = [...new Set([...theirs, 'dtype', ...kerasOnly])].sort();
  expect(Object.keys(ours.getConfig()).sort()).toEqual(expected);
}

/** getConfig → JSON → plugin.fromConfig → the same getConfig. */
export function expectConfigRoundTrip(layer: Layer, plugin: LayerPlugin<never>): void {
  const config = layer.getConfig();
  expect(plugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
}

/** The number of live tensors is the same after more calls of `run` (its result disposed). */
export function expectNoLeak(run: () => tf.Tensor): void {
  run().dispose();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) run().dispose();
  expect(tf.memory().numTensors).toBe(before);
}

/**
 * `timeDistributed(ours)` with the reshape and the loop strategies, built on an
 * open time axis, gives tfjs-layers' own TimeDistributed numbers on `data`
 * (`[batch, time, ...step]`), within `tolerance`.
 */
export function expectTimeDistributedMatches(
  makeOurs: () => Layer,
  ref: tfl.layers.Layer,
  data: tf.Tensor,
  tolerance = 1e-5,
): void {
  const step = data.shape.slice(2);
  const x = input({ shape: [null, ...step] });
  const models = (['reshape', 'loop'] as const).map((strategy) =>
    model({ inputs: x, outputs: timeDistributed(makeOurs(), { strategy }).apply(x) }),
  );
  const weights = models[0]!.layers[1]!.getWeights();
  models[1]!.layers[1]!.setWeights(weights);
  const reference = referenceTimeDistributed(ref, [null, ...step], models[0]!.layers[1]!);
  const expected = reference.predict(data) as tf.Tensor;
  const [merged, looped] = models.map((m) => m.predict(data) as tf.Tensor);
  expect(maxAbsDiff(merged!, looped!)).toBeLessThanOrEqual(tolerance);
  expect(maxAbsDiff(merged!, expected)).toBeLessThanOrEqual(tolerance);
  tf.dispose([expected, merged!, looped!]);
}
