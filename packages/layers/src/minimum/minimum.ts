import * as tf from '@tensorflow/tfjs-core';
import { type LayerOptions, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';

/** Options of `minimum()`: only the common ones (name, trainable ...). */
export type MinimumOptions = LayerOptions;

/** Element-wise smallest of its inputs (Keras `Minimum`), broadcasting as Keras does. */
export class Minimum extends Merge {
  static override readonly className = 'Minimum';

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((acc, x) => tf.minimum(acc, x));
  }
}

/** A Minimum layer: `minimum()`, or `minimum([a, b])` to apply one at once (tfjs-layers' forms). */
export const minimum = mergeFactory((options?: MinimumOptions) => new Minimum(options));

/** Registry entry for `Minimum`. */
export const minimumPlugin: LayerPlugin<MinimumOptions> = {
  className: 'Minimum',
  create: (options) => new Minimum(options),
  fromConfig: (config) => new Minimum(optionsFromKeras<MinimumOptions>(config, 'Minimum')),
};
