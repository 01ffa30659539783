import * as tf from '@tensorflow/tfjs-core';
import { input, resetNames, ShapeError, type LayerPlugin } from '@framewise/core';
import { conv2d } from '../conv2d/conv2d.js';
import { localConvByHand, toImplementation2 } from '../testing/locally-connected.test-helpers.js';
import { expectTimeDistributedPerStep } from '../testing/per-step.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import {
  locallyConnected2d,
  locallyConnected2dPlugin,
  type LocallyConnected2DOptions,
} from './locally-connected2d.js';

beforeEach(() => resetNames());

const plugin = locallyConnected2dPlugin as LayerPlugin<never>;

const cases: LocallyConnected2DOptions[] = [
  { filters: 3, kernelSize: 3 },
  { filters: 2, kernelSize: [2, 3], strides: [2, 1], activation: 'relu' },
  { filters: 2, kernelSize: 2, strides: 2, useBias: false },
];

describe('LocallyConnected2D', () => {
  it.each(cases)('equals Keras 2 local_conv worked out by hand for %j', (options) => {
    const layer = locallyConnected2d(options);
    const x = tf.randomNormal([2, 6, 5, 2]);
    const ours = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = layer.getWeights();
    const [, rows, cols] = layer.computeOutputShape([2, 6, 5, 2]) as number[];
    const [kh, kw] = layer.kernelSize;
    expect(kernel!.shape).toEqual([rows! * cols!, kh! * kw! * 2, options.filters]);
    if (bias) expect(bias.shape).toEqual([rows, cols, options.filters]);
    let expected = localConvByHand(x, kernel!, bias, layer.kernelSize, layer.strides);
    if (options.activation === 'relu') expected = tf.relu(expected);
    expect(maxAbsDiff(ours, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('with the same kernel at every pixel, equals Conv2D (the flattening is Keras 2 layout)', () => {
    const conv = conv2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2] });
    const local = locallyConnected2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2] });
    const x = tf.randomNormal([2, 5, 7, 2]);
    const expected = conv.apply(x) as tf.Tensor;
    local.apply(x);
    const [kernel, bias] = conv.getWeights();
    const [, rows = 0, cols = 0] = expected.shape;
    local.setWeights([
      tf.tile(tf.reshape(kernel!, [1, 12, 3]), [rows * cols, 1, 1]),
      tf.tile(tf.reshape(bias!, [1, 1, 3]), [rows, cols, 1]),
    ]);
    expect(maxAbsDiff(local.apply(x) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('with implementation 2 (masked dense kernel), equals implementation 1 and ignores entries outside the windows', () => {
    const options = {
      filters: 2,
      kernelSize: [2, 3] as [number, number],
      strides: [2, 1] as [number, number],
    };
    const one = locallyConnected2d(options);
    const two = locallyConnected2d({ ...options, implementation: 2 });
    const x = tf.randomNormal([2, 5, 4, 3]);
    const expected = one.apply(x) as tf.Tensor;
    two.apply(x);
    const [kernel, bias] = one.getWeights();
    expect(two.getWeights().map((w) => w.shape)).toEqual([
      [5, 4, 3, 2, 2, 2],
      [2, 2, 2],
    ]);
    two.setWeights([toImplementation2(kernel!, [5, 4], 3, [2, 2], [2, 3], [2, 1]), bias!]);
    expect(maxAbsDiff(two.apply(x) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
    expectConfigRoundTrip(two, plugin);
    expectNoLeak(() => two.apply(x) as tf.Tensor);
  });

  it('refuses implementation 3, open sizes and bad ranks with typed errors', () => {
    expect(() => locallyConnected2d({ filters: 2, kernelSize: 3, implementation: 3 })).toThrow(
      /implementation must be 1 or 2 .*implementation 3 stores a sparse kernel/,
    );
    expect(() =>
      locallyConnected2d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [null, 8, 3] })),
    ).toThrow(ShapeError);
    expect(() =>
      locallyConnected2d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [2, 8, 8, 3] })),
    ).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\]; for a sequence of images, wrap it: timeDistributed\(locallyConnected2d\(\.\.\.\)\)/,
    );
  });

  it('round-trips its Keras 2 config with regularizers and constraints', () => {
    const layer = locallyConnected2d({
      filters: 2,
      kernelSize: [3, 2],
      kernelRegularizer: 'l1l2',
      biasConstraint: 'maxNorm',
    });
    expect(layer.getConfig()).toMatchObject({
      kernel_size: [3, 2],
      strides: [1, 1],
      padding: 'valid',
      implementation: 1,
      kernel_regularizer: { class_name: 'L1L2' },
      bias_constraint: { class_name: 'MaxNorm' },
    });
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per output pixel, does not leak, and works inside timeDistributed', () => {
    const layer = locallyConnected2d({ filters: 4, kernelSize: 3 });
    // 8×8 pixels × 9 taps × 2 channels × 4 filters; 64·18·4 kernel weights + 8·8·4 biases.
    expect(layer.macs([null, 10, 10, 2])).toBe(8 * 8 * 9 * 2 * 4);
    const x = tf.randomNormal([2, 10, 10, 2]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
    expect(layer.countParams()).toBe(64 * 18 * 4 + 8 * 8 * 4);
    expectTimeDistributedPerStep(
      () => locallyConnected2d({ filters: 2, kernelSize: 2 }),
      tf.randomNormal([2, 3, 4, 4, 2]),
    );
  });
});
