import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, input, resetNames, ShapeError, type LayerPlugin } from '@framewise/core';
import { conv1d } from '../conv1d/conv1d.js';
import { localConvByHand, toImplementation2 } from '../testing/locally-connected.test-helpers.js';
import { expectTimeDistributedPerStep } from '../testing/per-step.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import {
  locallyConnected1d,
  locallyConnected1dPlugin,
  type LocallyConnected1DOptions,
} from './locally-connected1d.js';

beforeEach(() => resetNames());

const plugin = locallyConnected1dPlugin as LayerPlugin<never>;

const cases: LocallyConnected1DOptions[] = [
  { filters: 3, kernelSize: 3 },
  { filters: 2, kernelSize: 2, strides: 2, activation: 'relu' },
  { filters: 4, kernelSize: 3, strides: 3, useBias: false },
  { filters: 1, kernelSize: 1 },
];

describe('LocallyConnected1D', () => {
  it.each(cases)('equals Keras 2 local_conv worked out by hand for %j', (options) => {
    const layer = locallyConnected1d(options);
    const x = tf.randomNormal([2, 8, 3]);
    const ours = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = layer.getWeights();
    const out = layer.computeOutputShape([2, 8, 3])[1] as number;
    expect(kernel!.shape).toEqual([out, layer.kernelSize[0]! * 3, options.filters]);
    if (bias) expect(bias.shape).toEqual([out, options.filters]);
    let expected = localConvByHand(x, kernel!, bias, layer.kernelSize, layer.strides);
    if (options.activation === 'relu') expected = tf.relu(expected);
    expect(maxAbsDiff(ours, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('with the same kernel at every step, equals Conv1D (the flattening is Keras 2 layout)', () => {
    const conv = conv1d({ filters: 4, kernelSize: 3, strides: 2 });
    const local = locallyConnected1d({ filters: 4, kernelSize: 3, strides: 2 });
    const x = tf.randomNormal([2, 9, 3]);
    const expected = conv.apply(x) as tf.Tensor;
    local.apply(x);
    const [kernel, bias] = conv.getWeights();
    const steps = expected.shape[1]!;
    local.setWeights([
      tf.tile(tf.reshape(kernel!, [1, 9, 4]), [steps, 1, 1]),
      tf.tile(tf.reshape(bias!, [1, 4]), [steps, 1]),
    ]);
    expect(maxAbsDiff(local.apply(x) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('with implementation 2 (masked dense kernel), equals implementation 1 and ignores entries outside the windows', () => {
    const one = locallyConnected1d({ filters: 3, kernelSize: 3, strides: 2, activation: 'tanh' });
    const two = locallyConnected1d({
      filters: 3,
      kernelSize: 3,
      strides: 2,
      activation: 'tanh',
      implementation: 2,
    });
    const x = tf.randomNormal([2, 9, 2]);
    const expected = one.apply(x) as tf.Tensor;
    two.apply(x);
    const [kernel, bias] = one.getWeights();
    expect(two.getWeights().map((w) => w.shape)).toEqual([
      [9, 2, 4, 3],
      [4, 3],
    ]);
    two.setWeights([toImplementation2(kernel!, [9], 2, [4], [3], [2]), bias!]);
    expect(maxAbsDiff(two.apply(x) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
    expect(two.getConfig()).toMatchObject({ implementation: 2 });
    expectConfigRoundTrip(two, plugin);
  });

  it('refuses implementation 3, padding same and open lengths with typed errors', () => {
    expect(() => locallyConnected1d({ filters: 2, kernelSize: 3, implementation: 3 })).toThrow(
      /locally_connected1d_\d+: implementation must be 1 or 2 \(Keras 2's per-position and masked dense kernel layouts\), received 3/,
    );
    const config = locallyConnected1d({ filters: 2, kernelSize: 3 }).getConfig();
    expect(() => plugin.fromConfig({ ...config, implementation: 3 })).toThrow(ConfigError);
    expect(() => plugin.fromConfig({ ...config, implementation: 0 })).toThrow(ConfigError);
    expect(() =>
      locallyConnected1d({ filters: 2, kernelSize: 3, padding: 'same' as never }),
    ).toThrow(/padding must be one of valid, received "same"/);
    expect(() =>
      locallyConnected1d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [null, 3] })),
    ).toThrow(ShapeError);
    expect(() =>
      locallyConnected1d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [null, 3] })),
    ).toThrow(/the spatial and channel axes of the input must be known to build/);
    expect(() =>
      locallyConnected1d({ filters: 2, kernelSize: 5 }).apply(input({ shape: [3, 2] })),
    ).toThrow(/kernel 5 does not fit an input of 3 with padding 'valid'/);
    const built = locallyConnected1d({ filters: 2, kernelSize: 3 });
    built.apply(input({ shape: [6, 2] }));
    expect(() => built.apply(input({ shape: [7, 2] }))).toThrow(ShapeError);
  });

  it('round-trips its Keras 2 config with regularizers, constraints and implementation', () => {
    const layer = locallyConnected1d({
      filters: 2,
      kernelSize: 3,
      strides: 2,
      kernelRegularizer: 'l2',
      biasRegularizer: 'l1',
      kernelConstraint: 'maxNorm',
      biasConstraint: 'nonNeg',
      activityRegularizer: 'l1',
    });
    const config = layer.getConfig();
    expect(Object.keys(config).sort()).toEqual(
      [
        'name',
        'trainable',
        'dtype',
        'filters',
        'kernel_size',
        'strides',
        'padding',
        'data_format',
        'activation',
        'use_bias',
        'kernel_initializer',
        'bias_initializer',
        'kernel_regularizer',
        'bias_regularizer',
        'activity_regularizer',
        'kernel_constraint',
        'bias_constraint',
        'implementation',
      ].sort(),
    );
    expect(config).toMatchObject({ kernel_size: [3], strides: [2], implementation: 1 });
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per output step, does not leak, and works inside timeDistributed', () => {
    const layer = locallyConnected1d({ filters: 8, kernelSize: 3, strides: 2 });
    // floor((20 − 3) / 2) + 1 = 9 steps × 3 taps × 4 channels × 8 filters.
    expect(layer.macs([null, 20, 4])).toBe(9 * 3 * 4 * 8);
    const x = tf.randomNormal([2, 20, 4]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
    expectTimeDistributedPerStep(
      () => locallyConnected1d({ filters: 2, kernelSize: 2 }),
      tf.randomNormal([2, 3, 5, 3]),
    );
  });
});
