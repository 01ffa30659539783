import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { describePadCrop } from '../testing/pad-crop.test-helpers.js';
import { cropping3d, cropping3dPlugin } from './cropping3d.js';

describe('Cropping3D', () => {
  describePadCrop({
    rank: 3,
    mode: 'crop',
    create: (options = {}) => cropping3d(options),
    plugin: cropping3dPlugin as LayerPlugin<never>,
    prefix: 'cropping3d',
    factory: 'cropping3d',
    defaultConfig: [
      [1, 1],
      [1, 1],
      [1, 1],
    ],
    // tfjs-layers has no Cropping3D; its Cropping2D has the keys Keras writes for both.
    keysLike: () => tfl.layers.cropping2D({ cropping: 1 }),
  });

  it('removes planes, rows and columns at the borders, as Keras does (hand-worked)', () => {
    // A 2×2×3 volume holding 0..11; keep the back plane, the top row, the middle column.
    const x = tf.reshape(tf.range(0, 12), [1, 2, 2, 3, 1]);
    const y = cropping3d({
      cropping: [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    }).apply(x);
    expect(y.shape).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(y.dataSync())).toEqual([7]);
  });
});
