import type { LayerPlugin } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalAveragePooling2d()`. */
export type GlobalAveragePooling2DOptions = GlobalPoolingOptions;

/**
 * The mean over all pixels of `[batch, height, width, channels]`, per channel:
 * `[batch, channels]` (or with the pooled axes kept at size 1, `keepdims`).
 */
export class GlobalAveragePooling2D extends GlobalPooling {
  static override readonly className = 'GlobalAveragePooling2D';

  constructor(options: GlobalAveragePooling2DOptions = {}) {
    super(options, 2, 'avg');
  }
}

/** A GlobalAveragePooling2D layer: `globalAveragePooling2d()`. */
export function globalAveragePooling2d(
  options: GlobalAveragePooling2DOptions = {},
): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(options);
}

/** Registry entry for `GlobalAveragePooling2D`. */
export const globalAveragePooling2dPlugin: LayerPlugin<GlobalAveragePooling2DOptions> = {
  className: 'GlobalAveragePooling2D',
  create: globalAveragePooling2d,
  fromConfig: (config) =>
    new GlobalAveragePooling2D(
      optionsFromKeras<GlobalAveragePooling2DOptions>(config, 'GlobalAveragePooling2D'),
    ),
};
