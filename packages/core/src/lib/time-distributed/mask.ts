import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';

/**
 * Checks a mask against the input it goes with: a boolean tensor whose shape
 * is a prefix of the input's (`[batch]` or `[batch, time]`, ...).
 */
export function checkMask(
  value: unknown,
  x: tf.Tensor,
  layerName: string,
): asserts value is tf.Tensor {
  const mask = value;
  if (!(mask instanceof tf.Tensor)) {
    throw new ShapeError(
      `expected the mask to be a tf.Tensor of shape [batch, time], received ${String(mask)}`,
      layerName,
    );
  }
  if (mask.dtype !== 'bool') {
    throw new ShapeError(
      `expected a bool mask, received dtype ${mask.dtype} (use tf.cast(mask, 'bool'))`,
      layerName,
    );
  }
  const prefix = x.shape.slice(0, mask.rank);
  const fits =
    mask.rank >= 1 &&
    mask.rank <= x.rank &&
    mask.shape.every((d: number, i: number) => d === prefix[i]);
  if (!fits) {
    const expected = formatShape(x.shape.slice(0, Math.min(2, x.rank)));
    throw new ShapeError(
      `expected a mask of shape ${expected} [batch, time] for input ${formatShape(x.shape)}, received ${formatShape(mask.shape)}`,
      layerName,
    );
  }
}

/**
 * The mask for the merged `[batch*steps..., ...]` axis: a mask covering fewer
 * leading axes than are merged (per sample, say) is repeated over the others first.
 */
export function mergeMask(mask: tf.Tensor, lead: number[]): tf.Tensor {
  let m = mask;
  if (m.rank < lead.length) {
    const missing = lead.slice(m.rank);
    m = tf.reshape(m, [...m.shape, ...missing.map(() => 1)]);
    m = tf.tile(m, [...mask.shape.map(() => 1), ...missing]);
  }
  return tf.reshape(m, [-1, ...m.shape.slice(lead.length)]);
}

/** Mask of one time step: `mask[:, step]`, or the whole mask when it is per sample. */
export function stepMask(mask: tf.Tensor, step: number): tf.Tensor {
  if (mask.rank < 2) return mask;
  return tf.squeeze(tf.slice(mask, [0, step], [-1, 1]), [1]);
}

/** Reduces a mask to `[batch, ...lead]` (Keras: a step counts when any of its entries does). */
export function reduceMask(mask: tf.Tensor, leadRank: number): tf.Tensor {
  if (mask.rank <= leadRank) return mask;
  const axes = Array.from({ length: mask.rank - leadRank }, (_, i) => leadRank + i);
  return tf.any(mask, axes);
}
