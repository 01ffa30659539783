import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { averagePooling2d, averagePooling2dPlugin } from './average-pooling2d.js';

describe('AveragePooling2D', () => {
  describePooling({
    rank: 2,
    create: (options = {}) => averagePooling2d(options),
    plugin: averagePooling2dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.averagePooling2d(options),
    prefix: 'average_pooling2d',
    factory: 'averagePooling2d',
  });
});

describe("AveragePooling2D with 'same' padding", () => {
  it('divides by the input values under the window, not the window size (as TensorFlow)', () => {
    const x = tf.reshape(tf.range(1, 10), [1, 3, 3, 1]);
    const y = averagePooling2d({ poolSize: 2, padding: 'same' }).apply(x);
    expect(Array.from(y.dataSync())).toEqual([3, 4.5, 7.5, 9]);
  });
});
