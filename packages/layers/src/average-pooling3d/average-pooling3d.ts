import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling3DOptions } from '../common/pooling-base.js';

/** Options of `averagePooling3d()` (tfjs-layers' names and defaults). */
export type AveragePooling3DOptions = Pooling3DOptions;

/** The mean of each window along depth, height and width of `[batch, depth, height, width, channels]`, per channel. */
export class AveragePooling3D extends Pooling {
  static override readonly className = 'AveragePooling3D';

  constructor(options: AveragePooling3DOptions = {}) {
    super(options, 3, 'avg');
  }
}

/** An AveragePooling3D layer: `averagePooling3d({poolSize: 2})` halves depth, height and width. */
export function averagePooling3d(options: AveragePooling3DOptions = {}): AveragePooling3D {
  return new AveragePooling3D(options);
}

/** Registry entry for `AveragePooling3D`. */
export const averagePooling3dPlugin: LayerPlugin<AveragePooling3DOptions> = {
  className: 'AveragePooling3D',
  create: averagePooling3d,
  fromConfig: (config) =>
    new AveragePooling3D(optionsFromKeras<AveragePooling3DOptions>(config, 'AveragePooling3D')),
};
