import * as tf from '@tensorflow/tfjs-core';
import { NamedCatalog } from './named-catalog.js';
import { at } from '../checked.js';

/** The kind of target a loss expects; `accuracy` picks its rule from it. */
export type LossKind = 'regression' | 'binary' | 'categorical' | 'sparse';

/**
 * A loss: per-element values with the last (feature or class) axis reduced,
 * so a sequence output `[batch, time, classes]` gives one value per sample and
 * step, `[batch, time]`. Masks and sample weights are applied to that result.
 */
export interface Loss {
  /** The name logs use (`loss` is always the total; per output `<output>_loss`). */
  readonly name: string;
  /** What the targets look like; `'regression'` for custom losses. */
  readonly kind: LossKind;
  /** True when predictions are logits (no softmax/sigmoid applied by the model). */
  readonly fromLogits: boolean;
  /** Per-element loss values, `yPred.shape` without its last axis. */
  compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;
}

/** Options of the crossentropy losses. */
export interface CrossentropyOptions {
  /** Predictions are logits: the loss applies softmax/sigmoid itself, stably. Default false. */
  fromLogits?: boolean;
}

/** A loss by name (camelCase or Keras snake_case), a {@link Loss}, or `(yTrue, yPred) => perElement`. */
export type LossIdentifier = string | Loss | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

// tfjs-layers' and Keras' backend epsilon: probabilities are clipped to [eps, 1 - eps].
const EPSILON = 1e-7;

/** Mean of squared differences over the last axis. */
export function meanSquaredError(): Loss {
  return {
    name: 'mean_squared_error',
    kind: 'regression',
    fromLogits: false,
    compute: (yTrue, yPred) => tf.mean(tf.square(tf.sub(yPred, yTrue)), -1),
  };
}

/** Mean of absolute differences over the last axis. */
export function meanAbsoluteError(): Loss {
  return {
    name: 'mean_absolute_error',
    kind: 'regression',
    fromLogits: false,
    compute: (yTrue, yPred) => tf.mean(tf.abs(tf.sub(yPred, yTrue)), -1),
  };
}

/** Binary crossentropy, averaged over the last axis (targets 0 or 1 per unit). */
export function binaryCrossentropy(options: CrossentropyOptions = {}): Loss {
  const fromLogits = options.fromLogits ?? false;
  return {
    name: 'binary_crossentropy',
    kind: 'binary',
    fromLogits,
    compute: (yTrue, yPred) => {
      // Probabilities become logits the way tfjs-layers does it, so the clipped
      // values and gradients match it; logits go straight to the stable formula.
      const logits = fromLogits
        ? yPred
        : tf.tidy(() => {
            const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
            return tf.log(tf.div(p, tf.sub(1, p)));
          });
      // relu(x) − x·z + log(1 + e^−|x|): stable for any logit (tfjs-layers' formula).
      const terms = tf.add(
        tf.sub(tf.relu(logits), tf.mul(logits, yTrue)),
        tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
      );
      return tf.mean(terms, -1);
    },
  };
}

/** Categorical crossentropy against one-hot (or soft) targets over the last axis. */
export function categoricalCrossentropy(options: CrossentropyOptions = {}): Loss {
  const fromLogits = options.fromLogits ?? false;
  return {
    name: 'categorical_crossentropy',
    kind: 'categorical',
    fromLogits,
    compute: (yTrue, yPred) => categorical(yTrue, yPred, fromLogits),
  };
}

/** Crossentropy against integer class indices (`yPred.shape` without the class axis, or with it as 1). */
export function sparseCategoricalCrossentropy(options: CrossentropyOptions = {}): Loss {
  const fromLogits = options.fromLogits ?? false;
  return {
    name: 'sparse_categorical_crossentropy',
    kind: 'sparse',
    fromLogits,
    compute: (yTrue, yPred) => {
      const classes = at(yPred.shape, yPred.rank - 1, 'class axis of the predictions');
      const indices = tf.cast(tf.floor(tf.reshape(sparseTargets(yTrue, yPred), [-1])), 'int32');
      const oneHot = tf.reshape(tf.oneHot(indices, classes), yPred.shape);
      return categorical(oneHot, yPred, fromLogits);
    },
  };
}

function categorical(yTrue: tf.Tensor, yPred: tf.Tensor, fromLogits: boolean): tf.Tensor {
  if (fromLogits) return tf.neg(tf.sum(tf.mul(yTrue, tf.logSoftmax(yPred, -1)), -1));
  // As tfjs-layers and Keras: rescale to sum 1, clip, then -Σ t·log p.
  const p = tf.clipByValue(tf.div(yPred, tf.sum(yPred, -1, true)), EPSILON, 1 - EPSILON);
  return tf.neg(tf.sum(tf.mul(yTrue, tf.log(p)), -1));
}

/** Sparse targets with a trailing axis of 1 (Keras allows both) lose it. */
export function sparseTargets(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return yTrue.rank === yPred.rank && yTrue.shape.at(-1) === 1 ? tf.squeeze(yTrue, [-1]) : yTrue;
}

const LOSSES = new NamedCatalog<Loss>({
  noun: 'loss',
  plural: 'losses',
  typeName: 'Loss',
  byName: {
    meanSquaredError,
    mse: meanSquaredError,
    MSE: meanSquaredError,
    mean_squared_error: meanSquaredError,
    meanAbsoluteError,
    mae: meanAbsoluteError,
    MAE: meanAbsoluteError,
    mean_absolute_error: meanAbsoluteError,
    binaryCrossentropy: () => binaryCrossentropy(),
    binary_crossentropy: () => binaryCrossentropy(),
    categoricalCrossentropy: () => categoricalCrossentropy(),
    categorical_crossentropy: () => categoricalCrossentropy(),
    sparseCategoricalCrossentropy: () => sparseCategoricalCrossentropy(),
    sparse_categorical_crossentropy: () => sparseCategoricalCrossentropy(),
  },
  fromFunction: (fn) => ({
    name: fn.name || 'loss',
    kind: 'regression',
    fromLogits: false,
    compute: fn,
  }),
});

/** Every loss name `getLoss` accepts, sorted. */
export function lossNames(): string[] {
  return LOSSES.names();
}

/** Resolves a loss identifier; unknown names throw `ConfigError` listing the known ones. */
export function getLoss(identifier: LossIdentifier, where?: string): Loss {
  return LOSSES.resolve(identifier, where);
}
