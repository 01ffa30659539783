import type { LayerPlugin } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalAveragePooling3d()`. */
export type GlobalAveragePooling3DOptions = GlobalPoolingOptions;

/**
 * The mean over all voxels of `[batch, depth, height, width, channels]`, per channel:
 * `[batch, channels]` (or with the pooled axes kept at size 1, `keepdims`).
 */
export class GlobalAveragePooling3D extends GlobalPooling {
  static override readonly className = 'GlobalAveragePooling3D';

  constructor(options: GlobalAveragePooling3DOptions = {}) {
    super(options, 3, 'avg');
  }
}

/** A GlobalAveragePooling3D layer: `globalAveragePooling3d()`. */
export function globalAveragePooling3d(
  options: GlobalAveragePooling3DOptions = {},
): GlobalAveragePooling3D {
  return new GlobalAveragePooling3D(options);
}

/** Registry entry for `GlobalAveragePooling3D`. */
export const globalAveragePooling3dPlugin: LayerPlugin<GlobalAveragePooling3DOptions> = {
  className: 'GlobalAveragePooling3D',
  create: globalAveragePooling3d,
  fromConfig: (config) =>
    new GlobalAveragePooling3D(
      optionsFromKeras<GlobalAveragePooling3DOptions>(config, 'GlobalAveragePooling3D'),
    ),
};
