import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerOptions, LayerPlugin, Tensors } from '@framewise/core';
import { ElementwiseLayer, numberOption } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `leakyReLU()` (tfjs-layers' names). */
export interface LeakyReLUOptions extends LayerOptions {
  /** Slope below 0. Default 0.3 (Keras 2 and tfjs-layers). */
  alpha?: number;
}

/** `x` for x ≥ 0, `alpha · x` below (Keras `LeakyReLU`). */
export class LeakyReLU extends ElementwiseLayer {
  static override readonly className = 'LeakyReLU';
  readonly alpha: number;

  constructor(options: LeakyReLUOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.alpha = numberOption(opts.alpha, 0.3, 'alpha', this.name);
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return tf.leakyRelu(inputs as tf.Tensor, this.alpha);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** A LeakyReLU layer: `leakyReLU({alpha: 0.1})`. */
export function leakyReLU(options: LeakyReLUOptions = {}): LeakyReLU {
  return new LeakyReLU(options);
}

/** Registry entry for `LeakyReLU`; reads Keras 3's `negative_slope` as `alpha`. */
export const leakyReLUPlugin: LayerPlugin<LeakyReLUOptions> = {
  className: 'LeakyReLU',
  create: leakyReLU,
  fromConfig: (config) => {
    const { negative_slope: slope, ...rest } = config;
    const keras =
      rest['alpha'] === undefined && slope !== undefined ? { ...rest, alpha: slope } : rest;
    return new LeakyReLU(optionsFromKeras<LeakyReLUOptions>(keras, 'LeakyReLU'));
  },
};
