import type * as tf from '@tensorflow/tfjs-core';
import { ACTIVATION_FUNCTIONS, type ActivationName } from './activation-functions.js';
import { ConfigError } from './errors.js';

/**
 * An activation name in tfjs' camelCase spelling (Keras JSON uses the snake_case form:
 * `hard_sigmoid`, `log_softmax`, `hard_silu`). Every name tf.keras 2 and Keras 3 accept
 * by name, with tf.keras 2's definition where the two differ (see `hardSigmoidKeras3`).
 */
export type ActivationIdentifier = ActivationName;

/** The activations `tf.fused` kernels can apply inside a matMul or conv2d. */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';

// A Map, not the object: a name like 'constructor' must not find Object.prototype's members.
const byName = new Map<string, (x: tf.Tensor) => tf.Tensor>(Object.entries(ACTIVATION_FUNCTIONS));

const fused = new Set<string>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

/** Activations whose output shape differs from their input's: `glu` halves the last axis. */
const SHAPE_CHANGING = new Set<string>(['glu']);

/**
 * The activation names Framewise knows, in tfjs' camelCase spelling. `hardSigmoidKeras3`
 * is left out: it is the name @framewise/io gives Keras 3's `hard_sigmoid`, not a name to pick.
 */
export const activationNames = (Object.keys(ACTIVATION_FUNCTIONS) as ActivationIdentifier[]).filter(
  (n) => n !== 'hardSigmoidKeras3',
);

/** Options of `normaliseActivation`. */
export interface NormaliseActivationOptions {
  /**
   * Accept activations that change the shape (`glu` halves the last axis). Only a layer
   * that computes its output shape from the activation (`Activation`) can take them.
   */
  shapeChanging?: boolean;
}

/** Accepts tfjs' camelCase or Keras' snake_case name; throws `ConfigError` listing valid names. */
export function normaliseActivation(
  name: unknown,
  layerName?: string,
  options: NormaliseActivationOptions = {},
): ActivationIdentifier {
  const camel =
    typeof name === 'string' ? name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : name;
  if (typeof camel !== 'string' || !byName.has(camel)) throw unknownActivation(name, layerName);
  if (SHAPE_CHANGING.has(camel) && options.shapeChanging !== true) {
    throw new ConfigError(
      `activation ${JSON.stringify(name)} halves the last axis, which this layer's output ` +
        `shape does not allow; expected an activation that keeps the shape, or apply ` +
        `${JSON.stringify(name)} with an Activation layer after this one`,
      layerName,
    );
  }
  return camel as ActivationIdentifier;
}

/** Whether an activation changes the shape of its input (`glu`: the last axis halves). */
export function activationChangesShape(name: ActivationIdentifier): boolean {
  return SHAPE_CHANGING.has(name);
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
