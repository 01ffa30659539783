import type { LayerPlugin } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalMaxPooling3d()`. */
export type GlobalMaxPooling3DOptions = GlobalPoolingOptions;

/**
 * The maximum over all voxels of `[batch, depth, height, width, channels]`, per channel:
 * `[batch, channels]` (or with the pooled axes kept at size 1, `keepdims`).
 */
export class GlobalMaxPooling3D extends GlobalPooling {
  static override readonly className = 'GlobalMaxPooling3D';

  constructor(options: GlobalMaxPooling3DOptions = {}) {
    super(options, 3, 'max');
  }
}

/** A GlobalMaxPooling3D layer: `globalMaxPooling3d()`. */
export function globalMaxPooling3d(options: GlobalMaxPooling3DOptions = {}): GlobalMaxPooling3D {
  return new GlobalMaxPooling3D(options);
}

/** Registry entry for `GlobalMaxPooling3D`. */
export const globalMaxPooling3dPlugin: LayerPlugin<GlobalMaxPooling3DOptions> = {
  className: 'GlobalMaxPooling3D',
  create: globalMaxPooling3d,
  fromConfig: (config) =>
    new GlobalMaxPooling3D(
      optionsFromKeras<GlobalMaxPooling3DOptions>(config, 'GlobalMaxPooling3D'),
    ),
};
