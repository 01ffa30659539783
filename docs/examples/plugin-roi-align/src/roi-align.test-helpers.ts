import * as tf from '@tensorflow/tfjs-core';

/**
 * Seeded input values for RoiAlign's `[boxes, featureMap]`: boxes with y1 ≤ y2 and
 * x1 ≤ x2 inside [-0.1, 1.1] (so a few samples fall outside the map and take the
 * extrapolation value), any other tensor uniform in [-1, 1]. The layer kit's `inputValues`.
 */
export function roiInputs(seed = 1): (shape: number[], input: number) => tf.Tensor {
  return (shape, input) =>
    tf.tidy(() => {
      const at = seed * 31 + input * 7 + shape.length;
      if (input !== 0 || shape[shape.length - 1] !== 4) {
        return tf.randomUniform(shape, -1, 1, 'float32', at);
      }
      const corners = tf.randomUniform([...shape.slice(0, -1), 2, 2], -0.1, 1.1, 'float32', at);
      return tf.concat([tf.min(corners, -2), tf.max(corners, -2)], -1);
    });
}

/** Largest absolute difference between two tensors of the same shape. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}
