import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling1DOptions } from '../common/pooling-base.js';

/** Options of `maxPooling1d()` (tfjs-layers' names and defaults). */
export type MaxPooling1DOptions = Pooling1DOptions;

/** The maximum of each window along steps of `[batch, steps, channels]`, per channel. */
export class MaxPooling1D extends Pooling {
  static override readonly className = 'MaxPooling1D';

  constructor(options: MaxPooling1DOptions = {}) {
    super(options, 1, 'max');
  }
}

/** A MaxPooling1D layer: `maxPooling1d({poolSize: 2})` halves the steps. */
export function maxPooling1d(options: MaxPooling1DOptions = {}): MaxPooling1D {
  return new MaxPooling1D(options);
}

/** Registry entry for `MaxPooling1D`. */
export const maxPooling1dPlugin: LayerPlugin<MaxPooling1DOptions> = {
  className: 'MaxPooling1D',
  create: maxPooling1d,
  fromConfig: (config) =>
    new MaxPooling1D(optionsFromKeras<MaxPooling1DOptions>(config, 'MaxPooling1D')),
};
