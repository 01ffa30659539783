import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { RepeatUpSampling, type RepeatUpSamplingOptions } from '../common/up-sampling-base.js';

/** Options of `upSampling3d()` (Keras' names, camelCased). */
export interface UpSampling3DOptions extends RepeatUpSamplingOptions {
  /** Factors for depth, height and width; default `[2, 2, 2]`. A number (Keras) repeats it. */
  size?: number | [number, number, number];
}

/**
 * Enlarges `[batch, depth, height, width, channels]` volumes by integer factors, repeating
 * each voxel (nearest neighbour, Keras' only rule for 3-D).
 */
export class UpSampling3D extends RepeatUpSampling {
  static override readonly className = 'UpSampling3D';

  constructor(options: UpSampling3DOptions = {}) {
    super(options, 3);
  }

  /** The factor of each spatial axis. */
  get size(): number[] {
    return this.factors.slice();
  }
}

/** An UpSampling3D layer: `upSampling3d({size: [1, 2, 2]})` doubles height and width. */
export function upSampling3d(options: UpSampling3DOptions = {}): UpSampling3D {
  return new UpSampling3D(options);
}

/** Registry entry for `UpSampling3D`. */
export const upSampling3dPlugin: LayerPlugin<UpSampling3DOptions> = {
  className: 'UpSampling3D',
  create: upSampling3d,
  fromConfig: (config) =>
    new UpSampling3D(optionsFromKeras<UpSampling3DOptions>(config, 'UpSampling3D')),
};
