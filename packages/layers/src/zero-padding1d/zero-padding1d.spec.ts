import * as tf from '@tensorflow/tfjs-core';
import type { LayerPlugin } from '@framewise/core';
import { describePadCrop } from '../testing/pad-crop.test-helpers.js';
import { zeroPadding1d, zeroPadding1dPlugin } from './zero-padding1d.js';

describe('ZeroPadding1D', () => {
  describePadCrop({
    rank: 1,
    mode: 'pad',
    create: (options = {}) => zeroPadding1d(options),
    plugin: zeroPadding1dPlugin as LayerPlugin<never>,
    prefix: 'zero_padding1d',
    factory: 'zeroPadding1d',
    defaultConfig: [1, 1],
  });

  it('adds zero steps at each end, as Keras does (hand-worked)', () => {
    // Two steps of two channels; two zero steps before, one after.
    const x = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    const y = zeroPadding1d({ padding: [2, 1] }).apply(x);
    expect(y.arraySync()).toEqual([
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [3, 4],
        [0, 0],
      ],
    ]);
    expect(zeroPadding1d().computeOutputShape([null, 5, 3])).toEqual([null, 7, 3]);
  });
});
