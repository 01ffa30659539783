import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, input, resetNames, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectTimeDistributedPerStep } from '../testing/per-step.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import {
  conv3dTranspose,
  conv3dTransposePlugin,
  type Conv3DTransposeOptions,
} from './conv3d-transpose.js';
import { conv3dTransposeTrainable } from './conv3d-transpose-op.js';

beforeEach(() => resetNames());

const plugin = conv3dTransposePlugin as LayerPlugin<never>;

/**
 * The reference: a transposed convolution is the gradient of a convolution
 * with respect to its input. For `y = conv3d(z, W)` with `z` of the output's
 * shape, the vector-Jacobian product with `x` gives `conv3dTranspose(x, W)`.
 */
function viaConv3dGradient(
  x: tf.Tensor5D,
  kernel: tf.Tensor5D,
  outputShape: [number, number, number, number, number],
  strides: [number, number, number],
  padding: 'valid' | 'same',
): tf.Tensor {
  const z = tf.zeros(outputShape);
  return tf.tidy(() => {
    const { grad } = tf.valueAndGrad((v: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3d(v as tf.Tensor5D, kernel, strides, padding), x)),
    )(z);
    return grad;
  });
}

const cases: Conv3DTransposeOptions[] = [
  { filters: 2, kernelSize: 2, strides: 2 },
  { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
  { filters: 2, kernelSize: [3, 2, 1], strides: [1, 2, 3], padding: 'valid', useBias: false },
  { filters: 2, kernelSize: 3, padding: 'same' },
];

describe('Conv3DTranspose', () => {
  it.each(cases)('is the input gradient of conv3d (with bias and activation) for %j', (options) => {
    const layer = conv3dTranspose(options);
    const x = tf.randomNormal([2, 3, 4, 3, 3]) as tf.Tensor5D;
    const ours = layer.apply(x) as tf.Tensor;
    const shape = layer.computeOutputShape([2, 3, 4, 3, 3]) as number[];
    expect(ours.shape).toEqual(shape);
    const [kernel, bias] = layer.getWeights();
    expect(kernel!.shape).toEqual([...layer.kernelSize, options.filters, 3]);
    let expected = viaConv3dGradient(
      x,
      kernel as tf.Tensor5D,
      shape as [number, number, number, number, number],
      layer.strides,
      layer.padding,
    );
    if (bias) expected = tf.add(expected, bias);
    if (options.activation === 'relu') expected = tf.relu(expected);
    expect(maxAbsDiff(ours, expected)).toBeLessThanOrEqual(1e-5);
  });

  it('has Keras output lengths: size·stride (same), size·stride + max(kernel − stride, 0) (valid)', () => {
    expect(
      conv3dTranspose({
        filters: 4,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
      }).computeOutputShape([null, 4, null, 5, 2]),
    ).toEqual([null, 8, null, 10, 4]);
    expect(
      conv3dTranspose({ filters: 4, kernelSize: [3, 1, 2], strides: 2 }).computeOutputShape([
        null,
        4,
        4,
        4,
        2,
      ]),
    ).toEqual([null, 9, 8, 8, 4]);
  });

  it('refuses dilation, output_padding and bad inputs with typed errors', () => {
    expect(() => conv3dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2 })).toThrow(
      /conv3d_transpose_\d+: dilationRate must be 1 for a transposed convolution/,
    );
    const layer = conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 });
    expect(() => plugin.fromConfig({ ...layer.getConfig(), output_padding: [1, 1, 1] })).toThrow(
      /Conv3DTranspose: output_padding is not supported/,
    );
    expect(() => plugin.fromConfig({ ...layer.getConfig(), dilation_rate: [2, 2, 2] })).toThrow(
      ConfigError,
    );
    expect(() => layer.apply(input({ shape: [4, 4, 2] }))).toThrow(
      /expected input of rank 5 \[batch, depth, height, width, channels\]/,
    );
  });

  it('round-trips its Keras config with regularizers and constraints', () => {
    const layer = conv3dTranspose({
      filters: 2,
      kernelSize: 2,
      strides: 2,
      kernelRegularizer: 'l2',
      kernelConstraint: 'maxNorm',
      biasRegularizer: 'l1',
    });
    expect(layer.getConfig()).toMatchObject({
      filters: 2,
      kernel_size: [2, 2, 2],
      strides: [2, 2, 2],
      dilation_rate: [1, 1, 1],
      output_padding: null,
      kernel_regularizer: { class_name: 'L2' },
      kernel_constraint: { class_name: 'MaxNorm' },
      bias_regularizer: { class_name: 'L1' },
    });
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts MACs per input position, does not leak, and works inside timeDistributed', () => {
    const layer = conv3dTranspose({ filters: 4, kernelSize: 2, strides: 2 });
    expect(layer.macs([null, 3, 4, 5, 6])).toBe(3 * 4 * 5 * 8 * 6 * 4);
    const x = tf.randomNormal([1, 2, 2, 2, 6]);
    expectNoLeak(() => layer.apply(x) as tf.Tensor);

    expectTimeDistributedPerStep(
      () => conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 }),
      tf.randomNormal([2, 3, 2, 3, 2, 3]),
    );
  });
});

describe('conv3dTransposeTrainable', () => {
  it('has the gradients tfjs derives for the adjoint convolution', () => {
    // <conv3dTranspose(x, W), p> = <x, conv3d(p, W)>: tfjs' own Conv3D gradient is the reference.
    const x = tf.randomNormal([2, 2, 3, 2, 3]) as tf.Tensor5D;
    const w = tf.randomNormal([3, 2, 2, 4, 3]) as tf.Tensor5D;
    const out: [number, number, number, number, number] = [2, 4, 6, 4, 4];
    const p = tf.randomNormal(out) as tf.Tensor5D;
    const strides: [number, number, number] = [2, 2, 2];
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.mul(
          conv3dTransposeTrainable(a as tf.Tensor5D, b as tf.Tensor5D, out, strides, 'same'),
          p,
        ),
      ),
    )([x, w]);
    const [refDx, refDw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3d(p, b as tf.Tensor5D, strides, 'same'), a)),
    )([x, w]);
    expect(maxAbsDiff(dx!, refDx!)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(dw!, refDw!)).toBeLessThanOrEqual(1e-4);
  });
});
