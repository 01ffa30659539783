import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { RepeatUpSampling, type RepeatUpSamplingOptions } from '../common/up-sampling-base.js';

/** Options of `upSampling1d()` (Keras' names, camelCased). */
export interface UpSampling1DOptions extends RepeatUpSamplingOptions {
  /** Default 2: how many times each step is repeated. A one-number list is read as that number. */
  size?: number | [number];
}

/**
 * Repeats each step of `[batch, steps, channels]` sequences `size` times: `[a, b]` becomes `[a, a, b, b]`.
 * Keras 2 writes `size` as one number and no `data_format`.
 */
export class UpSampling1D extends RepeatUpSampling {
  static override readonly className = 'UpSampling1D';

  constructor(options: UpSampling1DOptions = {}) {
    super(options, 1);
  }

  /** The factor of each spatial axis. */
  get size(): number[] {
    return this.factors.slice();
  }
}

/** An UpSampling1D layer: `upSampling1d({size: 3})` triples the number of steps. */
export function upSampling1d(options: UpSampling1DOptions = {}): UpSampling1D {
  return new UpSampling1D(options);
}

/** Registry entry for `UpSampling1D`. */
export const upSampling1dPlugin: LayerPlugin<UpSampling1DOptions> = {
  className: 'UpSampling1D',
  create: upSampling1d,
  fromConfig: (config) =>
    new UpSampling1D(optionsFromKeras<UpSampling1DOptions>(config, 'UpSampling1D')),
};
