import * as tf from '@tensorflow/tfjs-core';
import { at } from '@framewise/core';

/**
 * Keras 2's implementation 2 of the locally connected layers: one dense
 * kernel `[...inputSizes, channels, ...outputSizes, filters]` times a fixed
 * 0/1 mask that keeps, for each output position, only the inputs its window
 * covers (`valid` padding). The product is one matrix multiply over the
 * flattened input, as Keras' `local_conv_matmul`.
 */
export interface ConnectionMask {
  /** 1 where input position `l` lies in the window of output position `o`, row-major `[...l, ...o]`. */
  values: Float32Array;
  /** `[...inputSizes, 1, ...outputSizes, 1]`: broadcast over channels and filters. */
  shape: number[];
}

/** The mask of Keras 2's `conv_kernel_mask` for `valid` padding, shaped to broadcast over the kernel. */
export function connectionMask(
  inputSizes: number[],
  outputSizes: number[],
  kernelSize: number[],
  strides: number[],
): ConnectionMask {
  const inputs = positions(inputSizes);
  const outputs = positions(outputSizes);
  const values = new Float32Array(inputs.length * outputs.length);
  inputs.forEach((l, i) =>
    outputs.forEach((o, j) => {
      const inside = l.every((li, d) => {
        const start = (o[d] ?? 0) * at(strides, d, 'stride');
        return li >= start && li < start + at(kernelSize, d, 'kernel size');
      });
      if (inside) values[i * outputs.length + j] = 1;
    }),
  );
  return { values, shape: [...inputSizes, 1, ...outputSizes, 1] };
}

/** `x · (kernel ⊙ mask)` over the flattened input: `[batch, ...outputSizes, filters]`. */
export function maskedLocalProduct(
  x: tf.Tensor,
  kernel: tf.Tensor,
  mask: ConnectionMask,
  outputSizes: number[],
  filters: number,
): tf.Tensor {
  const batch = at(x.shape, 0, 'batch');
  const features = x.size / batch;
  const masked = tf.mul(kernel, tf.tensor(mask.values, mask.shape));
  const y = tf.matMul(tf.reshape(x, [batch, features]), tf.reshape(masked, [features, -1]));
  return tf.reshape(y, [batch, ...outputSizes, filters]);
}

/** Every index of a grid, row-major. */
function positions(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>(
    (acc, n) => acc.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i])),
    [[]],
  );
}
