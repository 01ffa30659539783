import * as tf from '@tensorflow/tfjs-core';
import { at, getActivation, type LayerPlugin } from '@framewise/core';
import { projectInputs, type RecurrentCell } from '../common/recurrent/cell-loop.js';
import { recurrentOptionsFromKeras } from '../common/recurrent/keras-config.js';
import { RecurrentLayer, type RecurrentWeights } from '../common/recurrent/base-layer.js';
import type { RecurrentLayerOptions } from '../common/recurrent/options.js';

/** Options of `simpleRNN()` (tfjs-layers' names and defaults). */
export type SimpleRNNOptions = RecurrentLayerOptions;

/**
 * A fully connected recurrent layer: `h_t = activation(x_t · kernel + h_{t-1} · recurrent_kernel + bias)`.
 * Weights as in Keras: `kernel [features, units]`, `recurrent_kernel [units, units]`, `bias [units]`.
 */
export class SimpleRNN extends RecurrentLayer {
  static override readonly className = 'SimpleRNN';

  constructor(options: SimpleRNNOptions) {
    super(options, 1, 1);
  }

  protected override makeCell(
    w: RecurrentWeights,
    recurrentDropoutMask: tf.Tensor2D | undefined,
  ): RecurrentCell {
    const activation = getActivation(this.settings.activation);
    return {
      project: (x) => projectInputs(x, w.kernel, w.bias as tf.Tensor1D | undefined),
      step(xp, states) {
        const h = at(states, 0, 'SimpleRNN state');
        const hPrev = recurrentDropoutMask ? tf.mul(h, recurrentDropoutMask) : h;
        return [activation(tf.add(xp, tf.matMul(hPrev, w.recurrentKernel))) as tf.Tensor2D];
      },
    };
  }
}

/** A SimpleRNN layer: `simpleRNN({units: 8, returnSequences: true})`. */
export function simpleRNN(options: SimpleRNNOptions): SimpleRNN {
  return new SimpleRNN(options);
}

/** Registry entry for `SimpleRNN`. */
export const simpleRNNPlugin: LayerPlugin<SimpleRNNOptions> = {
  className: 'SimpleRNN',
  create: simpleRNN,
  fromConfig: (config) =>
    new SimpleRNN(recurrentOptionsFromKeras<SimpleRNNOptions>(config, 'SimpleRNN')),
};
