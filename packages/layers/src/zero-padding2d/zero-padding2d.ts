import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Zeros before and after each spatial axis: `[[top, bottom], [left, right]]`. */
export type Padding2D = [[number, number], [number, number]];

/** Options of `zeroPadding2d()` (tfjs-layers' names). */
export interface ZeroPadding2DOptions extends PadCropOptions {
  /**
   * Default 1. A number pads every side by it; `[h, w]` pads top and bottom
   * by `h`, left and right by `w`; `[[top, bottom], [left, right]]` sets each side.
   */
  padding?: number | [number, number] | Padding2D;
}

/** Adds rows and columns of zeros around `[batch, height, width, channels]` images. */
export class ZeroPadding2D extends PadCrop {
  static override readonly className = 'ZeroPadding2D';

  constructor(options: ZeroPadding2DOptions = {}) {
    super(options, 2, 'pad', 1);
  }

  /** `[[top, bottom], [left, right]]`. */
  get padding(): Padding2D {
    return this.pairs as Padding2D;
  }
}

/** A ZeroPadding2D layer: `zeroPadding2d({padding: [[1, 0], [1, 0]]})` pads the top and left by one. */
export function zeroPadding2d(options: ZeroPadding2DOptions = {}): ZeroPadding2D {
  return new ZeroPadding2D(options);
}

/** Registry entry for `ZeroPadding2D`. */
export const zeroPadding2dPlugin: LayerPlugin<ZeroPadding2DOptions> = {
  className: 'ZeroPadding2D',
  create: zeroPadding2d,
  fromConfig: (config) =>
    new ZeroPadding2D(optionsFromKeras<ZeroPadding2DOptions>(config, 'ZeroPadding2D')),
};
