import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerPlugin } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import { describePadCrop } from '../testing/pad-crop.test-helpers.js';
import {
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { cropping2d, cropping2dPlugin, type Cropping2DOptions } from './cropping2d.js';

describe('Cropping2D', () => {
  describePadCrop({
    rank: 2,
    mode: 'crop',
    create: (options = {}) => cropping2d(options),
    plugin: cropping2dPlugin as LayerPlugin<never>,
    prefix: 'cropping2d',
    factory: 'cropping2d',
    defaultConfig: [
      [0, 0],
      [0, 0],
    ],
    keysLike: () => tfl.layers.cropping2D({ cropping: 0 }),
  });

  const cases: Cropping2DOptions[] = [
    { cropping: 1 },
    { cropping: [2, 0] },
    {
      cropping: [
        [0, 2],
        [3, 1],
      ],
    },
  ];

  it.each(cases)('equals tfjs-layers Cropping2D for %j, and keeps None sizes open', (o) => {
    const layer = cropping2d(o);
    const x = tf.randomNormal([2, 6, 7, 2]);
    const ref = tfl.layers.cropping2D(o as never);
    expect(maxAbsDiff(layer.apply(x), referenceApply(ref, x, layer))).toBe(0);
    expectSameOutputShapes(layer, ref, [[null, 6, 7, 2]]);
    // tfjs-layers subtracts the cropping from an open size (null - 2 = -2); it stays open here.
    expect(layer.computeOutputShape([null, null, 7, 2])).toEqual([
      null,
      null,
      ref.computeOutputShape([null, 6, 7, 2])[2],
      2,
    ]);
  });

  it('gives tfjs-layers TimeDistributed numbers', () => {
    const cropping: Cropping2DOptions['cropping'] = [
      [1, 0],
      [0, 2],
    ];
    expectTimeDistributedMatches(
      () => cropping2d({ cropping }),
      tfl.layers.cropping2D({ cropping }),
      tf.randomNormal([2, 3, 4, 5, 2]),
    );
  });
});
