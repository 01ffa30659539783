import * as tf from '@tensorflow/tfjs-core';
import { type LayerOptions, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';

/** Options of `maximum()`: only the common ones (name, trainable ...). */
export type MaximumOptions = LayerOptions;

/** Element-wise largest of its inputs (Keras `Maximum`), broadcasting as Keras does. */
export class Maximum extends Merge {
  static override readonly className = 'Maximum';

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((acc, x) => tf.maximum(acc, x));
  }
}

/** A Maximum layer: `maximum()`, or `maximum([a, b])` to apply one at once (tfjs-layers' forms). */
export const maximum = mergeFactory((options?: MaximumOptions) => new Maximum(options));

/** Registry entry for `Maximum`. */
export const maximumPlugin: LayerPlugin<MaximumOptions> = {
  className: 'Maximum',
  create: (options) => new Maximum(options),
  fromConfig: (config) => new Maximum(optionsFromKeras<MaximumOptions>(config, 'Maximum')),
};
