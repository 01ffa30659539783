import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { conv3d, conv3dPlugin, type Conv3DOptions } from './conv3d.js';

beforeEach(() => resetNames());

const plugin = conv3dPlugin as LayerPlugin<never>;

const cases: Conv3DOptions[] = [
  { filters: 3, kernelSize: 3, padding: 'same' },
  { filters: 2, kernelSize: [2, 3, 1], padding: 'valid', activation: 'relu' },
  { filters: 2, kernelSize: 2, strides: [2, 1, 2], padding: 'same', useBias: false },
  { filters: 2, kernelSize: 2, dilationRate: 2, padding: 'valid', activation: 'tanh' },
];

describe('Conv3D', () => {
  it.each(cases)('equals tfjs-layers Conv3D for %j', (options) => {
    const layer = conv3d(options);
    const x = tf.randomNormal([2, 5, 6, 5, 3]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 5, 6, 5, 3]));
    const ref = tfl.layers.conv3d(options as never);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(ref.countParams());
    expectSameOutputShapes(layer, ref, [
      [null, 5, 6, 5, 3],
      [null, null, null, 5, 3],
    ]);
  });

  it('refuses bad options and bad inputs with typed errors naming the layer', () => {
    expect(() => conv3d({ filters: 2, kernelSize: [3, 3] as never })).toThrow(
      /conv3d_\d+: kernelSize must be a number or 3 numbers, received \[3,3\]/,
    );
    expect(() => conv3d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      ConfigError,
    );
    expect(() => conv3d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [8, 8, 3] }))).toThrow(
      /expected input of rank 5 \[batch, depth, height, width, channels\]; for a sequence of volumes, wrap it: timeDistributed\(conv3d\(\.\.\.\)\), received rank 4/,
    );
    expect(() =>
      conv3d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [2, 8, 8, 3] })),
    ).toThrow(/kernel 3×3×3 \(dilation 1×1×1\) does not fit an input of 2×8×8/);
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = conv3d({
      filters: 4,
      kernelSize: 3,
      strides: 2,
      kernelRegularizer: 'l2',
      biasConstraint: 'nonNeg',
      activityRegularizer: 'l1',
    });
    expect(layer.getConfig()).toMatchObject({
      kernel_size: [3, 3, 3],
      strides: [2, 2, 2],
      dilation_rate: [1, 1, 1],
      kernel_regularizer: { class_name: 'L2' },
      bias_constraint: { class_name: 'NonNeg' },
      activity_regularizer: { class_name: 'L1' },
    });
    expectKerasKeys(layer, tfl.layers.conv3d({ filters: 4, kernelSize: 3 }), []);
    expectConfigRoundTrip(layer, plugin);
    expect(() => plugin.fromConfig({ ...layer.getConfig(), groups: 2 })).toThrow(
      /Conv3D: groups must be 1/,
    );
  });

  it('counts MACs per output position and does not leak tensors', () => {
    const layer = conv3d({ filters: 8, kernelSize: 3, padding: 'same', strides: 2 });
    // ceil(8/2)·ceil(16/2)·ceil(16/2) = 4·8·8 positions × 27 taps × 4 channels × 8 filters.
    expect(layer.macs([null, 8, 16, 16, 4])).toBe(4 * 8 * 8 * 27 * 4 * 8);
    const x = tf.randomNormal([1, 4, 4, 4, 4]);
    expectNoLeak(() => layer.apply(x));
  });

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers with both strategies', () => {
    const options: Conv3DOptions = { filters: 2, kernelSize: 2, padding: 'same' };
    expectTimeDistributedMatches(
      () => conv3d(options),
      tfl.layers.conv3d(options as never),
      tf.randomNormal([2, 3, 3, 4, 4, 2]),
    );
  });
});
