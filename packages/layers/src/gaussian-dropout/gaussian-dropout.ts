import * as tf from '@tensorflow/tfjs-core';
import type { LayerPlugin } from '@framewise/core';
import { dropRate, NoiseLayer, type NoiseOptions } from '../common/noise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `gaussianDropout()` (tfjs-layers' names). */
export interface GaussianDropoutOptions extends NoiseOptions {
  /** Drop probability it stands for, in [0, 1): the noise has stddev √(rate / (1 − rate)). */
  rate: number;
}

/**
 * Multiplies by N(1, rate / (1 − rate)) noise while training; passes values
 * through otherwise (Keras `GaussianDropout`).
 */
export class GaussianDropout extends NoiseLayer {
  static override readonly className = 'GaussianDropout';
  readonly rate: number;

  constructor(options: GaussianDropoutOptions) {
    const opts = options ?? ({} as GaussianDropoutOptions);
    super(opts);
    this.rate = dropRate(opts.rate, this.name);
  }

  protected override get active(): boolean {
    return this.rate > 0;
  }

  protected override drawNoise(shape: number[]): tf.Tensor {
    return this.normal(shape, 1, Math.sqrt(this.rate / (1 - this.rate)));
  }

  protected override applyNoise(x: tf.Tensor, noise: tf.Tensor): tf.Tensor {
    return tf.mul(x, noise);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}

/** A GaussianDropout layer: `gaussianDropout({rate: 0.2})`. */
export function gaussianDropout(options: GaussianDropoutOptions): GaussianDropout {
  return new GaussianDropout(options);
}

/** Registry entry for `GaussianDropout`. */
export const gaussianDropoutPlugin: LayerPlugin<GaussianDropoutOptions> = {
  className: 'GaussianDropout',
  create: gaussianDropout,
  fromConfig: (config) =>
    new GaussianDropout(optionsFromKeras<GaussianDropoutOptions>(config, 'GaussianDropout')),
};
