import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerOptions, LayerPlugin, Tensors } from '@framewise/core';
import { ElementwiseLayer, numberOption } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `thresholdedReLU()` (tfjs-layers' names). */
export interface ThresholdedReLUOptions extends LayerOptions {
  /** Values up to it become 0; ≥ 0. Default 1. */
  theta?: number;
}

/** `x` for x > theta, 0 otherwise (Keras 2 `ThresholdedReLU`). */
export class ThresholdedReLU extends ElementwiseLayer {
  static override readonly className = 'ThresholdedReLU';
  readonly theta: number;

  constructor(options: ThresholdedReLUOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.theta = numberOption(opts.theta, 1, 'theta', this.name, {
      min: 0,
      expected: 'a number ≥ 0',
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    // tf.step: a mask whose gradient is zero (tfjs has none for comparisons).
    return tf.mul(x, tf.step(tf.sub(x, this.theta)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), theta: this.theta };
  }
}

/** A ThresholdedReLU layer: `thresholdedReLU({theta: 0.5})`. */
export function thresholdedReLU(options: ThresholdedReLUOptions = {}): ThresholdedReLU {
  return new ThresholdedReLU(options);
}

/** Registry entry for `ThresholdedReLU`. */
export const thresholdedReLUPlugin: LayerPlugin<ThresholdedReLUOptions> = {
  className: 'ThresholdedReLU',
  create: thresholdedReLU,
  fromConfig: (config) =>
    new ThresholdedReLU(optionsFromKeras<ThresholdedReLUOptions>(config, 'ThresholdedReLU')),
};
