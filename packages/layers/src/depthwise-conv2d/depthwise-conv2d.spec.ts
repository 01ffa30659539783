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
import {
  depthwiseConv2d,
  depthwiseConv2dPlugin,
  type DepthwiseConv2DOptions,
} from './depthwise-conv2d.js';

beforeEach(() => resetNames());

const plugin = depthwiseConv2dPlugin as LayerPlugin<never>;

const cases: DepthwiseConv2DOptions[] = [
  { kernelSize: 3, padding: 'same' },
  { kernelSize: [3, 2], depthMultiplier: 2, activation: 'relu' },
  { kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 3, useBias: false },
  { kernelSize: 2, strides: [2, 1], activation: 'sigmoid' },
];

describe('DepthwiseConv2D', () => {
  it.each(cases)('equals tfjs-layers DepthwiseConv2D for %j', (options) => {
    const layer = depthwiseConv2d(options);
    const x = tf.randomNormal([2, 7, 6, 3]);
    const ours = layer.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 7, 6, 3]));
    const ref = tfl.layers.depthwiseConv2d(options as never);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(ref.countParams());
    const dm = options.depthMultiplier ?? 1;
    expect(layer.getWeights().map((w) => w.shape)).toEqual([
      [...layer.kernelSize, 3, dm],
      ...(options.useBias === false ? [] : [[3 * dm]]),
    ]);
    expectSameOutputShapes(layer, ref, [
      [null, 7, 6, 3],
      [null, null, null, 3],
    ]);
  });

  it('applies dilationRate as Keras does (tfjs-layers ignores it): equals tf.depthwiseConv2d dilated', () => {
    const layer = depthwiseConv2d({ kernelSize: 3, dilationRate: 2, depthMultiplier: 2 });
    const x = tf.randomNormal([1, 9, 9, 2]);
    const ours = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = layer.getWeights();
    const expected = tf.add(
      tf.depthwiseConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'valid', 'NHWC', 2),
      bias!,
    );
    expect(ours.shape).toEqual([1, 5, 5, 4]);
    expect(maxAbsDiff(ours, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('refuses bad options and bad inputs with typed errors naming the layer', () => {
    expect(() => depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 })).toThrow(
      /depthwise_conv2d_\d+: depthMultiplier must be an integer ≥ 1, received 0/,
    );
    expect(() => depthwiseConv2d({ kernelSize: 3, kernelRegularizer: 'l2' } as never)).toThrow(
      /kernelRegularizer does not apply to this layer, which has no single kernel: use depthwiseRegularizer/,
    );
    expect(() => depthwiseConv2d({ kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      ConfigError,
    );
    expect(() => depthwiseConv2d({ kernelSize: 3 }).apply(input({ shape: [5, 8, 8, 3] }))).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\]; for a sequence of images, wrap it: timeDistributed\(depthwiseConv2d\(\.\.\.\)\), received rank 5/,
    );
    const built = depthwiseConv2d({ kernelSize: 3 });
    built.apply(input({ shape: [8, 8, 3] }));
    expect(() => built.apply(input({ shape: [8, 8, 4] }))).toThrow(/axis -1/);
  });

  it('round-trips its Keras config with depthwise_* in place of kernel_*, as Keras and tfjs-layers write', () => {
    const options: DepthwiseConv2DOptions = {
      kernelSize: 3,
      depthMultiplier: 2,
      depthwiseInitializer: 'heNormal',
      depthwiseRegularizer: 'l2',
      depthwiseConstraint: 'maxNorm',
      biasRegularizer: 'l1',
      activityRegularizer: 'l2',
    };
    const layer = depthwiseConv2d(options);
    const config = layer.getConfig();
    expect(config).toMatchObject({
      depth_multiplier: 2,
      kernel_size: [3, 3],
      depthwise_initializer: { class_name: 'VarianceScaling' },
      depthwise_regularizer: { class_name: 'L2' },
      depthwise_constraint: { class_name: 'MaxNorm' },
      bias_regularizer: { class_name: 'L1' },
      activity_regularizer: { class_name: 'L2' },
    });
    expect(config).not.toHaveProperty('filters');
    expect(config).not.toHaveProperty('kernel_initializer');
    expectKerasKeys(layer, tfl.layers.depthwiseConv2d({ kernelSize: 3 }), []);
    expectConfigRoundTrip(layer, plugin);
    // A null kernel_* field (as some writers add) means nothing to refuse; a set one is refused.
    const nulls = { kernel_initializer: null, kernel_regularizer: null, kernel_constraint: null };
    expect(plugin.fromConfig({ ...config, ...nulls }).getConfig()).toEqual(config);
    expect(() => plugin.fromConfig({ ...config, kernel_constraint: 'max_norm' })).toThrow(
      /kernelConstraint does not apply to this layer, which has no single kernel: use depthwiseConstraint/,
    );
  });

  it('counts MACs per output position and does not leak tensors', () => {
    const layer = depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2 });
    // 16×16 positions × 9 taps × 8 channels × 2.
    expect(layer.macs([null, 16, 16, 8])).toBe(16 * 16 * 9 * 8 * 2);
    const x = tf.randomNormal([2, 5, 5, 8]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
  });

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers with both strategies', () => {
    const options: DepthwiseConv2DOptions = { kernelSize: 3, padding: 'same', depthMultiplier: 2 };
    expectTimeDistributedMatches(
      () => depthwiseConv2d(options),
      tfl.layers.depthwiseConv2d(options as never),
      tf.randomNormal([2, 3, 5, 5, 2]),
    );
  });
});
