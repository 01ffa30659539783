import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { centerCrop, centerCropPlugin, type CenterCropOptions } from './center-crop.js';

beforeEach(() => resetNames());

/** `[1, h, w, 1]` holding `10 * row + column`, so every value names its place. */
const grid = (h: number, w: number): tf.Tensor4D =>
  tf.tensor4d(
    Array.from({ length: h * w }, (_, i) => 10 * Math.floor(i / w) + (i % w)),
    [1, h, w, 1],
  );
const rows = (t: tf.Tensor): number[][] =>
  (t.arraySync() as number[][][][])[0]!.map((r) => r.map((c) => c[0]!));

describe('CenterCrop', () => {
  it.each([
    [6, 8, 2, 4],
    [6, 8, 4, 4],
    [6, 8, 6, 8],
  ])('equals tfjs-layers CenterCrop cropping %i×%i to %i×%i (even margins)', (h, w, th, tw) => {
    const x = tf.randomNormal([2, h, w, 3]);
    const ours = centerCrop({ height: th, width: tw }).apply(x) as tf.Tensor;
    const ref = tfl.layers.centerCrop({ height: th, width: tw }).apply(x) as tf.Tensor;
    expect(ours.shape).toEqual([2, th, tw, 3]);
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-6);
  });

  it('leaves an odd margin at the bottom and right, as tf.keras 2 (tfjs-layers shifts by one there)', () => {
    // 5×6 to 2×3: margins 3 and 3; Keras starts at floor(3/2) = 1 on both axes.
    expect(rows(centerCrop({ height: 2, width: 3 }).apply(grid(5, 6)) as tf.Tensor)).toEqual([
      [11, 12, 13],
      [21, 22, 23],
    ]);
    // 4×5 to 4×4: a margin of 1 column: Keras keeps columns 0..3.
    expect(rows(centerCrop({ height: 4, width: 4 }).apply(grid(4, 5)) as tf.Tensor)[0]).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('resizes an image smaller than the target as tf.keras 2: the centred window of the target aspect, bilinear', () => {
    // 2×4 to 4×4: the 2×2 window at column 1 ([[1, 2], [11, 12]]) resized with half-pixel centres.
    const y = centerCrop({ height: 4, width: 4 }).apply(grid(2, 4)) as tf.Tensor;
    expect(rows(y)).toEqual([
      [1, 1.25, 1.75, 2],
      [3.5, 3.75, 4.25, 4.5],
      [8.5, 8.75, 9.25, 9.5],
      [11, 11.25, 11.75, 12],
    ]);
    // Smaller on one side only: 6×2 to 4×4 takes the 2×2 window at row 2, then resizes.
    const z = centerCrop({ height: 4, width: 4 }).apply(grid(6, 2)) as tf.Tensor;
    expect(rows(z)[0]).toEqual([20, 20.25, 20.75, 21]);
  });

  it('keeps the batch and channels in its shapes, and refuses other ranks and bad sizes', () => {
    expect(centerCrop({ height: 2, width: 3 }).computeOutputShape([null, null, null, 5])).toEqual([
      null,
      2,
      3,
      5,
    ]);
    expect(() => centerCrop({ height: 2, width: 2 }).apply(input({ shape: [4, 4] }))).toThrow(
      ShapeError,
    );
    expect(() => centerCrop({ height: 0, width: 2 })).toThrow(ConfigError);
    expect(() => centerCrop({ height: 2 } as CenterCropOptions)).toThrow(
      /width must be an integer/,
    );
  });

  it('round-trips its Keras config (Keras 3 data_format accepted), with the keys tfjs-layers writes', () => {
    const config = centerCrop({ height: 2, width: 3, name: 'crop' }).getConfig();
    expect(config).toEqual({
      name: 'crop',
      trainable: true,
      dtype: 'float32',
      height: 2,
      width: 3,
    });
    expect(centerCropPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(
      centerCropPlugin.fromConfig({ ...config, data_format: 'channels_last' }).getConfig(),
    ).toEqual(config);
    expect(() => centerCropPlugin.fromConfig({ ...config, data_format: 'channels_first' })).toThrow(
      ConfigError,
    );
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.centerCrop({ height: 2, width: 3 })),
    );
  });

  it('inside timeDistributed crops every frame as tfjs-layers does, leaks nothing, costs no MACs', () => {
    expectTimeDistributedMatches(
      () => centerCrop({ height: 2, width: 4 }),
      () => tfl.layers.centerCrop({ height: 2, width: 4 }),
      tf.randomNormal([2, 3, 6, 8, 2]),
    );
    const small = grid(2, 4);
    const crop = centerCrop({ height: 4, width: 4 });
    expectNoLeak(() => crop.apply(small) as tf.Tensor);
    expectNoLeak(() => centerCrop({ height: 1, width: 1 }).apply(small) as tf.Tensor);
    expect(centerCrop({ height: 2, width: 2 }).macs([null, 4, 4, 3])).toBe(0);
  });
});
