import * as tf from '@tensorflow/tfjs-core';
import { type LayerOptions, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';

/** Options of `average()`: only the common ones (name, trainable ...). */
export type AverageOptions = LayerOptions;

/** Element-wise mean of its inputs (Keras `Average`), broadcasting as Keras does. */
export class Average extends Merge {
  static override readonly className = 'Average';

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return tf.div(
      inputs.reduce((acc, x) => tf.add(acc, x)),
      inputs.length,
    );
  }
}

/** A Average layer: `average()`, or `average([a, b])` to apply one at once (tfjs-layers' forms). */
export const average = mergeFactory((options?: AverageOptions) => new Average(options));

/** Registry entry for `Average`. */
export const averagePlugin: LayerPlugin<AverageOptions> = {
  className: 'Average',
  create: (options) => new Average(options),
  fromConfig: (config) => new Average(optionsFromKeras<AverageOptions>(config, 'Average')),
};
