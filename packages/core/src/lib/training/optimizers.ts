import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';

/** An optimizer by name (as tfjs-layers and Keras spell them) or a `tf.train.*` instance. */
export type OptimizerIdentifier = string | tf.Optimizer;

// tfjs-layers' backend epsilon, which its named optimizers use.
const EPSILON = 1e-7;

// The same defaults as tfjs-layers' `getOptimizer`, so a model compiled with
// 'adam' here and there takes the same steps. 'momentum' has no Keras string;
// it is tf.train.momentum with Keras SGD's usual 0.9.
const FACTORIES: Record<string, () => tf.Optimizer> = {
  SGD: () => tf.train.sgd(0.01),
  Momentum: () => tf.train.momentum(0.01, 0.9),
  Adam: () => tf.train.adam(0.001, 0.9, 0.999, EPSILON),
  Adamax: () => tf.train.adamax(0.002, 0.9, 0.999, EPSILON, 0),
  Adagrad: () => tf.train.adagrad(0.01),
  Adadelta: () => tf.train.adadelta(1, 0.95, EPSILON),
  RMSProp: () => tf.train.rmsprop(0.001, 0.9, 0, EPSILON),
};

const LOWER: Record<string, () => tf.Optimizer> = Object.fromEntries(
  Object.entries(FACTORIES).map(([k, make]) => [k.toLowerCase(), make]),
);

/** Every optimizer name `getOptimizer` accepts (case-insensitive), sorted. */
export function optimizerNames(): string[] {
  return Object.keys(LOWER).sort();
}

/**
 * A fresh optimizer for a name (`'sgd'`, `'momentum'`, `'adam'`, `'adamax'`,
 * `'adagrad'`, `'adadelta'`, `'rmsprop'`, any case), or the instance given.
 */
export function getOptimizer(identifier: OptimizerIdentifier, where?: string): tf.Optimizer {
  if (identifier instanceof tf.Optimizer) return identifier;
  if (typeof identifier === 'string') {
    const make = LOWER[identifier.toLowerCase()];
    if (make !== undefined) return make();
    throw new ConfigError(
      `unknown optimizer '${identifier}'; known optimizers: ${optimizerNames().join(', ')} ` +
        `(or pass a tf.train optimizer instance)`,
      where,
    );
  }
  throw new ConfigError(
    `an optimizer must be a name or a tf.Optimizer instance, received ${String(identifier)}`,
    where,
  );
}
