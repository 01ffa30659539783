import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { Pooling, type Pooling2DOptions } from '../common/pooling-base.js';

/** Options of `maxPooling2d()` (tfjs-layers' names and defaults). */
export type MaxPooling2DOptions = Pooling2DOptions;

/** The maximum of each window along height and width of `[batch, height, width, channels]`, per channel. */
export class MaxPooling2D extends Pooling {
  static override readonly className = 'MaxPooling2D';

  constructor(options: MaxPooling2DOptions = {}) {
    super(options, 2, 'max');
  }
}

/** A MaxPooling2D layer: `maxPooling2d({poolSize: 2})` halves height and width. */
export function maxPooling2d(options: MaxPooling2DOptions = {}): MaxPooling2D {
  return new MaxPooling2D(options);
}

/** Registry entry for `MaxPooling2D`. */
export const maxPooling2dPlugin: LayerPlugin<MaxPooling2DOptions> = {
  className: 'MaxPooling2D',
  create: maxPooling2d,
  fromConfig: (config) =>
    new MaxPooling2D(optionsFromKeras<MaxPooling2DOptions>(config, 'MaxPooling2D')),
};
