import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { sparseTargets, type Loss } from './losses.js';

/**
 * A metric: per-element values with the last axis reduced, like a loss. Over a
 * batch and an epoch Framewise reports their weighted mean (Keras' `Mean`
 * metric): Σ value·weight / Σ weight, where masked steps have weight 0.
 */
export interface Metric {
  /** The name logs use (validation adds `val_`, several outputs prefix the output name). */
  readonly name: string;
  /** Per-element metric values, `yPred.shape` without its last axis. */
  compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;
}

/** A metric by name (camelCase or Keras snake_case; `'accuracy'`/`'acc'` picks its rule), an object or a function. */
export type MetricIdentifier =
  string | Metric | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

const metric = (name: string, compute: Metric['compute']): Metric => ({ name, compute });

/** 1 where the thresholded prediction (> 0.5) equals the target, averaged over the last axis. */
export function binaryAccuracy(name = 'binary_accuracy'): Metric {
  return metric(name, (yTrue, yPred) =>
    tf.mean(tf.cast(tf.equal(yTrue, tf.cast(tf.greater(yPred, 0.5), yTrue.dtype)), 'float32'), -1),
  );
}

/** 1 where the arg-max of the prediction equals the arg-max of the one-hot target. */
export function categoricalAccuracy(name = 'categorical_accuracy'): Metric {
  return metric(name, (yTrue, yPred) =>
    tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'),
  );
}

/** 1 where the arg-max of the prediction equals the integer class target. */
export function sparseCategoricalAccuracy(name = 'sparse_categorical_accuracy'): Metric {
  return metric(name, (yTrue, yPred) =>
    tf.cast(
      tf.equal(tf.cast(sparseTargets(yTrue, yPred), 'int32'), tf.argMax(yPred, -1)),
      'float32',
    ),
  );
}

/** Mean squared error as a metric. */
export function meanSquaredErrorMetric(name = 'mse'): Metric {
  return metric(name, (yTrue, yPred) => tf.mean(tf.square(tf.sub(yPred, yTrue)), -1));
}

/** Mean absolute error as a metric. */
export function meanAbsoluteErrorMetric(name = 'mae'): Metric {
  return metric(name, (yTrue, yPred) => tf.mean(tf.abs(tf.sub(yPred, yTrue)), -1));
}

// A Map, not an object: a name like 'constructor' must not find Object.prototype's members.
const BY_NAME = new Map<string, (name: string) => Metric>(
  Object.entries({
    binaryAccuracy,
    binary_accuracy: binaryAccuracy,
    categoricalAccuracy,
    categorical_accuracy: categoricalAccuracy,
    sparseCategoricalAccuracy,
    sparse_categorical_accuracy: sparseCategoricalAccuracy,
    mse: meanSquaredErrorMetric,
    MSE: meanSquaredErrorMetric,
    meanSquaredError: meanSquaredErrorMetric,
    mean_squared_error: meanSquaredErrorMetric,
    mae: meanAbsoluteErrorMetric,
    MAE: meanAbsoluteErrorMetric,
    meanAbsoluteError: meanAbsoluteErrorMetric,
    mean_absolute_error: meanAbsoluteErrorMetric,
  }),
);

const ACCURACY = ['accuracy', 'acc'];

/** Every metric name `getMetric` accepts, sorted. */
export function metricNames(): string[] {
  return [...ACCURACY, ...BY_NAME.keys()].sort();
}

/**
 * Keras' rule for `'accuracy'`: binary when the loss is binary crossentropy or
 * the output has one unit; sparse when the loss is sparse crossentropy or the
 * targets have fewer axes than the output (or a last axis of 1 against
 * several classes); categorical otherwise.
 */
export function accuracyFor(
  loss: Loss,
  yTrueShape: readonly number[],
  yPredShape: readonly number[],
  name: string,
): Metric {
  const predLast = yPredShape.at(-1);
  if (loss.kind === 'binary' || predLast === 1) return binaryAccuracy(name);
  const sparseShapes =
    yTrueShape.length < yPredShape.length || (yTrueShape.at(-1) === 1 && (predLast ?? 0) > 1);
  if (loss.kind === 'sparse' || sparseShapes) return sparseCategoricalAccuracy(name);
  return categoricalAccuracy(name);
}

/**
 * Resolves a metric identifier. `'accuracy'` cannot be resolved without the
 * loss and shapes: it comes back as `null` and is settled on the first batch
 * with {@link accuracyFor}.
 */
export function getMetric(identifier: MetricIdentifier, where?: string): Metric | null {
  if (typeof identifier === 'string') {
    if (ACCURACY.includes(identifier)) return null;
    const factory = BY_NAME.get(identifier);
    if (factory === undefined) {
      throw new ConfigError(
        `unknown metric '${identifier}'; known metrics: ${metricNames().join(', ')}`,
        where,
      );
    }
    return factory(identifier);
  }
  if (typeof identifier === 'function') {
    return metric(identifier.name || 'metric', identifier);
  }
  if (
    identifier !== null &&
    typeof identifier === 'object' &&
    typeof identifier.compute === 'function'
  ) {
    return identifier;
  }
  throw new ConfigError(
    `a metric must be a name, a Metric object or a function, received ${String(identifier)}`,
    where,
  );
}
