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
  separableConv2d,
  separableConv2dPlugin,
  type SeparableConv2DOptions,
} from './separable-conv2d.js';

beforeEach(() => resetNames());

const plugin = separableConv2dPlugin as LayerPlugin<never>;

const cases: SeparableConv2DOptions[] = [
  { filters: 4, kernelSize: 3, padding: 'same' },
  { filters: 3, kernelSize: [3, 2], depthMultiplier: 2, activation: 'relu' },
  { filters: 2, kernelSize: 3, strides: 2, padding: 'same', useBias: false },
  { filters: 5, kernelSize: 2, dilationRate: 2, depthMultiplier: 3, activation: 'tanh' },
];

describe('SeparableConv2D', () => {
  it.each(cases)('equals tfjs-layers SeparableConv2D for %j', (options) => {
    const layer = separableConv2d(options);
    const x = tf.randomNormal([2, 7, 8, 3]);
    const ours = layer.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 7, 8, 3]));
    const ref = tfl.layers.separableConv2d(options as never);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(ref.countParams());
    const dm = options.depthMultiplier ?? 1;
    // Keras' order: depthwise_kernel, pointwise_kernel, bias.
    expect(layer.weights.map((w) => w.name.split('/')[1])).toEqual([
      'depthwise_kernel',
      'pointwise_kernel',
      ...(options.useBias === false ? [] : ['bias']),
    ]);
    expect(layer.getWeights().map((w) => w.shape)).toEqual([
      [...layer.kernelSize, 3, dm],
      [1, 1, 3 * dm, options.filters],
      ...(options.useBias === false ? [] : [[options.filters]]),
    ]);
    expectSameOutputShapes(layer, ref, [
      [null, 7, 8, 3],
      [null, null, null, 3],
    ]);
  });

  it('refuses bad options and bad inputs with typed errors naming the layer', () => {
    expect(() =>
      separableConv2d({ filters: 2, kernelSize: 3, kernelInitializer: 'zeros' } as never),
    ).toThrow(
      /separable_conv2d_\d+: kernelInitializer does not apply to this layer, which has no single kernel: use depthwiseInitializer or pointwiseInitializer/,
    );
    expect(() => separableConv2d({ filters: 2, kernelSize: 3, depthMultiplier: 1.5 })).toThrow(
      ConfigError,
    );
    expect(() =>
      separableConv2d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [8, 3] })),
    ).toThrow(/expected input of rank 4 \[batch, height, width, channels\]/);
  });

  it('round-trips its Keras config with depthwise_* and pointwise_* in place of kernel_*', () => {
    const layer = separableConv2d({
      filters: 4,
      kernelSize: 3,
      depthMultiplier: 2,
      depthwiseRegularizer: 'l2',
      pointwiseRegularizer: 'l1',
      depthwiseConstraint: 'nonNeg',
      pointwiseConstraint: 'unitNorm',
      pointwiseInitializer: 'zeros',
      biasConstraint: 'maxNorm',
    });
    expect(layer.getConfig()).toMatchObject({
      filters: 4,
      depth_multiplier: 2,
      depthwise_regularizer: { class_name: 'L2' },
      pointwise_regularizer: { class_name: 'L1' },
      depthwise_constraint: { class_name: 'NonNeg' },
      pointwise_constraint: { class_name: 'UnitNorm' },
      pointwise_initializer: { class_name: 'Zeros' },
      bias_constraint: { class_name: 'MaxNorm' },
    });
    // tfjs-layers drops depth_multiplier from its config; Keras writes it.
    expectKerasKeys(layer, tfl.layers.separableConv2d({ filters: 4, kernelSize: 3 }), [
      'depth_multiplier',
    ]);
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per output position (depthwise taps, then the 1×1 mix) and does not leak', () => {
    const layer = separableConv2d({ filters: 16, kernelSize: 3, padding: 'same' });
    // 32×32 positions × (9 taps × 8 channels + 8 × 16).
    expect(layer.macs([null, 32, 32, 8])).toBe(32 * 32 * (9 * 8 + 8 * 16));
    const x = tf.randomNormal([2, 5, 5, 8]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
  });

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers with both strategies', () => {
    const options: SeparableConv2DOptions = { filters: 3, kernelSize: 3, padding: 'same' };
    expectTimeDistributedMatches(
      () => separableConv2d(options),
      tfl.layers.separableConv2d(options as never),
      tf.randomNormal([2, 3, 5, 5, 2]),
    );
  });
});
