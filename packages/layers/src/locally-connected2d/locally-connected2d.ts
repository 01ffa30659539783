import type { LayerPlugin } from '@framewise/core';
import {
  LocallyConnected,
  type LocallyConnectedOptions,
} from '../common/locally-connected-base.js';
import { optionsFromKeras } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `locallyConnected2d()` (Keras 2's names, camelCased; tfjs-layers has no such layer). */
export interface LocallyConnected2DOptions extends LocallyConnectedOptions {
  /** `3` or `[3, 3]`. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
}

/**
 * A 2-D convolution without weight sharing over `[batch, height, width, channels]`
 * (Keras 2): every output pixel has its own kernel. Weights: `kernel`
 * `[rows × cols, kh × kw × channels, filters]` (implementation 1; implementation 2:
 * `[height, width, channels, rows, cols, filters]`, masked), `bias` `[rows, cols, filters]`.
 * Height and width must be known to build.
 */
export class LocallyConnected2D extends LocallyConnected {
  static override readonly className = 'LocallyConnected2D';

  constructor(options: LocallyConnected2DOptions) {
    super(options, 2, spatialInputHint(2, 'locallyConnected2d'));
  }
}

/** A LocallyConnected2D layer: `locallyConnected2d({filters: 8, kernelSize: 3})`. */
export function locallyConnected2d(options: LocallyConnected2DOptions): LocallyConnected2D {
  return new LocallyConnected2D(options);
}

/** Registry entry for `LocallyConnected2D`; refuses implementation 3. */
export const locallyConnected2dPlugin: LayerPlugin<LocallyConnected2DOptions> = {
  className: 'LocallyConnected2D',
  create: locallyConnected2d,
  fromConfig: (config) =>
    new LocallyConnected2D(
      optionsFromKeras<LocallyConnected2DOptions>(config, 'LocallyConnected2D'),
    ),
};
