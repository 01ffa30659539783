import * as tf from '@tensorflow/tfjs-core';
import { input, model, timeDistributed, type Layer } from '@framewise/core';
import { maxAbsDiff } from './reference.test-helpers.js';

/**
 * For layers tfjs-layers lacks: `timeDistributed(layer)` with the reshape and
 * the loop strategies gives, at every time step of `data` (`[batch, time, ...step]`),
 * what the layer alone gives on that step, with the same weights. `openTime`
 * builds on an open time axis (layers that need every spatial size still work).
 */
export function expectTimeDistributedPerStep(
  make: () => Layer,
  data: tf.Tensor,
  tolerance = 1e-5,
): void {
  const [, time = 0, ...step] = data.shape;
  const x = input({ shape: [null, ...step] });
  const wrapped = (['reshape', 'loop'] as const).map((strategy) => {
    const td = timeDistributed(make(), { strategy });
    return { td, m: model({ inputs: x, outputs: td.apply(x) }) };
  });
  const [first, second] = wrapped;
  if (!first || !second) throw new Error('two strategies expected');
  second.td.setWeights(first.td.getWeights());
  const outputs = wrapped.map(({ m }) => m.predict(data) as tf.Tensor);
  const alone = make();
  for (let t = 0; t < time; t++) {
    const stepIn = tf.squeeze(tf.slice(data, [0, t], [-1, 1]), [1]);
    if (t === 0) {
      tf.dispose(alone.apply(stepIn) as tf.Tensor);
      alone.setWeights(first.td.getWeights());
    }
    const expected = alone.apply(stepIn) as tf.Tensor;
    for (const out of outputs) {
      const got = tf.squeeze(tf.slice(out, [0, t], [-1, 1]), [1]);
      expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(tolerance);
      got.dispose();
    }
    tf.dispose([stepIn, expected]);
  }
  tf.dispose(outputs);
}
