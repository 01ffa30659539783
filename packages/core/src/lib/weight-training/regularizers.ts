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
 * A weight (or activity) penalty added to the training loss. Keras-serializable:
 * `className` and `config` are what the Keras JSON holds.
 */
export interface Regularizer {
  /** Keras class name: `L1`, `L2`, `L1L2`, `OrthogonalRegularizer`. */
  readonly className: string;
  /** Keras config (snake_case keys). */
  readonly config: Record<string, unknown>;
  /** The penalty of a tensor, a scalar. */
  apply(x: tf.Tensor): tf.Scalar;
}

/** Names a regularizer option accepts (Keras' and tfjs-layers' spellings). */
export type RegularizerIdentifier = 'l1' | 'l2' | 'l1l2' | 'l1_l2' | 'orthogonal_regularizer';

/** Keras JSON form of a regularizer: `{class_name: 'L2', config: {l2: 0.01}}`. */
export interface SerializedRegularizer {
  class_name: string;
  config: Record<string, unknown>;
}

/** Anything a `*Regularizer` option accepts; Keras 1 `{name: 'WeightRegularizer', l1, l2}` too. */
export type RegularizerOption =
  RegularizerIdentifier | SerializedRegularizer | Regularizer | TfjsSerializable;

const KIND = 'regularizer';
const EXPECTED =
  'l1, l2, l1_l2, orthogonal_regularizer or a Keras object with class_name L1, L2, L1L2, OrthogonalRegularizer';

/** `l1·Σ|x| + l2·Σx²`, as Keras and tfjs-layers compute it. */
function l1l2(className: 'L1' | 'L2' | 'L1L2', l1: number, l2: number): Regularizer {
  const config: Record<string, unknown> =
    className === 'L1' ? { l1 } : className === 'L2' ? { l2 } : { l1, l2 };
  return {
    className,
    config,
    apply: (x) =>
      tf.tidy(() => {
        let sum: tf.Scalar = tf.scalar(0);
        if (l1 !== 0) sum = tf.add(sum, tf.mul(l1, tf.sum(tf.abs(x))));
        if (l2 !== 0) sum = tf.add(sum, tf.mul(l2, tf.sum(tf.square(x))));
        return sum;
      }),
  };
}

/**
 * Keras 3's `OrthogonalRegularizer`: the mean absolute cosine between
 * distinct rows (or columns) of a rank-2 weight, times `factor / 2`.
 */
function orthogonal(factor: number, mode: 'rows' | 'columns'): Regularizer {
  return {
    className: 'OrthogonalRegularizer',
    config: { factor, mode },
    apply: (x) =>
      tf.tidy(() => {
        if (x.rank !== 2) {
          throw new ConfigError(
            `OrthogonalRegularizer needs a rank-2 weight, received shape [${x.shape.join(', ')}]`,
          );
        }
        const axis = mode === 'rows' ? 1 : 0;
        const norms = tf.sqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12));
        const unit = tf.div(x, norms);
        const product =
          mode === 'rows' ? tf.matMul(unit, unit, false, true) : tf.matMul(unit, unit, true, false);
        const size = product.shape[0] ?? 1;
        const offDiagonal = tf.mul(product, tf.sub(1, tf.eye(size)));
        const pairs = (size * (size - 1)) / 2;
        return tf.div(tf.mul(factor * 0.5, tf.sum(tf.abs(offDiagonal))), pairs) as tf.Scalar;
      }),
  };
}

type Make = (o: KerasObject) => Regularizer;

const l1Of = (o: KerasObject, fallback: number): number =>
  numberSetting(o, KIND, 'l1', fallback, 'nonNegative');
const l2Of = (o: KerasObject, fallback: number): number =>
  numberSetting(o, KIND, 'l2', fallback, 'nonNegative');

/**
 * Keyed by `lookupKey`. Defaults follow Keras 2: the `L1`/`L2` factor is
 * 0.01; the `L1L2` class defaults to 0 each, its `l1_l2` function to 0.01
 * each; tfjs-layers' `l1l2` name means the function.
 */
const byName = new Map<string, Make>([
  ['l1', (o) => l1l2('L1', l1Of(o, 0.01), 0)],
  ['l2', (o) => l1l2('L2', 0, l2Of(o, 0.01))],
  [
    'l1l2',
    (o) =>
      o.className === 'L1L2'
        ? l1l2('L1L2', l1Of(o, 0), l2Of(o, 0))
        : l1l2('L1L2', l1Of(o, 0.01), l2Of(o, 0.01)),
  ],
  // Keras 1's names, for weights and for activities.
  ['weightregularizer', (o) => l1l2('L1L2', l1Of(o, 0), l2Of(o, 0))],
  ['activityregularizer', (o) => l1l2('L1L2', l1Of(o, 0), l2Of(o, 0))],
  [
    'orthogonalregularizer',
    (o) => {
      const mode = o.config['mode'] ?? 'rows';
      if (mode !== 'rows' && mode !== 'columns') {
        throw new ConfigError(
          `regularizer OrthogonalRegularizer: mode must be rows or columns, received ${JSON.stringify(mode)}`,
        );
      }
      return orthogonal(numberSetting(o, KIND, 'factor', 0.01, 'nonNegative'), mode);
    },
  ],
]);

/**
 * Resolves a regularizer option or Keras JSON value; undefined for none
 * (`null`, `undefined`). Throws `ConfigError` naming the accepted forms.
 */
export function getRegularizer(value: unknown, layerName?: string): Regularizer | undefined {
  return resolveKerasCallable(value, KIND, byName, EXPECTED, layerName);
}

/** Keras JSON of a regularizer, `null` for none. */
export function serializeRegularizer(r: Regularizer | undefined): SerializedRegularizer | null {
  return serializeKerasCallable(r);
}

/** `tf.regularizers.l2()`-style factories (tfjs-layers' names and defaults). */
export const regularizers = {
  /** `l1·Σ|x|`; default 0.01. */
  l1: (config: { l1?: number } = {}): Regularizer =>
    l1l2('L1', l1Of({ className: 'L1', config }, 0.01), 0),
  /** `l2·Σx²`; default 0.01. */
  l2: (config: { l2?: number } = {}): Regularizer =>
    l1l2('L2', 0, l2Of({ className: 'L2', config }, 0.01)),
  /** Both; default 0.01 each. */
  l1l2: (config: { l1?: number; l2?: number } = {}): Regularizer => {
    const o = { className: 'L1L2', config };
    return l1l2('L1L2', l1Of(o, 0.01), l2Of(o, 0.01));
  },
  /** Keras 3's OrthogonalRegularizer; default factor 0.01, mode rows. */
  orthogonal: (config: { factor?: number; mode?: 'rows' | 'columns' } = {}): Regularizer =>
    orthogonal(
      numberSetting(
        { className: 'OrthogonalRegularizer', config },
        KIND,
        'factor',
        0.01,
        'nonNegative',
      ),
      config.mode ?? 'rows',
    ),
};
