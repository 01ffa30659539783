import type { LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Values removed from each side: `[[front, back], [top, bottom], [left, right]]`. */
export type Cropping3DValue = [[number, number], [number, number], [number, number]];

/** Options of `cropping3d()` (Keras' names, camelCased). */
export interface Cropping3DOptions extends PadCropOptions {
  /**
   * Default 1. A number crops every side by it; `[d, h, w]` crops both sides of each axis;
   * `[[front, back], [top, bottom], [left, right]]` sets each side.
   */
  cropping?: number | [number, number, number] | Cropping3DValue;
}

/**
 * Removes values at the borders of `[batch, depth, height, width, channels]` volumes.
 */
export class Cropping3D extends PadCrop {
  static override readonly className = 'Cropping3D';

  constructor(options: Cropping3DOptions = {}) {
    super(options, 3, 'crop', 1);
  }

  /** `[[front, back], [top, bottom], [left, right]]`. */
  get cropping(): Cropping3DValue {
    return this.pairs as Cropping3DValue;
  }
}

/** A Cropping3D layer: `cropping3d({cropping: [0, 1, 1]})` trims one row and one column at each border. */
export function cropping3d(options: Cropping3DOptions = {}): Cropping3D {
  return new Cropping3D(options);
}

/** Registry entry for `Cropping3D`. */
export const cropping3dPlugin: LayerPlugin<Cropping3DOptions> = {
  className: 'Cropping3D',
  create: cropping3d,
  fromConfig: (config) => new Cropping3D(optionsFromKeras<Cropping3DOptions>(config, 'Cropping3D')),
};
