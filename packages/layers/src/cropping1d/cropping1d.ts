import { at, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Steps removed from the start and the end of a sequence: `[start, end]`. */
export type Cropping1DValue = [number, number];

/** Options of `cropping1d()` (Keras' names, camelCased). */
export interface Cropping1DOptions extends PadCropOptions {
  /**
   * Default `[1, 1]`. A number removes that many steps at each end; `[start, end]` sets each end.
   */
  cropping?: number | [number, number];
}

/**
 * Removes steps at both ends of `[batch, steps, channels]` sequences.
 * Keras 2 writes no `data_format` for it; channels stay last.
 */
export class Cropping1D extends PadCrop {
  static override readonly className = 'Cropping1D';

  constructor(options: Cropping1DOptions = {}) {
    super(options, 1, 'crop', 1);
  }

  /** `[start, end]`. */
  get cropping(): Cropping1DValue {
    return at(this.pairs, 0, 'axis pair');
  }
}

/** A Cropping1D layer: `cropping1d({cropping: [1, 0]})` drops the first step. */
export function cropping1d(options: Cropping1DOptions = {}): Cropping1D {
  return new Cropping1D(options);
}

/** Registry entry for `Cropping1D`. */
export const cropping1dPlugin: LayerPlugin<Cropping1DOptions> = {
  className: 'Cropping1D',
  create: cropping1d,
  fromConfig: (config) => new Cropping1D(optionsFromKeras<Cropping1DOptions>(config, 'Cropping1D')),
};
