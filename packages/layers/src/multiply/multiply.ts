import * as tf from '@tensorflow/tfjs-core';
import { type LayerOptions, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';

/** Options of `multiply()`: only the common ones (name, trainable ...). */
export type MultiplyOptions = LayerOptions;

/** Element-wise product of its inputs (Keras `Multiply`), broadcasting as Keras does. */
export class Multiply extends Merge {
  static override readonly className = 'Multiply';

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((acc, x) => tf.mul(acc, x));
  }
}

/** A Multiply layer: `multiply()`, or `multiply([a, b])` to apply one at once (tfjs-layers' forms). */
export const multiply = mergeFactory((options?: MultiplyOptions) => new Multiply(options));

/** Registry entry for `Multiply`. */
export const multiplyPlugin: LayerPlugin<MultiplyOptions> = {
  className: 'Multiply',
  create: (options) => new Multiply(options),
  fromConfig: (config) => new Multiply(optionsFromKeras<MultiplyOptions>(config, 'Multiply')),
};
