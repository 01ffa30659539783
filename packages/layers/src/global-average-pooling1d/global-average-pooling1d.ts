import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerPlugin, Tensors } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalAveragePooling1d()`. */
export type GlobalAveragePooling1DOptions = GlobalPoolingOptions;

/**
 * The mean over all steps of `[batch, steps, channels]`, per channel:
 * `[batch, channels]` (or `[batch, 1, channels]` with `keepdims`).
 *
 * With a `[batch, steps]` mask (after an Embedding with `maskZero`, say) it
 * averages the unmasked steps only, as Keras does; tfjs-layers ignores the
 * mask. A sample with every step masked gives NaN, as in Keras. A mask of
 * rank 1 (one flag per sample, as a TimeDistributed wrapper passes its own
 * `[batch, time]` mask on) does not change the mean. No mask comes out.
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static override readonly className = 'GlobalAveragePooling1D';

  constructor(options: GlobalAveragePooling1DOptions = {}) {
    super(options, 1, 'avg');
  }

  override call(inputs: Tensors, options: CallOptions): tf.Tensor {
    const mask = Array.isArray(options.mask) ? options.mask[0] : options.mask;
    if (!mask || mask.rank !== 2) return super.call(inputs, options);
    const x = inputs as tf.Tensor3D;
    const weights = tf.expandDims(tf.cast(mask, x.dtype), 2);
    return tf.div(tf.sum(tf.mul(x, weights), 1, this.keepdims), tf.sum(weights, 1, this.keepdims));
  }
}

/** A GlobalAveragePooling1D layer: `globalAveragePooling1d()`. */
export function globalAveragePooling1d(
  options: GlobalAveragePooling1DOptions = {},
): GlobalAveragePooling1D {
  return new GlobalAveragePooling1D(options);
}

/** Registry entry for `GlobalAveragePooling1D`. */
export const globalAveragePooling1dPlugin: LayerPlugin<GlobalAveragePooling1DOptions> = {
  className: 'GlobalAveragePooling1D',
  create: globalAveragePooling1d,
  fromConfig: (config) =>
    new GlobalAveragePooling1D(
      optionsFromKeras<GlobalAveragePooling1DOptions>(config, 'GlobalAveragePooling1D'),
    ),
};
