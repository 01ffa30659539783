import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { averagePooling3d, averagePooling3dPlugin } from './average-pooling3d.js';

describe('AveragePooling3D', () => {
  describePooling({
    rank: 3,
    create: (options = {}) => averagePooling3d(options),
    plugin: averagePooling3dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.averagePooling3d(options),
    prefix: 'average_pooling3d',
    factory: 'averagePooling3d',
  });
});

describe("AveragePooling3D with 'same' padding", () => {
  it('divides by the input values under the window, not the window size (as TensorFlow)', () => {
    // Depth 3, height 2: the second window along depth holds only the last plane, 5 and 6.
    const x = tf.reshape(tf.range(1, 7), [1, 3, 2, 1, 1]);
    const y = averagePooling3d({ poolSize: 2, padding: 'same' }).apply(x);
    expect(y.shape).toEqual([1, 2, 1, 1, 1]);
    expect(Array.from(y.dataSync())).toEqual([2.5, 5.5]);
  });
});
