import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { SpatialDropout, type SpatialDropoutOptions } from '../common/spatial-dropout.js';

/** Options of `spatialDropout2d()` (tfjs-layers' names). */
export type SpatialDropout2DOptions = SpatialDropoutOptions;

/**
 * Drops whole channels of a `[batch, rows, cols, channels]` input while training, scaling the
 * rest by 1 / (1 − rate) (Keras `SpatialDropout2D`); passes values through otherwise.
 */
export class SpatialDropout2D extends SpatialDropout {
  static override readonly className = 'SpatialDropout2D';

  constructor(options: SpatialDropout2DOptions) {
    super(options, 4, '[batch, rows, cols, channels]');
  }
}

/** A SpatialDropout2D layer: `spatialDropout2d({rate: 0.2})`. */
export function spatialDropout2d(options: SpatialDropout2DOptions): SpatialDropout2D {
  return new SpatialDropout2D(options);
}

/** Registry entry for `SpatialDropout2D`. */
export const spatialDropout2dPlugin: LayerPlugin<SpatialDropout2DOptions> = {
  className: 'SpatialDropout2D',
  create: spatialDropout2d,
  fromConfig: (config) =>
    new SpatialDropout2D(optionsFromKeras<SpatialDropout2DOptions>(config, 'SpatialDropout2D')),
};
