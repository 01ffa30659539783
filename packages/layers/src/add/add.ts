import * as tf from '@tensorflow/tfjs-core';
import { type LayerOptions, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';

/** Options of `add()`: only the common ones (name, trainable ...). */
export type AddOptions = LayerOptions;

/** Element-wise sum of its inputs (Keras `Add`), broadcasting as Keras does. */
export class Add extends Merge {
  static override readonly className = 'Add';

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((acc, x) => tf.add(acc, x));
  }
}

/** An Add layer: `add()`, or `add([a, b])` to apply one at once (tfjs-layers' forms). */
export const add = mergeFactory((options?: AddOptions) => new Add(options));

/** Registry entry for `Add`. */
export const addPlugin: LayerPlugin<AddOptions> = {
  className: 'Add',
  create: (options) => new Add(options),
  fromConfig: (config) => new Add(optionsFromKeras<AddOptions>(config, 'Add')),
};
