import * as tf from '@tensorflow/tfjs-core';
import {
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Merge, mergeFactory } from '../common/merge.js';
import { twoInputShapes, twoInputTensors } from '../common/two-inputs.js';

/** Options of `subtract()`: only the common ones (name, trainable ...). */
export type SubtractOptions = LayerOptions;

/**
 * The first input minus the second (Keras `Subtract`), broadcasting as Keras
 * does. Exactly two inputs: with more, "minus" would depend on an order Keras
 * never defined, so Keras refuses them and so does this layer.
 */
export class Subtract extends Merge {
  static override readonly className = 'Subtract';

  override computeOutputShape(inputShape: Shapes): Shape {
    twoInputShapes(inputShape, this.name);
    return super.computeOutputShape(inputShape);
  }

  override call(inputs: Tensors, options: CallOptions): tf.Tensor {
    twoInputTensors(inputs, this.name);
    return super.call(inputs, options);
  }

  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    const [a, b] = twoInputTensors(inputs, this.name);
    return tf.sub(a, b);
  }
}

/** A Subtract layer: `subtract()`, or `subtract([a, b])` to apply one at once (tfjs-layers' forms). */
export const subtract = mergeFactory((options?: SubtractOptions) => new Subtract(options));

/** Registry entry for `Subtract`. */
export const subtractPlugin: LayerPlugin<SubtractOptions> = {
  className: 'Subtract',
  create: (options) => new Subtract(options),
  fromConfig: (config) => new Subtract(optionsFromKeras<SubtractOptions>(config, 'Subtract')),
};
