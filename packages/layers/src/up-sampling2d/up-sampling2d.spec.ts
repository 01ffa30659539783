import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, resetNames, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { upSampling2d, upSampling2dPlugin, type UpSampling2DOptions } from './up-sampling2d.js';

beforeEach(() => resetNames());

const plugin = upSampling2dPlugin as LayerPlugin<never>;

// tfjs-layers takes size as an array only; a number is Keras' shorthand, compared through its array.
// Bilinear follows tf.keras 2 (half-pixel centres), where tfjs-layers differs: tested apart below.
const cases: UpSampling2DOptions[] = [
  {},
  { size: [3, 2] },
  { size: [3, 3], interpolation: 'nearest' },
];

describe('UpSampling2D', () => {
  it.each(cases)(
    'equals tfjs-layers UpSampling2D for %j, on shapes with None sizes too',
    (options) => {
      const layer = upSampling2d(options);
      const x = tf.randomNormal([2, 3, 4, 2]);
      const ours = layer.apply(x);
      const ref = tfl.layers.upSampling2d(options as never);
      expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-6);
      expect(layer.countParams()).toBe(0);
      expectSameOutputShapes(layer, ref, [
        [null, 3, 4, 2],
        [null, null, 4, 2],
        [null, null, null, 2],
      ]);
    },
  );

  it('takes a number for size, as Keras does', () => {
    expect(upSampling2d({ size: 3 }).computeOutputShape([null, 2, 5, 1])).toEqual([null, 6, 15, 1]);
  });

  it('refuses bad options and inputs, naming the layer', () => {
    expect(() => upSampling2d({ size: [2, 0] })).toThrow(
      /up_sampling2d_\d+: size\[1\] must be an integer ≥ 1, received 0/,
    );
    expect(() => upSampling2d({ interpolation: 'bicubic' as never })).toThrow(
      /interpolation must be one of nearest, bilinear, received "bicubic"/,
    );
    expect(() => upSampling2d({ dataFormat: 'channelsFirst' as never })).toThrow(
      /dataFormat must be one of channelsLast/,
    );
    expect(() => upSampling2d().apply(input({ shape: [8, 8] }))).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\].*received rank 3/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = upSampling2d({ size: 2, interpolation: 'bilinear' });
    expect(layer.getConfig()).toMatchObject({
      size: [2, 2],
      data_format: 'channels_last',
      interpolation: 'bilinear',
    });
    expectKerasKeys(layer, tfl.layers.upSampling2d({ size: [2, 2] }), []);
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = upSampling2d({ interpolation: 'bilinear' });
    expect(layer.macs([null, 4, 4, 2])).toBe(0);
    const x = tf.randomNormal([2, 4, 4, 2]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedMatches(
      () => upSampling2d({ size: [2, 3] }),
      tfl.layers.upSampling2d({ size: [2, 3] }),
      tf.randomNormal([2, 3, 3, 4, 2]),
      1e-6,
    );
  });

  it("bilinear gives tf.keras 2's half-pixel numbers: [0, 1] doubled is [0, 0.25, 0.75, 1]", () => {
    const y = upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(
      tf.tensor4d([0, 1], [1, 1, 2, 1]),
    ) as tf.Tensor;
    // tfjs-layers, without half-pixel centres, gives [0, 0.5, 1, 1].
    expect(Array.from(y.dataSync())).toEqual([0, 0.25, 0.75, 1]);
  });

  it('bilinear trains on images that are not square: every output spreads a gradient of 1', () => {
    const layer = upSampling2d({ size: [2, 3], interpolation: 'bilinear' });
    const x = tf.randomNormal([2, 3, 5, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x);
    expect(g.shape).toEqual([2, 3, 5, 2]);
    // Each output pixel's weights sum to 1, so the gradients sum to the number of outputs.
    expect(tf.sum(g).dataSync()[0]).toBeCloseTo(2 * 6 * 15 * 2, 3);
  });
});
