import * as tf from '@tensorflow/tfjs-core';
import { at, type LayerVariable } from '@framewise/core';

/** One of MultiHeadAttention's four projections (Keras 2's `EinsumDense` sublayers). */
export interface Projection {
  kernel: LayerVariable;
  bias: LayerVariable | undefined;
}

const product = (sizes: number[]): number => sizes.reduce((a, b) => a * b, 1);

/**
 * `[..., features]` times a kernel `[features, heads, size]` (plus a bias
 * `[heads, size]`) gives `[..., heads, size]`: Keras' `abc,cde->abde`, as one matMul.
 */
export function project(x: tf.Tensor, p: Projection): tf.Tensor {
  const kernel = p.kernel.value;
  const [rows, ...rest] = kernel.shape;
  return dense(x, kernel, p.bias, 1, at([rows], 0, 'features'), rest);
}

/**
 * `[..., heads, valueDim]` times a kernel `[heads, valueDim, ...out]` (plus a
 * bias `[...out]`) gives `[..., ...out]`: Keras' `abcd,cde->abe`, as one matMul.
 */
export function projectOut(x: tf.Tensor, p: Projection): tf.Tensor {
  const kernel = p.kernel.value;
  const [heads = 0, size = 0, ...out] = kernel.shape;
  return dense(x, kernel, p.bias, 2, heads * size, out);
}

/** Contracts the last `bound` axes of `x` (`rows` values) with the kernel's first ones. */
function dense(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: LayerVariable | undefined,
  bound: number,
  rows: number,
  rest: number[],
): tf.Tensor {
  const cols = product(rest);
  let y = tf.matMul(tf.reshape(x, [-1, rows]), tf.reshape(kernel, [rows, cols]));
  if (bias) y = tf.add(y, tf.reshape(bias.value, [cols]));
  return tf.reshape(y, [...x.shape.slice(0, x.rank - bound), ...rest]);
}
