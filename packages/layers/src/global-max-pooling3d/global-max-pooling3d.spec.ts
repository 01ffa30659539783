import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import { globalMaxPooling3d, globalMaxPooling3dPlugin } from './global-max-pooling3d.js';

describe('GlobalMaxPooling3D', () => {
  describeGlobalPooling({
    rank: 3,
    create: (options = {}) => globalMaxPooling3d(options),
    plugin: globalMaxPooling3dPlugin as LayerPlugin<never>,
    // tfjs-layers has no 3-D global pooling: its 2-D layer has the same config keys.
    keysLike: () => tfl.layers.globalMaxPooling2d({}),
    prefix: 'global_max_pooling3d',
    factory: 'globalMaxPooling3d',
    reduce: (x, axes, keepDims) => tf.max(x, axes, keepDims),
  });
});
