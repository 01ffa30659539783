import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectTimeDistributedPerStep } from '../testing/per-step.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import {
  conv1dTranspose,
  conv1dTransposePlugin,
  type Conv1DTransposeOptions,
} from './conv1d-transpose.js';

beforeEach(() => resetNames());

const plugin = conv1dTransposePlugin as LayerPlugin<never>;

/**
 * tfjs-layers' Conv2DTranspose with a 1×k kernel on a height-1 image: the
 * same numbers as a 1-D transposed convolution, with the kernel of `layer`.
 */
function referenceOnHeightOne(
  options: Conv1DTransposeOptions,
  layer: ReturnType<typeof conv1dTranspose>,
  x: tf.Tensor3D,
): tf.Tensor {
  const k = layer.kernelSize[0]!;
  const s = layer.strides[0]!;
  const ref = tfl.layers.conv2dTranspose({
    ...(options as object),
    kernelSize: [1, k],
    strides: [1, s],
  } as never);
  const x4 = tf.expandDims(x, 1);
  ref.build(x4.shape);
  const [kernel, ...rest] = layer.getWeights();
  ref.setWeights([tf.expandDims(kernel!, 0), ...rest]);
  return tf.squeeze(ref.apply(x4) as tf.Tensor, [1]);
}

const cases: Conv1DTransposeOptions[] = [
  { filters: 3, kernelSize: 3, padding: 'same' },
  { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
  { filters: 2, kernelSize: 4, strides: 2, useBias: false },
  { filters: 2, kernelSize: 1, strides: 3, activation: 'tanh' },
  { filters: 2, kernelSize: 2, strides: 3 },
];

describe('Conv1DTranspose', () => {
  it.each(cases)('equals tfjs-layers Conv2DTranspose on a height-1 input for %j', (options) => {
    const layer = conv1dTranspose(options);
    const x = tf.randomNormal([2, 5, 3]) as tf.Tensor3D;
    const ours = layer.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 5, 3]));
    expect(layer.getWeights()[0]!.shape).toEqual([layer.kernelSize[0], options.filters, 3]);
    expect(maxAbsDiff(ours, referenceOnHeightOne(options, layer, x))).toBeLessThanOrEqual(1e-5);
    expect(layer.computeOutputShape([null, null, 3])).toEqual([null, null, options.filters]);
  });

  it('refuses dilation, output_padding and bad inputs with typed errors', () => {
    expect(() => conv1dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2 })).toThrow(
      /conv1d_transpose_\d+: dilationRate must be 1/,
    );
    expect(() =>
      conv1dTranspose({ filters: 2, kernelSize: 3, padding: 'causal' as never }),
    ).toThrow(/padding must be one of valid, same, received "causal"/);
    const layer = conv1dTranspose({ filters: 2, kernelSize: 2, strides: 2 });
    expect(() => plugin.fromConfig({ ...layer.getConfig(), output_padding: [1] })).toThrow(
      ConfigError,
    );
    expect(() => layer.apply(input({ shape: [4, 4, 2] }))).toThrow(
      /expected input of rank 3 \[batch, steps, channels\]; for a sequence of sequences, wrap it: timeDistributed\(conv1dTranspose\(\.\.\.\)\)/,
    );
  });

  it('round-trips its Keras config with regularizers and constraints', () => {
    const layer = conv1dTranspose({
      filters: 2,
      kernelSize: 2,
      strides: 2,
      kernelRegularizer: 'l1l2',
      biasConstraint: 'nonNeg',
    });
    expect(layer.getConfig()).toMatchObject({
      kernel_size: [2],
      strides: [2],
      dilation_rate: [1],
      output_padding: null,
      kernel_regularizer: { class_name: 'L1L2' },
      bias_constraint: { class_name: 'NonNeg' },
    });
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per input step and does not leak tensors', () => {
    const layer = conv1dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
    expect(layer.macs([null, 10, 4])).toBe(10 * 3 * 4 * 8);
    const x = tf.randomNormal([2, 5, 4]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);
  });

  it('inside timeDistributed gives, at every step, the layer alone (both strategies)', () => {
    expectTimeDistributedPerStep(
      () => conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2 }),
      tf.randomNormal([2, 3, 4, 3]),
    );
  });
});
