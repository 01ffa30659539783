import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, timeDistributed, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectTimeDistributedPerStep } from '../testing/shape.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import { upSampling3d, upSampling3dPlugin } from './up-sampling3d.js';

beforeEach(() => resetNames());

const plugin = upSampling3dPlugin as LayerPlugin<never>;

describe('UpSampling3D', () => {
  it('repeats each voxel along depth, height and width (hand-worked)', () => {
    // A 2×1×1 volume of one channel, doubled on every axis: each value fills a 2×2×2 block.
    const x = tf.tensor5d([[[[[1]]], [[[2]]]]]);
    const y = upSampling3d().apply(x);
    expect(y.shape).toEqual([1, 4, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
    const z = upSampling3d({ size: [1, 1, 3] }).apply(tf.tensor5d([[[[[1], [2]]]]]));
    expect(Array.from(z.dataSync())).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it("equals tfjs-layers' nearest UpSampling2D on each depth plane when depth is kept", () => {
    const x = tf.randomNormal([2, 3, 4, 5, 2]);
    const ours = upSampling3d({ size: [1, 2, 3] }).apply(x);
    const plane = tfl.layers.upSampling2d({ size: [2, 3] });
    const expected = tf.stack(
      tf.unstack(x, 1).map((p) => plane.apply(p) as tf.Tensor),
      1,
    );
    expect(maxAbsDiff(ours, expected)).toBe(0);
  });

  it('infers shapes, open sizes included, and takes a number for size', () => {
    expect(upSampling3d({ size: 3 }).computeOutputShape([null, 1, 2, 3, 4])).toEqual([
      null,
      3,
      6,
      9,
      4,
    ]);
    expect(upSampling3d().computeOutputShape([null, null, 2, null, 4])).toEqual([
      null,
      null,
      4,
      null,
      4,
    ]);
    const built = upSampling3d();
    built.apply(input({ shape: [2, 2, 2, 1] }));
    expect(built.countParams()).toBe(0);
  });

  it('refuses bad options and inputs, naming the layer', () => {
    expect(() => upSampling3d({ size: [2, 0, 2] })).toThrow(
      /up_sampling3d_\d+: size\[1\] must be an integer ≥ 1, received 0/,
    );
    expect(() => upSampling3d({ size: [2, 2] as never })).toThrow(ConfigError);
    expect(() => upSampling3d({ dataFormat: 'channelsFirst' as never })).toThrow(
      /dataFormat must be one of channelsLast/,
    );
    const keras = { ...upSampling3d().getConfig(), data_format: 'channels_first' };
    expect(() => plugin.fromConfig(keras)).toThrow(ConfigError);
    expect(() => upSampling3d().apply(input({ shape: [4, 4, 4, 4, 3] }))).toThrow(
      /expected input of rank 5 \[batch, depth, height, width, channels\]; for a sequence of volumes, wrap it: timeDistributed\(upSampling3d\(\.\.\.\)\), received rank 6/,
    );
  });

  it('round-trips its Keras config, with the keys Keras writes', () => {
    const layer = upSampling3d({ size: [1, 2, 2] });
    expect(layer.getConfig()).toMatchObject({ size: [1, 2, 2], data_format: 'channels_last' });
    // Keras 2's UpSampling3D writes size and data_format (no interpolation, unlike 2-D).
    expect(Object.keys(layer.getConfig()).sort()).toEqual([
      'data_format',
      'dtype',
      'name',
      'size',
      'trainable',
    ]);
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts no MACs, does not leak, and applies per step inside TimeDistributed', () => {
    const layer = upSampling3d({ size: [2, 1, 2] });
    expect(layer.macs([null, 2, 2, 2, 3])).toBe(0);
    expect(timeDistributed(layer).macs([null, 4, 2, 2, 2, 3])).toBe(0);
    const x = tf.randomNormal([2, 2, 3, 2, 3]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedPerStep(
      () => upSampling3d({ size: [2, 1, 2] }),
      tf.randomNormal([2, 3, 2, 3, 2, 2]),
    );
  });
});
