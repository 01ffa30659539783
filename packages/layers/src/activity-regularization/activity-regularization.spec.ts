import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradient functions
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, input, model, resetNames, timeDistributed } from '@framewise/core';
import { dense } from '../dense/dense.js';
import { expectConfigRoundTrip, spread } from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { activityRegularization, activityRegularizationPlugin } from './activity-regularization.js';

beforeEach(() => resetNames());

/** mse + (l1·Σ|h| + l2·Σh²) / divisor, worked on the host from the layer's input h. */
function expectedLoss(h: tf.Tensor, y: tf.Tensor, l1: number, l2: number, divisor: number): number {
  return tf.tidy(() => {
    const mse = tf.mean(tf.square(tf.sub(h, y))).dataSync()[0]!;
    const penalty =
      l1 * tf.sum(tf.abs(h)).dataSync()[0]! + l2 * tf.sum(tf.square(h)).dataSync()[0]!;
    return mse + penalty / divisor;
  });
}

describe('ActivityRegularization', () => {
  it('passes values through and adds (l1·Σ|x| + l2·Σx²) / batch to the loss', async () => {
    const x = input({ shape: [3] });
    const m = model({ inputs: x, outputs: activityRegularization({ l1: 0.01, l2: 0.1 }).apply(x) });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const xs = spread([4, 3]);
    const ys = spread([4, 3], 2);
    const out = m.predict(xs) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual(Array.from(xs.dataSync()));
    const logs = await m.evaluate(xs, ys);
    expect(logs['loss']).toBeCloseTo(expectedLoss(xs, ys, 0.01, 0.1, 4), 5);
    tf.dispose([xs, ys, out]);
  });

  it('inside TimeDistributed divides by batch · steps, as tf.keras 2 does on the merged call', async () => {
    const x = input({ shape: [5, 3] });
    const m = model({
      inputs: x,
      outputs: timeDistributed(activityRegularization({ l2: 0.5 })).apply(x),
    });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const xs = spread([2, 5, 3]);
    const ys = spread([2, 5, 3], 2);
    const logs = await m.evaluate(xs, ys);
    expect(logs['loss']).toBeCloseTo(expectedLoss(xs, ys, 0, 0.5, 10), 5);
    tf.dispose([xs, ys]);
  });

  it('moves the weights before it towards smaller activations when trained', async () => {
    const x = input({ shape: [3] });
    const d = dense({ units: 3, kernelInitializer: 'ones' });
    const m = model({ inputs: x, outputs: activityRegularization({ l2: 10 }).apply(d.apply(x)) });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const xs = spread([4, 3]);
    const before = tf.tidy(() => tf.sum(tf.abs(m.predict(xs) as tf.Tensor)).dataSync()[0]!);
    await m.trainOnBatch(xs, tf.zeros([4, 3]));
    const after = tf.tidy(() => tf.sum(tf.abs(m.predict(xs) as tf.Tensor)).dataSync()[0]!);
    expect(after).toBeLessThan(before);
    xs.dispose();
  });

  it('writes l1 and l2 only (Keras 2), reads them back, passes masks and leaks nothing', () => {
    const x = spread([2, 3, 4]);
    expectConfigRoundTrip(
      activityRegularization({ l1: 0.2, name: 'a' }),
      activityRegularizationPlugin,
      { l1: 0.2, l2: 0 },
      x,
    );
    expectPassesMask(activityRegularization(), x);
    expectNoLeak(() => activityRegularization({ l1: 1 }).apply(x));
    x.dispose();
  });

  it('refuses negative or non-number factors', () => {
    expect(() => activityRegularization({ l1: -1, name: 'a' })).toThrow(ConfigError);
    expect(() => activityRegularization({ l2: 'x' as never, name: 'a' })).toThrow(
      /^a: l2 must be a number ≥ 0/,
    );
  });
});
