import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import {
  globalAveragePooling3d,
  globalAveragePooling3dPlugin,
} from './global-average-pooling3d.js';

describe('GlobalAveragePooling3D', () => {
  describeGlobalPooling({
    rank: 3,
    create: (options = {}) => globalAveragePooling3d(options),
    plugin: globalAveragePooling3dPlugin as LayerPlugin<never>,
    // tfjs-layers has no 3-D global pooling: its 2-D layer has the same config keys.
    keysLike: () => tfl.layers.globalAveragePooling2d({}),
    prefix: 'global_average_pooling3d',
    factory: 'globalAveragePooling3d',
    reduce: (x, axes, keepDims) => tf.mean(x, axes, keepDims),
  });
});
