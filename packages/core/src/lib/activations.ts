import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from './errors.js';

/** tfjs-layers' activation names (Keras JSON uses the snake_case form, e.g. `hard_sigmoid`). */
export type ActivationIdentifier =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'elu'
  | 'selu'
  | 'sigmoid'
  | 'hardSigmoid'
  | 'hardSigmoidKeras3'
  | 'tanh'
  | 'softmax'
  | 'softplus'
  | 'softsign'
  | 'swish'
  | 'gelu';

/** The activations `tf.fused` kernels can apply inside a matMul or conv2d. */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const functions = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  elu: (x) => tf.elu(x),
  selu: (x) =>
    tf.tidy(() =>
      tf.mul(SELU_SCALE, tf.where(tf.greater(x, 0), x, tf.mul(SELU_ALPHA, tf.expm1(x)))),
    ),
  sigmoid: (x) => tf.sigmoid(x),
  // Keras 2 / tfjs-layers definition: clip(0.2x + 0.5, 0, 1).
  hardSigmoid: (x) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1)),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x, -1),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.tidy(() => tf.div(x, tf.add(tf.abs(x), 1))),
  swish: (x) => tf.tidy(() => tf.mul(x, tf.sigmoid(x))),
  gelu: (x) => tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
} as Record<ActivationIdentifier, (x: tf.Tensor) => tf.Tensor>;

// Keras 3 redefined `hard_sigmoid` as relu6(x + 3) / 6; `@framewise/io` maps Keras 3 files'
// `hard_sigmoid` here (JSON name `hard_sigmoid_keras3`) so each file keeps its own numbers.
// Not in `activationNames`, which lists tfjs-layers' activations (tfjs-layers has no such one).
functions.hardSigmoidKeras3 = (x) => tf.tidy(() => tf.div(tf.relu6(tf.add(x, 3)), 6));

// A Map, not the object: a name like 'constructor' must not find Object.prototype's members.
const byName = new Map(Object.entries(functions)) as Map<string, (x: tf.Tensor) => tf.Tensor>;

const fused = new Set<string>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

/** The activation names Framewise knows, in tfjs-layers' spelling (plus `hardSigmoidKeras3`, see above). */
export const activationNames = (Object.keys(functions) as ActivationIdentifier[]).filter(
  (n) => n !== 'hardSigmoidKeras3',
);

/** Accepts tfjs' camelCase or Keras' snake_case name; throws `ConfigError` listing valid names. */
export function normaliseActivation(name: unknown, layerName?: string): ActivationIdentifier {
  const camel =
    typeof name === 'string' ? name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : name;
  if (typeof camel === 'string' && byName.has(camel)) return camel as ActivationIdentifier;
  throw unknownActivation(name, layerName);
}

function unknownActivation(name: unknown, layerName?: string): ConfigError {
  return new ConfigError(
    `unknown activation ${JSON.stringify(name)}; expected one of ${activationNames.join(', ')}`,
    layerName,
  );
}

/** The function for an activation name; throws `ConfigError` listing the known ones. */
export function getActivation(name: ActivationIdentifier): (x: tf.Tensor) => tf.Tensor {
  const fn = byName.get(name);
  if (fn === undefined) throw unknownActivation(name);
  return fn;
}

/** The name to give a `tf.fused` op, or undefined when the activation must run separately. */
export function fusedActivation(name: ActivationIdentifier): FusedActivation | undefined {
  return fused.has(name) ? (name as FusedActivation) : undefined;
}
