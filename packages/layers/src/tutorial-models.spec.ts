import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, resetNames, timeDistributed } from '@framewise/core';
import { conv2d, dense } from './index.js';
import { maxAbsDiff, referenceTimeDistributed } from './testing/reference.test-helpers.js';

// The two models of the blog tutorial "[Keras] Understanding and using TimeDistributed",
// whose figures (90 and 896 parameters, Keras 2.2's summary table) Framewise must match.
beforeEach(() => resetNames());

describe('tutorial: TimeDistributed(Dense(10)) on (12, 8)', () => {
  it('has 90 parameters, output (None, 12, 10), and tfjs-layers numbers', () => {
    const x = input({ shape: [12, 8] });
    const y = timeDistributed(dense({ units: 10 })).apply(x);
    const m = model({ inputs: x, outputs: y });
    expect(m.countParams()).toBe(90);
    expect(y.shape).toEqual([null, 12, 10]);
    const data = tf.randomNormal([4, 12, 8]);
    const reference = referenceTimeDistributed(
      tfl.layers.dense({ units: 10 }),
      [12, 8],
      m.layers[1]!,
    );
    expect(
      maxAbsDiff(m.predict(data) as tf.Tensor, reference.predict(data) as tf.Tensor),
    ).toBeLessThanOrEqual(1e-5);
  });

  it('equals Dense applied directly to the 3-D input: Dense contracts only the last axis', () => {
    const x = input({ shape: [12, 8] });
    const inner = dense({ units: 10 });
    const wrapped = model({ inputs: x, outputs: timeDistributed(inner).apply(x) });
    const direct = dense({ units: 10 });
    const plain = model({ inputs: x, outputs: direct.apply(x) });
    direct.setWeights(inner.getWeights());
    expect(plain.countParams()).toBe(90);
    expect(plain.outputs[0]!.shape).toEqual([null, 12, 10]);
    const data = tf.randomNormal([4, 12, 8]);
    expect(
      maxAbsDiff(plain.predict(data) as tf.Tensor, wrapped.predict(data) as tf.Tensor),
    ).toBeLessThanOrEqual(1e-6);
  });
});

describe('tutorial: TimeDistributed(Conv2D(32, 3×3, same)) on (12, 32, 32, 3)', () => {
  it('has 896 parameters whatever the number of steps, output (None, 12, 32, 32, 32), and tfjs-layers numbers', () => {
    for (const steps of [12, 1, 50]) {
      resetNames();
      const x = input({ shape: [steps, 32, 32, 3] });
      const y = timeDistributed(conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' })).apply(
        x,
      );
      expect(model({ inputs: x, outputs: y }).countParams()).toBe(896);
      expect(y.shape).toEqual([null, steps, 32, 32, 32]);
    }
    const x = input({ shape: [12, 32, 32, 3] });
    const m = model({
      inputs: x,
      outputs: timeDistributed(conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' })).apply(
        x,
      ),
    });
    const reference = referenceTimeDistributed(
      tfl.layers.conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' }),
      [12, 32, 32, 3],
      m.layers[1]!,
    );
    const data = tf.randomNormal([2, 12, 32, 32, 3]);
    expect(
      maxAbsDiff(m.predict(data) as tf.Tensor, reference.predict(data) as tf.Tensor),
    ).toBeLessThanOrEqual(1e-5);
  });
});
