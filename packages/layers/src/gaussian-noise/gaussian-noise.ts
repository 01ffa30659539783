import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, type LayerPlugin } from '@framewise/core';
import { numberOption } from '../common/elementwise.js';
import { NoiseLayer, type NoiseOptions } from '../common/noise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `gaussianNoise()` (tfjs-layers' names). */
export interface GaussianNoiseOptions extends NoiseOptions {
  /** Standard deviation of the noise added while training; ≥ 0. */
  stddev: number;
}

/** Adds N(0, stddev²) noise while training; passes values through otherwise (Keras `GaussianNoise`). */
export class GaussianNoise extends NoiseLayer {
  static override readonly className = 'GaussianNoise';
  readonly stddev: number;

  constructor(options: GaussianNoiseOptions) {
    const opts = options ?? ({} as GaussianNoiseOptions);
    super(opts);
    if (opts.stddev === undefined) {
      throw new ConfigError('stddev is required: a number ≥ 0, received none', this.name);
    }
    this.stddev = numberOption(opts.stddev, 0, 'stddev', this.name, {
      min: 0,
      expected: 'a number ≥ 0',
    });
  }

  protected override get active(): boolean {
    return this.stddev > 0;
  }

  protected override drawNoise(shape: number[]): tf.Tensor {
    return this.normal(shape, 0, this.stddev);
  }

  protected override applyNoise(x: tf.Tensor, noise: tf.Tensor): tf.Tensor {
    return tf.add(x, noise);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** A GaussianNoise layer: `gaussianNoise({stddev: 0.1})`. */
export function gaussianNoise(options: GaussianNoiseOptions): GaussianNoise {
  return new GaussianNoise(options);
}

/** Registry entry for `GaussianNoise`. */
export const gaussianNoisePlugin: LayerPlugin<GaussianNoiseOptions> = {
  className: 'GaussianNoise',
  create: gaussianNoise,
  fromConfig: (config) =>
    new GaussianNoise(optionsFromKeras<GaussianNoiseOptions>(config, 'GaussianNoise')),
};
