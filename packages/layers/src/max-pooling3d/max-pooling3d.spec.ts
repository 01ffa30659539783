import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { maxPooling3d, maxPooling3dPlugin } from './max-pooling3d.js';

describe('MaxPooling3D', () => {
  describePooling({
    rank: 3,
    create: (options = {}) => maxPooling3d(options),
    plugin: maxPooling3dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.maxPooling3d(options),
    prefix: 'max_pooling3d',
    factory: 'maxPooling3d',
  });
});
