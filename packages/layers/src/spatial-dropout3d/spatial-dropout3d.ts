import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { SpatialDropout, type SpatialDropoutOptions } from '../common/spatial-dropout.js';

/** Options of `spatialDropout3d()` (tfjs-layers' names). */
export type SpatialDropout3DOptions = SpatialDropoutOptions;

/**
 * Drops whole channels of a `[batch, depth, rows, cols, channels]` input while training, scaling the
 * rest by 1 / (1 − rate) (Keras `SpatialDropout3D`); passes values through otherwise.
 */
export class SpatialDropout3D extends SpatialDropout {
  static override readonly className = 'SpatialDropout3D';

  constructor(options: SpatialDropout3DOptions) {
    super(options, 5, '[batch, depth, rows, cols, channels]');
  }
}

/** A SpatialDropout3D layer: `spatialDropout3d({rate: 0.2})`. */
export function spatialDropout3d(options: SpatialDropout3DOptions): SpatialDropout3D {
  return new SpatialDropout3D(options);
}

/** Registry entry for `SpatialDropout3D`. */
export const spatialDropout3dPlugin: LayerPlugin<SpatialDropout3DOptions> = {
  className: 'SpatialDropout3D',
  create: spatialDropout3d,
  fromConfig: (config) =>
    new SpatialDropout3D(optionsFromKeras<SpatialDropout3DOptions>(config, 'SpatialDropout3D')),
};
