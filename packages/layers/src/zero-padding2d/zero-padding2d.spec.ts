import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, timeDistributed, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { zeroPadding2d, zeroPadding2dPlugin, type ZeroPadding2DOptions } from './zero-padding2d.js';

beforeEach(() => resetNames());

const plugin = zeroPadding2dPlugin as LayerPlugin<never>;

const cases: ZeroPadding2DOptions[] = [
  {},
  { padding: 2 },
  { padding: [1, 0] },
  {
    padding: [
      [0, 2],
      [3, 1],
    ],
  },
];

describe('ZeroPadding2D', () => {
  it.each(cases)(
    'equals tfjs-layers ZeroPadding2D for %j, on shapes with None sizes too',
    (options) => {
      const layer = zeroPadding2d(options);
      const x = tf.randomNormal([2, 3, 4, 2]);
      const ours = layer.apply(x);
      const ref = tfl.layers.zeroPadding2d(options as never);
      expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(0);
      expect(layer.countParams()).toBe(0);
      expectSameOutputShapes(layer, ref, [
        [null, 3, 4, 2],
        [null, null, 4, 2],
        [null, null, null, 2],
      ]);
    },
  );

  it('refuses bad paddings and inputs, naming the layer', () => {
    expect(() => zeroPadding2d({ padding: -1 })).toThrow(
      /zero_padding2d_\d+: padding must be an integer ≥ 0, received -1/,
    );
    expect(() => zeroPadding2d({ padding: [1, 2, 3] as never })).toThrow(
      /padding must be a number, \[height, width\] or \[\[top, bottom\], \[left, right\]\], received \[1,2,3\]/,
    );
    expect(() => zeroPadding2d({ padding: [[1, 2], [1]] as never })).toThrow(
      /padding\[1\] must be a number or \[before, after\], received \[1\]/,
    );
    expect(() => zeroPadding2d({ padding: [1.5, 1] })).toThrow(ConfigError);
    expect(() => zeroPadding2d({ dataFormat: 'channelsFirst' as never })).toThrow(
      /dataFormat must be one of channelsLast/,
    );
    expect(() => zeroPadding2d().apply(input({ shape: [5, 8, 8, 3] }))).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\]; for a sequence of images, wrap it: timeDistributed\(zeroPadding2d\(\.\.\.\)\), received rank 5/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = zeroPadding2d({ padding: [2, 1] });
    expect(layer.getConfig()).toMatchObject({
      padding: [
        [2, 2],
        [1, 1],
      ],
      data_format: 'channels_last',
    });
    expectKerasKeys(layer, tfl.layers.zeroPadding2d({ padding: [2, 1] }), []);
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = zeroPadding2d({ padding: [1, 2] });
    expect(layer.macs([null, 4, 4, 2])).toBe(0);
    const x = tf.randomNormal([2, 4, 4, 2]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedMatches(
      () =>
        zeroPadding2d({
          padding: [
            [1, 0],
            [0, 2],
          ],
        }),
      tfl.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [0, 2],
        ],
      }),
      tf.randomNormal([2, 3, 4, 5, 2]),
    );
    expect(timeDistributed(zeroPadding2d()).computeOutputShape([null, null, 4, 5, 2])).toEqual([
      null,
      null,
      6,
      7,
      2,
    ]);
  });
});
