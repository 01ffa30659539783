import * as tf from '@tensorflow/tfjs-core';
import { input, model, timeDistributed, type Layer } from '@framewise/core';
import { maxAbsDiff } from './reference.test-helpers.js';

// Checks for the weightless reshaping layers tfjs-layers lacks (3-D pooling and
// global pooling, cropping, 1-D/3-D padding and up-sampling): where no
// tfjs-layers TimeDistributed can be the reference, the layer applied to each
// step on its own is.

/**
 * `timeDistributed(ours)` with the reshape and the loop strategies, built on
 * an open time axis, equals `ours` applied to each step of `data`
 * (`[batch, time, ...step]`) and stacked along axis 1.
 */
export function expectTimeDistributedPerStep(
  makeOurs: () => Layer,
  data: tf.Tensor,
  tolerance = 1e-6,
): void {
  const step = data.shape.slice(2);
  const x = input({ shape: [null, ...step] });
  const [merged, looped] = (['reshape', 'loop'] as const).map((strategy) =>
    model({ inputs: x, outputs: timeDistributed(makeOurs(), { strategy }).apply(x) }).predict(data),
  ) as [tf.Tensor, tf.Tensor];
  const layer = makeOurs();
  const expected = tf.tidy(() =>
    tf.stack(
      tf.unstack(data, 1).map((slice) => layer.apply(slice) as tf.Tensor),
      1,
    ),
  );
  expect(maxAbsDiff(merged, looped)).toBeLessThanOrEqual(tolerance);
  expect(maxAbsDiff(merged, expected)).toBeLessThanOrEqual(tolerance);
  tf.dispose([expected, merged, looped]);
}
