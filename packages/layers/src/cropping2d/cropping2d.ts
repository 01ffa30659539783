import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Rows and columns removed from each side: `[[top, bottom], [left, right]]`. */
export type Cropping2DValue = [[number, number], [number, number]];

/** Options of `cropping2d()` (tfjs-layers' names). */
export interface Cropping2DOptions extends PadCropOptions {
  /**
   * Default 0 (nothing removed). A number crops every side by it; `[h, w]` crops top and bottom
   * by `h`, left and right by `w`; `[[top, bottom], [left, right]]` sets each side.
   */
  cropping?: number | [number, number] | Cropping2DValue;
}

/**
 * Removes rows and columns at the borders of `[batch, height, width, channels]` images.
 */
export class Cropping2D extends PadCrop {
  static override readonly className = 'Cropping2D';

  constructor(options: Cropping2DOptions = {}) {
    super(options, 2, 'crop', 0);
  }

  /** `[[top, bottom], [left, right]]`. */
  get cropping(): Cropping2DValue {
    return this.pairs as Cropping2DValue;
  }
}

/** A Cropping2D layer: `cropping2d({cropping: [[2, 2], [4, 4]]})` trims 2 rows and 4 columns at each border. */
export function cropping2d(options: Cropping2DOptions = {}): Cropping2D {
  return new Cropping2D(options);
}

/** Registry entry for `Cropping2D`. */
export const cropping2dPlugin: LayerPlugin<Cropping2DOptions> = {
  className: 'Cropping2D',
  create: cropping2d,
  fromConfig: (config) => new Cropping2D(optionsFromKeras<Cropping2DOptions>(config, 'Cropping2D')),
};
