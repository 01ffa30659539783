import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  type LayerOptions,
  type Shapes,
  type StreamSupport,
} from '@framewise/core';
import { PER_STEP } from './stream.js';

/**
 * Base of the weightless layers that keep the shape and work value by value
 * (ReLU, LeakyReLU, ELU, ThresholdedReLU, the noise layers) or along feature
 * axes (Softmax): masks pass through, every step streams alone, no
 * multiply-accumulates against weights.
 */
export abstract class ElementwiseLayer extends Layer {
  constructor(options: LayerOptions) {
    super(options);
    this.supportsMasking = true;
  }

  /** Value by value: every step alone (the noise layers stream in inference mode, an identity). */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }

  /** No products against weights (activations count 0, as in `macs.spec.ts`). */
  override macs(inputShape: Shapes): number {
    void inputShape;
    return 0;
  }
}

/** A new handle on `x`, so that disposing a layer's output never frees the caller's input. */
export function passThrough(x: tf.Tensor): tf.Tensor {
  return tf.clone(x);
}

/**
 * Throws `ConfigError` unless `value` is a finite number (within `[min, max)`
 * when given); returns `fallback` for `undefined`.
 */
export function numberOption(
  value: unknown,
  fallback: number,
  option: string,
  layerName: string,
  range: { min?: number; below?: number; expected?: string } = {},
): number {
  if (value === undefined) return fallback;
  const { min = -Infinity, below = Infinity } = range;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value >= below) {
    throw new ConfigError(
      `${option} must be ${range.expected ?? 'a finite number'}, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return value;
}
