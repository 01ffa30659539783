import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { averagePooling1d, averagePooling1dPlugin } from './average-pooling1d.js';

describe('AveragePooling1D', () => {
  describePooling({
    rank: 1,
    create: (options = {}) => averagePooling1d(options),
    plugin: averagePooling1dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.averagePooling1d(options),
    prefix: 'average_pooling1d',
    factory: 'averagePooling1d',
  });
});
