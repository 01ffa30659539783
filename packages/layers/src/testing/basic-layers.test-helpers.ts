import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  Layer,
  model,
  timeDistributed,
  type CallOptions,
  type Masks,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { maxAbsDiff, referenceTimeDistributed } from './reference.test-helpers.js';

// Helpers for the specs of the weightless and merge layers (Flatten, Dropout, Add ...).

const toSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The keys tfjs-layers writes in a layer's config, in Keras' snake_case,
 * sorted; `dtype` added where tfjs-layers leaves it out (Keras always writes it).
 */
export function referenceConfigKeys(layer: tfl.layers.Layer): string[] {
  const keys = new Set(Object.keys(layer.getConfig()).map(toSnake));
  keys.add('dtype');
  return [...keys].sort();
}

/** Runs `fn` (and disposes what it returns) a few times; the number of live tensors must not grow. */
export function expectNoLeak(fn: () => tf.Tensor | tf.Tensor[]): void {
  tf.dispose(fn());
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) tf.dispose(fn());
  expect(tf.memory().numTensors).toBe(before);
}

/** Passes its input on and records the mask it was called with (masks live only during the call). */
export class MaskRecorder extends Layer {
  static override readonly className = 'MaskRecorder';
  lastMask: { shape: number[]; values: boolean[] } | null = null;

  constructor() {
    super({});
    this.supportsMasking = true;
  }
  override computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  override call(inputs: Tensors, options: CallOptions): Tensors {
    const mask = options.mask as tf.Tensor | null | undefined;
    this.lastMask = mask
      ? { shape: mask.shape, values: Array.from(mask.dataSync()).map(Boolean) }
      : null;
    return tf.clone(inputs as tf.Tensor);
  }
}

/** The values of a bool tensor as booleans (nested arrays flattened). */
export function boolValues(t: tf.Tensor): boolean[] {
  return Array.from(t.dataSync()).map(Boolean);
}

/**
 * Runs `data` (`[batch, time, ...step]`) through TimeDistributed(layer) with the
 * `reshape` and `loop` strategies, on a model built with an open time axis, and
 * through tfjs-layers' own TimeDistributed; all three must agree.
 */
export function expectTimeDistributedMatches(
  makeLayer: () => Layer,
  makeReference: () => tfl.layers.Layer,
  data: tf.Tensor,
  tolerance = 1e-5,
): void {
  const stepShape = data.shape.slice(2);
  const x = input({ shape: [null, ...stepShape] });
  const models = (['reshape', 'loop'] as const).map((strategy) =>
    model({ inputs: x, outputs: timeDistributed(makeLayer(), { strategy }).apply(x) }),
  );
  const weights = models[0]!.layers[1]!;
  models[1]!.layers[1]!.setWeights(weights.getWeights());
  const reference = referenceTimeDistributed(makeReference(), [null, ...stepShape], weights);
  const expected = reference.predict(data) as tf.Tensor;
  const [merged, looped] = models.map((m) => m.predict(data) as tf.Tensor);
  expect(merged!.shape).toEqual(expected.shape);
  expect(maxAbsDiff(merged!, looped!)).toBeLessThanOrEqual(tolerance);
  expect(maxAbsDiff(merged!, expected)).toBeLessThanOrEqual(tolerance);
  tf.dispose([expected, merged!, looped!]);
  reference.dispose();
}

/** Same mask passed on unchanged: for layers that only forward masks. */
export function expectPassesMask(layer: Layer, x: tf.Tensor): void {
  const mask = tf.tensor(
    Array.from({ length: x.shape[0]! * x.shape[1]! }, (_, i) => i % 3 !== 0),
    x.shape.slice(0, 2),
    'bool',
  );
  const out = layer.computeMask(x, mask as Masks) as tf.Tensor;
  expect(boolValues(out)).toEqual(boolValues(mask));
  mask.dispose();
}
