import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import {
  globalAveragePooling2d,
  globalAveragePooling2dPlugin,
} from './global-average-pooling2d.js';

describe('GlobalAveragePooling2D', () => {
  describeGlobalPooling({
    rank: 2,
    create: (options = {}) => globalAveragePooling2d(options),
    plugin: globalAveragePooling2dPlugin as LayerPlugin<never>,
    reference: () => tfl.layers.globalAveragePooling2d({}),
    prefix: 'global_average_pooling2d',
    factory: 'globalAveragePooling2d',
    reduce: (x, axes, keepDims) => tf.mean(x, axes, keepDims),
  });
});
