import * as tf from '@tensorflow/tfjs-core';

/**
 * Repeats each element `factor` times along `axis` (Keras' `repeat_elements`,
 * NumPy's `repeat`): `[a, b]` by 2 is `[a, a, b, b]`. The tensor is viewed as
 * `[before, size, 1, after]` and tiled on the third axis, so the tile stays at
 * rank 4 whatever the input's rank: tfjs has Tile's gradient up to rank 4 only.
 */
export function repeatElements(x: tf.Tensor, factor: number, axis: number): tf.Tensor {
  if (factor === 1) return x;
  const shape = x.shape;
  const size = shape[axis] ?? 1;
  const before = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const after = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const tiled = tf.tile(tf.reshape(x, [before, size, 1, after]), [1, 1, factor, 1]);
  return tf.reshape(tiled, [...shape.slice(0, axis), size * factor, ...shape.slice(axis + 1)]);
}
