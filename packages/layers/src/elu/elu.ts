import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerOptions, LayerPlugin, Tensors } from '@framewise/core';
import { ElementwiseLayer, numberOption } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `elu()` (tfjs-layers' names). */
export interface ELUOptions extends LayerOptions {
  /** Scale of the negative part. Default 1. */
  alpha?: number;
}

/**
 * `x` for x > 0, `alpha · (exp(x) − 1)` below (Keras `ELU`). Unlike
 * tfjs-layers' ELU, any `alpha` works, not only 1.
 */
export class ELU extends ElementwiseLayer {
  static override readonly className = 'ELU';
  readonly alpha: number;

  constructor(options: ELUOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.alpha = numberOption(opts.alpha, 1, 'alpha', this.name);
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    if (this.alpha === 1) return tf.elu(x);
    // relu(x) + alpha · (exp(min(x, 0)) − 1): the exponential never sees a large x.
    return tf.add(tf.relu(x), tf.mul(this.alpha, tf.expm1(tf.minimum(x, 0))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** An ELU layer: `elu({alpha: 0.5})`. */
export function elu(options: ELUOptions = {}): ELU {
  return new ELU(options);
}

/** Registry entry for `ELU`. */
export const eluPlugin: LayerPlugin<ELUOptions> = {
  className: 'ELU',
  create: elu,
  fromConfig: (config) => new ELU(optionsFromKeras<ELUOptions>(config, 'ELU')),
};
