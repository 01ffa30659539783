import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePooling } from '../testing/pooling.test-helpers.js';
import { maxPooling1d, maxPooling1dPlugin } from './max-pooling1d.js';

describe('MaxPooling1D', () => {
  describePooling({
    rank: 1,
    create: (options = {}) => maxPooling1d(options),
    plugin: maxPooling1dPlugin as LayerPlugin<never>,
    reference: (options = {}) => tfl.layers.maxPooling1d(options),
    prefix: 'max_pooling1d',
    factory: 'maxPooling1d',
  });
});
