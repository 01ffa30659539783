import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import {
  numberSetting,
  resolveKerasCallable,
  serializeKerasCallable,
  type KerasObject,
  type TfjsSerializable,
} from './keras-object.js';

/**
 * A projection applied to a weight after each optimizer step (Keras'
 * `kernel_constraint` ...). Keras-serializable like `Regularizer`.
 */
export interface Constraint {
  /** Keras class name: `MaxNorm`, `NonNeg`, `UnitNorm`, `MinMaxNorm`. */
  readonly className: string;
  /** Keras config (snake_case keys). */
  readonly config: Record<string, unknown>;
  /** The projected weight value. */
  apply(w: tf.Tensor): tf.Tensor;
}

/** Names a constraint option accepts (Keras' and tfjs-layers' spellings). */
export type ConstraintIdentifier =
  | 'max_norm'
  | 'maxNorm'
  | 'non_neg'
  | 'nonNeg'
  | 'unit_norm'
  | 'unitNorm'
  | 'min_max_norm'
  | 'minMaxNorm';

/** Keras JSON form of a constraint: `{class_name: 'MaxNorm', config: {max_value: 2, axis: 0}}`. */
export interface SerializedConstraint {
  class_name: string;
  config: Record<string, unknown>;
}

/** Anything a `*Constraint` option accepts. */
export type ConstraintOption =
  ConstraintIdentifier | SerializedConstraint | Constraint | TfjsSerializable;

const KIND = 'constraint';
const EXPECTED =
  'max_norm, non_neg, unit_norm, min_max_norm or a Keras object with class_name MaxNorm, NonNeg, UnitNorm, MinMaxNorm';

/** Keras' `backend.epsilon()`, which keeps a zero norm from dividing by zero. */
const EPSILON = 1e-7;

function axisOf(o: KerasObject): number | number[] {
  const axis = o.config['axis'] ?? 0;
  const ok = (a: unknown): a is number => typeof a === 'number' && Number.isInteger(a);
  if (ok(axis) || (Array.isArray(axis) && axis.length > 0 && axis.every(ok))) return axis;
  throw new ConfigError(
    `constraint ${o.className}: axis must be an integer or a list of integers, received ${JSON.stringify(axis)}`,
  );
}

/** The L2 norm along `axis`, kept for broadcasting. */
const norms = (w: tf.Tensor, axis: number | number[]): tf.Tensor =>
  tf.sqrt(tf.sum(tf.square(w), axis, true));

/** Rescales each slice along `axis` to `desired(norm)`. */
function rescaled(
  className: string,
  config: Record<string, unknown>,
  axis: number | number[],
  desired: (n: tf.Tensor) => tf.Tensor,
): Constraint {
  return {
    className,
    config,
    apply: (w) =>
      tf.tidy(() => {
        const n = norms(w, axis);
        return tf.mul(w, tf.div(desired(n), tf.add(EPSILON, n)));
      }),
  };
}

type Make = (o: KerasObject) => Constraint;

/** Keyed by `lookupKey`; Keras 1's `m` is MaxNorm's `max_value`. */
const byName = new Map<string, Make>([
  [
    'maxnorm',
    (o) => {
      const max = numberSetting(
        o,
        KIND,
        o.config['m'] === undefined ? 'max_value' : 'm',
        2,
        'nonNegative',
      );
      const axis = axisOf(o);
      return rescaled('MaxNorm', { max_value: max, axis }, axis, (n) => tf.clipByValue(n, 0, max));
    },
  ],
  [
    'nonneg',
    () => ({
      className: 'NonNeg',
      config: {},
      apply: (w) => tf.tidy(() => tf.mul(w, tf.cast(tf.greaterEqual(w, 0), w.dtype))),
    }),
  ],
  [
    'unitnorm',
    (o) => {
      const axis = axisOf(o);
      return rescaled('UnitNorm', { axis }, axis, () => tf.scalar(1));
    },
  ],
  [
    'minmaxnorm',
    (o) => {
      const min = numberSetting(o, KIND, 'min_value', 0, 'nonNegative');
      const max = numberSetting(o, KIND, 'max_value', 1, 'nonNegative');
      const rate = numberSetting(o, KIND, 'rate', 1, 'nonNegative');
      if (min > max) {
        throw new ConfigError(
          `constraint MinMaxNorm: min_value (${min}) must not exceed max_value (${max})`,
        );
      }
      const axis = axisOf(o);
      return rescaled('MinMaxNorm', { min_value: min, max_value: max, rate, axis }, axis, (n) =>
        tf.add(tf.mul(rate, tf.clipByValue(n, min, max)), tf.mul(1 - rate, n)),
      );
    },
  ],
]);

/**
 * Resolves a constraint option or Keras JSON value; undefined for none
 * (`null`, `undefined`). Throws `ConfigError` naming the accepted forms.
 */
export function getConstraint(value: unknown, layerName?: string): Constraint | undefined {
  return resolveKerasCallable(value, KIND, byName, EXPECTED, layerName);
}

/** Keras JSON of a constraint, `null` for none. */
export function serializeConstraint(c: Constraint | undefined): SerializedConstraint | null {
  return serializeKerasCallable(c);
}

const make = (className: string, config: Record<string, unknown>): Constraint => {
  const c = getConstraint({ class_name: className, config });
  if (c === undefined) throw new ConfigError(`unknown constraint ${className}`);
  return c;
};

/** `tf.constraints.maxNorm()`-style factories (tfjs-layers' names, Keras defaults). */
export const constraints = {
  /** Rescales slices along `axis` whose L2 norm exceeds `maxValue` (default 2, axis 0). */
  maxNorm: (config: { maxValue?: number; axis?: number | number[] } = {}): Constraint =>
    make('MaxNorm', { max_value: config.maxValue, axis: config.axis }),
  /** Sets negative values to 0. */
  nonNeg: (): Constraint => make('NonNeg', {}),
  /** Rescales slices along `axis` to norm 1 (default axis 0). */
  unitNorm: (config: { axis?: number | number[] } = {}): Constraint =>
    make('UnitNorm', { axis: config.axis }),
  /** Moves slice norms into `[minValue, maxValue]` at `rate` (defaults 0, 1, 1, axis 0). */
  minMaxNorm: (
    config: { minValue?: number; maxValue?: number; rate?: number; axis?: number | number[] } = {},
  ): Constraint =>
    make('MinMaxNorm', {
      min_value: config.minValue,
      max_value: config.maxValue,
      rate: config.rate,
      axis: config.axis,
    }),
};
