import * as tf from '@tensorflow/tfjs-core';
import type { LayerPlugin } from '@framewise/core';
import { describePadCrop } from '../testing/pad-crop.test-helpers.js';
import { cropping1d, cropping1dPlugin } from './cropping1d.js';

describe('Cropping1D', () => {
  describePadCrop({
    rank: 1,
    mode: 'crop',
    create: (options = {}) => cropping1d(options),
    plugin: cropping1dPlugin as LayerPlugin<never>,
    prefix: 'cropping1d',
    factory: 'cropping1d',
    defaultConfig: [1, 1],
  });

  it('removes steps at each end, as Keras does (hand-worked)', () => {
    const x = tf.tensor3d([[[1], [2], [3], [4], [5]]]);
    expect(cropping1d().apply(x).arraySync()).toEqual([[[2], [3], [4]]]);
    expect(
      cropping1d({ cropping: [3, 0] })
        .apply(x)
        .arraySync(),
    ).toEqual([[[4], [5]]]);
    expect(cropping1d({ cropping: [1, 2] }).computeOutputShape([null, 9, 4])).toEqual([null, 6, 4]);
  });
});
