import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import { globalMaxPooling2d, globalMaxPooling2dPlugin } from './global-max-pooling2d.js';

describe('GlobalMaxPooling2D', () => {
  describeGlobalPooling({
    rank: 2,
    create: (options = {}) => globalMaxPooling2d(options),
    plugin: globalMaxPooling2dPlugin as LayerPlugin<never>,
    reference: () => tfl.layers.globalMaxPooling2d({}),
    prefix: 'global_max_pooling2d',
    factory: 'globalMaxPooling2d',
    reduce: (x, axes, keepDims) => tf.max(x, axes, keepDims),
  });
});
