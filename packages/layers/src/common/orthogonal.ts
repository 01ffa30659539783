import * as tf from '@tensorflow/tfjs-core';
import { getInitializer, type Initializer } from '@framewise/core';
import type { InitializerOption } from './options.js';

/**
 * Keras' `Orthogonal` initializer, the default recurrent kernel initializer of
 * every RNN. It belongs in core's initializers; until it is there, recurrent
 * layers resolve their initializer options through `recurrentInitializer`.
 *
 * As in Keras and tfjs-layers: a normal matrix of shape `[max(r, c), min(r, c)]`
 * (rows = product of all axes but the last), its QR decomposition, Q with its
 * columns' signs fixed by R's diagonal (so the result is uniformly distributed),
 * transposed back when there are fewer rows than columns, times `gain`.
 */
export function orthogonal(options: { gain?: number; seed?: number | null } = {}): Initializer {
  const gain = options.gain ?? 1;
  const seed = typeof options.seed === 'number' ? options.seed : undefined;
  return {
    className: 'Orthogonal',
    config: { gain, seed: seed ?? null },
    apply(shape) {
      return tf.tidy(() => {
        if (shape.length < 2) {
          throw new RangeError(`Orthogonal needs a shape of rank 2 or more, received [${shape}]`);
        }
        const cols = shape[shape.length - 1]!;
        const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
        const small = Math.min(rows, cols);
        const a = tf.randomNormal([Math.max(rows, cols), small], 0, 1, 'float32', seed);
        const [q, r] = tf.linalg.qr(a) as [tf.Tensor2D, tf.Tensor2D];
        const diagonal = tf.sum(tf.mul(r, tf.eye(small)), 0);
        let m: tf.Tensor2D = tf.mul(q, tf.sign(diagonal));
        if (rows < cols) m = tf.transpose(m);
        return tf.mul(tf.reshape(m, shape), gain);
      });
    },
  };
}

/** Initializer options of recurrent layers: core's, plus `'orthogonal'`. */
export type RecurrentInitializerOption = InitializerOption | 'orthogonal';

/**
 * Resolves an initializer option like core's `getInitializer`, plus the
 * `orthogonal` identifier and Keras' `{class_name: 'Orthogonal'}` that core
 * does not know yet.
 */
export function recurrentInitializer(
  option: RecurrentInitializerOption,
  layerName: string,
): Initializer {
  if (option === 'orthogonal') return orthogonal();
  if (
    typeof option === 'object' &&
    option !== null &&
    !('apply' in option) &&
    option.class_name === 'Orthogonal'
  ) {
    const config = option.config ?? {};
    return orthogonal({
      gain: typeof config['gain'] === 'number' ? config['gain'] : 1,
      seed: typeof config['seed'] === 'number' ? config['seed'] : null,
    });
  }
  return getInitializer(option, layerName);
}
