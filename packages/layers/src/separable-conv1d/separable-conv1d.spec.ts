import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, resetNames, type LayerPlugin } from '@framewise/core';
import { expectTimeDistributedPerStep } from '../testing/per-step.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import {
  separableConv1d,
  separableConv1dPlugin,
  type SeparableConv1DOptions,
} from './separable-conv1d.js';

beforeEach(() => resetNames());

const plugin = separableConv1dPlugin as LayerPlugin<never>;

/** tfjs-layers' SeparableConv2D with a 1×k kernel on a height-1 image, holding `layer`'s weights. */
function referenceOnHeightOne(
  options: SeparableConv1DOptions,
  layer: ReturnType<typeof separableConv1d>,
  x: tf.Tensor3D,
): tf.Tensor {
  const ref = tfl.layers.separableConv2d({
    ...(options as object),
    kernelSize: [1, layer.kernelSize[0]!],
    strides: [1, layer.strides[0]!],
    dilationRate: [1, layer.dilationRate[0]!],
  } as never);
  const x4 = tf.expandDims(x, 1);
  ref.build(x4.shape);
  const [depthwise, pointwise, ...rest] = layer.getWeights();
  ref.setWeights([tf.expandDims(depthwise!, 0), tf.expandDims(pointwise!, 0), ...rest]);
  return tf.squeeze(ref.apply(x4) as tf.Tensor, [1]);
}

const cases: SeparableConv1DOptions[] = [
  { filters: 4, kernelSize: 3, padding: 'same' },
  { filters: 3, kernelSize: 2, depthMultiplier: 2, activation: 'relu' },
  { filters: 2, kernelSize: 3, strides: 2, useBias: false },
  { filters: 2, kernelSize: 2, dilationRate: 2, depthMultiplier: 2, activation: 'tanh' },
];

describe('SeparableConv1D', () => {
  it.each(cases)('equals tfjs-layers SeparableConv2D on a height-1 input for %j', (options) => {
    const layer = separableConv1d(options);
    const x = tf.randomNormal([2, 9, 3]) as tf.Tensor3D;
    const ours = layer.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 9, 3]));
    const dm = options.depthMultiplier ?? 1;
    expect(layer.getWeights().map((w) => w.shape)).toEqual([
      [layer.kernelSize[0], 3, dm],
      [1, 3 * dm, options.filters],
      ...(options.useBias === false ? [] : [[options.filters]]),
    ]);
    expect(maxAbsDiff(ours, referenceOnHeightOne(options, layer, x))).toBeLessThanOrEqual(1e-5);
  });

  it('with causal padding, equals valid padding on the input with (k − 1)·dilation zeros in front', () => {
    const causal = separableConv1d({
      filters: 2,
      kernelSize: 3,
      dilationRate: 2,
      padding: 'causal',
    });
    const valid = separableConv1d({ filters: 2, kernelSize: 3, dilationRate: 2 });
    const x = tf.randomNormal([2, 6, 3]);
    const y = causal.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 6, 2]);
    valid.apply(x);
    valid.setWeights(causal.getWeights());
    const padded = tf.pad(x, [
      [0, 0],
      [4, 0],
      [0, 0],
    ]);
    expect(maxAbsDiff(y, valid.apply(padded) as tf.Tensor)).toBeLessThanOrEqual(1e-6);
  });

  it('refuses bad inputs with typed errors and round-trips its Keras config', () => {
    expect(() =>
      separableConv1d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [4, 8, 3] })),
    ).toThrow(
      /expected input of rank 3 \[batch, steps, channels\]; for a sequence of sequences, wrap it: timeDistributed\(separableConv1d\(\.\.\.\)\)/,
    );
    const layer = separableConv1d({
      filters: 4,
      kernelSize: 3,
      padding: 'causal',
      depthwiseRegularizer: 'l2',
      pointwiseConstraint: 'maxNorm',
      activityRegularizer: 'l1',
    });
    expect(layer.getConfig()).toMatchObject({
      kernel_size: [3],
      padding: 'causal',
      depth_multiplier: 1,
      depthwise_regularizer: { class_name: 'L2' },
      pointwise_constraint: { class_name: 'MaxNorm' },
      activity_regularizer: { class_name: 'L1' },
    });
    expect(layer.getConfig()).not.toHaveProperty('kernel_regularizer');
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per output step, does not leak, and works inside timeDistributed', () => {
    const layer = separableConv1d({
      filters: 8,
      kernelSize: 3,
      padding: 'same',
      depthMultiplier: 2,
    });
    // 20 steps × (3 taps × 4 channels × 2 + 8 × 8).
    expect(layer.macs([null, 20, 4])).toBe(20 * (3 * 4 * 2 + 8 * 8));
    const x = tf.randomNormal([2, 5, 4]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
    expectTimeDistributedPerStep(
      () => separableConv1d({ filters: 2, kernelSize: 2 }),
      tf.randomNormal([2, 3, 5, 3]),
    );
  });
});
