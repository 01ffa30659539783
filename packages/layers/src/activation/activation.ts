import * as tf from '@tensorflow/tfjs-core';
import {
  getActivation,
  Layer,
  normaliseActivation,
  toKerasConfig,
  type ActivationIdentifier,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `activation()` (tfjs-layers' names). */
export interface ActivationOptions extends LayerOptions {
  /** tfjs' camelCase name (`hardSigmoid`) or Keras' snake_case one (`hard_sigmoid`). */
  activation: ActivationIdentifier | (string & {});
}

/**
 * Applies an activation function element-wise (Keras `Activation`); `softmax`
 * normalises over the last axis. Masks pass through unchanged.
 */
export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: ActivationIdentifier;

  constructor(options: ActivationOptions) {
    super(options ?? {});
    this.activation = normaliseActivation(options?.activation, this.name);
    this.supportsMasking = true;
  }

  /** Element by element: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const y = getActivation(this.activation)(x);
    // A new handle, so disposing the output never frees the caller's input.
    return y === x ? tf.clone(x) : y;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...toKerasConfig({ activation: this.activation }) };
  }
}

/** An Activation layer: `activation({activation: 'relu'})`. */
export function activation(options: ActivationOptions): Activation {
  return new Activation(options);
}

/** Registry entry for `Activation`. */
export const activationPlugin: LayerPlugin<ActivationOptions> = {
  className: 'Activation',
  create: activation,
  fromConfig: (config) => new Activation(optionsFromKeras<ActivationOptions>(config, 'Activation')),
};
