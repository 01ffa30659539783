import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describeGlobalPooling } from '../testing/pooling.test-helpers.js';
import { globalMaxPooling1d, globalMaxPooling1dPlugin } from './global-max-pooling1d.js';

describe('GlobalMaxPooling1D', () => {
  describeGlobalPooling({
    rank: 1,
    create: (options = {}) => globalMaxPooling1d(options),
    plugin: globalMaxPooling1dPlugin as LayerPlugin<never>,
    reference: () => tfl.layers.globalMaxPooling1d({}),
    prefix: 'global_max_pooling1d',
    factory: 'globalMaxPooling1d',
    reduce: (x, axes, keepDims) => tf.max(x, axes, keepDims),
  });
});

describe('GlobalMaxPooling1D with a mask', () => {
  it("does not read it (nor does Keras'): masked steps take part in the maximum", () => {
    const x = tf.tensor3d([[[1], [5], [3]]]);
    const mask = tf.tensor2d([[true, false, true]], undefined, 'bool');
    expect(globalMaxPooling1d().apply(x, { mask }).arraySync()).toEqual([[5]]);
  });
});
