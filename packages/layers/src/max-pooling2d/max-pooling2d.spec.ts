import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { maxPooling2d, maxPooling2dPlugin } from './max-pooling2d.js';

describe('MaxPooling2D', () => {
  describePooling({
    rank: 2,
    create: (options = {}) => maxPooling2d(options),
    plugin: maxPooling2dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.maxPooling2d(options),
    prefix: 'max_pooling2d',
    factory: 'maxPooling2d',
  });
});
