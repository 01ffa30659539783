import * as tf from '@tensorflow/tfjs-core';

/** Mean and variance of the kept axes. */
export interface Statistics {
  mean: tf.Tensor;
  variance: tf.Tensor;
}

/**
 * Population mean and variance over `reduce` axes of every batch, and the
 * number of values each position saw. Batches combine as Keras'
 * `Normalization.update_state` does (weights by count, the lack-of-fit sum of
 * squares for the variance), so a list of batches gives what one tensor
 * would, up to rounding.
 */
export function adaptStatistics(
  batches: tf.Tensor[],
  reduce: number[],
): Statistics & { count: tf.Scalar } {
  return tf.tidy(() => {
    let total = 0;
    let mean: tf.Tensor | undefined;
    let variance: tf.Tensor | undefined;
    for (const raw of batches) {
      const batch = raw.dtype === 'float32' ? raw : tf.cast(raw, 'float32');
      const moments = tf.moments(batch, reduce);
      const count = reduce.reduce((n, a) => n * (batch.shape[a] ?? 1), 1);
      total += count;
      if (mean === undefined || variance === undefined) {
        mean = moments.mean;
        variance = moments.variance;
        continue;
      }
      const w = count / total;
      const next = tf.add(tf.mul(mean, 1 - w), tf.mul(moments.mean, w));
      variance = tf.add(
        tf.mul(tf.add(variance, tf.square(tf.sub(mean, next))), 1 - w),
        tf.mul(tf.add(moments.variance, tf.square(tf.sub(moments.mean, next))), w),
      );
      mean = next;
    }
    return {
      mean: mean ?? tf.scalar(0),
      variance: variance ?? tf.scalar(1),
      count: tf.scalar(total),
    };
  });
}
