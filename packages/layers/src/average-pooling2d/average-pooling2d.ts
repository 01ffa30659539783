import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling2DOptions } from '../common/pooling-base.js';

/** Options of `averagePooling2d()` (tfjs-layers' names and defaults). */
export type AveragePooling2DOptions = Pooling2DOptions;

/** The mean of each window along height and width of `[batch, height, width, channels]`, per channel. */
export class AveragePooling2D extends Pooling {
  static override readonly className = 'AveragePooling2D';

  constructor(options: AveragePooling2DOptions = {}) {
    super(options, 2, 'avg');
  }
}

/** A AveragePooling2D layer: `averagePooling2d({poolSize: 2})` halves height and width. */
export function averagePooling2d(options: AveragePooling2DOptions = {}): AveragePooling2D {
  return new AveragePooling2D(options);
}

/** Registry entry for `AveragePooling2D`. */
export const averagePooling2dPlugin: LayerPlugin<AveragePooling2DOptions> = {
  className: 'AveragePooling2D',
  create: averagePooling2d,
  fromConfig: (config) =>
    new AveragePooling2D(optionsFromKeras<AveragePooling2DOptions>(config, 'AveragePooling2D')),
};
