import * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, ShapeError, type StepLayout } from '@framewise/core';

/** Batch statistics of one training call of a normalization layer. */
export interface BatchStatistics {
  /** What the input is normalised with: `[features]`, or shaped to broadcast against the input. */
  mean: tf.Tensor;
  variance: tf.Tensor;
  /** One value per feature: what the moving averages move towards (population variance, as tf.keras 2 and 3). */
  featureMean: tf.Tensor;
  featureVariance: tf.Tensor;
}

/** Every axis of a rank-`rank` tensor except those in `keep`. */
function otherAxes(rank: number, keep: readonly number[]): number[] {
  return Array.from({ length: rank }, (_, i) => i).filter((i) => !keep.includes(i));
}

/**
 * Mean and (population) variance over `axes`, kept as size-1 axes. With a
 * mask, only the slices it marks count (Keras' weighted moments; a batch with
 * nothing marked gives 0 rather than NaN, as `divide_no_nan` does there).
 * `count` is how many values each statistic was taken over.
 */
function moments(
  x: tf.Tensor,
  axes: number[],
  weights: tf.Tensor | null,
): { mean: tf.Tensor; variance: tf.Tensor; count: tf.Tensor } {
  if (weights === null) {
    const { mean, variance } = tf.moments(x, axes, true);
    const n = axes.reduce((p, a) => p * at(x.shape, a, 'reduced axis'), 1);
    return { mean, variance, count: tf.scalar(n) };
  }
  const w = tf.broadcastTo(weights, x.shape);
  const count = tf.sum(w, axes, true);
  const mean = tf.divNoNan(tf.sum(tf.mul(x, w), axes, true), count);
  const variance = tf.divNoNan(tf.sum(tf.mul(tf.squaredDifference(x, mean), w), axes, true), count);
  return { mean, variance, count };
}

/**
 * The mask as float weights shaped to broadcast against `x`: a bool mask whose
 * shape is a prefix of the input's (`[batch]`, `[batch, time]` ...), with size-1
 * axes added for the rest. Throws `ShapeError` for any other mask.
 */
function maskWeights(mask: tf.Tensor, x: tf.Tensor, layerName: string): tf.Tensor {
  const fits =
    mask.rank >= 1 && mask.rank <= x.rank && mask.shape.every((d, i) => d === x.shape[i]);
  if (!fits) {
    throw new ShapeError(
      `expected a mask whose shape starts the input's ${formatShape(x.shape)} ([batch] or [batch, time]), ` +
        `received ${formatShape(mask.shape)}`,
      layerName,
    );
  }
  const pad = Array<number>(x.rank - mask.rank).fill(1);
  return tf.reshape(tf.cast(mask, 'float32'), [...mask.shape, ...pad]);
}

/**
 * Statistics over every slice of the batch: all axes but the feature axis
 * (Keras, and tf.keras 2's TimeDistributed, which merges batch and time).
 * `mean` and `variance` are `[features]` when the features are the last axis,
 * which lets the caller use tfjs' fused `batchNorm` (tfjs-layers' numbers).
 */
export function mergedStatistics(
  x: tf.Tensor,
  axis: number,
  mask: tf.Tensor | null,
  layerName: string,
): BatchStatistics {
  const weights = mask === null ? null : maskWeights(mask, x, layerName);
  const { mean, variance } = moments(x, otherAxes(x.rank, [axis]), weights);
  const features = [at(x.shape, axis, 'feature axis')];
  const featureMean = tf.reshape(mean, features);
  const featureVariance = tf.reshape(variance, features);
  return axis === x.rank - 1
    ? { mean: featureMean, variance: featureVariance, featureMean, featureVariance }
    : { mean, variance, featureMean, featureVariance };
}

/**
 * Statistics over the batch, step by step, for an input whose axis 0 merges
 * `steps.lead` (batch-major). The input is viewed as `[batch, steps, ...rest]`
 * and reduced over every axis but the step and feature axes; `mean` and
 * `variance` come back shaped `[1, steps, ...]` for that view, so the caller
 * normalises the view and reshapes back. The moving averages get the per-step
 * statistics averaged over the steps, each step weighted by how many values it
 * had (equal weights without a mask): the mean of the per-step means is the
 * merged mean, and the mean of the per-step variances is the spread a step
 * shows around its own mean, which is what training divided by.
 */
export function perStepStatistics(
  x: tf.Tensor,
  axis: number,
  steps: StepLayout,
  mask: tf.Tensor | null,
  layerName: string,
): BatchStatistics & { view: number[] } {
  const batch = at(steps.lead, 0, 'batch of the step layout');
  const view = [batch, at(x.shape, 0, 'merged batch') / batch, ...x.shape.slice(1)];
  const xs = tf.reshape(x, view);
  const weights =
    mask === null
      ? null
      : maskWeights(tf.reshape(mask, [batch, -1, ...mask.shape.slice(1)]), xs, layerName);
  const { mean, variance, count } = moments(xs, otherAxes(xs.rank, [1, axis + 1]), weights);
  const features = [at(x.shape, axis, 'feature axis')];
  const total = tf.sum(tf.broadcastTo(count, mean.shape), 1, true);
  const overSteps = (t: tf.Tensor): tf.Tensor =>
    tf.reshape(tf.divNoNan(tf.sum(tf.mul(t, count), 1, true), total), features);
  return {
    mean,
    variance,
    featureMean: overSteps(mean),
    featureVariance: overSteps(variance),
    view,
  };
}

/**
 * `gamma * (x - mean) / sqrt(variance + epsilon) + beta` with the features on
 * `axis`. Rank-1 statistics on the last axis go through tfjs' fused kernel,
 * exactly as tfjs-layers does; tfjs' kernels broadcast their parameters along
 * the last axis only, so every other layout is written out with broadcasting ops.
 */
export function normalizeFeatures(
  x: tf.Tensor,
  axis: number,
  stats: { mean: tf.Tensor; variance: tf.Tensor },
  gamma: tf.Tensor | undefined,
  beta: tf.Tensor | undefined,
  epsilon: number,
): tf.Tensor {
  const { mean, variance } = stats;
  const features = at(x.shape, axis, 'feature axis');
  if (axis === x.rank - 1 && mean.rank === 1) {
    const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, features]);
    const y = tf.batchNorm(x2, mean, variance, beta, gamma, epsilon);
    return x.rank === 2 ? y : tf.reshape(y, x.shape);
  }
  const paramShape = x.shape.map((d, i) => (i === axis ? d : 1));
  const asParam = (t: tf.Tensor): tf.Tensor => (t.rank === x.rank ? t : tf.reshape(t, paramShape));
  let y = tf.mul(tf.sub(x, asParam(mean)), tf.rsqrt(tf.add(asParam(variance), epsilon)));
  if (gamma) y = tf.mul(y, asParam(gamma));
  if (beta) y = tf.add(y, asParam(beta));
  return y;
}

/**
 * Keras' moving-average update, `v -= (v - value) * (1 - momentum)`, i.e.
 * `momentum * v + (1 - momentum) * value`. `assign` makes the variable share
 * the new value's data, so the surrounding `tf.tidy` may dispose the tensor.
 */
export function updateMovingAverage(
  variable: tf.Variable,
  value: tf.Tensor,
  momentum: number,
): void {
  tf.tidy(() => variable.assign(tf.sub(variable, tf.mul(tf.sub(variable, value), 1 - momentum))));
}
