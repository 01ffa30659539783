import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling3DOptions } from '../common/pooling-base.js';

/** Options of `maxPooling3d()` (tfjs-layers' names and defaults). */
export type MaxPooling3DOptions = Pooling3DOptions;

/** The maximum of each window along depth, height and width of `[batch, depth, height, width, channels]`, per channel. */
export class MaxPooling3D extends Pooling {
  static override readonly className = 'MaxPooling3D';

  constructor(options: MaxPooling3DOptions = {}) {
    super(options, 3, 'max');
  }
}

/** A MaxPooling3D layer: `maxPooling3d({poolSize: 2})` halves depth, height and width. */
export function maxPooling3d(options: MaxPooling3DOptions = {}): MaxPooling3D {
  return new MaxPooling3D(options);
}

/** Registry entry for `MaxPooling3D`. */
export const maxPooling3dPlugin: LayerPlugin<MaxPooling3DOptions> = {
  className: 'MaxPooling3D',
  create: maxPooling3d,
  fromConfig: (config) =>
    new MaxPooling3D(optionsFromKeras<MaxPooling3DOptions>(config, 'MaxPooling3D')),
};
