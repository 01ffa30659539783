import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Zeros before and after each spatial axis: `[[front, back], [top, bottom], [left, right]]`. */
export type Padding3D = [[number, number], [number, number], [number, number]];

/** Options of `zeroPadding3d()` (Keras' names, camelCased). */
export interface ZeroPadding3DOptions extends PadCropOptions {
  /**
   * Default 1. A number pads every side by it; `[d, h, w]` pads both sides of each axis;
   * `[[front, back], [top, bottom], [left, right]]` sets each side.
   */
  padding?: number | [number, number, number] | Padding3D;
}

/**
 * Adds zeros around `[batch, depth, height, width, channels]` volumes.
 */
export class ZeroPadding3D extends PadCrop {
  static override readonly className = 'ZeroPadding3D';

  constructor(options: ZeroPadding3DOptions = {}) {
    super(options, 3, 'pad', 1);
  }

  /** `[[front, back], [top, bottom], [left, right]]`. */
  get padding(): Padding3D {
    return this.pairs as Padding3D;
  }
}

/** A ZeroPadding3D layer: `zeroPadding3d({padding: [0, 1, 1]})` pads height and width by one on each side. */
export function zeroPadding3d(options: ZeroPadding3DOptions = {}): ZeroPadding3D {
  return new ZeroPadding3D(options);
}

/** Registry entry for `ZeroPadding3D`. */
export const zeroPadding3dPlugin: LayerPlugin<ZeroPadding3DOptions> = {
  className: 'ZeroPadding3D',
  create: zeroPadding3d,
  fromConfig: (config) =>
    new ZeroPadding3D(optionsFromKeras<ZeroPadding3DOptions>(config, 'ZeroPadding3D')),
};
