import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { SpatialDropout, type SpatialDropoutOptions } from '../common/spatial-dropout.js';

/** Options of `spatialDropout1d()` (tfjs-layers' names). */
export type SpatialDropout1DOptions = SpatialDropoutOptions;

/**
 * Drops whole channels of a `[batch, steps, channels]` input while training, scaling the
 * rest by 1 / (1 − rate) (Keras `SpatialDropout1D`); passes values through otherwise.
 */
export class SpatialDropout1D extends SpatialDropout {
  static override readonly className = 'SpatialDropout1D';

  constructor(options: SpatialDropout1DOptions) {
    super(options, 3, '[batch, steps, channels]');
  }
}

/** A SpatialDropout1D layer: `spatialDropout1d({rate: 0.2})`. */
export function spatialDropout1d(options: SpatialDropout1DOptions): SpatialDropout1D {
  return new SpatialDropout1D(options);
}

/** Registry entry for `SpatialDropout1D`. */
export const spatialDropout1dPlugin: LayerPlugin<SpatialDropout1DOptions> = {
  className: 'SpatialDropout1D',
  create: spatialDropout1d,
  fromConfig: (config) =>
    new SpatialDropout1D(optionsFromKeras<SpatialDropout1DOptions>(config, 'SpatialDropout1D')),
};
