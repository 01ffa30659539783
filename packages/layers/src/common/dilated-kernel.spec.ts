import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { conv2d } from '../conv2d/conv2d.js';
import { dilatedKernel } from './dilated-kernel.js';

const values = (shape: number[], phase: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      Math.sin(1.3 * i + phase),
    ),
    shape,
  );

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? NaN);

describe('dilatedKernel', () => {
  it.each([
    { pad: 'same' as const, rates: [2, 3] as [number, number] },
    { pad: 'valid' as const, rates: [3, 1] as [number, number] },
  ])('convolving with it undilated is the dilated convolution ($pad, $rates)', ({ pad, rates }) => {
    const x = values([2, 8, 9, 2], 0) as tf.Tensor4D;
    const w = values([3, 2, 2, 3], 1) as tf.Tensor4D;
    const spread = dilatedKernel(w, rates);
    expect(spread.shape).toEqual([2 * rates[0] + 1, rates[1] + 1, 2, 3]);
    const direct = tf.conv2d(x, w, 1, pad, 'NHWC', rates);
    expect(maxDiff(tf.conv2d(x, spread, 1, pad), direct)).toBeLessThan(1e-5);
    tf.dispose([x, w, spread, direct]);
  });

  it("gives a dilated Conv2D the gradients of TensorFlow's own route (space to batch)", () => {
    // TensorFlow runs a 'valid' dilated convolution with rate r as a plain one on the input
    // split into r×r interleaved images (spaceToBatchND), then merges them back.
    const layer = conv2d({ filters: 3, kernelSize: 2, dilationRate: 2, useBias: false });
    const x = values([2, 6, 6, 2], 2);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const w = layer.getWeights()[0] as tf.Tensor4D;
    const probe = values([2, 4, 4, 3], 3);
    const viaLayer = tf.grads((a: tf.Tensor) =>
      tf.sum(tf.mul(layer.apply(a, { training: true }) as tf.Tensor, probe)),
    )([x]);
    const { grads } = tf.variableGrads(() =>
      tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, probe)),
    );
    const viaBatches = tf.grads((a: tf.Tensor, k: tf.Tensor) => {
      const split = tf.spaceToBatchND(
        a,
        [2, 2],
        [
          [0, 0],
          [0, 0],
        ],
      ) as tf.Tensor4D;
      const y = tf.batchToSpaceND(
        tf.conv2d(split, k as tf.Tensor4D, 1, 'valid'),
        [2, 2],
        [
          [0, 0],
          [0, 0],
        ],
      );
      return tf.sum(tf.mul(y, probe));
    })([x, w]);
    const kernelGrad = Object.values(grads)[0];
    expect(kernelGrad).toBeDefined();
    expect(maxDiff(viaLayer[0] as tf.Tensor, viaBatches[0] as tf.Tensor)).toBeLessThan(1e-5);
    expect(maxDiff(kernelGrad as tf.Tensor, viaBatches[1] as tf.Tensor)).toBeLessThan(1e-5);
    tf.dispose([x, w, probe, ...viaLayer, ...viaBatches, ...Object.values(grads)]);
    layer.dispose();
  });
});
