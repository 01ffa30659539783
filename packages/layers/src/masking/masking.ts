import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Masks,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `masking()` (tfjs-layers' names). */
export interface MaskingOptions extends LayerOptions {
  /** A step whose features all equal this value is masked; default 0. */
  maskValue?: number;
}

/**
 * Marks padding steps (Keras `Masking`): a step is masked when every value on
 * its last axis equals `maskValue`. The mask, `[batch, time]` for
 * `[batch, time, features]`, goes to the layers after it, and masked steps
 * come out as zeros, as in Keras.
 */
export class Masking extends Layer {
  static override readonly className = 'Masking';
  readonly maskValue: number;

  constructor(options: MaskingOptions = {}) {
    super(options ?? {});
    const value = options?.maskValue ?? 0;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new ConfigError(
        `maskValue must be a number, received ${JSON.stringify(value)}`,
        this.name,
      );
    }
    this.maskValue = value;
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2, describe: '[batch, ..., features]' };
  }

  /** Each step's mask comes from that step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const keep = tf.any(tf.notEqual(x, this.maskValue), -1, true);
    return tf.mul(x, tf.cast(keep, x.dtype));
  }

  override computeMask(inputs: Tensors, _mask: Masks | undefined): Masks {
    return tf.tidy(() => tf.any(tf.notEqual(inputs as tf.Tensor, this.maskValue), -1));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }
}

/** A Masking layer: `masking({maskValue: 0})`. */
export function masking(options?: MaskingOptions): Masking {
  return new Masking(options);
}

/** Registry entry for `Masking`. */
export const maskingPlugin: LayerPlugin<MaskingOptions> = {
  className: 'Masking',
  create: masking,
  fromConfig: (config) => new Masking(optionsFromKeras<MaskingOptions>(config, 'Masking')),
};
