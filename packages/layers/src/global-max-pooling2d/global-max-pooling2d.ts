import type { LayerPlugin } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalMaxPooling2d()`. */
export type GlobalMaxPooling2DOptions = GlobalPoolingOptions;

/**
 * The maximum over all pixels of `[batch, height, width, channels]`, per channel:
 * `[batch, channels]` (or with the pooled axes kept at size 1, `keepdims`).
 */
export class GlobalMaxPooling2D extends GlobalPooling {
  static override readonly className = 'GlobalMaxPooling2D';

  constructor(options: GlobalMaxPooling2DOptions = {}) {
    super(options, 2, 'max');
  }
}

/** A GlobalMaxPooling2D layer: `globalMaxPooling2d()`. */
export function globalMaxPooling2d(options: GlobalMaxPooling2DOptions = {}): GlobalMaxPooling2D {
  return new GlobalMaxPooling2D(options);
}

/** Registry entry for `GlobalMaxPooling2D`. */
export const globalMaxPooling2dPlugin: LayerPlugin<GlobalMaxPooling2DOptions> = {
  className: 'GlobalMaxPooling2D',
  create: globalMaxPooling2d,
  fromConfig: (config) =>
    new GlobalMaxPooling2D(
      optionsFromKeras<GlobalMaxPooling2DOptions>(config, 'GlobalMaxPooling2D'),
    ),
};
