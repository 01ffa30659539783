import * as tf from '@tensorflow/tfjs-core';
import {
  activationChangesShape,
  formatShape,
  getActivation,
  Layer,
  normaliseActivation,
  ShapeError,
  toKerasConfig,
  type ActivationIdentifier,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
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
 * Applies an activation function element-wise (Keras `Activation`); `softmax`,
 * `log_softmax` and `sparsemax` normalise over the last axis, and `glu` halves
 * it (the first half gated by the sigmoid of the second). Masks pass through unchanged.
 */
export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: ActivationIdentifier;

  constructor(options: ActivationOptions) {
    super(options ?? {});
    this.activation = normaliseActivation(options?.activation, this.name, { shapeChanging: true });
    this.supportsMasking = true;
  }

  /** Element by element: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    if (!activationChangesShape(this.activation)) return inputShape;
    // glu: the last axis splits into a half and the half that gates it.
    const s = inputShape as Shape;
    const last = s[s.length - 1];
    if (s.length < 2 || last === undefined || (last !== null && last % 2 !== 0)) {
      throw new ShapeError(
        `${this.activation} splits the last axis in two halves, so it needs a last axis of ` +
          `even size after the batch, received ${formatShape(s)}`,
        this.name,
      );
    }
    return [...s.slice(0, -1), last === null ? null : last / 2];
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
