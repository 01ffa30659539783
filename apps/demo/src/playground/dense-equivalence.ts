import * as tf from '@tensorflow/tfjs-core';
import { at } from '@framewise/core';
import { buildModel, isFieldError, type BuiltModel, type PlaygroundForm } from './build-model.js';
import { concreteShape } from './run-model.js';
import { syntheticFrames } from './synthetic-frames.js';

/** Dense with and without TimeDistributed on the same `(time, features)` input. */
export interface DenseComparison {
  wrappedParams: number;
  plainParams: number;
  wrappedShape: (number | null)[];
  plainShape: (number | null)[];
  /** Largest |difference| between the two outputs with the same weights. */
  maxAbsDiff: number;
}

/** Whether the form is Dense on a 3-D input `(batch, time, features)`. */
export function isDenseOn3d(form: PlaygroundForm, shape: readonly (number | null)[]): boolean {
  return form.layer === 'Dense' && shape.length === 3;
}

/**
 * Builds Dense both ways, gives the second model the first one's weights and runs both on the
 * same input: Dense multiplies the last axis by its kernel at every position, so wrapping it
 * changes neither the parameters nor the numbers. Both models are freed afterwards.
 */
export async function compareDense(form: PlaygroundForm): Promise<DenseComparison | undefined> {
  const wrapped = buildModel({ ...form, wrap: true });
  const plain = buildModel({ ...form, wrap: false });
  const built = [wrapped, plain].filter((b): b is BuiltModel => !isFieldError(b));
  try {
    if (built.length !== 2) return undefined;
    const [w, p] = built as [BuiltModel, BuiltModel];
    p.layer.setWeights(w.layer.getWeights());
    const shape = concreteShape(w.inputShape);
    const x = tf.tensor(syntheticFrames(shape), shape);
    const diff = tf.tidy(() =>
      tf.max(tf.abs(tf.sub(w.model.predict(x) as tf.Tensor, p.model.predict(x) as tf.Tensor))),
    );
    const maxAbsDiff = at(await diff.data(), 0, 'largest difference');
    tf.dispose([x, diff]);
    return {
      wrappedParams: w.params,
      plainParams: p.params,
      wrappedShape: w.outputShape,
      plainShape: p.outputShape,
      maxAbsDiff,
    };
  } finally {
    built.forEach((b) => b.model.dispose());
  }
}
