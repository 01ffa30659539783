import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { timeDistributed, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import {
  globalAveragePooling1d,
  globalAveragePooling1dPlugin,
} from './global-average-pooling1d.js';

describe('GlobalAveragePooling1D', () => {
  describeGlobalPooling({
    rank: 1,
    create: (options = {}) => globalAveragePooling1d(options),
    plugin: globalAveragePooling1dPlugin as LayerPlugin<never>,
    reference: () => tfl.layers.globalAveragePooling1d({}),
    prefix: 'global_average_pooling1d',
    factory: 'globalAveragePooling1d',
    reduce: (x, axes, keepDims) => tf.mean(x, axes, keepDims),
  });
});

describe('GlobalAveragePooling1D with a mask', () => {
  const x = tf.tensor3d([
    [
      [1, 10],
      [3, 30],
      [100, 1000],
    ],
    [
      [2, 20],
      [4, 40],
      [6, 60],
    ],
  ]);

  it('averages the unmasked steps of a [batch, steps] mask, as Keras does', () => {
    const mask = tf.tensor2d(
      [
        [true, true, false],
        [true, true, true],
      ],
      undefined,
      'bool',
    );
    const layer = globalAveragePooling1d();
    expect(layer.apply(x, { mask }).arraySync()).toEqual([
      [2, 20],
      [4, 40],
    ]);
    expect(globalAveragePooling1d({ keepdims: true }).apply(x, { mask }).shape).toEqual([2, 1, 2]);
    expect(layer.computeMask(x, mask)).toBeNull();
  });

  it('is not changed by a per-sample mask, as a TimeDistributed wrapper passes on', () => {
    const perSample = tf.tensor1d([true, false], 'bool');
    const layer = globalAveragePooling1d();
    expect(layer.apply(x, { mask: perSample }).arraySync()).toEqual(layer.apply(x).arraySync());
    const steps = tf.randomNormal([2, 3, 4, 2]);
    const td = timeDistributed(globalAveragePooling1d());
    const timeMask = tf.tensor2d(
      [
        [true, false, true],
        [true, true, false],
      ],
      undefined,
      'bool',
    );
    expect(maxAbsDiff(td.apply(steps, { mask: timeMask }), tf.mean(steps, 2))).toBeLessThanOrEqual(
      1e-6,
    );
  });
});
