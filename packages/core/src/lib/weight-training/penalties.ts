import * as tf from '@tensorflow/tfjs-core';
import type { LayerVariable } from '../layer-variable.js';
import type { Regularizer } from './regularizers.js';

/**
 * `regularizer(output) / batch` summed over outputs, as tf.keras 2 adds an
 * activity penalty (the batch is the output's first axis); undefined without one.
 */
export function activityPenalty(
  regularizer: Regularizer | undefined,
  outputs: tf.Tensor[],
  batchAxes = 1,
): tf.Scalar | undefined {
  if (regularizer === undefined || outputs.length === 0) return undefined;
  const terms = outputs.map((y) => {
    const batch = y.shape.slice(0, batchAxes).reduce((a, b) => a * b, 1);
    return tf.div(regularizer.apply(y), Math.max(batch, 1)) as tf.Scalar;
  });
  return terms.length === 1 ? terms[0] : (tf.addN(terms) as tf.Scalar);
}

/** Activity penalties of the graph run in progress; undefined when nobody collects them. */
let collecting: tf.Scalar[] | undefined;

/**
 * Runs `f` while collecting the activity penalties of every layer call in
 * model graphs (nested models included). Returns `f`'s result and the
 * penalties, which belong to the caller's `tf.tidy`.
 */
export function collectActivityLosses<T>(f: () => T): { result: T; losses: tf.Scalar[] } {
  const outer = collecting;
  const losses: tf.Scalar[] = [];
  collecting = losses;
  try {
    return { result: f(), losses };
  } finally {
    collecting = outer;
  }
}

/**
 * Runs `f` with no collector: for code that calls layers inside its own
 * `tf.tidy` (TimeDistributed's step blocks), where a recorded penalty would be
 * freed before the loss reads it.
 */
export function withoutActivityLosses<T>(f: () => T): T {
  const outer = collecting;
  collecting = undefined;
  try {
    return f();
  } finally {
    collecting = outer;
  }
}

/**
 * Records an activity penalty for the training loss, when one is being
 * computed. For wrappers that call their inner layers' `call` directly
 * (Bidirectional): `recordActivityLoss(inner.activityLoss(outputs))`.
 */
export function recordActivityLoss(loss: tf.Scalar | undefined): void {
  if (loss !== undefined) collecting?.push(loss);
}

/** Whether a collector is listening (graphs skip the penalty work otherwise). */
export function collectingActivityLosses(): boolean {
  return collecting !== undefined;
}

/**
 * Σ regularizer(weight) over the weights, each once: a weight shared by
 * several layers, or by every step of a TimeDistributed layer, counts once.
 * Trainable or not, as Keras counts them. Undefined without any.
 */
export function weightPenalty(weights: readonly LayerVariable[]): tf.Scalar | undefined {
  const terms = [...new Set(weights)].flatMap((w) =>
    w.regularizer ? [w.regularizer.apply(w.value)] : [],
  );
  if (terms.length === 0) return undefined;
  return terms.length === 1 ? terms[0] : (tf.addN(terms) as tf.Scalar);
}

/**
 * Projects each constrained weight after an optimizer step (Keras applies a
 * constraint right after the update of its variable).
 */
export function applyConstraints(weights: readonly LayerVariable[]): void {
  for (const w of new Set(weights)) {
    const c = w.constraint;
    if (c === undefined) continue;
    const next = tf.tidy(() => c.apply(w.value));
    w.value.assign(next);
    next.dispose();
  }
}
