import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePadCrop } from '../testing/pad-crop.test-helpers.js';
import { zeroPadding3d, zeroPadding3dPlugin } from './zero-padding3d.js';

describe('ZeroPadding3D', () => {
  describePadCrop({
    rank: 3,
    mode: 'pad',
    create: (options = {}) => zeroPadding3d(options),
    plugin: zeroPadding3dPlugin as LayerPlugin<never>,
    prefix: 'zero_padding3d',
    factory: 'zeroPadding3d',
    defaultConfig: [
      [1, 1],
      [1, 1],
      [1, 1],
    ],
    // tfjs-layers has no ZeroPadding3D; its 2-D layer has the keys Keras writes for both.
    keysLike: () => tfl.layers.zeroPadding2d({}),
  });

  it('adds planes, rows and columns of zeros, as Keras does (hand-worked)', () => {
    // A 1×1×2 volume of one channel, one zero plane in front and a zero row below.
    const x = tf.tensor5d([[[[[1], [2]]]]]);
    const y = zeroPadding3d({
      padding: [
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    }).apply(x);
    expect(y.shape).toEqual([1, 2, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 0, 0, 1, 2, 0, 0]);
    expect(zeroPadding3d({ padding: [0, 1, 2] }).computeOutputShape([null, 4, 5, 6, 3])).toEqual([
      null,
      4,
      7,
      10,
      3,
    ]);
  });
});
