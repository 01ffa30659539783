import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';

/**
 * Brings a sample-weight or mask tensor (`[batch]`, `[batch, time]` ...) to
 * the rank of per-element values by adding trailing axes of 1, after checking
 * that its axes are the values' leading axes.
 */
function alignTo(values: tf.Tensor, w: tf.Tensor, what: string, where?: string): tf.Tensor {
  const ok = w.rank <= values.rank && w.shape.every((d, i) => d === values.shape[i]);
  if (!ok) {
    throw new ShapeError(
      `${what} of shape ${formatShape(w.shape)} does not fit the loss values of shape ` +
        `${formatShape(values.shape)}: give one weight per sample [batch] or per sample and step [batch, time]`,
      where,
    );
  }
  const f = tf.cast(w, 'float32');
  return w.rank === values.rank
    ? f
    : tf.reshape(f, [...w.shape, ...values.shape.slice(w.rank).map(() => 1)]);
}

/** The weights of each element: sample weight times mask (1 where neither is given), or null. */
function elementWeights(
  values: tf.Tensor,
  sampleWeight: tf.Tensor | null,
  mask: tf.Tensor | null,
  where?: string,
): { weights: tf.Tensor | null; mask: tf.Tensor | null } {
  const m = mask === null ? null : alignTo(values, mask, 'the output mask', where);
  const s = sampleWeight === null ? null : alignTo(values, sampleWeight, 'sampleWeight', where);
  const weights = m !== null && s !== null ? tf.mul(m, s) : (m ?? s);
  return { weights: weights === null ? null : tf.broadcastTo(weights, values.shape), mask: m };
}

/**
 * A batch's loss, as Keras computes it (`SUM_OVER_BATCH_SIZE` with masks
 * rescaled): Σ value·weight·mask / Σ mask, where Σ mask is the number of
 * elements when there is no mask. Sample weights scale the terms but do not
 * renormalise; masked steps add nothing. All steps masked gives 0.
 */
export function reduceLoss(
  values: tf.Tensor,
  sampleWeight: tf.Tensor | null,
  mask: tf.Tensor | null,
  where?: string,
): tf.Scalar {
  return tf.tidy(() => {
    const { weights, mask: m } = elementWeights(values, sampleWeight, mask, where);
    const total = tf.sum(weights === null ? values : tf.mul(values, weights));
    const count = m === null ? tf.scalar(values.size) : tf.sum(tf.broadcastTo(m, values.shape));
    // Not divNoNan: its zero test sits on the gradient path and Equal has no
    // gradient. The count is a whole number; where it is 0 so is the total.
    return tf.div(total, tf.maximum(count, 1)) as tf.Scalar;
  });
}

/**
 * The two sums a metric accumulates over batches (Keras' `Mean`): Σ value·weight
 * and Σ weight, with the mask folded into the weights.
 */
export function metricSums(
  values: tf.Tensor,
  sampleWeight: tf.Tensor | null,
  mask: tf.Tensor | null,
  where?: string,
): [tf.Scalar, tf.Scalar] {
  return tf.tidy(() => {
    const { weights } = elementWeights(values, sampleWeight, mask, where);
    if (weights === null) return [tf.sum(values), tf.scalar(values.size)] as [tf.Scalar, tf.Scalar];
    return [tf.sum(tf.mul(values, weights)), tf.sum(weights)] as [tf.Scalar, tf.Scalar];
  });
}
