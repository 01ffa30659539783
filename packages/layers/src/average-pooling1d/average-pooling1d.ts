import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling1DOptions } from '../common/pooling-base.js';

/** Options of `averagePooling1d()` (tfjs-layers' names and defaults). */
export type AveragePooling1DOptions = Pooling1DOptions;

/** The mean of each window along steps of `[batch, steps, channels]`, per channel. */
export class AveragePooling1D extends Pooling {
  static override readonly className = 'AveragePooling1D';

  constructor(options: AveragePooling1DOptions = {}) {
    super(options, 1, 'avg');
  }
}

/** A AveragePooling1D layer: `averagePooling1d({poolSize: 2})` halves the steps. */
export function averagePooling1d(options: AveragePooling1DOptions = {}): AveragePooling1D {
  return new AveragePooling1D(options);
}

/** Registry entry for `AveragePooling1D`. */
export const averagePooling1dPlugin: LayerPlugin<AveragePooling1DOptions> = {
  className: 'AveragePooling1D',
  create: averagePooling1d,
  fromConfig: (config) =>
    new AveragePooling1D(optionsFromKeras<AveragePooling1DOptions>(config, 'AveragePooling1D')),
};
